import { sql, type FragmentSqlToken } from 'slonik';

/** A value bound as a parameter, or a column of the surrounding query. */
type SqlValue = string | FragmentSqlToken;

/**
 * SQL condition on `students st` in their class `class_groups cg`: the student owes the period marks
 * of academic year `year` — the class belongs to that year and, with `grades`, is of one of them; the
 * student was on the roll by `asOf` and had not left before `dueDay`. Shared by the period and the
 * event form of `period_marks_entered`, so both ask the same students.
 */
export function owesPeriodMarks(o: { year: SqlValue; grades?: number[]; asOf: string; dueDay: SqlValue }): FragmentSqlToken {
  return sql.fragment`cg.academic_year = ${o.year}
    AND st.created_at <= ${o.asOf}::timestamptz
    AND (st.left_at IS NULL OR st.left_at >= (${o.dueDay})::date)
    AND (${o.grades ? sql.fragment`cg.grade = ANY(${sql.array(o.grades, 'int4')})` : sql.fragment`TRUE`})`;
}

/**
 * SQL expression on `students st`: when the student had a mark of every period in `periods` for
 * academic year `year` entered by `asOf` (the last entry), or null while one is missing.
 */
export function periodMarksCompletedAt(o: { year: SqlValue; periods: string[]; asOf: string }): FragmentSqlToken {
  return sql.fragment`(
    SELECT CASE WHEN count(DISTINCT pm.period) = ${o.periods.length} THEN max(pm.entered_at) END
    FROM period_marks pm
    WHERE pm.student_id = st.id AND pm.academic_year = ${o.year}
      AND pm.period = ANY(${sql.array(o.periods, 'text')}) AND pm.entered_at <= ${o.asOf}::timestamptz)`;
}
