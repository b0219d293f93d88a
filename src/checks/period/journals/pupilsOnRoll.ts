import { sql, type FragmentSqlToken } from 'slonik';

/**
 * SQL: `(organisation_id, n)` — the pupils on each roll of the `members` CTE at `asOf`: recorded by
 * then and not left by `asOfDay` (their local date); organisations without any have no row. The
 * contingent checks compare it with what the organisations exported.
 */
export function pupilsOnRoll(asOf: string, asOfDay: string): FragmentSqlToken {
  // Counted organisation by organisation (an index-only range of students_contingent_idx each),
  // which spares hashing a quarter of a million rows into groups.
  return sql.fragment`
        SELECT o.organisation_id, c.n
        FROM (SELECT DISTINCT organisation_id FROM members) o
        CROSS JOIN LATERAL (
          SELECT count(*)::int AS n
          FROM students st
          WHERE st.organisation_id = o.organisation_id
            AND st.created_at <= ${asOf}::timestamptz
            AND (st.left_at IS NULL OR st.left_at > ${asOfDay}::date)
        ) c
        WHERE c.n > 0`;
}
