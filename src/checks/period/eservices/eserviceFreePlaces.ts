import { sql } from 'slonik';
import { z } from 'zod';
import type { PeriodCheck } from '../periodCheck.js';
import { scopeCte } from '../journals/scopeCte.js';
import { campaignYear, territoryCte } from './eserviceScope.js';
import { countsAt, unitsCte } from './serviceUnits.js';

const row = z.object({ subject_id: z.string(), units: z.number(), free: z.number(), with_free: z.array(z.string()), recorded_at: z.string().nullable() });

/**
 * `eservice_free_places`: a state, not a deed — free places remain in the subject's units of the
 * `params.service` campaign of the deadline's year, counted from each unit's places as recorded at
 * the deadline (or at `asOf` if earlier): the sum of places offered minus taken, over units with
 * places left. Holds (done) when that sum is positive, at the time of the latest count it rests on,
 * which is never after the deadline; otherwise not done. As the `while` of a campaign extension it
 * is evaluated at the main campaign's end. `offending`: ids of the units with places left.
 */
export const eserviceFreePlaces: PeriodCheck = {
  name: 'eservice_free_places',
  async evaluate(db, input) {
    const at = sql.fragment`least(${input.asOf}::timestamptz, ${input.dueAt}::timestamptz)`;
    const rows = await db.any(sql.type(row)`
      WITH ${scopeCte(input)}, ${territoryCte}, ${unitsCte(input, [campaignYear(input)])},
      counted AS (
        SELECT u.subject_id, u.id, k.places_total - k.places_taken AS free, k.recorded_at
        FROM units u
        CROSS JOIN LATERAL ${countsAt('u', at)} k
      )
      SELECT s.id AS subject_id, count(c.id)::int AS units,
             coalesce(sum(greatest(c.free, 0)), 0)::int AS free,
             coalesce(array_agg(c.id::text ORDER BY c.id) FILTER (WHERE c.free > 0), '{}') AS with_free,
             max(c.recorded_at) AS recorded_at
      FROM subjects s
      LEFT JOIN counted c ON c.subject_id = s.id
      GROUP BY s.id
      ORDER BY s.id`);
    return rows.map((r) => ({
      subject_kind: 'organisation' as const,
      subject_id: r.subject_id,
      completed_at: r.free > 0 ? r.recorded_at : null,
      metric: null,
      counts: { 'единиц приёма': r.units, 'свободных мест': r.free },
      offending: r.with_free,
    }));
  },
};
