import { sql, type FragmentSqlToken } from 'slonik';

/**
 * Grades of the students each quarterly-export count is about (приказ № 047371, п. 1.5); the
 * additional-education count is about ages instead (`DOD_AGES`).
 */
export const INDICATOR_GRADES: Record<string, [number, number]> = {
  advanced_classes: [8, 11],
  profile_classes: [10, 11],
  individualised_programmes: [1, 11],
  personal_achievements: [1, 11],
  event_participation: [1, 11],
  dod_enrollment: [1, 11],
};

/** Ages (full years on the day) of the students the `dod_enrollment` count is about. */
export const DOD_AGES: [number, number] = [7, 18];

/** Who an indicator count is about: the students of some organisations on the roll on a local day. */
interface IndicatorScope {
  indicators: readonly string[];
  day: string;
  knownBy: FragmentSqlToken;
  onRollBy?: FragmentSqlToken;
}

/** `students st` (with their class `cg`) × the known indicators `ind`, restricted by `organisations` (a condition on `st`). */
function applicable(opts: IndicatorScope, organisations: FragmentSqlToken, marks: FragmentSqlToken): FragmentSqlToken {
  const known = opts.indicators.filter((i) => INDICATOR_GRADES[i]);
  const lo = known.map((i) => INDICATOR_GRADES[i]![0]);
  const hi = known.map((i) => INDICATOR_GRADES[i]![1]);
  return sql.fragment`
    FROM students st
    LEFT JOIN class_groups cg ON cg.id = st.class_group_id
    CROSS JOIN unnest(${sql.array(known, 'text')}::text[], ${sql.array(lo, 'int4')}::int[], ${sql.array(hi, 'int4')}::int[]) AS ind(indicator, lo, hi)
    ${marks}
    WHERE ${organisations}
      AND st.created_at <= ${opts.onRollBy ?? opts.knownBy}
      AND (st.left_at IS NULL OR st.left_at > ${opts.day}::date)
      AND CASE WHEN ind.indicator = 'dod_enrollment' AND st.birth_date IS NOT NULL
               THEN st.birth_date > ${opts.day}::date - make_interval(years => ${DOD_AGES[1] + 1})
                AND st.birth_date <= ${opts.day}::date - make_interval(years => ${DOD_AGES[0]})
               ELSE coalesce(cg.grade BETWEEN ind.lo AND ind.hi, false) END`;
}

/**
 * SELECT of `(organisation_id, student_id, indicator, marked_at)`: for each of `indicators`, every
 * student of the organisations `organisations` (a SELECT of ids) on the roll on local day `day`
 * (created by `onRollBy`, default `knownBy`; not left by the day) to whom the count applies — by the
 * grade of the student's class, by age for `dod_enrollment` (by grade when the birth date is
 * unknown) — with the time its attribute was recorded in `student_indicator_marks`, or null when it
 * was not recorded by `knownBy`. Unknown indicators apply to nobody.
 */
export function indicatorStudents(opts: IndicatorScope & { organisations: FragmentSqlToken }): FragmentSqlToken {
  // The marks of the asked indicators are read as one set (an index range, see the period-check
  // indexes migration) and hash-joined, rather than probed once per student and indicator.
  const marks = sql.fragment`
    LEFT JOIN (
      SELECT m.student_id, m.indicator, m.marked_at FROM student_indicator_marks m
      WHERE m.indicator = ANY(${sql.array(opts.indicators.filter((i) => INDICATOR_GRADES[i]), 'text')}) AND m.marked_at <= ${opts.knownBy}
    ) mk ON mk.student_id = st.id AND mk.indicator = ind.indicator`;
  return sql.fragment`
    SELECT st.organisation_id, st.id AS student_id, ind.indicator, mk.marked_at
    ${applicable(opts, sql.fragment`st.organisation_id IN (${opts.organisations})`, marks)}`;
}

/**
 * SQL condition: organisation `organisation` (an SQL expression) has a student to whom one of
 * `indicators` applies (as in `indicatorStudents`) whose attribute was not recorded by `knownBy`.
 * Asked per organisation so that the search stops at the first such student.
 */
export function indicatorGap(opts: IndicatorScope & { organisation: FragmentSqlToken }): FragmentSqlToken {
  return sql.fragment`EXISTS (
    SELECT 1
    ${applicable(opts, sql.fragment`st.organisation_id = ${opts.organisation}`, sql.fragment``)}
      AND NOT EXISTS (SELECT 1 FROM student_indicator_marks mk
                      WHERE mk.student_id = st.id AND mk.indicator = ind.indicator AND mk.marked_at <= ${opts.knownBy}))`;
}
