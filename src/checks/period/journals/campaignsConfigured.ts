import { sql, type CommonQueryMethods } from 'slonik';
import { z } from 'zod';
import { localDateOf } from '../../../plan/localDay.js';
import { organisationOutcome, type PeriodCheckInput, type SubjectOutcome } from '../periodCheck.js';
import { periodBounds } from './periodBounds.js';
import { scopeCte } from './scopeCte.js';

const row = z.object({ subject_id: z.string(), completed_at: z.string().nullable(), configured: z.number(), campaign_ids: z.array(z.number()) });

/**
 * Judges, set-based, whether each subject's admission campaigns of every kind in `kinds` are
 * configured (`admission_campaigns.configured_at` at or before `asOf`) for the campaign year of the
 * deadline (the local year of its last moment) and, if given, `stage`. A campaign counts for a
 * subject when it is the subject's own, or its municipality's (no organisation), or the region's
 * (neither); for a regional tier any campaign of the region counts. Done at the time the last kind
 * was first configured. Shared by the two catalog names.
 */
export async function campaignsConfigured(db: CommonQueryMethods, input: PeriodCheckInput, kinds: string[], stage: number | undefined): Promise<SubjectOutcome[]> {
  const { zone } = periodBounds(input);
  const year = Number(localDateOf(new Date(Date.parse(input.dueAt) - 1).toISOString(), zone).slice(0, 4));
  const regional = input.subjectScope === 'region';
  const rows = await db.any(sql.type(row)`
    WITH ${scopeCte(input)},
    per_kind AS (
      SELECT s.id AS subject_id, c.kind, min(c.configured_at) AS configured_at, min(c.id) AS campaign_id
      FROM subjects s
      JOIN admission_campaigns c ON c.region = s.region
       AND (${regional ? sql.fragment`TRUE` : sql.fragment`c.organisation_id = s.id
            OR (c.organisation_id IS NULL AND c.municipality_id = s.municipality_id)
            OR (c.organisation_id IS NULL AND c.municipality_id IS NULL)`})
      WHERE c.kind = ANY(${sql.array(kinds, 'text')})
        AND c.year = ${year}
        AND (${stage === undefined ? sql.fragment`TRUE` : sql.fragment`c.stage = ${stage}`})
        AND c.configured_at <= ${input.asOf}::timestamptz
      GROUP BY s.id, c.kind
    )
    SELECT s.id AS subject_id,
           CASE WHEN count(k.kind) = ${kinds.length} THEN max(k.configured_at) END AS completed_at,
           count(k.kind)::int AS configured,
           coalesce(array_agg(k.campaign_id ORDER BY k.campaign_id) FILTER (WHERE k.campaign_id IS NOT NULL), '{}') AS campaign_ids
    FROM subjects s
    LEFT JOIN per_kind k ON k.subject_id = s.id
    GROUP BY s.id
    ORDER BY s.id`);
  return rows.map((r) => organisationOutcome(r, { 'кампаний требуется': kinds.length, 'кампаний настроено': r.configured }));
}

/** The optional `stage` parameter of both campaign checks. */
export const campaignStageOf = (params: Record<string, unknown>): number | undefined => (typeof params.stage === 'number' ? params.stage : undefined);
