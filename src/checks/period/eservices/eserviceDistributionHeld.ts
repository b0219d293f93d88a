import { sql } from 'slonik';
import { z } from 'zod';
import { organisationOutcome, type PeriodCheck } from '../periodCheck.js';
import { periodBounds } from '../journals/periodBounds.js';
import { scopeCte } from '../journals/scopeCte.js';

const row = z.object({ subject_id: z.string(), completed_at: z.string().nullable(), held: z.number(), unfinished: z.array(z.string()) });

/**
 * `eservice_distribution_held`: a distribution (комплектование, `eservice_distributions`) of
 * `params.service` held within the period's local days for the subject's municipality, or for the
 * whole region (for a regional subject, any of the region), has its protocol formed and its
 * directions (путёвки) issued, all recorded by `asOf`. Done at the earliest such distribution's
 * later of the two. `offending`: the distributions held but not finished as of `asOf`.
 */
export const eserviceDistributionHeld: PeriodCheck = {
  name: 'eservice_distribution_held',
  async evaluate(db, input) {
    const { from, to } = periodBounds(input);
    const asOf = sql.fragment`${input.asOf}::timestamptz`;
    const regional = input.subjectScope === 'region';
    const rows = await db.any(sql.type(row)`
      WITH ${scopeCte(input)},
      runs AS (
        SELECT s.id AS subject_id, d.id,
               CASE WHEN d.protocol_at <= ${asOf} AND d.directions_at <= ${asOf} THEN greatest(d.protocol_at, d.directions_at) END AS done_at
        FROM subjects s
        JOIN eservice_distributions d
          ON d.region = s.region
         AND (${regional ? sql.fragment`TRUE` : sql.fragment`d.municipality_id = s.municipality_id OR d.municipality_id IS NULL`})
        WHERE d.service = ${String(input.params.service)}
          AND d.held_at >= ${from}::timestamptz AND d.held_at < ${to}::timestamptz AND d.held_at <= ${asOf}
      )
      SELECT s.id AS subject_id, min(r.done_at) AS completed_at, count(r.id)::int AS held,
             coalesce(array_agg(r.id::text ORDER BY r.id) FILTER (WHERE r.id IS NOT NULL AND r.done_at IS NULL), '{}') AS unfinished
      FROM subjects s
      LEFT JOIN runs r ON r.subject_id = s.id
      GROUP BY s.id
      ORDER BY s.id`);
    return rows.map((r) => organisationOutcome(r, { 'распределений проведено': r.held, 'без протокола или направлений': r.unfinished.length }, r.unfinished));
  },
};
