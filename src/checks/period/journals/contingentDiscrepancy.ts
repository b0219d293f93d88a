import { sql } from 'slonik';
import { z } from 'zod';
import { localDateOf } from '../../../plan/localDay.js';
import { organisationOutcome, type PeriodCheck } from '../periodCheck.js';
import { periodBounds } from './periodBounds.js';
import { pupilsOnRoll } from './pupilsOnRoll.js';
import { scopeCte } from './scopeCte.js';

const row = z.object({
  subject_id: z.string(),
  completed_at: z.string().nullable(),
  metric: z.number().nullable(),
  registry: z.number(),
  reported: z.number(),
  organisations: z.number(),
  not_exported: z.array(z.string()),
});

/**
 * `contingent_discrepancy` (lower is better): discrepancy = |registry − reported| / reported × 100,
 * where registry is the `records` of each member organisation's latest upload
 * (`contingent_exports`) at or before `asOf`, and reported is its students enrolled as of `asOf`
 * (created by then, not left by the local day of `asOf`); a municipality or the region sums both
 * counts first, an organisation without an upload adding 0 to the registry. Done when the
 * discrepancy does not exceed `params.max_percent`, at the time of the latest upload it rests on;
 * no upload at all gives no metric and not done. `offending`: member organisations with no upload.
 */
export const contingentDiscrepancy: PeriodCheck = {
  name: 'contingent_discrepancy',
  async evaluate(db, input) {
    const maxPercent = Number(input.params.max_percent);
    const { zone } = periodBounds(input);
    const asOfDay = localDateOf(input.asOf, zone);
    const rows = await db.any(sql.type(row)`
      WITH ${scopeCte(input)},
      -- One index probe per organisation (contingent_exports_latest_idx) instead of sorting the
      -- whole history of uploads.
      latest AS (
        SELECT o.organisation_id, x.exported_at, x.records
        FROM (SELECT DISTINCT organisation_id FROM members) o
        CROSS JOIN LATERAL (
          SELECT e.exported_at, e.records
          FROM contingent_exports e
          WHERE e.organisation_id = o.organisation_id AND e.exported_at <= ${input.asOf}::timestamptz
          ORDER BY e.exported_at DESC, e.id DESC
          LIMIT 1
        ) x
      ),
      pupils AS (${pupilsOnRoll(input.asOf, asOfDay)}),
      -- Summed over the members first, then joined to every subject (also those without members):
      -- joined the other way round, the planner misjudges a regional subject's thousands of members
      -- as a handful and loops over them.
      per_subject AS MATERIALIZED (
        SELECT mb.subject_id,
               coalesce(sum(l.records), 0)::int AS registry,
               coalesce(sum(p.n), 0)::int AS reported,
               max(l.exported_at) AS last_export,
               count(*)::int AS organisations,
               array_agg(mb.organisation_id ORDER BY mb.organisation_id) FILTER (WHERE l.organisation_id IS NULL) AS not_exported
        FROM members mb
        LEFT JOIN latest l ON l.organisation_id = mb.organisation_id
        LEFT JOIN pupils p ON p.organisation_id = mb.organisation_id
        GROUP BY mb.subject_id
      ),
      totals AS (
        SELECT s.id AS subject_id, coalesce(a.registry, 0) AS registry, coalesce(a.reported, 0) AS reported, a.last_export,
               coalesce(a.organisations, 0) AS organisations, coalesce(a.not_exported, '{}') AS not_exported
        FROM subjects s
        LEFT JOIN per_subject a ON a.subject_id = s.id
      ),
      measured AS (
        SELECT t.*,
               (CASE WHEN t.last_export IS NULL THEN NULL
                     WHEN t.reported = 0 THEN CASE WHEN t.registry = 0 THEN 0 ELSE 100 END
                     ELSE abs(t.registry - t.reported) * 100.0 / t.reported END)::float8 AS metric
        FROM totals t
      )
      SELECT subject_id, CASE WHEN metric <= ${maxPercent} THEN last_export END AS completed_at,
             metric, registry, reported, organisations, not_exported
      FROM measured
      ORDER BY subject_id`);
    return rows.map((r) => organisationOutcome(r, { 'в региональном сегменте': r.registry, 'по данным организаций': r.reported, 'организаций': r.organisations, 'без выгрузки': r.not_exported.length }, r.not_exported, r.metric));
  },
};
