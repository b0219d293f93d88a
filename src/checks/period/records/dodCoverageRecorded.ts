import { sql } from 'slonik';
import { z } from 'zod';
import { startOfLocalDay } from '../../../plan/localDay.js';
import { scopeCte } from '../journals/scopeCte.js';
import type { PeriodCheck } from '../periodCheck.js';

const row = z.object({
  subject_id: z.string(),
  documents: z.number(),
  unrecorded: z.number(),
  completed_at: z.string().nullable(),
  offending: z.array(z.string()),
});

/**
 * `dod_coverage_recorded`: the records of pupils in additional education (pupils of associations,
 * `class_groups.kind = 'association'`) of the member organisations are current at the end of the
 * period: every movement document of such a pupil dated within the period is in the system, and a
 * pupil whose leaving date falls in the period has a graduation or dropout document. Done when the
 * last of the period's documents was entered (with none, from the start of the period); a pupil who
 * left without a document keeps it undone. Only documents and leaving dates recorded by `asOf` count.
 * Offending: ids of pupils who left without a document.
 */
export const dodCoverageRecorded: PeriodCheck = {
  name: 'dod_coverage_recorded',
  async evaluate(db, input) {
    const { start, end } = input.period;
    const asOf = sql.fragment`${input.asOf}::timestamptz`;
    const rows = await db.any(sql.type(row)`
      WITH ${scopeCte(input)},
      pupils AS (
        SELECT mb.subject_id, st.id AS student_id, st.left_at, (st.field_filled_at ->> 'left_at')::timestamptz AS left_known_at
        FROM members mb
        JOIN students st ON st.organisation_id = mb.organisation_id AND st.created_at <= ${asOf}
        JOIN class_groups cg ON cg.id = st.class_group_id AND cg.kind = 'association'
      ),
      documents AS (
        SELECT p.subject_id, o.entered_at
        FROM pupils p
        JOIN movement_orders o ON o.student_id = p.student_id
        WHERE o.order_date BETWEEN ${start}::date AND ${end}::date AND o.entered_at <= ${asOf}
      ),
      unrecorded AS (
        SELECT p.subject_id, p.student_id
        FROM pupils p
        WHERE p.left_at BETWEEN ${start}::date AND ${end}::date
          AND coalesce(p.left_known_at, '-infinity'::timestamptz) <= ${asOf}
          AND NOT EXISTS (SELECT 1 FROM movement_orders o WHERE o.student_id = p.student_id AND o.kind IN ('graduation', 'dropout')
                                                            AND o.entered_at <= ${asOf})
      ),
      -- Aggregated once each, then joined to every subject.
      recorded AS MATERIALIZED (
        SELECT subject_id, count(*)::int AS n, max(entered_at) AS last_at FROM documents GROUP BY subject_id
      ),
      gone AS MATERIALIZED (
        SELECT subject_id, array_agg(student_id::text ORDER BY student_id) AS ids FROM unrecorded GROUP BY subject_id
      )
      SELECT s.id AS subject_id, coalesce(r.n, 0) AS documents, coalesce(cardinality(u.ids), 0) AS unrecorded,
             CASE WHEN u.ids IS NOT NULL THEN NULL
                  ELSE coalesce(r.last_at, ${startOfLocalDay(start, input.timezone)}::timestamptz) END AS completed_at,
             coalesce(u.ids, '{}') AS offending
      FROM subjects s
      LEFT JOIN recorded r ON r.subject_id = s.id
      LEFT JOIN gone u ON u.subject_id = s.id
      ORDER BY s.id`);
    return rows.map((r) => ({
      subject_kind: 'organisation' as const, subject_id: r.subject_id, completed_at: r.completed_at, metric: null,
      counts: { 'документов о движении за период': r.documents, 'выбыли без документа': r.unrecorded },
      offending: r.offending,
    }));
  },
};
