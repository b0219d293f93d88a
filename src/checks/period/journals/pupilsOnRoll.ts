import { sql, type FragmentSqlToken } from 'slonik';

/**
 * SQL: `(organisation_id, n)` — the pupils on each roll of the `members` CTE at `asOf`: recorded by
 * then and not left by `asOfDay` (their local date). The contingent checks compare it with what
 * the organisations exported.
 */
export function pupilsOnRoll(asOf: string, asOfDay: string): FragmentSqlToken {
  return sql.fragment`
        SELECT st.organisation_id, count(*)::int AS n
        FROM students st
        WHERE st.organisation_id IN (SELECT organisation_id FROM members)
          AND st.created_at <= ${asOf}::timestamptz
          AND (st.left_at IS NULL OR st.left_at > ${asOfDay}::date)
        GROUP BY st.organisation_id`;
}
