import { sql, type CommonQueryMethods, type FragmentSqlToken } from 'slonik';
import { z } from 'zod';
import { PERIOD_MARK_TITLES } from '../../definitions/journals.js';
import { owesPeriodMarks, periodMarksCompletedAt } from '../../period/journals/studentPeriodMarks.js';
import { OWN_MODULE } from '../../period/rollover/organisationScope.js';
import { formatRu } from '../../../time/isoDate.js';
import type { DueByDate, EventCheck, NewCases, OpenCase, SweepWindow } from '../eventCheck.js';
import { caseFields, caseIdsFilter, candidateDatesOf, duesRelation, newCasesRow, openCaseRow, sweepScope, zoneOf } from '../sweepEvents.js';

interface Params {
  periods: string[];
  grades?: number[];
  /** Exam and final marks follow the exam results; every other period ends with the academic year. */
  afterExams: boolean;
}

/** Periods whose marks wait for the state exam results. */
const EXAM_PERIODS = new Set(['exam', 'final']);

function paramsOf(p: Record<string, unknown>): Params {
  const periods = Array.isArray(p.periods) ? (p.periods as string[]) : [];
  return {
    periods,
    grades: Array.isArray(p.grades) ? (p.grades as number[]) : undefined,
    afterExams: periods.length > 0 && periods.every((k) => EXAM_PERIODS.has(k)),
  };
}


/** SQL: the academic year (`2024/2025`) of a local date expression. */
const academicYearOfDate = (d: FragmentSqlToken) => sql.fragment`(CASE WHEN extract(month FROM ${d}) >= 9
  THEN extract(year FROM ${d})::int || '/' || (extract(year FROM ${d})::int + 1)
  ELSE (extract(year FROM ${d})::int - 1) || '/' || extract(year FROM ${d})::int END)`;

/**
 * One row per obligation (after the academic-year end, or after exam results when `p.afterExams`):
 * `kind`, `subject_id` (text), `organisation_id`, `event_date`, `entered_at`, `done_at` (when the
 * last owing student's marks were complete, null while one is missing), `academic_year`, `exam`,
 * `students`, `missing` (students still without marks at `asOf`).
 *
 * - `academic_year_end`: one per organisation and academic year, on the year's last day
 *   (`academic_years.ends_on` of the organisation's own module), known from when the year was created
 *   or opened; its students owe the marks of that year.
 * - `exam_results_publication`: one per organisation, exam and grade of an academic year whose
 *   pupils owe the marks. Period marks are kept per student, not per subject, so the term runs from
 *   the latest publication of that exam's results for the grade known at `asOf`: a later
 *   publication moves the event (see `evaluate`).
 */
function events(p: Params, asOf: string, zone: string): FragmentSqlToken {
  const marks = (year: FragmentSqlToken, dueDay: FragmentSqlToken, grade: FragmentSqlToken | null) => sql.fragment`
    SELECT count(*)::int AS students, count(*) FILTER (WHERE x.done_at IS NULL)::int AS missing,
           CASE WHEN bool_and(x.done_at IS NOT NULL) THEN max(x.done_at) END AS done_at
    FROM (SELECT ${periodMarksCompletedAt({ year, periods: p.periods, asOf })} AS done_at
          FROM students st JOIN class_groups cg ON cg.id = st.class_group_id
          WHERE st.organisation_id = g.id AND ${owesPeriodMarks({ year, grades: p.grades, asOf, dueDay })}
            AND (${grade ? sql.fragment`cg.grade = ${grade}` : sql.fragment`TRUE`})) x`;
  const published = sql.fragment`(pb.published_at AT TIME ZONE ${zone})::date`;
  if (!p.afterExams) {
    return sql.fragment`
    SELECT 'academic_year_end'::text AS kind, g.id || '/' || ay.academic_year AS subject_id, g.id AS organisation_id,
           ay.ends_on AS event_date,
           coalesce(least(ay.next_year_created_at, ay.opened_at), (ay.ends_on::timestamp AT TIME ZONE ${zone})) AS entered_at,
           -- Nobody owes marks: done as soon as the year's end is known.
           CASE WHEN m.students = 0 THEN coalesce(least(ay.next_year_created_at, ay.opened_at), (ay.ends_on::timestamp AT TIME ZONE ${zone}))
                ELSE m.done_at END AS done_at,
           ay.academic_year, NULL::text AS exam, m.students, m.missing
    FROM academic_years ay
    JOIN organisations g ON g.id = ay.organisation_id
    CROSS JOIN LATERAL (${marks(sql.fragment`ay.academic_year`, sql.fragment`ay.ends_on`, null)}) m
    WHERE ay.ends_on IS NOT NULL AND (ay.module IS NULL OR ay.module = ${OWN_MODULE})`;
  }
  return sql.fragment`
    SELECT 'exam_results_publication'::text AS kind, g.id || '/' || lp.exam || '/' || lp.grade || '/' || lp.academic_year AS subject_id,
           g.id AS organisation_id, lp.event_date, lp.published_at AS entered_at, m.done_at, lp.academic_year,
           lp.exam || ', ' || lp.grade || ' класс' AS exam, m.students, m.missing
    FROM (
      SELECT DISTINCT ON (pb.region, pb.exam, pb.grade, pb.academic_year) pb.*
      FROM (
        SELECT pb.id, pb.region, pb.exam, pb.grade, pb.published_at, ${academicYearOfDate(published)} AS academic_year, ${published} AS event_date
        FROM exam_result_publications pb
        WHERE pb.published_at <= ${asOf}::timestamptz
          AND (${p.grades ? sql.fragment`pb.grade = ANY(${sql.array(p.grades, 'int4')})` : sql.fragment`TRUE`})
      ) pb
      ORDER BY pb.region, pb.exam, pb.grade, pb.academic_year, pb.published_at DESC, pb.id DESC
    ) lp
    JOIN organisations g ON g.region = lp.region
    CROSS JOIN LATERAL (${marks(sql.fragment`lp.academic_year`, sql.fragment`lp.event_date`, sql.fragment`lp.grade`)}) m
    WHERE m.students > 0`;
}

/**
 * Judges the obligations due in the window like `eventObligationCheck` does, with one addition: an
 * open case whose event has moved to a later date (further exam results published) takes the new
 * date, deadline and verdict, because the marks could not be final before the last results.
 */
async function evaluate(db: CommonQueryMethods, w: SweepWindow, dues: DueByDate[], p: Params): Promise<NewCases> {
  return db.one(sql.type(newCasesRow)`
    WITH dues AS (
      SELECT * FROM ${duesRelation(dues, 'd')}
    ),
    -- Materialized with done_at alone, so that done_at (a subquery) is computed once per event,
    -- not once per use as it would be if the planner inlined this into the verdicts.
    judged AS MATERIALIZED (
      SELECT e.kind, e.subject_id, e.organisation_id, g.municipality_id, e.event_date, d.due_at, d.last_day, e.done_at
      FROM (${events(p, w.asOf, zoneOf(w.region))}) e
      JOIN dues d ON d.event_date = e.event_date
      JOIN organisations g ON g.id = e.organisation_id
      WHERE ${sweepScope(w)}
        AND e.event_date >= ${w.effectiveFrom}::date
        AND e.entered_at <= ${w.asOf}::timestamptz
        AND d.due_at <= ${w.asOf}::timestamptz
        AND (d.due_at > ${w.watermark}::timestamptz OR e.entered_at > ${w.watermark}::timestamptz)
    ),
    verdicts AS (
      SELECT j.*, coalesce(j.done_at <= ${w.asOf}::timestamptz, false) AS complete,
             CASE WHEN j.done_at <= ${w.asOf}::timestamptz AND j.done_at <= j.due_at THEN 'met'
                  WHEN j.done_at <= ${w.asOf}::timestamptz THEN 'met_late' ELSE 'open' END AS verdict,
             EXISTS (SELECT 1 FROM obligation_cases c
                     WHERE c.regulation_id = ${w.ruleKey.regulationId} AND c.rule_id = ${w.ruleKey.ruleId} AND c.period_id = '' AND c.tier = 0
                       AND c.subject_kind = j.kind AND c.subject_id = j.subject_id AND c.status = 'open' AND c.event_date < j.event_date) AS moved
      FROM judged j
    ),
    upserted AS (
      INSERT INTO obligation_cases (regulation_id, rule_id, subject_kind, subject_id, organisation_id, municipality_id,
                                    event_date, due_at, last_day, status, detected_at, closed_at, version_hash)
      SELECT ${w.ruleKey.regulationId}, ${w.ruleKey.ruleId}, v.kind, v.subject_id, v.organisation_id, v.municipality_id,
             v.event_date, v.due_at, v.last_day, v.verdict, ${w.asOf}::timestamptz, CASE WHEN v.complete THEN v.done_at END, ${w.versionHash}
      FROM verdicts v
      WHERE v.verdict <> 'met' OR v.moved
      ON CONFLICT (regulation_id, rule_id, period_id, tier, subject_kind, subject_id) DO UPDATE
        SET event_date = EXCLUDED.event_date, due_at = EXCLUDED.due_at, last_day = EXCLUDED.last_day, status = EXCLUDED.status,
            closed_at = EXCLUDED.closed_at, detected_at = EXCLUDED.detected_at, version_hash = EXCLUDED.version_hash,
            -- A case moved to a later event starts its ladder again from the new deadline.
            next_step_at = NULL
        WHERE obligation_cases.status = 'open' AND obligation_cases.event_date < EXCLUDED.event_date
      RETURNING id, organisation_id, event_date, status
    )
    SELECT (SELECT count(*)::int FROM verdicts WHERE verdict = 'met') AS met,
           (SELECT count(*)::int FROM upserted WHERE status = 'met_late') AS met_late,
           (SELECT count(*)::int FROM upserted WHERE status = 'open') AS opened`);
}

/** Closes as met late the rule's open cases whose students all have the marks by `asOf`, at the last entry. */
async function closeCompleted(db: CommonQueryMethods, ruleKey: SweepWindow['ruleKey'], p: Params, asOf: string): Promise<number[]> {
  const rows = await db.any(sql.type(z.object({ id: z.number() }))`
    UPDATE obligation_cases c
    SET status = 'met_late', closed_at = e.done_at
    FROM (${events(p, asOf, 'UTC')}) e
    WHERE c.status = 'open' AND c.regulation_id = ${ruleKey.regulationId} AND c.rule_id = ${ruleKey.ruleId}
      AND c.subject_kind = e.kind AND c.subject_id = e.subject_id
      AND e.done_at <= ${asOf}::timestamptz
    RETURNING c.id`);
  return rows.map((r) => r.id);
}

const openRow = openCaseRow.extend({
  event_date: z.string(),
  kind: z.string(),
  academic_year: z.string(),
  exam: z.string().nullable(),
  missing: z.number(),
});

/** The rule's open cases with how many students still lack marks (counts only: no personal data). */
async function openCases(db: CommonQueryMethods, ruleKey: SweepWindow['ruleKey'], p: Params, asOf: string, ids?: readonly number[]): Promise<readonly OpenCase[]> {
  const rows = await db.any(sql.type(openRow)`
    SELECT c.id, c.organisation_id, g.name AS organisation_name, c.municipality_id, c.due_at, c.last_day, c.event_date,
           e.kind, e.academic_year, e.exam, e.missing
    FROM obligation_cases c
    JOIN (${events(p, asOf, 'UTC')}) e ON e.kind = c.subject_kind AND e.subject_id = c.subject_id
    JOIN organisations g ON g.id = c.organisation_id
    WHERE c.status = 'open' AND c.regulation_id = ${ruleKey.regulationId} AND c.rule_id = ${ruleKey.ruleId} AND ${caseIdsFilter(ids)}
    ORDER BY c.organisation_id, c.due_at, c.id`);
  const what = p.periods.map((k) => PERIOD_MARK_TITLES[k] ?? k).join(', ');
  return rows.map((r) => ({
    ...caseFields(r), event_date: r.event_date,
    subject_label: r.kind === 'academic_year_end'
      ? `Окончание ${r.academic_year} учебного года ${formatRu(r.event_date)}`
      : `Результаты ГИА (${r.exam}) опубликованы ${formatRu(r.event_date)}, ${r.academic_year} учебный год`,
    person_name: null,
    missing: [`${what}: нет у ${r.missing} обучающихся`],
  }));
}

/**
 * `period_marks_entered` for event-relative rules: the period marks of `params.periods` (of
 * `params.grades`, if given) are entered for every student who owes them (the same students as the
 * period check: `owesPeriodMarks`) within the rule's term of the organisation's academic-year end
 * (`academic_year_end`) or of the publication of state exam results (`exam_results_publication`).
 * Which event a rule counts from is told by its periods: exam and final marks wait for the results,
 * the others for the year's end. A case is an organisation's year, or its exam and grade of a year;
 * only marks, students and publications recorded by `asOf` count.
 */
export const periodMarksEnteredAfterEvent: EventCheck = {
  name: 'period_marks_entered',
  subjectKind: 'academic_year_end',
  candidateEventDates: (db, w, earliest, params) => candidateDatesOf(db, events(paramsOf(params), w.asOf, zoneOf(w.region)), w, earliest),
  evaluateNew: (db, w, dues, params) => evaluate(db, w, dues, paramsOf(params)),
  closeCompleted: (db, ruleKey, params, asOf) => closeCompleted(db, ruleKey, paramsOf(params), asOf),
  openCases: (db, ruleKey, params, asOf, ids) => openCases(db, ruleKey, paramsOf(params), asOf, ids),
};
