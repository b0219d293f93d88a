import type { Client } from '@temporalio/client';
import { DateTime } from 'luxon';
import type { DatabasePool } from 'slonik';
import { appendAudit, type AuditEntry } from '../src/audit/appendAudit.js';
import { auditDetectedCases, type DeadlineExplanation } from '../src/audit/auditDetectedCases.js';
import type { DueByDate, NewCases, SweepWindow } from '../src/checks/event/eventCheck.js';
import { eventCheckForRule, isManualFallback } from '../src/checks/event/register/eventCheckForRule.js';
import { advanceWatermark, readWatermark } from '../src/db/sweepWatermarks.js';
import type { Mailer } from '../src/notify/mailer.js';
import type { DigestMode } from '../src/notify/dispatchNotice.js';
import { escalateDueCases } from '../src/notify/escalateDueCases.js';
import { responsiblePeople, type ResponsiblePerson } from '../src/notify/recipients.js';
import { sendRuleNotices } from '../src/notify/sendRuleNotices.js';
import type { CompiledRegulation, CompiledRule } from '../src/regulation/model.js';
import type { CalendarData } from '../src/time/calendarData.js';
import { addDays, daysBetween } from '../src/time/isoDate.js';
import { computeDue } from '../src/time/term.js';

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

/**
 * The first local date in [from, to] for which `holds` is true, `to` + 1 day if none; `holds` must
 * be monotonic (false, then true), as "the deadline is after t" is for deadlines counted in days.
 */
function firstDay(from: string, to: string, holds: (day: string) => boolean): string {
  let lo = 0;
  let hi = daysBetween(from, to) + 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds(addDays(from, mid))) hi = mid;
    else lo = mid + 1;
  }
  return addDays(from, lo);
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
 * Sweeps one event-relative rule (`after_event`, `before_event` or `after_rule`) at `asOf`:
 * evaluates the events whose deadline passed since the watermark (set-based, in one transaction
 * with the watermark move), closes cases completed since,
 * works out which escalation steps are now due for the cases still open (re-checked first), records
 * those notices idempotently, and sends one digest per recipient. Safe to repeat and to retry: a
 * notice is sent at most once per case, step and recipient. Throws (so Temporal retries) when some
 * mail could not be sent; those notices stay pending and go out on the retry.
 */
export async function sweepEventRule(deps: SweepDeps, input: SweepInput): Promise<SweepResult> {
  const { regulation, rule, asOf } = input;
  // A `manual` rule's check is built for the rule (its trigger names the events); others are looked up by name.
  const check = eventCheckForRule(rule);
  if (!check) throw new Error(`check ${rule.check.name} has no event sweep implementation for ${rule.trigger.kind}`);
  const params = rule.check.params;
  const due0 = rule.deadlines[0]!.due;
  if (due0.kind !== 'term' && due0.kind !== 'same_day') throw new Error(`rule ${rule.id} is not an event-relative rule with a term`);
  // "The same day" is a term of zero days: it ends at the end of the event's own day. A "before"
  // term counts back from the event date (computeDue), so its deadline precedes the event.
  const term = due0.kind === 'term' ? due0.term : { amount: 0, unit: 'days' as const, direction: 'after' as const };
  const termText = due0.kind === 'term' ? due0.termText : 'в тот же день';
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

  const evaluation = await deps.pool.transaction(async (tx) => {
    const watermark = (await readWatermark(tx, regulation.id, rule.id))
      ?? DateTime.fromISO(asOf).minus({ days: input.backfillDays }).toUTC().toISO()!;
    const effectiveFrom = [regulation.effective.from, rule.active?.from].filter((d): d is string => !!d).sort().at(-1)!;
    const window: SweepWindow = {
      ruleKey, region: regulation.region, organisationTypes: rule.scope.organisationTypes, municipalities: rule.scope.municipalities,
      effectiveFrom, watermark, asOf, versionHash: regulation.versionHash,
    };
    // An order issued this many days before the watermark cannot be due after it, even across the
    // longest run of days off (New Year holidays), so older dates are only read if entered late.
    // An event with a "before" term is due before its own date: one a day before the watermark is past.
    const span = term.direction === 'before' ? 1 : term.unit === 'hours' ? Math.ceil(term.amount / 24) + 1 : term.amount * 2 + 16;
    let earliest = DateTime.fromISO(watermark, { zone }).minus({ days: span }).toISODate()!;
    let lastEventDate: string | undefined;
    if (term.direction !== 'before' && term.unit !== 'hours') {
      // A day-based deadline depends only on the event's date and grows with it. The dates whose
      // deadline had passed by the watermark were judged before (unless entered late, which the
      // check reads by entry time), and those due after `asOf` are not due yet: the dates to read
      // are those in between.
      const dueOf = (day: string) => Date.parse(computeDue({ event: day, zone, term, calendar, moveToWorkingDay: due0.moveToWorkingDay }).due);
      const today = DateTime.fromISO(asOf, { zone }).toISODate()!;
      earliest = firstDay(earliest, today, (day) => dueOf(day) > Date.parse(watermark));
      const afterLast = firstDay(earliest, today, (day) => dueOf(day) > Date.parse(asOf));
      lastEventDate = addDays(afterLast, -1);
    }
    window.lastEventDate = lastEventDate;
    window.termShape = term.direction === 'before' ? 'before' : term.amount === 0 ? 'same_day' : 'term';
    const dates = await check.candidateEventDates(tx, window, earliest, params);
    const dues: DueByDate[] = [];
    const explanations: DeadlineExplanation[] = [];
    for (const eventDate of dates) {
      const due = computeDue({ event: eventDate, zone, term, calendar, moveToWorkingDay: due0.moveToWorkingDay });
      if (DateTime.fromISO(due.due) <= DateTime.fromISO(asOf)) {
        dues.push({ eventDate, dueAt: due.due, lastDay: due.lastDay });
        explanations.push({ eventKey: eventDate, dueAt: due.due, details: { due: due.due, lastDay: due.lastDay, provisional: due.provisional, explain: due.explain } });
      }
    }
    const counts: NewCases = dues.length ? await check.evaluateNew(tx, window, dues, params) : { met: 0, met_late: 0, opened: 0 };
    const closed = await check.closeCompleted(tx, ruleKey, params, asOf);
    await advanceWatermark(tx, regulation.id, rule.id, asOf);
    await appendAudit(tx, [audit({ kind: 'sweep', details: {
      asOf, watermark, ...counts, closedLate: closed.length,
      ...(isManualFallback(rule) ? { fallback: `проверка «${rule.check.name}» по событиям ещё не реализована: исполнение подтверждается вручную` } : {}),
    } })]);
    // Each unmet deadline is recorded with how it was computed, so an auditor sees the calendar days behind it.
    if (counts.opened + counts.met_late > 0) await auditDetectedCases(tx, base(), asOf, { asOf, ...triggerDetails(rule), term: termText }, explanations);
    await appendAudit(tx, closed.map((id) => audit({ kind: 'case_closed', caseId: id, details: { status: 'met_late', asOf } })));
    return { counts, closed: closed.length };
  });

  // Escalation: only the open cases whose next step has come (each re-checked above).
  // The directory is read only when some case has a step due or some notice waits (most sweeps have neither).
  let directory: Promise<readonly ResponsiblePerson[]> | undefined;
  const people = () => (directory ??= responsiblePeople(deps.pool, [...new Set(ladder.map((s) => s.role.id))]));
  const escalated = await escalateDueCases(deps.pool, { ruleKey, region: regulation.region, ladder: rule.escalation, people, calendar, zone, asOf, audit });
  if (escalated.recorded > 0) await appendAudit(deps.pool, [audit({ kind: 'notifications_due', details: { asOf, recorded: escalated.recorded } })]);

  const sent = await sendRuleNotices(deps, { regulation, rule, check, people, asOf, audit });
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
