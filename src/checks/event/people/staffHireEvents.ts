import { sql, type FragmentSqlToken } from 'slonik';
import { orderRef } from '../eventObligationCheck.js';

/**
 * Hires as an event source for `eventObligationCheck`: one row per staff member with a hiring date
 * (alias `s` = `staff` in `done` and `missing`), known from when the hire was entered. `done` is the
 * completion instant (null if not done), `missing` a text[] of what is still missing.
 */
export function staffHireEvents(done: FragmentSqlToken, missing: FragmentSqlToken): FragmentSqlToken {
  return sql.fragment`
    SELECT 'staff_hire'::text AS kind, s.id, s.organisation_id, s.hire_date AS event_date,
           coalesce(s.hire_entered_at, s.created_at) AS entered_at, (${done}) AS done_at, s.hire_order_no AS ref,
           concat_ws(' ', s.last_name, s.first_name, s.middle_name) AS person_name, (${missing})::text[] AS missing
    FROM staff s
    WHERE s.hire_date IS NOT NULL`;
}

/** Label of a hire case: the order, without personal data. */
export const hireLabel = (ref: string | null, eventDate: string): string => `Приказ о приёме на работу ${orderRef(ref, eventDate)}`;
