import { sql } from 'slonik';
import { z } from 'zod';
import { organisationOutcome, type PeriodCheck } from '../periodCheck.js';
import { scopeCte } from '../journals/scopeCte.js';
import { applicationKinds, territoryCte } from './eserviceScope.js';

const row = z.object({
  subject_id: z.string(), completed_at: z.string().nullable(), directions: z.number(), waiting_at_due: z.number(), waiting_now: z.array(z.string()),
});

/**
 * `eservice_directions_enrolled`: every direction (путёвка, `citizen_applications.directed_at`) of
 * `params.service` to an organisation of the subject's territory issued more than
 * `params.older_than_days` days (default 0) before the deadline — or before `asOf` if earlier — is
 * resolved by then: the child is enrolled (`enrolled_at`) or the application was refused or
 * withdrawn (a final status other than «зачислено», at its `status_changed_at`). Done at that moment
 * when nothing is waiting. Otherwise, once the deadline has passed, done late when every direction
 * waiting at the deadline has been resolved by `asOf`, at the last resolution; else not done.
 * `offending`: the applications (number, or id) still waiting as of `asOf`.
 */
export const eserviceDirectionsEnrolled: PeriodCheck = {
  name: 'eservice_directions_enrolled',
  async evaluate(db, input) {
    const days = Number.isInteger(input.params.older_than_days) ? Number(input.params.older_than_days) : 0;
    const asOf = sql.fragment`${input.asOf}::timestamptz`;
    const due = sql.fragment`${input.dueAt}::timestamptz`;
    const judgedAt = sql.fragment`least(${asOf}, ${due})`;
    const age = sql.fragment`make_interval(days => ${days})`;
    const rows = await db.any(sql.type(row)`
      WITH ${scopeCte(input)}, ${territoryCte},
      directions AS (
        SELECT t.subject_id, a.id, coalesce(a.number, a.id::text) AS ref, a.directed_at,
               least(a.enrolled_at, CASE WHEN a.status IN ('отказано', 'отозвано') THEN a.status_changed_at END) AS resolved_at
        FROM territory t
        JOIN citizen_applications a ON a.organisation_id = t.organisation_id
        WHERE a.kind = ANY(${sql.array(applicationKinds(input.params), 'text')})
          AND a.directed_at <= ${asOf}
      ),
      judged AS (
        SELECT d.*,
               d.directed_at <= ${judgedAt} - ${age} AND NOT coalesce(d.resolved_at <= ${judgedAt}, false) AS waiting_then,
               d.directed_at <= ${asOf} - ${age} AND NOT coalesce(d.resolved_at <= ${asOf}, false) AS waiting_now
        FROM directions d
      )
      SELECT s.id AS subject_id,
             CASE WHEN NOT coalesce(bool_or(j.waiting_then), false) THEN ${judgedAt}
                  WHEN ${asOf} > ${due} AND bool_and(j.resolved_at <= ${asOf}) FILTER (WHERE j.waiting_then)
                  THEN max(j.resolved_at) FILTER (WHERE j.waiting_then) END AS completed_at,
             count(j.id)::int AS directions,
             count(j.id) FILTER (WHERE j.waiting_then)::int AS waiting_at_due,
             coalesce(array_agg(j.ref ORDER BY j.id) FILTER (WHERE j.waiting_now), '{}') AS waiting_now
      FROM subjects s
      LEFT JOIN judged j ON j.subject_id = s.id
      GROUP BY s.id
      ORDER BY s.id`);
    return rows.map((r) => organisationOutcome(r, { 'направлений': r.directions, 'без зачисления на срок': r.waiting_at_due, 'без зачисления сейчас': r.waiting_now.length }, r.waiting_now));
  },
};
