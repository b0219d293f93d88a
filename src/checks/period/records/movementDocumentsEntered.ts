import { sql, type FragmentSqlToken } from 'slonik';
import { z } from 'zod';
import { localDateOf, startOfLocalDay } from '../../../plan/localDay.js';
import { MOVEMENT_DOCUMENT_REQUIREMENTS, MOVEMENT_DOCUMENT_TITLES } from '../../definitions/rollover.js';
import type { PeriodCheck } from '../periodCheck.js';
import { judgedModule, OWN_MODULE, organisationScope } from '../rollover/organisationScope.js';
import { targetAcademicYear } from '../rollover/targetAcademicYear.js';
import { orderDateRange } from './orderDateRange.js';

/** `movement_orders.kind` of each document type of the catalog. */
const DOCUMENT_KIND: Record<string, string> = {
  next_year_transfer: 'transfer',
  graduation: 'graduation',
  enrollment: 'enrollment',
  dropout: 'dropout',
};

/**
 * The document kinds a requirement applies to (all kinds when absent): only a dropout names the
 * institution the pupil leaves for, only a «Выпускники» document has a subtype and a direction.
 */
const REQUIREMENT_KINDS: Record<string, string[]> = {
  receiving_institution: ['dropout'],
  graduate_subtype: ['graduation'],
  further_education: ['graduation'],
};

/** The column holding each requirement's value; order requisites are the mandatory number. */
const REQUIREMENT_COLUMN: Record<string, string> = {
  order_requisites: 'number',
  reason: 'reason',
  receiving_institution: 'receiving_institution',
  graduate_subtype: 'subtype',
  further_education: 'further_education',
};

const row = z.object({
  subject_id: z.string(),
  total: z.number(),
  lacking: z.number(),
  completed_at: z.string().nullable(),
  offending: z.array(z.string()),
});

/** The requirements asked that the data knows (unknown keys are ignored rather than failing the step). */
function requirementsOf(params: Record<string, unknown>): string[] {
  return Array.isArray(params.require) ? (params.require as string[]).filter((k) => k in REQUIREMENT_COLUMN) : [];
}

/**
 * SQL expression on `movement_orders o`: when the document became complete — its entry, or the
 * last requirement of `require` that applies to its kind, each met at its `requirements_met_at`
 * stamp, else at the entry when the value is there — or null while one is unmet at `asOf`.
 */
function readyAt(require: string[], asOf: string): FragmentSqlToken {
  if (require.length === 0) return sql.fragment`o.entered_at`;
  const metAt = require.map((k) => {
    const value = sql.identifier(['o', REQUIREMENT_COLUMN[k]!]);
    const applies = REQUIREMENT_KINDS[k] ? sql.fragment`o.kind = ANY(${sql.array(REQUIREMENT_KINDS[k]!, 'text')})` : sql.fragment`TRUE`;
    return sql.fragment`CASE WHEN NOT (${applies}) THEN o.entered_at
      WHEN nullif(btrim(${value}), '') IS NOT NULL THEN coalesce((o.requirements_met_at ->> ${k})::timestamptz, o.entered_at) END`;
  });
  return sql.fragment`(SELECT CASE WHEN bool_and(m.at IS NOT NULL AND m.at <= ${asOf}::timestamptz) THEN greatest(o.entered_at, max(m.at)) END
                       FROM (VALUES ${sql.join(metAt.map((m) => sql.fragment`(${m})`), sql.fragment`, `)}) AS m(at))`;
}

/** SQL condition on `class_groups cg` (may be null) of a pupil of organisation `g`: the pupil is in the judged module. */
function inModule(params: Record<string, unknown>): FragmentSqlToken {
  const module = judgedModule(params);
  return sql.fragment`(CASE WHEN cg.id IS NULL THEN ${module} = ${OWN_MODULE}
    ELSE cg.kind = (CASE ${module} WHEN 'МОО' THEN 'class' WHEN 'МОДО' THEN 'association' ELSE 'group' END) END)`;
}

function gradeFilter(grades: number[] | undefined): FragmentSqlToken {
  return grades ? sql.fragment`cg.grade = ANY(${sql.array(grades, 'int4')})` : sql.fragment`TRUE`;
}

/**
 * `movement_documents_entered`: the organisation's movement documents of `params.documents`
 * (next-year transfer, graduation, enrollment, dropout) are in the book of movement by the deadline,
 * dated within `params.order_dates` (resolved by `orderDateRange`; without it, from the window's
 * opening or the start of the academic year that ends, up to the deadline), each with every
 * requirement of `params.require` that applies to its kind, for pupils of the judged module
 * (`params.module`, else the organisation's own) and, with `params.grades`, of those grades.
 *
 * Without `every_student` only the documents present are judged: done when the last of them was
 * entered and complete (with none, from the range's first day). With `every_student` each pupil of
 * the academic year the documents close (the year that begins, for enrollment) must have one of
 * them, which is how a forgotten transfer shows; pupils who left earlier, or left by the deadline
 * through a document the rule does not ask for, and pupils enrolled by an order dated after the
 * range, owe none. Only documents, pupils and requirements recorded by `asOf` count. Offending: ids
 * of pupils without a document, or of incomplete documents.
 */
export const movementDocumentsEntered: PeriodCheck = {
  name: 'movement_documents_entered',
  async evaluate(db, input) {
    const params = input.params;
    const year = targetAcademicYear(input.dueAt, input.region);
    const documents = (Array.isArray(params.documents) ? (params.documents as string[]) : []).filter((d) => d in DOCUMENT_KIND);
    const kinds = documents.map((d) => DOCUMENT_KIND[d]!);
    const grades = Array.isArray(params.grades) ? (params.grades as number[]) : undefined;
    // Without `order_dates` the documents of the whole window count: from its opening day, else from
    // the first day of the academic year that ends.
    const defaultFrom = input.windowOpensAt ? localDateOf(input.windowOpensAt, input.timezone) : year.previousStart;
    const range = orderDateRange(params.order_dates, input.dueAt, input.timezone, defaultFrom);
    const rangeStart = startOfLocalDay(range.from, input.timezone);
    const asOf = sql.fragment`${input.asOf}::timestamptz`;
    const wanted = sql.array(kinds, 'text');
    const docs = sql.fragment`
      SELECT o.id, o.student_id, o.organisation_id, ${readyAt(requirementsOf(params), input.asOf)} AS ready_at
      FROM movement_orders o
      WHERE o.kind = ANY(${wanted}) AND o.order_date BETWEEN ${range.from}::date AND ${range.to}::date AND o.entered_at <= ${asOf}`;

    const query = params.every_student === true
      ? sql.type(row)`
        WITH scope AS (SELECT g.id, g.type FROM organisations g WHERE ${organisationScope(input)}),
        -- Each pupil's documents and leaving are looked up by the pupil (index on student_id), so the
        -- cost grows with the pupils judged whatever the planner knows of the tables.
        covered AS (
          SELECT g.id AS organisation_id, st.id AS student_id, r.done_at
          FROM scope g
          JOIN students st ON st.organisation_id = g.id AND st.created_at <= ${asOf}
          JOIN class_groups cg ON cg.id = st.class_group_id
          LEFT JOIN LATERAL (
            SELECT min(d.ready_at) AS done_at FROM (${docs} AND o.student_id = st.id) d
          ) r ON TRUE
          WHERE cg.academic_year = ${kinds.every((k) => k === 'enrollment') ? year.id : year.previousId}
            AND ${inModule(params)} AND ${gradeFilter(grades)}
            -- Pupils who left before the range, or by the deadline through a document not asked for,
            -- or who were enrolled by an order dated after the range, owe no document.
            AND NOT EXISTS (
              SELECT 1 FROM movement_orders lo
              WHERE lo.student_id = st.id AND lo.entered_at <= ${asOf}
                AND ((lo.kind IN ('graduation', 'dropout') AND (lo.order_date < ${range.from}::date
                                                               OR (lo.order_date <= ${range.dueDay}::date AND lo.kind <> ALL(${wanted}))))
                     OR (lo.kind = 'enrollment' AND 'enrollment' = ANY(${wanted}) AND lo.order_date > ${range.to}::date)))
        ),
        -- Aggregated once, then joined to every organisation (also those without pupils).
        per_organisation AS MATERIALIZED (
          SELECT c.organisation_id, count(*)::int AS total, count(*) FILTER (WHERE c.done_at IS NULL)::int AS lacking,
                 CASE WHEN bool_and(c.done_at IS NOT NULL) THEN max(c.done_at) END AS done_at,
                 coalesce(array_agg(c.student_id::text ORDER BY c.student_id) FILTER (WHERE c.done_at IS NULL), '{}') AS offending
          FROM covered c GROUP BY c.organisation_id
        )
        SELECT g.id AS subject_id, coalesce(a.total, 0) AS total, coalesce(a.lacking, 0) AS lacking,
               CASE WHEN a.organisation_id IS NULL THEN ${rangeStart}::timestamptz ELSE a.done_at END AS completed_at,
               coalesce(a.offending, '{}') AS offending
        FROM scope g
        LEFT JOIN per_organisation a ON a.organisation_id = g.id
        ORDER BY g.id`
      : sql.type(row)`
        WITH scope AS (SELECT g.id, g.type FROM organisations g WHERE ${organisationScope(input)}),
        -- Aggregated once, then joined to every organisation (also those without documents).
        per_organisation AS MATERIALIZED (
          SELECT d.organisation_id, count(*)::int AS total, count(*) FILTER (WHERE d.ready_at IS NULL)::int AS lacking,
                 CASE WHEN bool_and(d.ready_at IS NOT NULL) THEN max(d.ready_at) END AS done_at,
                 coalesce(array_agg(d.id::text ORDER BY d.id) FILTER (WHERE d.ready_at IS NULL), '{}') AS offending
          FROM (${docs}) d
          JOIN scope g ON g.id = d.organisation_id
          JOIN students st ON st.id = d.student_id
          LEFT JOIN class_groups cg ON cg.id = st.class_group_id
          WHERE ${inModule(params)} AND ${gradeFilter(grades)}
          GROUP BY d.organisation_id
        )
        SELECT g.id AS subject_id, coalesce(a.total, 0) AS total, coalesce(a.lacking, 0) AS lacking,
               CASE WHEN a.organisation_id IS NULL THEN ${rangeStart}::timestamptz ELSE a.done_at END AS completed_at,
               coalesce(a.offending, '{}') AS offending
        FROM scope g
        LEFT JOIN per_organisation a ON a.organisation_id = g.id
        ORDER BY g.id`;
    const rows = await db.any(query);
    const what = documents.map((d) => MOVEMENT_DOCUMENT_TITLES[d]).join(', ');
    const perStudent = params.every_student === true;
    return rows.map((r) => ({
      subject_kind: 'organisation' as const, subject_id: r.subject_id, completed_at: r.completed_at, metric: null,
      counts: perStudent
        ? { [`обучающихся (${what})`]: r.total, 'без документа': r.lacking }
        : { [`документов (${what})`]: r.total, [`без: ${requirementsOf(params).map((k) => MOVEMENT_DOCUMENT_REQUIREMENTS[k]).join(', ') || 'внесения'}`]: r.lacking },
      offending: r.offending,
    }));
  },
};
