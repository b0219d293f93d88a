import { sql } from 'slonik';
import { z } from 'zod';
import type { PeriodCheck } from '../periodCheck.js';
import { periodBounds } from '../journals/periodBounds.js';
import { scopeCte } from '../journals/scopeCte.js';
import { campaignKinds, campaignYear } from './eserviceScope.js';

const orgRow = z.object({ organisation_id: z.string(), units: z.number(), not_ready: z.array(z.string()), missing_grades: z.array(z.number()) });
const row = z.object({ subject_id: z.string(), completed_at: z.string().nullable(), units: z.number(), orgs: z.array(orgRow) });

/**
 * `admission_units_created`: each member organisation has admission units (`campaign_places`) in
 * the `params.service` campaigns of the deadline's year, created by `asOf`, and every unit meets
 * every item of `params.require` (its stamp in `requirements_met_at` at or before `asOf`;
 * `entrance_tests` only for units that hold them). With `params.grades` only school classes of
 * those grades count, and each listed grade the organisation taught in the previous academic year
 * (`class_groups`; every listed grade when it has no classes of that year recorded) needs at least
 * one; without `grades` at least one unit is needed. Done when the last needed unit became ready
 * (created and complete); with nothing needed, from the period's start. `offending`: ids of units
 * not ready and missing grades («1 класс»), prefixed by the organisation for a municipality or region.
 */
export const admissionUnitsCreated: PeriodCheck = {
  name: 'admission_units_created',
  async evaluate(db, input) {
    const { from } = periodBounds(input);
    const year = campaignYear(input);
    const grades = Array.isArray(input.params.grades) ? input.params.grades.filter((g): g is number => Number.isInteger(g)) : null;
    const require = Array.isArray(input.params.require) ? input.params.require.filter((f): f is string => typeof f === 'string') : [];
    const asOf = sql.fragment`${input.asOf}::timestamptz`;
    const byGrade = grades !== null;
    const rows = await db.any(sql.type(row)`
      WITH ${scopeCte(input)},
      units AS (
        SELECT mb.subject_id, mb.organisation_id, p.id, p.grade, p.created_at, p.entrance_tests, p.requirements_met_at
        FROM members mb
        JOIN campaign_places p ON p.organisation_id = mb.organisation_id
        JOIN admission_campaigns c ON c.id = p.campaign_id
        WHERE c.kind = ANY(${sql.array(campaignKinds(input.params), 'text')}) AND c.year = ${year}
          AND p.created_at <= ${asOf}
          AND (${byGrade ? sql.fragment`p.grade = ANY(${sql.array(grades, 'int4')})` : sql.fragment`TRUE`})
      ),
      ready AS (
        SELECT u.subject_id, u.organisation_id, u.id,
               CASE WHEN bool_and(NOT x.needed OR coalesce(x.stamp <= ${asOf}, false))
                    THEN greatest(u.created_at, max(x.stamp) FILTER (WHERE x.needed)) END AS ready_at
        FROM units u
        LEFT JOIN unnest(${sql.array(require, 'text')}) AS f(item) ON TRUE
        CROSS JOIN LATERAL (
          SELECT f.item IS NOT NULL AND (f.item <> 'entrance_tests' OR u.entrance_tests) AS needed,
                 (u.requirements_met_at ->> f.item)::timestamptz AS stamp
        ) x
        GROUP BY u.subject_id, u.organisation_id, u.id, u.created_at
      ),
      taught AS (
        SELECT DISTINCT cg.organisation_id, cg.grade
        FROM class_groups cg
        WHERE cg.organisation_id IN (SELECT organisation_id FROM members)
          AND cg.academic_year = ${`${year - 1}/${year}`} AND cg.created_at <= ${asOf} AND cg.grade IS NOT NULL
      ),
      needed_grades AS (
        SELECT mb.subject_id, mb.organisation_id, g.grade
        FROM members mb
        CROSS JOIN unnest(${sql.array(grades ?? [], 'int4')}) AS g(grade)
        WHERE EXISTS (SELECT 1 FROM taught t WHERE t.organisation_id = mb.organisation_id AND t.grade = g.grade)
           OR NOT EXISTS (SELECT 1 FROM taught t WHERE t.organisation_id = mb.organisation_id)
      ),
      per_org AS (
        SELECT mb.subject_id, mb.organisation_id, count(r.id)::int AS units,
               count(r.id) FILTER (WHERE r.ready_at IS NULL)::int AS not_ready_count, max(r.ready_at) AS last_ready,
               coalesce(array_agg(r.id::text ORDER BY r.id) FILTER (WHERE r.id IS NOT NULL AND r.ready_at IS NULL), '{}') AS not_ready,
               coalesce((SELECT array_agg(n.grade ORDER BY n.grade) FROM needed_grades n
                         WHERE n.subject_id = mb.subject_id AND n.organisation_id = mb.organisation_id
                           AND NOT EXISTS (SELECT 1 FROM units u WHERE u.organisation_id = n.organisation_id AND u.grade = n.grade)), '{}') AS missing_grades
        FROM members mb
        LEFT JOIN ready r ON r.subject_id = mb.subject_id AND r.organisation_id = mb.organisation_id
        GROUP BY mb.subject_id, mb.organisation_id
      ),
      org_done AS (
        SELECT o.*,
               CASE WHEN cardinality(o.missing_grades) > 0 OR o.not_ready_count > 0 THEN NULL
                    WHEN ${byGrade} THEN coalesce(o.last_ready, ${from}::timestamptz)
                    ELSE o.last_ready END AS done_at
        FROM per_org o
      )
      SELECT s.id AS subject_id,
             CASE WHEN count(o.organisation_id) = 0 THEN ${from}::timestamptz WHEN bool_and(o.done_at IS NOT NULL) THEN max(o.done_at) END AS completed_at,
             coalesce(sum(o.units), 0)::int AS units,
             coalesce(json_agg(json_build_object('organisation_id', o.organisation_id, 'units', o.units, 'not_ready', o.not_ready, 'missing_grades', o.missing_grades)
                      ORDER BY o.organisation_id) FILTER (WHERE o.organisation_id IS NOT NULL AND o.done_at IS NULL), '[]'::json) AS orgs
      FROM subjects s
      LEFT JOIN org_done o ON o.subject_id = s.id
      GROUP BY s.id
      ORDER BY s.id`);
    return rows.map((r) => ({
      subject_kind: 'organisation' as const,
      subject_id: r.subject_id,
      completed_at: r.completed_at,
      metric: null,
      counts: { 'единиц приёма': r.units, 'организаций не готово': r.orgs.length },
      offending: r.orgs.flatMap((o) => {
        const own = o.organisation_id === r.subject_id;
        const items = [...o.not_ready, ...o.missing_grades.map((g) => `${g} класс`)];
        if (items.length === 0) items.push('нет единиц приёма');
        return own ? items : items.map((i) => `${o.organisation_id}: ${i}`);
      }),
    }));
  },
};
