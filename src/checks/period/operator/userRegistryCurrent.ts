import { sql } from 'slonik';
import { z } from 'zod';
import { periodBounds } from '../journals/periodBounds.js';
import { scopeCte } from '../journals/scopeCte.js';
import { organisationOutcome, type PeriodCheck } from '../periodCheck.js';

const row = z.object({ subject_id: z.string(), completed_at: z.string().nullable(), grounds: z.number(), pending: z.array(z.string()) });

/**
 * `user_registry_current`: the grounds dated in the period (a day, for the daily rule) of the
 * subject's organisations, as known at `asOf` — enrollment orders and hires, whose person needs a
 * user account (`account_registered_at`), dropout orders and dismissals, whose account must be
 * blocked (`account_blocked_at`). Done when every ground's account action is recorded by `asOf`, at
 * the last of them (an account created before the ground counts at its creation); with no ground,
 * done at the period's start. `offending`: `student:<id>` and `staff:<id>` still waiting.
 */
export const userRegistryCurrent: PeriodCheck = {
  name: 'user_registry_current',
  async evaluate(db, input) {
    const { from } = periodBounds(input);
    const asOf = sql.fragment`${input.asOf}::timestamptz`;
    const rows = await db.any(sql.type(row)`
      WITH ${scopeCte(input)},
      grounds AS (
        SELECT mo.organisation_id, 'student:' || st.id AS ref,
               CASE WHEN mo.kind = 'enrollment' THEN st.account_registered_at ELSE st.account_blocked_at END AS action_at
        FROM movement_orders mo JOIN students st ON st.id = mo.student_id
        WHERE mo.kind IN ('enrollment', 'dropout') AND mo.order_date BETWEEN ${input.period.start}::date AND ${input.period.end}::date
          AND mo.entered_at <= ${asOf} AND mo.organisation_id IN (SELECT organisation_id FROM members)
        UNION ALL
        SELECT s.organisation_id, 'staff:' || s.id, s.account_registered_at
        FROM staff s
        WHERE s.hire_date BETWEEN ${input.period.start}::date AND ${input.period.end}::date
          AND coalesce(s.hire_entered_at, s.created_at) <= ${asOf} AND s.organisation_id IN (SELECT organisation_id FROM members)
        UNION ALL
        SELECT s.organisation_id, 'staff:' || s.id, s.account_blocked_at
        FROM staff s
        WHERE s.dismissal_date BETWEEN ${input.period.start}::date AND ${input.period.end}::date
          AND coalesce(s.dismissal_entered_at, (s.field_filled_at ->> 'dismissal_date')::timestamptz, s.updated_at) <= ${asOf}
          AND s.organisation_id IN (SELECT organisation_id FROM members)
      ),
      judged AS (
        SELECT g.organisation_id, g.ref, CASE WHEN g.action_at <= ${asOf} THEN g.action_at END AS done_at FROM grounds g
      )
      SELECT s.id AS subject_id,
             CASE WHEN count(j.ref) = count(j.done_at) THEN greatest(max(j.done_at), ${from}::timestamptz) END AS completed_at,
             count(j.ref)::int AS grounds,
             coalesce(array_agg(DISTINCT j.ref) FILTER (WHERE j.ref IS NOT NULL AND j.done_at IS NULL), '{}') AS pending
      FROM subjects s
      LEFT JOIN members mb ON mb.subject_id = s.id
      LEFT JOIN judged j ON j.organisation_id = mb.organisation_id
      GROUP BY s.id
      ORDER BY s.id`);
    return rows.map((r) => organisationOutcome(r, { 'оснований': r.grounds, 'учётные записи не созданы или не заблокированы': r.pending.length }, r.pending));
  },
};
