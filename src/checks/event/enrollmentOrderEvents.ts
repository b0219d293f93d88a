import { sql, type FragmentSqlToken } from 'slonik';
import { dateWindow } from './dateWindow.js';
import type { EventWindow } from './eventObligationCheck.js';

/**
 * Enrollment orders as an event source for `eventObligationCheck`: one row per order (alias `o` =
 * the order, `st` = the enrolled student in `done` and `missing`), known from when the order was
 * entered; only the orders of `window` when given. The person is the student; the parents' own
 * names stay out of notices.
 */
export function enrollmentOrderEvents(done: FragmentSqlToken, missing: FragmentSqlToken, window?: EventWindow): FragmentSqlToken {
  // LEFT JOIN: every order has its student (NOT NULL foreign key), so nothing changes, but a query
  // that reads no student column (a source keyed by `o.student_id`, judged without names) skips the join.
  return sql.fragment`
    SELECT 'enrollment_order'::text AS kind, o.id, o.organisation_id, o.order_date AS event_date,
           o.entered_at, (${done}) AS done_at, o.number AS ref,
           concat_ws(' ', st.last_name, st.first_name, st.middle_name) AS person_name, (${missing})::text[] AS missing
    FROM movement_orders o
    LEFT JOIN students st ON st.id = o.student_id
    WHERE o.kind = 'enrollment'
      AND ${dateWindow(window, sql.fragment`o.order_date`, sql.fragment`o.entered_at`)}`;
}
