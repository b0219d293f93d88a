import type { Client } from '@temporalio/client';
import { DateTime } from 'luxon';
import type { DatabasePool } from 'slonik';
import { appendAudit, type AuditEntry } from '../src/audit/appendAudit.js';
import type { DueByDate, NewCases, OpenCase, SweepWindow } from '../src/checks/event/eventCheck.js';
import { eventCheckForRule, isManualFallback } from '../src/checks/event/register/eventCheckForRule.js';
import { advanceWatermark, readWatermark } from '../src/db/sweepWatermarks.js';
import type { Mailer } from '../src/notify/mailer.js';
import { dispatchNotice, type DigestMode } from '../src/notify/dispatchNotice.js';
import { markCancelled, markFailed, pendingNotifications, recordDueNotifications, type DueNotification } from '../src/notify/notificationStore.js';
import { renderOverdueNotice } from '../src/notify/overdueNotice.js';
import { holdersFor, responsiblePeople } from '../src/notify/recipients.js';
import type { CompiledRegulation, CompiledRule } from '../src/regulation/model.js';
import type { CalendarData } from '../src/time/calendarData.js';
import { DEFAULT_MAX_REPEATS } from '../src/plan/planEscalations.js';
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
  open: number;
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
  const audit = (e: Omit<AuditEntry, 'actor' | 'regulationId' | 'ruleId' | 'versionHash' | 'workflowId' | 'runId'>): AuditEntry => ({
    actor: 'reglament', at: deps.clock().toISOString(), regulationId: regulation.id, ruleId: rule.id, versionHash: regulation.versionHash,
    workflowId: input.workflowId, runId: input.runId, ...e,
  });

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
    const earliest = DateTime.fromISO(watermark, { zone }).minus({ days: span }).toISODate()!;
    const dates = await check.candidateEventDates(tx, window, earliest, params);
    const dues: DueByDate[] = [];
    const explanations: Record<string, unknown> = {};
    for (const eventDate of dates) {
      const due = computeDue({ event: eventDate, zone, term, calendar, moveToWorkingDay: due0.moveToWorkingDay });
      if (DateTime.fromISO(due.due) <= DateTime.fromISO(asOf)) {
        dues.push({ eventDate, dueAt: due.due, lastDay: due.lastDay });
        explanations[eventDate] = { due: due.due, lastDay: due.lastDay, provisional: due.provisional, explain: due.explain };
      }
    }
    const evaluated: NewCases = dues.length ? await check.evaluateNew(tx, window, dues, params) : { met: 0, met_late: 0, opened: 0, cases: [] };
    const { cases: newCases, ...counts } = evaluated;
    const closed = await check.closeCompleted(tx, ruleKey, params, asOf);
    await advanceWatermark(tx, regulation.id, rule.id, asOf);
    const entries: AuditEntry[] = [audit({ kind: 'sweep', details: {
      asOf, watermark, ...counts, closedLate: closed.length,
      ...(isManualFallback(rule) ? { fallback: `проверка «${rule.check.name}» по событиям ещё не реализована: исполнение подтверждается вручную` } : {}),
    } })];
    // Each unmet deadline is recorded with how it was computed, so an auditor sees the calendar days behind it.
    for (const c of newCases) {
      entries.push(audit({
        kind: c.status === 'open' ? 'case_opened' : 'case_met_late', caseId: c.id, organisationId: c.organisation_id,
        details: { asOf, ...triggerDetails(rule), eventDate: c.event_date, term: termText, ...(explanations[c.event_date] as object) },
      }));
    }
    for (const id of closed) entries.push(audit({ kind: 'case_closed', caseId: id, details: { status: 'met_late', asOf } }));
    await appendAudit(tx, entries);
    return { counts, closed: closed.length };
  });

  // Escalation: each open case re-checked above; a step is due once its delay after the deadline passed.
  const cases = await check.openCases(deps.pool, ruleKey, params, asOf);
  const people = await responsiblePeople(deps.pool, [...new Set(ladder.map((s) => s.role.id))]);
  const due: DueNotification[] = [];
  const stepTimes = new Map<string, string>();
  const stepDays = new Map<string, string>();
  const noRecipient: AuditEntry[] = [];
  const notify = (c: OpenCase, step: (typeof ladder)[number], repeat: number) => {
    const holders = holdersFor(people, step.role, { organisationId: c.organisation_id, municipalityId: c.municipality_id, region: regulation.region });
    if (holders.length === 0 && repeat === 0) noRecipient.push(audit({ kind: 'no_recipient', caseId: c.id, organisationId: c.organisation_id, details: { step: step.step, role: step.role.id } }));
    for (const h of holders) due.push({ caseId: c.id, step: step.step, repeat, role: step.role.id, email: h.email });
  };
  const repeatTerm = rule.escalation.repeat && rule.escalation.repeat.amount > 0 ? rule.escalation.repeat : undefined;
  const lastStep = ladder[ladder.length - 1];
  for (const c of cases) {
    let reachedLast: { at: string; lastDay: string } | undefined;
    for (const step of ladder) {
      const key = `${c.last_day}/${step.step}`;
      let at = stepTimes.get(key);
      let lastDay = stepDays.get(key) ?? c.last_day;
      if (!at) {
        // Hour delays count from the deadline instant; day delays from its last day (Civil Code, as for the deadline itself).
        if (step.after.amount === 0) at = c.due_at;
        else if (step.after.unit === 'hours') at = new Date(Date.parse(c.due_at) + step.after.amount * 3600_000).toISOString();
        else ({ due: at, lastDay } = computeDue({ event: c.last_day, zone, term: step.after, calendar }));
        stepTimes.set(key, at);
        stepDays.set(key, lastDay);
      }
      if (DateTime.fromISO(at) > DateTime.fromISO(asOf)) break;
      notify(c, step, 0);
      if (step === lastStep) reachedLast = { at, lastDay };
    }
    // The last step repeats every `repeat` (each counted from the previous one) while the case stays open.
    if (reachedLast && repeatTerm && lastStep) {
      let previous = reachedLast;
      for (let repeat = 1; repeat <= DEFAULT_MAX_REPEATS; repeat++) {
        const next = computeDue({ event: previous.lastDay, zone, term: repeatTerm, calendar });
        if (DateTime.fromISO(next.due) > DateTime.fromISO(asOf)) break;
        notify(c, lastStep, repeat);
        previous = { at: next.due, lastDay: next.lastDay };
      }
    }
  }
  const recorded = await recordDueNotifications(deps.pool, due);
  if (recorded > 0 || noRecipient.length) {
    await appendAudit(deps.pool, [...noRecipient, audit({ kind: 'notifications_due', details: { asOf, recorded } })]);
  }

  // Send: one digest per recipient and step, carrying every pending notice for them.
  const pending = await pendingNotifications(deps.pool, ruleKey);
  const byCase = new Map(cases.map((c) => [c.id, c]));
  const groups = new Map<string, typeof pending[number][]>();
  for (const p of pending) {
    const k = `${p.recipient_email}\u0000${p.step}\u0000${p.repeat}`;
    groups.set(k, [...(groups.get(k) ?? []), p]);
  }
  let mailsSent = 0;
  let queued = 0;
  let notificationsSent = 0;
  const failures: string[] = [];
  // Lower steps first, so the organisation hears before its municipal operator does.
  for (const items of [...groups.values()].sort((a, b) => a[0]!.step - b[0]!.step)) {
    const first = items[0]!;
    const step = ladder[first.step]!;
    const itemCases = items.map((i) => byCase.get(i.case_id)).filter((c): c is OpenCase => c !== undefined);
    const closedIds = items.filter((i) => !byCase.has(i.case_id)).map((i) => i.id);
    if (closedIds.length) {
      // The case was completed before its notice went out: nothing to say any more.
      await markCancelled(deps.pool, closedIds);
    }
    if (itemCases.length === 0) continue;
    const holder = people.find((p) => p.email === first.recipient_email && p.role === first.role);
    const mail = renderOverdueNotice({
      regulation, rule, step: first.step, repeat: first.repeat, role: step.role,
      recipient: { email: first.recipient_email, fullName: holder?.full_name ?? step.role.title },
      cases: itemCases,
    });
    const ids = items.filter((i) => byCase.has(i.case_id)).map((i) => i.id);
    try {
      const how = await dispatchNotice(deps, {
        region: regulation.region, at: asOf, mail, notificationIds: ids,
        audit: itemCases.map((c) => audit({
          kind: first.step === 0 && first.repeat === 0 ? 'notification_sent' : 'escalation_sent',
          caseId: c.id, organisationId: c.organisation_id,
          details: { step: first.step, repeat: first.repeat, role: first.role, recipient: first.recipient_email, subject: mail.subject, asOf },
        })),
      });
      if (how === 'sent') mailsSent++;
      else queued++;
      notificationsSent += ids.length;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      failures.push(message);
      await markFailed(deps.pool, ids, message);
      await appendAudit(deps.pool, [audit({ kind: 'notification_failed', details: { step: first.step, role: first.role, recipient: first.recipient_email, error: message, cases: ids.length } })]);
    }
  }
  if (failures.length) throw new Error(`${failures.length} notice(s) could not be sent; they stay pending: ${failures[0]}`);
  return {
    asOf,
    met: evaluation.counts.met,
    metLate: evaluation.counts.met_late,
    opened: evaluation.counts.opened,
    closedLate: evaluation.closed,
    open: cases.length,
    notificationsRecorded: recorded,
    mailsSent,
    queued,
    notificationsSent,
    failedRecipients: failures.length,
  };
}
