import { sql } from 'slonik';
import { z } from 'zod';
import type { PeriodCheck } from '../periodCheck.js';
import { joinAcademicYearRecord } from './academicYearRecord.js';
import { organisationScope } from './organisationScope.js';
import { targetAcademicYear } from './targetAcademicYear.js';

const row = z.object({ subject_id: z.string(), completed_at: z.string().nullable() });

/**
 * `academic_year_closed`: the year before the one nearest the deadline (the year that ended on
 * 31 August) is closed in the judged module: done at its `academic_years.closed_at`, if recorded by
 * `asOf`. An organisation with no record of that year has not closed it.
 */
export const academicYearClosed: PeriodCheck = {
  name: 'academic_year_closed',
  async evaluate(db, input) {
    const year = targetAcademicYear(input.dueAt, input.region);
    const rows = await db.any(sql.type(row)`
      SELECT g.id AS subject_id,
             CASE WHEN y.closed_at <= ${input.asOf}::timestamptz THEN y.closed_at END AS completed_at
      FROM organisations g
      ${joinAcademicYearRecord(year.previousId, input.params)}
      WHERE ${organisationScope(input)}
      ORDER BY g.id`);
    return rows.map((r) => ({
      subject_kind: 'organisation' as const, subject_id: r.subject_id, completed_at: r.completed_at, metric: null,
      counts: { [`${year.previousId}: год закрыт`]: r.completed_at ? 1 : 0 }, offending: [],
    }));
  },
};
