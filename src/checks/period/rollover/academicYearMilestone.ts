import { sql } from 'slonik';
import { z } from 'zod';
import type { PeriodCheck } from '../periodCheck.js';
import { joinAcademicYearRecord } from './academicYearRecord.js';
import { organisationScope } from './organisationScope.js';
import { targetAcademicYear } from './targetAcademicYear.js';

const row = z.object({ subject_id: z.string(), completed_at: z.string().nullable() });

/**
 * A period check that one timestamp of an academic-year record is set: done at that time, if
 * recorded by `asOf`, for the year nearest the deadline (`current`) or the one before (`previous`).
 * An organisation with no record of that year has not done it.
 */
export function academicYearMilestone(opts: {
  name: string;
  column: 'next_year_created_at' | 'closed_at';
  year: 'current' | 'previous';
  /** Russian label of the count, after the year id: «год закрыт». */
  countLabel: string;
}): PeriodCheck {
  const column = sql.identifier(['y', opts.column]);
  return {
    name: opts.name,
    async evaluate(db, input) {
      const target = targetAcademicYear(input.dueAt, input.region);
      const yearId = opts.year === 'current' ? target.id : target.previousId;
      const rows = await db.any(sql.type(row)`
        SELECT g.id AS subject_id, CASE WHEN ${column} <= ${input.asOf}::timestamptz THEN ${column} END AS completed_at
        FROM organisations g
        ${joinAcademicYearRecord(yearId, input.params)}
        WHERE ${organisationScope(input)}
        ORDER BY g.id`);
      return rows.map((r) => ({
        subject_kind: 'organisation' as const, subject_id: r.subject_id, completed_at: r.completed_at, metric: null,
        counts: { [`${yearId}: ${opts.countLabel}`]: r.completed_at ? 1 : 0 }, offending: [],
      }));
    },
  };
}
