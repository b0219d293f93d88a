import { sql } from 'slonik';
import { z } from 'zod';
import { localDateOf } from '../../../plan/localDay.js';
import { organisationOutcome, type PeriodCheck } from '../periodCheck.js';
import { periodBounds } from './periodBounds.js';
import { pupilsOnRoll } from './pupilsOnRoll.js';
import { scopeCte } from './scopeCte.js';

const row = z.object({
  subject_id: z.string(),
  completed_at: z.string().nullable(),
  metric: z.number().nullable(),
  organisations: z.number(),
  not_uploaded: z.array(z.string()),
});

/**
 * `contingent_records_updated`: done when every member organisation of the subject has uploaded its
 * records (`contingent_exports`) at or after the start of the period (local midnight of its first
 * day) and at or before `asOf`, at the time of the last of those first uploads; an upload after the
 * deadline (even in the next period) makes it met late. The metric is the share of the contingent
 * the latest such uploads cover (min(records, students) / students, summed over members), because
 * the fill of individual УФТТ fields is not stored; `education_levels` cannot narrow it for the
 * same reason. `offending`: member organisations without an upload.
 */
export const contingentRecordsUpdated: PeriodCheck = {
  name: 'contingent_records_updated',
  async evaluate(db, input) {
    const { from, zone } = periodBounds(input);
    const asOfDay = localDateOf(input.asOf, zone);
    const rows = await db.any(sql.type(row)`
      WITH ${scopeCte(input)},
      uploads AS (
        SELECT e.organisation_id, min(e.exported_at) AS first_upload,
               (array_agg(e.records ORDER BY e.exported_at DESC, e.id DESC))[1] AS records
        FROM contingent_exports e
        WHERE e.organisation_id IN (SELECT organisation_id FROM members)
          AND e.exported_at >= ${from}::timestamptz AND e.exported_at <= ${input.asOf}::timestamptz
        GROUP BY e.organisation_id
      ),
      pupils AS (${pupilsOnRoll(input.asOf, asOfDay)}),
      -- Aggregated over the members first, then joined to every subject (also those without
      -- members): joined the other way round, the planner misjudges a regional subject's thousands
      -- of members as a handful and loops over them.
      per_subject AS MATERIALIZED (
        SELECT mb.subject_id,
               CASE WHEN count(u.organisation_id) = count(*) THEN max(u.first_upload) END AS completed_at,
               CASE WHEN count(u.organisation_id) = 0 THEN NULL
                    WHEN coalesce(sum(p.n), 0) = 0 THEN 100
                    ELSE sum(least(coalesce(u.records, 0), coalesce(p.n, 0))) * 100.0 / sum(coalesce(p.n, 0)) END::float8 AS metric,
               count(*)::int AS organisations,
               array_agg(mb.organisation_id ORDER BY mb.organisation_id) FILTER (WHERE u.organisation_id IS NULL) AS not_uploaded
        FROM members mb
        LEFT JOIN uploads u ON u.organisation_id = mb.organisation_id
        LEFT JOIN pupils p ON p.organisation_id = mb.organisation_id
        GROUP BY mb.subject_id
      )
      SELECT s.id AS subject_id, a.completed_at, a.metric, coalesce(a.organisations, 0) AS organisations,
             coalesce(a.not_uploaded, '{}') AS not_uploaded
      FROM subjects s
      LEFT JOIN per_subject a ON a.subject_id = s.id
      ORDER BY s.id`);
    return rows.map((r) => organisationOutcome(r, { 'организаций': r.organisations, 'без выгрузки за период': r.not_uploaded.length }, r.not_uploaded, r.metric));
  },
};
