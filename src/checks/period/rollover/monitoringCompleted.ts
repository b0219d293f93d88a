import { sql } from 'slonik';
import { z } from 'zod';
import type { PeriodCheck } from '../periodCheck.js';
import { organisationScope } from './organisationScope.js';
import { targetAcademicYear } from './targetAcademicYear.js';

const row = z.object({
  subject_id: z.string(), completed_at: z.string().nullable(), total: z.number().nullable(), opened: z.number().nullable(), metric: z.number().nullable(),
});

/** Monitorings whose indicator this check computes itself; the others are recorded without a metric. */
const MEASURED = ['academic_year_opening'];

/**
 * `monitoring_completed`: the operator tier has recorded `params.monitoring` for the period in
 * `monitoring_submissions` by `asOf` — a municipal submission of its municipality for each МОУО
 * (`subjectScope: 'municipality'`; for `'organisation'`, the organisation's municipality), a regional
 * one for the РО. A one-off period (`2024`) also accepts a submission filed under the academic year
 * nearest the deadline (`2024/2025`). Done at the first such submission.
 *
 * The metric is the monitored indicator over the rule's organisations in the subject's territory, at
 * the deadline or `asOf` if earlier: for `academic_year_opening`, the percentage that had opened the
 * academic year nearest the deadline. Other monitorings have no metric yet (null).
 */
export const monitoringCompleted: PeriodCheck = {
  name: 'monitoring_completed',
  async evaluate(db, input) {
    const year = targetAcademicYear(input.dueAt, input.region);
    const regional = input.subjectScope === 'region';
    const subjectTypes = input.subjectScope === 'organisation' ? input.organisationTypes : regional ? ['РО', 'ОПЕРАТОР'] : ['МОУО'];
    const periodIds = /^\d{4}$/.test(input.period.id) ? [input.period.id, year.id] : [input.period.id];
    const monitoring = String(input.params.monitoring);
    const measuredAt = sql.fragment`least(${input.asOf}::timestamptz, ${input.dueAt}::timestamptz)`;
    const rows = await db.any(sql.type(row)`
      WITH subjects AS (
        SELECT g.id, g.municipality_id FROM organisations g
        WHERE g.region = ${input.region} AND g.type = ANY(${sql.array(subjectTypes, 'text')})
          AND (${regional || !input.municipalities ? sql.fragment`TRUE` : sql.fragment`g.municipality_id = ANY(${sql.array(input.municipalities, 'text')})`})
      ),
      submitted AS (
        SELECT s.id, min(m.submitted_at) AS at
        FROM subjects s
        JOIN monitoring_submissions m
          ON m.region = ${input.region} AND m.tier = ${regional ? 'regional' : 'municipal'} AND m.monitoring = ${monitoring}
         AND m.period_id = ANY(${sql.array(periodIds, 'text')}) AND m.submitted_at <= ${input.asOf}::timestamptz
         AND (${regional ? sql.fragment`m.municipality_id IS NULL` : sql.fragment`m.municipality_id = s.municipality_id`})
        GROUP BY s.id
      ),
      monitored AS (
        SELECT s.id, count(o.id)::int AS total,
               count(o.id) FILTER (WHERE EXISTS (
                 SELECT 1 FROM academic_years y
                 WHERE y.organisation_id = o.id AND y.academic_year = ${year.id} AND y.opened_at <= ${measuredAt}))::int AS opened
        FROM subjects s
        LEFT JOIN organisations o ON ${organisationScope(input, 'o')} AND (${regional} OR o.municipality_id = s.municipality_id)
        WHERE ${MEASURED.includes(monitoring)}
        GROUP BY s.id
      )
      SELECT s.id AS subject_id, sub.at AS completed_at, mo.total, mo.opened,
             CASE WHEN mo.total > 0 THEN round(100.0 * mo.opened / mo.total, 1)::float8 END AS metric
      FROM subjects s
      LEFT JOIN submitted sub ON sub.id = s.id
      LEFT JOIN monitored mo ON mo.id = s.id
      ORDER BY s.id`);
    return rows.map((r) => {
      const counts: Record<string, number> = r.total === null ? {} : { 'организаций': r.total, [`${year.id}: открыли год`]: r.opened ?? 0 };
      return { subject_kind: 'organisation' as const, subject_id: r.subject_id, completed_at: r.completed_at, metric: r.metric, counts, offending: [] };
    });
  },
};
