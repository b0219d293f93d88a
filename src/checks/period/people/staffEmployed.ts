import { sql, type FragmentSqlToken } from 'slonik';

/**
 * SQL condition: staff member `s` works in the organisation on local date `day`, as known at
 * `asOf` — hired on or before it (a hire counts once entered; staff without a hiring date are
 * long-standing staff) and not dismissed before it (a dismissal counts once recorded).
 */
export function staffEmployed(day: FragmentSqlToken, asOf: string): FragmentSqlToken {
  return sql.fragment`(coalesce(s.hire_date, '-infinity'::date) <= ${day}
    AND coalesce(s.hire_entered_at, s.created_at) <= ${asOf}::timestamptz
    AND NOT coalesce(s.dismissal_date < ${day}
                     AND coalesce((s.field_filled_at ->> 'dismissal_date')::timestamptz, s.dismissal_entered_at) <= ${asOf}::timestamptz, false))`;
}
