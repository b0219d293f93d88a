import { sql } from 'slonik';
import { z } from 'zod';
import { lastDayOfInstant } from '../../../plan/localDay.js';
import { periodBounds } from '../journals/periodBounds.js';
import { scopeCte } from '../journals/scopeCte.js';
import type { PeriodCheck } from '../periodCheck.js';
import { indicatorStudents } from './indicatorStudents.js';

const row = z.object({ subject_id: z.string(), students: z.number(), last_marked: z.string().nullable(), unmarked: z.array(z.string()) });

/**
 * `export_indicator_marked`: the attribute behind `params.indicator` (`student_indicator_marks`,
 * yes or no) is recorded, by `asOf`, for every student it applies to (`indicatorStudents`: by class
 * grade, by age for additional education) on the roll of the subject's organisations on the
 * deadline's last local day (or `asOf`'s, if earlier). Done at the last of those records; with no
 * such student, done at the deadline (or `asOf` if earlier). A record made after the deadline makes
 * it met late. `offending`: ids of the students without the record.
 */
export const exportIndicatorMarked: PeriodCheck = {
  name: 'export_indicator_marked',
  async evaluate(db, input) {
    const { zone } = periodBounds(input);
    const measuredAt = Date.parse(input.asOf) < Date.parse(input.dueAt) ? input.asOf : input.dueAt;
    const students = indicatorStudents({
      indicators: [String(input.params.indicator)], organisations: sql.fragment`SELECT organisation_id FROM members`,
      day: lastDayOfInstant(measuredAt, zone), knownBy: sql.fragment`${input.asOf}::timestamptz`, onRollBy: sql.fragment`${measuredAt}::timestamptz`,
    });
    const rows = await db.any(sql.type(row)`
      WITH ${scopeCte(input)},
      -- Materialized: inlined, the planner searches the students again for every member organisation.
      applicable AS MATERIALIZED (${students})
      SELECT s.id AS subject_id, count(a.student_id)::int AS students, max(a.marked_at) AS last_marked,
             coalesce(array_agg(a.student_id::text ORDER BY a.student_id) FILTER (WHERE a.student_id IS NOT NULL AND a.marked_at IS NULL), '{}') AS unmarked
      FROM subjects s
      LEFT JOIN members mb ON mb.subject_id = s.id
      LEFT JOIN applicable a ON a.organisation_id = mb.organisation_id
      GROUP BY s.id
      ORDER BY s.id`);
    return rows.map((r) => ({
      subject_kind: 'organisation' as const,
      subject_id: r.subject_id,
      completed_at: r.unmarked.length ? null : r.students ? r.last_marked : measuredAt,
      metric: null,
      counts: { 'обучающихся': r.students, 'без отметки': r.unmarked.length },
      offending: r.unmarked,
    }));
  },
};
