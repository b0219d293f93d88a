import { sql } from 'slonik';
import { z } from 'zod';
import { organisationOutcome, type PeriodCheck } from '../periodCheck.js';
import { periodBounds } from './periodBounds.js';
import { scopeCte } from './scopeCte.js';

const row = z.object({ subject_id: z.string(), completed_at: z.string().nullable(), ok: z.number(), failed: z.number(), unresolved: z.array(z.number()) });

/**
 * `integration_exchange_ok`: the subject's exchanges with `params.system` (`integration_exchanges`
 * logged for the subject itself, or for the whole system of its region, `organisation_id` null)
 * from the start of the period up to `asOf`. Done at the first successful exchange that follows the
 * last failed exchange of the period (or the first success if none failed), so a failure not yet
 * followed by a success leaves it not done; a success after the period still fulfils it, late.
 * `offending`: the failed exchanges of the period with no later success.
 */
export const integrationExchangeOk: PeriodCheck = {
  name: 'integration_exchange_ok',
  async evaluate(db, input) {
    const { from, to } = periodBounds(input);
    const rows = await db.any(sql.type(row)`
      WITH ${scopeCte(input)},
      exchanges AS (
        SELECT s.id AS subject_id, e.id, e.exchanged_at, e.ok
        FROM subjects s
        JOIN integration_exchanges e
          ON e.system = ${input.params.system as string}
         AND (e.organisation_id = s.id OR (e.organisation_id IS NULL AND e.region = s.region))
        WHERE e.exchanged_at >= ${from}::timestamptz AND e.exchanged_at <= ${input.asOf}::timestamptz
      ),
      last_fail AS (
        SELECT subject_id, max(exchanged_at) AS at
        FROM exchanges WHERE NOT ok AND exchanged_at < ${to}::timestamptz
        GROUP BY subject_id
      )
      SELECT s.id AS subject_id,
             min(x.exchanged_at) FILTER (WHERE x.ok AND (f.at IS NULL OR x.exchanged_at > f.at)) AS completed_at,
             count(x.id) FILTER (WHERE x.ok AND x.exchanged_at < ${to}::timestamptz)::int AS ok,
             count(x.id) FILTER (WHERE NOT x.ok AND x.exchanged_at < ${to}::timestamptz)::int AS failed,
             coalesce(array_agg(x.id ORDER BY x.id) FILTER (WHERE NOT x.ok AND x.exchanged_at < ${to}::timestamptz
               AND NOT EXISTS (SELECT 1 FROM exchanges y WHERE y.subject_id = s.id AND y.ok AND y.exchanged_at > x.exchanged_at)), '{}') AS unresolved
      FROM subjects s
      LEFT JOIN exchanges x ON x.subject_id = s.id
      LEFT JOIN last_fail f ON f.subject_id = s.id
      GROUP BY s.id
      ORDER BY s.id`);
    return rows.map((r) => organisationOutcome(r, { 'успешных обменов': r.ok, 'неуспешных обменов': r.failed }, r.unresolved));
  },
};
