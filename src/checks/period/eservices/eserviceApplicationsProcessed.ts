import { sql } from 'slonik';
import { z } from 'zod';
import { organisationOutcome, type PeriodCheck } from '../periodCheck.js';
import { periodBounds } from '../journals/periodBounds.js';
import { scopeCte } from '../journals/scopeCte.js';
import { applicationKinds, FINAL_STATUSES, territoryCte } from './eserviceScope.js';

const row = z.object({ subject_id: z.string(), completed_at: z.string().nullable(), applications: z.number(), open: z.array(z.string()) });

/**
 * `eservice_applications_processed` for period rules (a campaign): every application of
 * `params.service` to an organisation of the subject's territory submitted within the period's
 * local days (and by `asOf`) has a final status (`FINAL_STATUSES`, reached at its
 * `status_changed_at`) at or before `asOf`. Done when the last of them became final; with no
 * application, from the start of the period. `offending`: the applications (number, or id)
 * without a final status. The event rules' version is `applicationDecisions`.
 */
export const eserviceApplicationsProcessed: PeriodCheck = {
  name: 'eservice_applications_processed',
  async evaluate(db, input) {
    const { from, to } = periodBounds(input);
    const asOf = sql.fragment`${input.asOf}::timestamptz`;
    const rows = await db.any(sql.type(row)`
      WITH ${scopeCte(input)}, ${territoryCte},
      applications AS (
        SELECT t.subject_id, a.id, coalesce(a.number, a.id::text) AS ref,
               CASE WHEN a.status = ANY(${sql.array(FINAL_STATUSES, 'text')}) AND a.status_changed_at <= ${asOf} THEN a.status_changed_at END AS final_at
        FROM territory t
        JOIN citizen_applications a ON a.organisation_id = t.organisation_id
        WHERE a.kind = ANY(${sql.array(applicationKinds(input.params), 'text')})
          AND a.submitted_at >= ${from}::timestamptz AND a.submitted_at < ${to}::timestamptz
          AND greatest(a.submitted_at, a.entered_at) <= ${asOf}
      )
      SELECT s.id AS subject_id,
             CASE WHEN count(a.id) = 0 THEN ${from}::timestamptz
                  WHEN bool_and(a.final_at IS NOT NULL) THEN max(a.final_at) END AS completed_at,
             count(a.id)::int AS applications,
             coalesce(array_agg(a.ref ORDER BY a.id) FILTER (WHERE a.id IS NOT NULL AND a.final_at IS NULL), '{}') AS open
      FROM subjects s
      LEFT JOIN applications a ON a.subject_id = s.id
      GROUP BY s.id
      ORDER BY s.id`);
    return rows.map((r) => organisationOutcome(r, { 'заявлений': r.applications, 'без окончательного решения': r.open.length }, r.open));
  },
};
