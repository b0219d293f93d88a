import type { Client } from '@temporalio/client';
import { DateTime } from 'luxon';
import type { DatabasePool } from 'slonik';
import { appendAudit, type AuditEntry } from '../src/audit/appendAudit.js';
import { auditDetectedCases, type DeadlineExplanation } from '../src/audit/auditDetectedCases.js';
import type { NewCases } from '../src/checks/event/eventCheck.js';
import { duesBy, sweepRange } from '../src/checks/event/sweepRange.js';
import { eventCheckForRule, isManualFallback } from '../src/checks/event/register/eventCheckForRule.js';
import { advanceWatermark } from '../src/db/sweepWatermarks.js';
import type { Mailer } from '../src/notify/mailer.js';
import type { DigestMode } from '../src/notify/dispatchNotice.js';
import { escalateDueCases, ladderSchedules, nextStepAfter } from '../src/notify/escalateDueCases.js';
import { responsibleDirectory } from '../src/notify/recipients.js';
import { sendRuleNotices } from '../src/notify/sendRuleNotices.js';
import type { CompiledRegulation, CompiledRule } from '../src/regulation/model.js';
import type { CalendarData } from '../src/time/calendarData.js';

/** The regulation facts a sweep needs (everything but the rules). */
export type RegulationHeader = Omit<CompiledRegulation, 'rules'>;

/** Input of one sweep: which rule, and the evaluation time (the workflow's clock). */
export interface SweepInput {
  regulation: RegulationHeader;
  rule: CompiledRule;
  asOf: string;
  /** How far back the first sweep looks, in days, so applying a regulation does not report years of history. */
  backfillDays: number;
  workflowId?: string;
  runId?: string;
}

/** What one sweep did. */
export interface SweepResult {
  asOf: string;
  met: number;
  metLate: number;
  opened: number;
  closedLate: number;
  /** The rule's cases still open after the sweep. */
  open: number;
  /** Open cases whose next escalation step came by `asOf` (each looked at once per step). */
  escalated: number;
  notificationsRecorded: number;
  mailsSent: number;
  /** Notices queued for the recipients' daily digests instead of sent now. */
  queued: number;
  notificationsSent: number;
  failedRecipients: number;
}

/** What the activities are built from: a pool, a mailer, the production calendars by id, a clock, and how notices are delivered. */
export interface SweepDeps {
  pool: DatabasePool;
  mailer: Mailer;
  calendars: Record<string, CalendarData>;
  clock: () => Date;
  /** Immediate (the default) or one digest per recipient per day. */
  digest?: DigestMode;
  /** Starts occurrence workflows for the rule drivers (`startOccurrence`). */
  client?: Client;
}

/** What an audit record says the deadline counts from: the event kind, or the predecessor rule of a chain. */
function triggerDetails(rule: CompiledRule): { event?: string; afterRule?: string; direction?: 'before' } {
  const t = rule.trigger;
  if (t.kind === 'after_event') return { event: t.event };
  if (t.kind === 'before_event') return { event: t.event, direction: 'before' };
  if (t.kind === 'after_rule') return { afterRule: t.rule };
  return {};
}

/**
 * Sweeps one event-relative rule (`after_event`, `before_event` or `after_rule`) at `asOf`: in one
 * transaction with the watermark move, evaluates the events whose deadline passed since the
 * watermark (set-based), closes cases completed since, works out which escalation steps are now due
 * for the cases still open and records those notices idempotently; then sends them (or queues them
 * for the recipients' digests). Safe to repeat and to retry: a
 * notice is sent at most once per case, step and recipient. Throws (so Temporal retries) when some
 * mail could not be sent; those notices stay pending and go out on the retry.
 */
export async function sweepEventRule(deps: SweepDeps, input: SweepInput): Promise<SweepResult> {
  const { regulation, rule, asOf } = input;
  // A `manual` rule's check is built for the rule (its trigger names the events); others are looked up by name.
  const check = eventCheckForRule(rule);
  if (!check) throw new Error(`check ${rule.check.name} has no event sweep implementation for ${rule.trigger.kind}`);
  const params = rule.check.params;
  const ladder = rule.escalation.steps;
  const ruleKey = { regulationId: regulation.id, ruleId: rule.id };
  const zone = regulation.timezone;
  const calendar = deps.calendars[regulation.calendar];
  if (!calendar) throw new Error(`production calendar ${regulation.calendar} is not loaded in this worker`);
  const base = () => ({
    actor: 'reglament', at: deps.clock().toISOString(), regulationId: regulation.id, ruleId: rule.id, versionHash: regulation.versionHash,
    workflowId: input.workflowId, runId: input.runId,
  });
  const audit = (e: Omit<AuditEntry, 'actor' | 'regulationId' | 'ruleId' | 'versionHash' | 'workflowId' | 'runId'>): AuditEntry => ({ ...base(), ...e });

  const roles = [...new Set(ladder.map((s) => s.role.id))];
  const schedule = ladderSchedules(rule.escalation, calendar, zone);
  // Judging, closing and escalating happen in one transaction with the watermark move: a sweep that
  // fails leaves nothing half done, and its retry starts over from the same watermark.
  const { evaluation, escalated, pendingBefore } = await deps.pool.transaction(async (tx) => {
    const start = await advanceWatermark(tx, regulation.id, rule.id, asOf);
    const watermark = start.watermark ?? DateTime.fromISO(asOf).minus({ days: input.backfillDays }).toUTC().toISO()!;
    const { window, earliest, term } = sweepRange(regulation, rule, calendar, watermark, asOf);
    const dates = await check.candidateEventDates(tx, window, earliest, params);
    const judged = duesBy(term, zone, calendar, dates, asOf);
    // A case opened now is stored with its next escalation step, so escalating it below only records the steps due.
    const dues = judged.map((j) => ({ ...j.due, nextStepAt: nextStepAfter(schedule(j.due.dueAt, j.due.lastDay), asOf) }));
    // Each unmet deadline is audited with how it was computed, so an auditor sees the calendar days behind it.
    const explanations: DeadlineExplanation[] = judged.map(({ due, result }) => ({
      eventKey: due.eventDate, dueAt: due.dueAt, details: { due: result.due, lastDay: result.lastDay, provisional: result.provisional, explain: result.explain },
    }));
    const counts: NewCases = dues.length ? await check.evaluateNew(tx, window, dues, params) : { met: 0, met_late: 0, opened: 0 };
    // Cases this sweep opened were judged incomplete at `asOf`: only cases open before it can have been completed since.
    const closed = start.openCases > 0 ? await check.closeCompleted(tx, ruleKey, params, asOf) : [];
    if (counts.opened + counts.met_late > 0) await auditDetectedCases(tx, base(), asOf, { asOf, ...triggerDetails(rule), term: term.termText }, explanations);
    const sweepRecords = [
      audit({ kind: 'sweep', details: {
        asOf, watermark, ...counts, closedLate: closed.length,
        ...(isManualFallback(rule) ? { fallback: `проверка «${rule.check.name}» по событиям ещё не реализована: исполнение подтверждается вручную` } : {}),
      } }),
      ...closed.map((id) => audit({ kind: 'case_closed', caseId: id, details: { status: 'met_late', asOf } })),
    ];

    // Escalation: only the open cases whose next step has come (each re-checked above). The sweep's
    // records are written with its first page. The directory is read only when some case has a step
    // due (most sweeps have none), and only the part those cases need. A rule with no case open
    // before or opened now, and nothing pending, has nothing to escalate: its records go alone.
    const idle = start.openCases === 0 && counts.opened === 0 && start.pendingNotices === 0;
    if (idle) await appendAudit(tx, sweepRecords);
    const escalation = idle ? { recorded: 0, cases: 0, open: 0, noRecipient: 0 } : await escalateDueCases(tx, {
      ruleKey, region: regulation.region, schedule, asOf, audit, alongside: sweepRecords,
      people: (organisations) => responsibleDirectory(tx, roles, { organisations }),
    });
    if (escalation.recorded > 0) await appendAudit(tx, [audit({ kind: 'notifications_due', details: { asOf, recorded: escalation.recorded } })]);
    return { evaluation: { counts, closed: closed.length }, escalated: escalation, pendingBefore: start.pendingNotices };
  });

  // Notices go out after the commit: a mail server that refuses leaves them pending for the retry.
  const sent = escalated.recorded + pendingBefore > 0
    ? await sendRuleNotices(deps, { regulation, rule, check, people: (emails) => responsibleDirectory(deps.pool, roles, { emails }), asOf, audit })
    : { mailsSent: 0, queued: 0, notificationsSent: 0, failures: [] };
  if (sent.failures.length) throw new Error(`${sent.failures.length} notice(s) could not be sent; they stay pending: ${sent.failures[0]}`);
  return {
    asOf,
    met: evaluation.counts.met,
    metLate: evaluation.counts.met_late,
    opened: evaluation.counts.opened,
    closedLate: evaluation.closed,
    open: escalated.open,
    escalated: escalated.cases,
    notificationsRecorded: escalated.recorded,
    mailsSent: sent.mailsSent,
    queued: sent.queued,
    notificationsSent: sent.notificationsSent,
    failedRecipients: sent.failures.length,
  };
}
