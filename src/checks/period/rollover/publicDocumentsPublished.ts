import { sql } from 'slonik';
import { z } from 'zod';
import { PUBLIC_DOCUMENT_TITLES } from '../../definitions/documents.js';
import type { PeriodCheck } from '../periodCheck.js';
import { organisationScope } from './organisationScope.js';
import { targetAcademicYear } from './targetAcademicYear.js';

const row = z.object({ subject_id: z.string(), published: z.number(), completed_at: z.string().nullable(), missing: z.array(z.string()) });

/**
 * Kinds that do not change every year: with `current_year` an old charter or main programme still
 * counts. Every other kind (curriculum, work programmes, ГИА procedure and schedule, exam results)
 * is adopted anew each year.
 */
export const LASTING_PUBLIC_DOCUMENT_KINDS = ['charter', 'main_programme'];

/**
 * `public_documents_published`: the organisation has published (`public_documents.published_at` by
 * `asOf`) a document of every kind in `params.kinds`. With `current_year`, a yearly kind counts only
 * if approved on or after 1 September of the year before the academic year nearest the deadline:
 * documents for the new year are approved in the summer before it starts, and last year's ГИА
 * documents stay current until the next ones. Done when the last missing kind was published.
 * Offending: the names of the kinds not published.
 */
export const publicDocumentsPublished: PeriodCheck = {
  name: 'public_documents_published',
  async evaluate(db, input) {
    const year = targetAcademicYear(input.dueAt, input.region);
    const kinds = input.params.kinds as string[];
    const approvedFrom = input.params.current_year === true ? year.previousStart : null;
    const rows = await db.any(sql.type(row)`
      WITH scope AS (
        SELECT g.id FROM organisations g WHERE ${organisationScope(input)}
      ),
      published AS (
        SELECT p.organisation_id, p.kind, min(p.published_at) AS published_at
        FROM public_documents p
        JOIN scope s ON s.id = p.organisation_id
        WHERE p.kind = ANY(${sql.array(kinds, 'text')})
          AND p.published_at <= ${input.asOf}::timestamptz
          AND (${approvedFrom}::date IS NULL OR p.kind = ANY(${sql.array(LASTING_PUBLIC_DOCUMENT_KINDS, 'text')}) OR p.approved_on >= ${approvedFrom}::date)
        GROUP BY p.organisation_id, p.kind
      )
      SELECT s.id AS subject_id, count(p.kind)::int AS published,
             CASE WHEN count(p.kind) = cardinality(${sql.array(kinds, 'text')}) THEN max(p.published_at) END AS completed_at,
             coalesce(array_agg(k.kind ORDER BY k.ord) FILTER (WHERE p.kind IS NULL), '{}') AS missing
      FROM scope s
      CROSS JOIN unnest(${sql.array(kinds, 'text')}) WITH ORDINALITY AS k(kind, ord)
      LEFT JOIN published p ON p.organisation_id = s.id AND p.kind = k.kind
      GROUP BY s.id
      ORDER BY s.id`);
    return rows.map((r) => ({
      subject_kind: 'organisation' as const, subject_id: r.subject_id, completed_at: r.completed_at, metric: null,
      counts: { 'размещено документов': r.published, 'не размещено': r.missing.length },
      offending: r.missing.map((k) => PUBLIC_DOCUMENT_TITLES[k] ?? k),
    }));
  },
};
