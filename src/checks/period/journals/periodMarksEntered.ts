import { sql } from 'slonik';
import { z } from 'zod';
import { localDateOf } from '../../../plan/localDay.js';
import { academicYearOf } from '../../../time/periods.js';
import { organisationOutcome, type PeriodCheck, type PeriodCheckInput } from '../periodCheck.js';
import { periodBounds } from './periodBounds.js';
import { scopeCte } from './scopeCte.js';
import { owesPeriodMarks, periodMarksCompletedAt } from './studentPeriodMarks.js';

const row = z.object({ subject_id: z.string(), completed_at: z.string().nullable(), students: z.number(), without: z.array(z.number()) });

/** The academic year (`2023/2024`) a period belongs to: its own id when it is one, else the year of its last day. */
export function academicYearFor(period: PeriodCheckInput['period']): string {
  const own = /^(\d{4})\/(\d{4})/.exec(period.id);
  if (own) return `${own[1]}/${own[2]}`;
  const first = academicYearOf(period.end);
  return `${first}/${first + 1}`;
}

/**
 * `period_marks_entered` for period rules: the students who must have the marks are those of the
 * member organisations whose class (`students.class_group_id`) belongs to the period's academic
 * year and, if `params.grades` is given, is of one of those grades, who were on the roll by `asOf`
 * and had not left before the deadline's day. Done when each of them has a `period_marks` row for
 * every period in `params.periods` for that year, entered at or before `asOf`, at the time the last
 * one was entered; with no such student it is done from the start of the period. `offending`: the
 * students still missing a mark (ids only).
 */
export const periodMarksEntered: PeriodCheck = {
  name: 'period_marks_entered',
  async evaluate(db, input) {
    const { from, zone } = periodBounds(input);
    const year = academicYearFor(input.period);
    const periods = input.params.periods as string[];
    const grades = input.params.grades as number[] | undefined;
    const dueDay = localDateOf(new Date(Date.parse(input.dueAt) - 1).toISOString(), zone);
    const rows = await db.any(sql.type(row)`
      WITH ${scopeCte(input)},
      judged AS (
        SELECT mb.subject_id, st.id AS student_id, ${periodMarksCompletedAt({ year, periods, asOf: input.asOf })} AS done_at
        FROM members mb
        JOIN students st ON st.organisation_id = mb.organisation_id
        JOIN class_groups cg ON cg.id = st.class_group_id
        WHERE ${owesPeriodMarks({ year, grades, asOf: input.asOf, dueDay })}
      )
      SELECT s.id AS subject_id,
             CASE WHEN count(j.student_id) = 0 THEN ${from}::timestamptz
                  WHEN bool_and(j.done_at IS NOT NULL) THEN max(j.done_at) END AS completed_at,
             count(j.student_id)::int AS students,
             coalesce(array_agg(j.student_id ORDER BY j.student_id) FILTER (WHERE j.done_at IS NULL), '{}') AS without
      FROM subjects s
      LEFT JOIN judged j ON j.subject_id = s.id
      GROUP BY s.id
      ORDER BY s.id`);
    return rows.map((r) => organisationOutcome(r, { 'обучающихся': r.students, 'без оценок': r.without.length }, r.without));
  },
};
