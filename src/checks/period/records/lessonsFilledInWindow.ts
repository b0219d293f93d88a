import { DateTime } from 'luxon';
import { sql } from 'slonik';
import { z } from 'zod';
import { lessonEntries } from '../../event/records/journalLessonFilled.js';
import type { PeriodCheck } from '../periodCheck.js';
import { organisationScope } from '../rollover/organisationScope.js';

const row = z.object({ subject_id: z.string(), completed_at: z.string().nullable(), lessons: z.number(), unfilled: z.array(z.string()) });

/**
 * `journal_lesson_filled` over a window ("keep the e-journals from 1 September to 31 May"): every
 * lesson of each organisation dated from the window's opening (else the period's start) to the
 * deadline's last day has all of `params.entries` made. Done when the last of them was made, if all
 * were made by `asOf`; a school without lessons in the window has nothing to fill and is done at
 * the window's start. Offending: the ids of lessons still missing an entry at `asOf`.
 */
export const lessonsFilledInWindow: PeriodCheck = {
  name: 'journal_lesson_filled',
  async evaluate(db, input) {
    const from = input.windowOpensAt ? DateTime.fromISO(input.windowOpensAt, { zone: input.timezone }).toISODate()! : input.period.start;
    const to = DateTime.fromMillis(Date.parse(input.dueAt) - 1, { zone: input.timezone }).toISODate()!;
    const rows = await db.any(sql.type(row)`
      WITH lessons AS (${lessonEntries({ params: input.params, asOf: input.asOf, zone: input.timezone })})
      SELECT g.id AS subject_id,
             CASE WHEN bool_and(coalesce(e.done_at <= ${input.asOf}::timestamptz, false)) OR count(e.id) = 0
                  THEN coalesce(max(e.done_at), (${from}::date)::timestamp AT TIME ZONE ${input.timezone}) END AS completed_at,
             count(e.id)::int AS lessons,
             coalesce(array_agg(e.id::text ORDER BY e.event_date, e.id) FILTER (WHERE e.id IS NOT NULL AND NOT coalesce(e.done_at <= ${input.asOf}::timestamptz, false)), '{}') AS unfilled
      FROM organisations g
      LEFT JOIN lessons e ON e.organisation_id = g.id AND e.event_date BETWEEN ${from}::date AND ${to}::date
      WHERE ${organisationScope(input)}
      GROUP BY g.id ORDER BY g.id`);
    return rows.map((r) => ({
      subject_kind: 'organisation' as const, subject_id: r.subject_id, completed_at: r.completed_at, metric: null,
      counts: { 'уроков': r.lessons, 'не заполнено': r.unfilled.length }, offending: r.unfilled,
    }));
  },
};
