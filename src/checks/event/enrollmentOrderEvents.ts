import { sql, type FragmentSqlToken } from 'slonik';

/**
 * Enrollment orders as an event source for `eventObligationCheck`: one row per order (alias `st` =
 * the enrolled student in `done` and `missing`), known from when the order was entered. The person
 * is the student; the parents' own names stay out of notices.
 */
export function enrollmentOrderEvents(done: FragmentSqlToken, missing: FragmentSqlToken): FragmentSqlToken {
  return sql.fragment`
    SELECT 'enrollment_order'::text AS kind, o.id, o.organisation_id, o.order_date AS event_date,
           o.entered_at, (${done}) AS done_at, o.number AS ref,
           concat_ws(' ', st.last_name, st.first_name, st.middle_name) AS person_name, (${missing})::text[] AS missing
    FROM movement_orders o
    JOIN students st ON st.id = o.student_id
    WHERE o.kind = 'enrollment'`;
}
