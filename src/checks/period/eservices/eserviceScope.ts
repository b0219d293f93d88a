import { sql, type FragmentSqlToken } from 'slonik';
import { localDateOf } from '../../../plan/localDay.js';
import type { PeriodCheckInput } from '../periodCheck.js';
import { periodBounds } from '../journals/periodBounds.js';

/**
 * `citizen_applications.kind` values of each service: school applications may be filed under the
 * campaign they belong to (1st, 5th, 10th grade) as well as under the service.
 */
const APPLICATION_KINDS: Record<string, string[]> = {
  kindergarten: ['kindergarten'],
  school: ['school', 'grade1', 'grade5', 'grade10'],
  spo: ['spo'],
  summer_camp: ['summer_camp'],
};

/** `admission_campaigns.kind` values of each service. */
const CAMPAIGN_KINDS: Record<string, string[]> = {
  kindergarten: ['kindergarten'],
  school: ['grade1', 'grade5', 'grade10'],
  spo: ['spo'],
  summer_camp: ['summer_camp'],
};

/** Application kinds of `params.service`; none for an unknown service, so a bad parameter finds nothing rather than failing. */
export const applicationKinds = (params: Record<string, unknown>): string[] => APPLICATION_KINDS[String(params.service)] ?? [];

/** Campaign kinds of `params.service` (none for an unknown service). */
export const campaignKinds = (params: Record<string, unknown>): string[] => CAMPAIGN_KINDS[String(params.service)] ?? [];

/** Statuses after which an application no longer changes: its `status_changed_at` is when it became final. */
export const FINAL_STATUSES = ['зачислено', 'отказано', 'отозвано'];

/**
 * The campaign year a check judges: the local year of the deadline's last moment (a deadline of
 * 24:00 on 31 December is still that year), as `campaignsConfigured` does.
 */
export function campaignYear(input: Pick<PeriodCheckInput, 'region' | 'period' | 'dueAt'>): number {
  const { zone } = periodBounds(input);
  return Number(localDateOf(new Date(Date.parse(input.dueAt) - 1).toISOString(), zone).slice(0, 4));
}

/**
 * A CTE `territory(subject_id, organisation_id)` to place after `scopeCte`'s: the organisations
 * whose «Е-услуги» data (applications, units, directions) a subject answers for — its members and,
 * for a subject that is a municipal authority (МОУО) or the regional one, every organisation of its
 * municipality (region), since the municipality runs the queue and the distribution for all of them.
 */
export const territoryCte: FragmentSqlToken = sql.fragment`
    territory AS (
      SELECT subject_id, organisation_id FROM members
      UNION
      SELECT s.id, o.id
      FROM subjects s
      JOIN organisations g ON g.id = s.id
      JOIN organisations o ON o.region = s.region
       AND ((g.type = 'МОУО' AND o.municipality_id = s.municipality_id) OR g.type IN ('РО', 'ОПЕРАТОР'))
    )`;

/**
 * SQL condition: the admission campaign `c` belongs to the subject `s` — its own, its
 * municipality's (no organisation) or the region's (neither) — as in `campaignsConfigured`.
 */
export const campaignOfSubject: FragmentSqlToken = sql.fragment`(c.region = s.region AND (c.organisation_id = s.id
    OR (c.organisation_id IS NULL AND c.municipality_id = s.municipality_id)
    OR (c.organisation_id IS NULL AND c.municipality_id IS NULL)))`;
