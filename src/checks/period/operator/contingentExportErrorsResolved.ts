import { sql } from 'slonik';
import { z } from 'zod';
import { periodBounds } from '../journals/periodBounds.js';
import { scopeCte } from '../journals/scopeCte.js';
import { organisationOutcome, type PeriodCheck } from '../periodCheck.js';

const row = z.object({
  subject_id: z.string(), completed_at: z.string().nullable(), organisations: z.number(), with_errors: z.number(), unresolved: z.array(z.string()),
});

/**
 * `contingent_export_errors_resolved`: for each organisation of the subject (scopeCte), the last
 * upload of the period with discrepancies (`contingent_exports.discrepancies > 0`, made from the
 * period's first day up to the deadline, as known at `asOf`) must be followed by a clean upload
 * (no discrepancies) by `asOf`. Done at the last such clean upload (after the deadline: met late);
 * with no erroneous upload, done at the deadline (or `asOf` if earlier). `offending`: the
 * organisations whose errors are not resolved.
 */
export const contingentExportErrorsResolved: PeriodCheck = {
  name: 'contingent_export_errors_resolved',
  async evaluate(db, input) {
    const { from, to } = periodBounds(input);
    const measuredAt = Date.parse(input.asOf) < Date.parse(input.dueAt) ? input.asOf : input.dueAt;
    const rows = await db.any(sql.type(row)`
      WITH ${scopeCte(input)},
      errors AS (
        SELECT e.organisation_id, max(e.exported_at) AS last_error
        FROM contingent_exports e
        WHERE e.organisation_id IN (SELECT organisation_id FROM members) AND e.discrepancies > 0
          AND e.exported_at >= ${from}::timestamptz AND e.exported_at < ${to}::timestamptz AND e.exported_at <= ${measuredAt}::timestamptz
        GROUP BY e.organisation_id
      ),
      resolved AS (
        SELECT er.organisation_id,
               (SELECT min(c.exported_at) FROM contingent_exports c
                WHERE c.organisation_id = er.organisation_id AND c.discrepancies = 0
                  AND c.exported_at > er.last_error AND c.exported_at <= ${input.asOf}::timestamptz) AS fixed_at
        FROM errors er
      )
      SELECT s.id AS subject_id,
             CASE WHEN count(r.organisation_id) = count(r.fixed_at) THEN coalesce(max(r.fixed_at), ${measuredAt}::timestamptz) END AS completed_at,
             count(mb.organisation_id)::int AS organisations, count(r.organisation_id)::int AS with_errors,
             coalesce(array_agg(r.organisation_id ORDER BY r.organisation_id) FILTER (WHERE r.organisation_id IS NOT NULL AND r.fixed_at IS NULL), '{}') AS unresolved
      FROM subjects s
      LEFT JOIN members mb ON mb.subject_id = s.id
      LEFT JOIN resolved r ON r.organisation_id = mb.organisation_id
      GROUP BY s.id
      ORDER BY s.id`);
    return rows.map((r) => organisationOutcome(r, { 'организаций': r.organisations, 'с ошибками выгрузки': r.with_errors, 'ошибки не устранены': r.unresolved.length }, r.unresolved));
  },
};
