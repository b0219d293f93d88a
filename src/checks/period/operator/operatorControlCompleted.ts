import { sql } from 'slonik';
import { z } from 'zod';
import { lastDayOfInstant } from '../../../plan/localDay.js';
import { periodBounds } from '../journals/periodBounds.js';
import type { PeriodCheck } from '../periodCheck.js';
import { targetAcademicYear } from '../rollover/targetAcademicYear.js';
import { CONTROL_INDICATORS } from './controlIndicators.js';
import { monitoringSubmissionCtes } from './monitoringSubmission.js';

const row = z.object({ subject_id: z.string(), completed_at: z.string().nullable(), total: z.number().nullable(), done: z.number().nullable() });

/**
 * `operator_control_completed`: like `monitoring_completed`, done at the first regional submission
 * (`monitoring_submissions`, tier regional, monitoring = `params.control`) recorded by `asOf` and not
 * before the window's opening, filed under the period id, under the academic year nearest the
 * deadline for a one-off year (`2024`), or under the deadline's local date (`2024-08-12`) — a year
 * holds several controls of one kind, each filed under its own date.
 *
 * The metric is the control's indicator over the rule's organisations in the subject's territory at
 * the deadline, or at `asOf` if earlier (`CONTROL_INDICATORS`, whose comments say what each one
 * measures); controls without one (report exports, data the schema does not hold) have none.
 * `counts` give the indicator's two numbers; nothing personal is named.
 */
export const operatorControlCompleted: PeriodCheck = {
  name: 'operator_control_completed',
  async evaluate(db, input) {
    const control = String(input.params.control);
    const { from, to, zone } = periodBounds(input);
    const year = targetAcademicYear(input.dueAt, input.region);
    const dueDay = lastDayOfInstant(input.dueAt, zone);
    const periodIds = [input.period.id, dueDay, ...(/^\d{4}$/.test(input.period.id) ? [year.id] : [])];
    const measuredAt = Date.parse(input.asOf) < Date.parse(input.dueAt) ? input.asOf : input.dueAt;
    const indicator = CONTROL_INDICATORS[control];
    const measured = indicator
      ? indicator.query({ input, at: sql.fragment`${measuredAt}::timestamptz`, day: lastDayOfInstant(measuredAt, zone), from, to, year })
      : sql.fragment`SELECT NULL::text AS subject_id, 0 AS total, 0 AS done WHERE FALSE`;
    const rows = await db.any(sql.type(row)`
      WITH ${monitoringSubmissionCtes(input, { monitoring: control, periodIds, notBefore: input.windowOpensAt })},
      measured AS (${measured})
      SELECT s.id AS subject_id, sub.at AS completed_at, m.total, m.done
      FROM subjects s
      LEFT JOIN submitted sub ON sub.id = s.id
      LEFT JOIN measured m ON m.subject_id = s.id
      ORDER BY s.id`);
    return rows.map((r) => {
      const total = r.total ?? 0;
      const done = r.done ?? 0;
      return {
        subject_kind: 'organisation' as const,
        subject_id: r.subject_id,
        completed_at: r.completed_at,
        metric: indicator && total > 0 ? Math.round((1000 * done) / total) / 10 : null,
        counts: indicator ? { [indicator.unit]: total, [indicator.doneLabel]: done } : {},
        offending: [],
      };
    });
  },
};
