import { sql } from 'slonik';
import { z } from 'zod';
import type { PeriodCheck } from '../periodCheck.js';
import { judgedModule, organisationScope } from './organisationScope.js';
import { targetAcademicYear } from './targetAcademicYear.js';

const row = z.object({ subject_id: z.string(), total: z.number(), unready: z.number(), completed_at: z.string().nullable(), offending: z.array(z.string()) });

/**
 * `class_groups_formed`: the organisation has classes (МОО), groups (МДОО, МОПО) or associations
 * (МОДО) — by the judged module — in the academic year nearest the deadline, and each of them meets
 * every requirement of `params.require` (`class_groups.requirements_met_at`). Only classes created
 * and requirements met by `asOf` count. Done when the last class became ready; an organisation
 * with no class of that year has not formed them. Offending: ids of classes not ready.
 */
export const classGroupsFormed: PeriodCheck = {
  name: 'class_groups_formed',
  async evaluate(db, input) {
    const year = targetAcademicYear(input.dueAt, input.region);
    const require = Array.isArray(input.params.require) ? (input.params.require as string[]) : [];
    const rows = await db.any(sql.type(row)`
      SELECT g.id AS subject_id,
             count(c.id)::int AS total,
             count(c.id) FILTER (WHERE r.ready_at IS NULL)::int AS unready,
             CASE WHEN count(c.id) > 0 AND count(c.id) = count(r.ready_at) THEN max(r.ready_at) END AS completed_at,
             coalesce(array_agg(c.id::text ORDER BY c.id) FILTER (WHERE c.id IS NOT NULL AND r.ready_at IS NULL), '{}') AS offending
      FROM organisations g
      LEFT JOIN class_groups c
        ON c.organisation_id = g.id AND c.academic_year = ${year.id} AND c.created_at <= ${input.asOf}::timestamptz
       AND c.kind = (CASE ${judgedModule(input.params)} WHEN 'МОО' THEN 'class' WHEN 'МОДО' THEN 'association' ELSE 'group' END)
      LEFT JOIN LATERAL (
        SELECT CASE WHEN coalesce(bool_and(coalesce((c.requirements_met_at ->> f)::timestamptz <= ${input.asOf}::timestamptz, false)), true)
                    THEN greatest(c.created_at, max((c.requirements_met_at ->> f)::timestamptz)) END AS ready_at
        FROM unnest(${sql.array(require, 'text')}) AS f
      ) r ON TRUE
      WHERE ${organisationScope(input)}
      GROUP BY g.id
      ORDER BY g.id`);
    return rows.map((r) => ({
      subject_kind: 'organisation' as const, subject_id: r.subject_id, completed_at: r.completed_at, metric: null,
      counts: { [`${year.id}: классов (групп, объединений)`]: r.total, 'не готово': r.unready }, offending: r.offending,
    }));
  },
};
