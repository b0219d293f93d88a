import { sql } from 'slonik';
import { z } from 'zod';
import { organisationOutcome, type PeriodCheck } from '../periodCheck.js';
import { scopeCte } from '../journals/scopeCte.js';
import { targetAcademicYear } from '../rollover/targetAcademicYear.js';

const row = z.object({ subject_id: z.string(), completed_at: z.string().nullable(), current: z.string().nullable() });

/**
 * `admission_year_switched`: the academic year set in the «Е-услуги» settings that apply to the
 * subject — the latest `eservice_academic_years` row at or before `asOf` of its municipality or of
 * the whole region (region-wide rows only, for a regional subject) — is the year starting on the
 * 1 September nearest to the deadline. Done when it was set to that year (after the last setting
 * to another year); otherwise not done.
 */
export const admissionYearSwitched: PeriodCheck = {
  name: 'admission_year_switched',
  async evaluate(db, input) {
    const target = targetAcademicYear(input.dueAt, input.region).id;
    const asOf = sql.fragment`${input.asOf}::timestamptz`;
    const rows = await db.any(sql.type(row)`
      WITH ${scopeCte(input)},
      settings AS (
        SELECT s.id AS subject_id, e.id, e.academic_year, e.set_at
        FROM subjects s
        JOIN eservice_academic_years e
          ON e.region = s.region
         AND (${input.subjectScope === 'region' ? sql.fragment`e.municipality_id IS NULL` : sql.fragment`e.municipality_id = s.municipality_id OR e.municipality_id IS NULL`})
        WHERE e.set_at <= ${asOf}
      ),
      current AS (
        SELECT DISTINCT ON (subject_id) subject_id, academic_year FROM settings ORDER BY subject_id, set_at DESC, id DESC
      ),
      switched AS (
        SELECT x.subject_id, min(x.set_at) AS at
        FROM settings x
        WHERE x.academic_year = ${target}
          AND NOT EXISTS (SELECT 1 FROM settings o WHERE o.subject_id = x.subject_id AND o.academic_year <> ${target} AND o.set_at >= x.set_at)
        GROUP BY x.subject_id
      )
      SELECT s.id AS subject_id, CASE WHEN c.academic_year = ${target} THEN w.at END AS completed_at, c.academic_year AS current
      FROM subjects s
      LEFT JOIN current c ON c.subject_id = s.id
      LEFT JOIN switched w ON w.subject_id = s.id
      ORDER BY s.id`);
    return rows.map((r) => organisationOutcome(r, { [`установлен ${target}`]: r.current === target ? 1 : 0 }, r.current && r.current !== target ? [r.current] : []));
  },
};
