import { sql } from 'slonik';
import { z } from 'zod';
import { monitoringSubmissionCtes } from '../operator/monitoringSubmission.js';
import type { PeriodCheck } from '../periodCheck.js';
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
 * academic year nearest the deadline. Other monitorings have no metric yet (null). Subjects,
 * submissions and territory come from `monitoringSubmissionCtes`, shared with
 * `operator_control_completed`.
 */
export const monitoringCompleted: PeriodCheck = {
  name: 'monitoring_completed',
  async evaluate(db, input) {
    const year = targetAcademicYear(input.dueAt, input.region);
    const periodIds = /^\d{4}$/.test(input.period.id) ? [input.period.id, year.id] : [input.period.id];
    const monitoring = String(input.params.monitoring);
    const measuredAt = sql.fragment`least(${input.asOf}::timestamptz, ${input.dueAt}::timestamptz)`;
    const rows = await db.any(sql.type(row)`
      WITH ${monitoringSubmissionCtes(input, { monitoring, periodIds })},
      monitored AS (
        SELECT s.id, count(t.organisation_id)::int AS total,
               count(t.organisation_id) FILTER (WHERE EXISTS (
                 SELECT 1 FROM academic_years y
                 WHERE y.organisation_id = t.organisation_id AND y.academic_year = ${year.id} AND y.opened_at <= ${measuredAt}))::int AS opened
        FROM subjects s
        LEFT JOIN territory t ON t.subject_id = s.id
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
