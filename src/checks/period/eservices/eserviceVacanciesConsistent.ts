import { sql } from 'slonik';
import { z } from 'zod';
import { organisationOutcome, type PeriodCheck } from '../periodCheck.js';
import { scopeCte } from '../journals/scopeCte.js';
import { campaignYear, territoryCte } from './eserviceScope.js';
import { countsAt, unitsCte } from './serviceUnits.js';

const row = z.object({
  subject_id: z.string(), completed_at: z.string().nullable(), units: z.number(), negative_at_due: z.number(), negative_now: z.array(z.string()),
});

/**
 * `eservice_vacancies_consistent`: no «минусовая вакансия» — no unit of the subject's territory in
 * the `params.service` campaigns of the deadline's year and the year before whose places taken
 * exceed places offered, by the counts recorded (`campaign_place_counts`) at the deadline, or at
 * `asOf` if earlier. Done at that moment when no unit is negative then. Otherwise, once the
 * deadline has passed, done late when every unit negative at the deadline has since been recorded
 * with no excess (at the last of those corrections, seen by `asOf`); else not done. `offending`: the
 * units negative as of `asOf`.
 */
export const eserviceVacanciesConsistent: PeriodCheck = {
  name: 'eservice_vacancies_consistent',
  async evaluate(db, input) {
    const year = campaignYear(input);
    const asOf = sql.fragment`${input.asOf}::timestamptz`;
    const due = sql.fragment`${input.dueAt}::timestamptz`;
    const judgedAt = sql.fragment`least(${asOf}, ${due})`;
    const rows = await db.any(sql.type(row)`
      WITH ${scopeCte(input)}, ${territoryCte}, ${unitsCte(input, [year - 1, year])},
      states AS (
        SELECT u.subject_id, u.id,
               coalesce(j.places_taken > j.places_total, false) AS negative_then,
               coalesce(n.places_taken > n.places_total, false) AS negative_now,
               (SELECT min(k.recorded_at) FROM campaign_place_counts k
                WHERE k.place_id = u.id AND k.recorded_at > ${due} AND k.recorded_at <= ${asOf}
                  AND k.places_taken <= k.places_total) AS fixed_at
        FROM units u
        LEFT JOIN LATERAL ${countsAt('u', judgedAt)} j ON TRUE
        LEFT JOIN LATERAL ${countsAt('u', asOf)} n ON TRUE
      )
      SELECT s.id AS subject_id,
             CASE WHEN NOT coalesce(bool_or(x.negative_then), false) THEN ${judgedAt}
                  WHEN ${asOf} > ${due} AND bool_and(x.fixed_at IS NOT NULL) FILTER (WHERE x.negative_then)
                  THEN max(x.fixed_at) FILTER (WHERE x.negative_then) END AS completed_at,
             count(x.id)::int AS units,
             count(x.id) FILTER (WHERE x.negative_then)::int AS negative_at_due,
             coalesce(array_agg(x.id::text ORDER BY x.id) FILTER (WHERE x.negative_now), '{}') AS negative_now
      FROM subjects s
      LEFT JOIN states x ON x.subject_id = s.id
      GROUP BY s.id
      ORDER BY s.id`);
    return rows.map((r) => organisationOutcome(r, { 'единиц приёма': r.units, 'с минусовыми вакансиями на срок': r.negative_at_due, 'с минусовыми вакансиями сейчас': r.negative_now.length }, r.negative_now));
  },
};
