import { sql } from 'slonik';
import { z } from 'zod';
import { PLANNING_DOCUMENT_TITLES } from '../../definitions/documents.js';
import type { PeriodCheck } from '../periodCheck.js';
import { organisationScope } from './organisationScope.js';
import { targetAcademicYear } from './targetAcademicYear.js';

const row = z.object({ subject_id: z.string(), needed: z.number(), ready: z.number(), completed_at: z.string().nullable(), offending: z.array(z.string()) });

/** Kinds that `require` (CURRICULUM_REQUIREMENTS) applies to; a timetable has no study periods. */
const CURRICULUM_KINDS = ['curriculum', 'individual_curriculum'];

/**
 * `planning_documents_ready`: for the academic year nearest the deadline the organisation has a
 * planning document of every kind in `params.kinds` — with `per_class_group`, one for each of its
 * classes (groups, associations) of that year, or one for the organisation if it has none. A
 * curriculum counts once every requirement of `params.require` is met
 * (`planning_documents.requirements_met_at`). Only documents, classes and requirements recorded by
 * `asOf` count. Done when the last needed document became ready. Offending: ids of classes lacking
 * a document, or the names of kinds missing for the organisation.
 */
export const planningDocumentsReady: PeriodCheck = {
  name: 'planning_documents_ready',
  async evaluate(db, input) {
    const year = targetAcademicYear(input.dueAt, input.region);
    const kinds = input.params.kinds as string[];
    const require = Array.isArray(input.params.require) ? (input.params.require as string[]) : [];
    const perClassGroup = input.params.per_class_group === true;
    const asOf = sql.fragment`${input.asOf}::timestamptz`;
    const rows = await db.any(sql.type(row)`
      WITH scope AS (
        SELECT g.id FROM organisations g WHERE ${organisationScope(input)}
      ),
      units AS (
        SELECT s.id AS organisation_id, k.kind, c.id AS class_group_id
        FROM scope s
        CROSS JOIN unnest(${sql.array(kinds, 'text')}) AS k(kind)
        LEFT JOIN class_groups c
          ON ${perClassGroup} AND c.organisation_id = s.id AND c.academic_year = ${year.id} AND c.created_at <= ${asOf}
      ),
      docs AS (
        SELECT d.organisation_id, d.kind, d.class_group_id,
               CASE WHEN d.kind <> ALL(${sql.array(CURRICULUM_KINDS, 'text')}) THEN d.created_at
                    -- No requirement named: the unnest still yields one NULL row, which must not count as unmet.
                    WHEN coalesce(bool_and(coalesce((d.requirements_met_at ->> f)::timestamptz <= ${asOf}, false)) FILTER (WHERE f IS NOT NULL), true)
                    THEN greatest(d.created_at, max((d.requirements_met_at ->> f)::timestamptz) FILTER (WHERE f IS NOT NULL)) END AS ready_at
        FROM planning_documents d
        JOIN scope s ON s.id = d.organisation_id
        LEFT JOIN unnest(${sql.array(require, 'text')}) AS f ON TRUE
        WHERE d.academic_year = ${year.id} AND d.kind = ANY(${sql.array(kinds, 'text')}) AND d.created_at <= ${asOf}
        GROUP BY d.id
      ),
      -- A class's unit takes the first ready document of its class, an organisation's unit the first
      -- of its kind in any class: both minima are taken once here and joined by equality, instead of
      -- searching the documents again for every unit (classes × kinds).
      by_class AS (
        SELECT organisation_id, kind, class_group_id, min(ready_at) AS ready_at FROM docs GROUP BY organisation_id, kind, class_group_id
      ),
      by_kind AS (
        SELECT organisation_id, kind, min(ready_at) AS ready_at FROM by_class GROUP BY organisation_id, kind
      ),
      judged AS (
        SELECT u.organisation_id, u.kind, u.class_group_id,
               CASE WHEN u.class_group_id IS NULL THEN bk.ready_at ELSE bc.ready_at END AS ready_at
        FROM units u
        LEFT JOIN by_kind bk ON bk.organisation_id = u.organisation_id AND bk.kind = u.kind
        LEFT JOIN by_class bc ON bc.organisation_id = u.organisation_id AND bc.kind = u.kind AND bc.class_group_id = u.class_group_id
      )
      SELECT organisation_id AS subject_id, count(*)::int AS needed, count(ready_at)::int AS ready,
             CASE WHEN count(*) = count(ready_at) THEN max(ready_at) END AS completed_at,
             coalesce(array_agg(DISTINCT coalesce(class_group_id::text, kind)) FILTER (WHERE ready_at IS NULL), '{}') AS offending
      FROM judged
      GROUP BY organisation_id
      ORDER BY organisation_id`);
    return rows.map((r) => ({
      subject_kind: 'organisation' as const, subject_id: r.subject_id, completed_at: r.completed_at, metric: null,
      counts: { [`${year.id}: требуется документов`]: r.needed, 'готово': r.ready },
      offending: r.offending.map((o) => PLANNING_DOCUMENT_TITLES[o] ?? o),
    }));
  },
};
