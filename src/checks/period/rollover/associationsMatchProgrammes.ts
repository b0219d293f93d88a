import { sql } from 'slonik';
import { z } from 'zod';
import type { PeriodCheck } from '../periodCheck.js';
import { organisationScope } from './organisationScope.js';
import { targetAcademicYear } from './targetAcademicYear.js';

const row = z.object({
  subject_id: z.string(), associations: z.number(), programmes: z.number(), completed_at: z.string().nullable(), offending: z.array(z.string()),
});

/**
 * `associations_match_programmes`: the organisation's associations of the academic year nearest the
 * deadline are as many as its active additional programmes, and there is at least one. Only
 * associations and programmes created by `asOf` count; `programmes.active` has no history, so a
 * programme deactivated later is judged by its current state. Done at the later of the last
 * association and the last programme created. Offending: ids of active programmes without an
 * association of that year.
 */
export const associationsMatchProgrammes: PeriodCheck = {
  name: 'associations_match_programmes',
  async evaluate(db, input) {
    const year = targetAcademicYear(input.dueAt, input.region);
    const asOf = sql.fragment`${input.asOf}::timestamptz`;
    const rows = await db.any(sql.type(row)`
      WITH scope AS (
        SELECT g.id FROM organisations g WHERE ${organisationScope(input)}
      ),
      associations AS (
        SELECT c.organisation_id, count(*)::int AS n, max(c.created_at) AS last_at,
               array_agg(DISTINCT c.programme_id) FILTER (WHERE c.programme_id IS NOT NULL) AS programme_ids
        FROM class_groups c JOIN scope s ON s.id = c.organisation_id
        WHERE c.academic_year = ${year.id} AND c.kind = 'association' AND c.created_at <= ${asOf}
        GROUP BY c.organisation_id
      ),
      programmes AS (
        SELECT p.organisation_id, count(*)::int AS n, max(p.created_at) AS last_at, array_agg(p.id ORDER BY p.id) AS ids
        FROM programmes p JOIN scope s ON s.id = p.organisation_id
        WHERE p.kind = 'additional' AND p.active AND p.created_at <= ${asOf}
        GROUP BY p.organisation_id
      )
      SELECT s.id AS subject_id, coalesce(a.n, 0) AS associations, coalesce(p.n, 0) AS programmes,
             CASE WHEN a.n > 0 AND a.n = p.n THEN greatest(a.last_at, p.last_at) END AS completed_at,
             ARRAY(SELECT i::text FROM unnest(p.ids) AS i WHERE i <> ALL(coalesce(a.programme_ids, '{}')) ORDER BY i) AS offending
      FROM scope s
      LEFT JOIN associations a ON a.organisation_id = s.id
      LEFT JOIN programmes p ON p.organisation_id = s.id
      ORDER BY s.id`);
    return rows.map((r) => ({
      subject_kind: 'organisation' as const, subject_id: r.subject_id, completed_at: r.completed_at, metric: null,
      counts: { [`${year.id}: объединений`]: r.associations, 'действующих программ': r.programmes }, offending: r.offending,
    }));
  },
};
