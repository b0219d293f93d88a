import { sql } from 'slonik';
import { z } from 'zod';
import { periodBounds } from '../journals/periodBounds.js';
import { scopeCte } from '../journals/scopeCte.js';
import type { PeriodCheck } from '../periodCheck.js';

/**
 * Steps that answer an earlier record of the same staff member (or institution): the step → the
 * step of the record it answers. An approval answers an application, a questionnaire or diagnostic
 * the approval (not a rejection), a formal route the recommended one. Other steps are done by
 * recording them at least once in the window.
 */
export const PROFDEV_FOLLOW_UPS: Record<string, string> = {
  research_approval: 'research_applications',
  assessment_approval: 'assessment_applications',
  research_questionnaire: 'research_approval',
  assessment_diagnostic: 'assessment_approval',
  iom_formal_route: 'iom_recommended',
};

/** The operator decides on applications of every kind of organisation, whatever the rule's scope names (the approver). */
const APPLICANT_TYPES = ['ДОО', 'ООО', 'ОДО', 'ПОО', 'ДОЛ', 'ДПО'];

const row = z.object({ subject_id: z.string(), completed_at: z.string().nullable(), total: z.number(), pending: z.array(z.string()) });

/**
 * `profdev_step_completed`: judged on `profdev_records` of the window — from its opening (the
 * period's first day without one) to the deadline — of the subject's organisations (scopeCte).
 * - A follow-up step (`PROFDEV_FOLLOW_UPS`): every record it answers, entered in the window by the
 *   deadline (or `asOf` if earlier) and not rejected, must have a record of the step for the same
 *   organisation and staff member entered at or after it, by `asOf`. Done at the last of them; with
 *   nothing to answer, done at the deadline (or `asOf` if earlier). Approvals count the applications
 *   of every organisation of the subject's territory; `offending`: the records still unanswered.
 * - Any other step: every organisation must have recorded the step in the window by `asOf`; done at
 *   the last organisation's first record. `offending`: the organisations without one.
 */
export const profdevStepCompleted: PeriodCheck = {
  name: 'profdev_step_completed',
  async evaluate(db, input) {
    const step = String(input.params.step);
    const basis = PROFDEV_FOLLOW_UPS[step] ?? null;
    const approval = basis !== null && step.endsWith('_approval');
    const scope = approval
      ? { ...input, subjectScope: input.subjectScope === 'organisation' ? 'region' as const : input.subjectScope, organisationTypes: APPLICANT_TYPES }
      : input;
    const { from: periodFrom } = periodBounds(input);
    const from = input.windowOpensAt ?? periodFrom;
    const measuredAt = Date.parse(input.asOf) < Date.parse(input.dueAt) ? input.asOf : input.dueAt;
    const rows = await db.any(sql.type(row)`
      WITH ${scopeCte(scope)},
      own AS (
        SELECT mb.subject_id, mb.organisation_id, min(r.entered_at) AS first_at
        FROM members mb
        LEFT JOIN profdev_records r
          ON r.organisation_id = mb.organisation_id AND r.step = ${step}
         AND r.entered_at >= ${from}::timestamptz AND r.entered_at <= ${input.asOf}::timestamptz
        WHERE ${basis === null}
        GROUP BY mb.subject_id, mb.organisation_id
      ),
      answered AS (
        SELECT mb.subject_id, b.id,
               (SELECT min(f.entered_at) FROM profdev_records f
                WHERE f.step = ${step} AND f.organisation_id = b.organisation_id AND f.staff_id IS NOT DISTINCT FROM b.staff_id
                  AND f.entered_at >= b.entered_at AND f.entered_at <= ${input.asOf}::timestamptz) AS done_at
        FROM members mb
        JOIN profdev_records b
          ON b.organisation_id = mb.organisation_id AND b.step = ${basis ?? ''} AND NOT b.rejected
         AND b.entered_at >= ${from}::timestamptz AND b.entered_at <= ${measuredAt}::timestamptz
      ),
      verdicts AS (
        SELECT o.subject_id, count(*)::int AS total,
               CASE WHEN count(*) = count(o.first_at) THEN max(o.first_at) END AS completed_at,
               coalesce(array_agg(o.organisation_id ORDER BY o.organisation_id) FILTER (WHERE o.first_at IS NULL), '{}') AS pending
        FROM own o GROUP BY o.subject_id
        UNION ALL
        SELECT s.id, count(a.id)::int,
               CASE WHEN count(a.id) = count(a.done_at) THEN coalesce(max(a.done_at), ${measuredAt}::timestamptz) END,
               coalesce(array_agg(a.id::text ORDER BY a.id) FILTER (WHERE a.id IS NOT NULL AND a.done_at IS NULL), '{}')
        FROM subjects s LEFT JOIN answered a ON a.subject_id = s.id
        WHERE ${basis !== null}
        GROUP BY s.id
      )
      SELECT s.id AS subject_id, v.completed_at, coalesce(v.total, 0) AS total, coalesce(v.pending, '{}') AS pending
      FROM subjects s LEFT JOIN verdicts v ON v.subject_id = s.id
      ORDER BY s.id`);
    return rows.map((r) => ({
      subject_kind: 'organisation' as const,
      subject_id: r.subject_id,
      completed_at: r.completed_at,
      metric: null,
      counts: basis === null
        ? { 'организаций': r.total, 'без записи за период': r.pending.length } as Record<string, number>
        : { 'записей к исполнению': r.total, 'не исполнено': r.pending.length },
      offending: r.pending,
    }));
  },
};
