import { sql } from 'slonik';
import { z } from 'zod';
import { organisationOutcome, type PeriodCheck } from '../periodCheck.js';
import { periodBounds } from '../journals/periodBounds.js';
import { scopeCte } from '../journals/scopeCte.js';
import { campaignOfSubject, campaignYear } from './eserviceScope.js';

const row = z.object({ subject_id: z.string(), completed_at: z.string().nullable(), campaigns: z.number() });

/**
 * `campaign_intake_open`: the subject's admission campaign of `params.kind` for the deadline's
 * year (its own, its municipality's or the region's; any of the region for a regional subject) is
 * configured with an intake start (`opens_on`). Intake begins at the later of that local day's
 * first second and the campaign's configuration (`configured_at`, seen only by `asOf`): done then,
 * if by `asOf` — so a start set after the deadline, or configured after it, is late. (The first
 * second, not the day's first instant: that instant of the day after the last day is the deadline
 * itself, and an intake opening the next day must not count as in time.) With several campaigns
 * (stages) the earliest intake counts.
 */
export const campaignIntakeOpen: PeriodCheck = {
  name: 'campaign_intake_open',
  async evaluate(db, input) {
    const { zone } = periodBounds(input);
    const asOf = sql.fragment`${input.asOf}::timestamptz`;
    const rows = await db.any(sql.type(row)`
      WITH ${scopeCte(input)},
      intake AS (
        SELECT s.id AS subject_id, min(greatest(c.configured_at, (c.opens_on::timestamp AT TIME ZONE ${zone}) + interval '1 second')) AS starts_at,
               count(*)::int AS campaigns
        FROM subjects s
        JOIN admission_campaigns c ON ${input.subjectScope === 'region' ? sql.fragment`c.region = s.region` : campaignOfSubject}
        WHERE c.kind = ${String(input.params.kind)} AND c.year = ${campaignYear(input)}
          AND c.opens_on IS NOT NULL AND c.configured_at <= ${asOf}
        GROUP BY s.id
      )
      SELECT s.id AS subject_id, CASE WHEN i.starts_at <= ${asOf} THEN i.starts_at END AS completed_at,
             coalesce(i.campaigns, 0) AS campaigns
      FROM subjects s
      LEFT JOIN intake i ON i.subject_id = s.id
      ORDER BY s.id`);
    return rows.map((r) => organisationOutcome(r, { 'кампаний с датой начала приёма': r.campaigns }, []));
  },
};
