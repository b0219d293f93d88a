import { sql } from 'slonik';
import { z } from 'zod';
import { ACADEMIC_YEAR_FIELD_TITLES } from '../../definitions/rollover.js';
import type { PeriodCheck } from '../periodCheck.js';
import { joinAcademicYearRecord } from './academicYearRecord.js';
import { organisationScope } from './organisationScope.js';
import { targetAcademicYear } from './targetAcademicYear.js';

const row = z.object({ subject_id: z.string(), opened: z.boolean(), missing: z.array(z.string()), completed_at: z.string().nullable() });

/**
 * `academic_year_opened`: the academic year nearest the deadline is opened (`academic_years.opened_at`)
 * in the judged module, with every field of `params.fields` set. The name and dates are the record's
 * own columns and count as set by the opening (their entry time is not kept); the days off count
 * from `days_off_set_at`. Done at the later of the opening and the days-off entry.
 */
export const academicYearOpened: PeriodCheck = {
  name: 'academic_year_opened',
  async evaluate(db, input) {
    const year = targetAcademicYear(input.dueAt, input.region);
    const fields = Array.isArray(input.params.fields) ? (input.params.fields as string[]) : [];
    const rows = await db.any(sql.type(row)`
      SELECT subject_id, opened, missing,
             CASE WHEN opened AND cardinality(missing) = 0
                  THEN greatest(opened_at, CASE WHEN 'days_off' = ANY(${sql.array(fields, 'text')}) THEN days_off_set_at END) END AS completed_at
      FROM (
        SELECT g.id AS subject_id, y.opened_at, y.days_off_set_at,
               coalesce(y.opened_at <= ${input.asOf}::timestamptz, false) AS opened,
               ARRAY(SELECT f FROM unnest(${sql.array(fields, 'text')}) AS f
                     WHERE CASE f WHEN 'starts_on' THEN y.starts_on IS NULL
                                  WHEN 'ends_on' THEN y.ends_on IS NULL
                                  WHEN 'days_off' THEN NOT coalesce(y.days_off_set_at <= ${input.asOf}::timestamptz, false)
                                  ELSE y.academic_year IS NULL END) AS missing
        FROM organisations g
        ${joinAcademicYearRecord(year.id, input.params)}
        WHERE ${organisationScope(input)}
      ) j
      ORDER BY subject_id`);
    return rows.map((r) => ({
      subject_kind: 'organisation' as const, subject_id: r.subject_id, completed_at: r.completed_at, metric: null,
      counts: { [`${year.id}: год открыт`]: r.opened ? 1 : 0, 'не заполнено реквизитов года': r.missing.length },
      offending: r.missing.map((f) => ACADEMIC_YEAR_FIELD_TITLES[f] ?? f),
    }));
  },
};
