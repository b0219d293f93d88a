import { sql, type FragmentSqlToken } from 'slonik';

/**
 * SQL: `(organisation_id, n)` — the pupils on each roll of the `members` CTE at `asOf`: recorded by
 * then and not left by `asOfDay` (their local date); organisations without any have no row. The
 * contingent checks compare it with what the organisations exported.
 */
export function pupilsOnRoll(asOf: string, asOfDay: string): FragmentSqlToken {
  // Counting the students themselves read the whole roll index at every moment (~50 ms on the
  // benchmark region). Instead, with J(t) = #{created_at <= t} and L(d) = #{left_at <= d},
  //   n = J(asOf) − L(asOfDay) + #{created_at > asOf AND left_at <= asOfDay},
  // where J and L are running totals kept by triggers (migration `roll-counts`): the rows of
  // roll_joins / roll_leaves whose span contains the moment, one per organisation, found by one
  // range-index scan each for the whole region. The last term can only count students who left by
  // the day after their UTC creation date (asOfDay is at most a day ahead of asOf's UTC date): the
  // nearly empty students_early_leavers_idx. The second branch adds the other students for an
  // asOfDay beyond that bound; the checks never pass one, so it is a false one-time filter.
  // MATERIALIZED: each total read once by its range index, never probed per organisation.
  return sql.fragment`
        WITH joined AS MATERIALIZED (
          SELECT j.organisation_id, j.total FROM roll_joins j WHERE j.span @> ${asOf}::timestamptz
        ),
        gone AS MATERIALIZED (
          SELECT l.organisation_id, l.total FROM roll_leaves l WHERE l.span @> ${asOfDay}::date
        ),
        late AS MATERIALIZED (
          SELECT x.organisation_id, count(*) AS n
          FROM (
            SELECT st.organisation_id FROM students st
            WHERE st.created_at > ${asOf}::timestamptz AND st.left_at <= ${asOfDay}::date
              AND st.left_at <= (st.created_at AT TIME ZONE 'UTC')::date + 1
            UNION ALL
            SELECT st.organisation_id FROM students st
            WHERE ${asOfDay}::date > (${asOf}::timestamptz AT TIME ZONE 'UTC')::date + 1
              AND st.created_at > ${asOf}::timestamptz AND st.left_at <= ${asOfDay}::date
              AND st.left_at > (st.created_at AT TIME ZONE 'UTC')::date + 1
          ) x
          GROUP BY x.organisation_id
        )
        SELECT o.organisation_id, (coalesce(j.total, 0) - coalesce(g.total, 0) + coalesce(e.n, 0))::int AS n
        FROM (SELECT DISTINCT organisation_id FROM members) o
        LEFT JOIN joined j ON j.organisation_id = o.organisation_id
        LEFT JOIN gone g ON g.organisation_id = o.organisation_id
        LEFT JOIN late e ON e.organisation_id = o.organisation_id
        WHERE coalesce(j.total, 0) - coalesce(g.total, 0) + coalesce(e.n, 0) > 0`;
}
