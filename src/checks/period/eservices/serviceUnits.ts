import { sql, type FragmentSqlToken } from 'slonik';
import type { PeriodCheckInput } from '../periodCheck.js';
import { campaignKinds } from './eserviceScope.js';

/**
 * A CTE `units(subject_id, id, organisation_id, created_at)`, to place after `territoryCte`: the
 * admission units (`campaign_places`) of the territory's organisations in the campaigns of
 * `params.service` of the given years, created by `asOf`.
 */
export function unitsCte(input: Pick<PeriodCheckInput, 'params' | 'asOf'>, years: number[]): FragmentSqlToken {
  return sql.fragment`
    units AS (
      SELECT t.subject_id, p.id, p.organisation_id, p.created_at
      FROM territory t
      JOIN campaign_places p ON p.organisation_id = t.organisation_id
      JOIN admission_campaigns c ON c.id = p.campaign_id
      WHERE c.kind = ANY(${sql.array(campaignKinds(input.params), 'text')})
        AND c.year = ANY(${sql.array(years, 'int4')})
        AND p.created_at <= ${input.asOf}::timestamptz
    )`;
}

/**
 * SQL: a LATERAL subquery `(places_total, places_taken, recorded_at)` of unit `<alias>.id` as
 * recorded at or before `at` (`campaign_place_counts`); no row when nothing was recorded by then.
 */
export function countsAt(alias: string, at: FragmentSqlToken): FragmentSqlToken {
  return sql.fragment`(
    SELECT k.places_total, k.places_taken, k.recorded_at
    FROM campaign_place_counts k
    WHERE k.place_id = ${sql.identifier([alias, 'id'])} AND k.recorded_at <= ${at}
    ORDER BY k.recorded_at DESC, k.id DESC
    LIMIT 1)`;
}
