import { sql } from 'slonik';
import { z } from 'zod';
import type { PeriodCheck } from '../periodCheck.js';
import { joinAcademicYearRecord } from './academicYearRecord.js';
import { organisationScope } from './organisationScope.js';
import { targetAcademicYear } from './targetAcademicYear.js';

const row = z.object({ subject_id: z.string(), completed_at: z.string().nullable() });

/**
 * `next_academic_year_created`: the academic year nearest the deadline has been formed in the judged
 * module («Формирование следующего года»): done at that year's `academic_years.next_year_created_at`,
 * if recorded by `asOf`.
 */
export const nextAcademicYearCreated: PeriodCheck = {
  name: 'next_academic_year_created',
  async evaluate(db, input) {
    const year = targetAcademicYear(input.dueAt, input.region);
    const rows = await db.any(sql.type(row)`
      SELECT g.id AS subject_id,
             CASE WHEN y.next_year_created_at <= ${input.asOf}::timestamptz THEN y.next_year_created_at END AS completed_at
      FROM organisations g
      ${joinAcademicYearRecord(year.id, input.params)}
      WHERE ${organisationScope(input)}
      ORDER BY g.id`);
    return rows.map((r) => ({
      subject_kind: 'organisation' as const, subject_id: r.subject_id, completed_at: r.completed_at, metric: null,
      counts: { [`${year.id}: год сформирован`]: r.completed_at ? 1 : 0 }, offending: [],
    }));
  },
};
