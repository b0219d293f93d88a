import { LRUCache } from 'lru-cache';
import { DateTime } from 'luxon';
import type { CompiledRegulation, CompiledRule } from '../../regulation/model.js';
import type { CalendarData } from '../../time/calendarData.js';
import { addDays, daysBetween } from '../../time/isoDate.js';
import { computeDue, type DueResult, type Term } from '../../time/term.js';
import type { DueByDate, SweepWindow, TermShape } from './eventCheck.js';

/** The term an event-relative rule counts from its event, as a sweep reads it. */
export interface EventTerm {
  term: Term;
  /** Russian, for the audit: «3 рабочих дня», «в тот же день». */
  termText: string;
  moveToWorkingDay?: boolean;
  shape: TermShape;
}

/** The term of an event-relative rule's first tier ("the same day" is a term of 0 days); throws for a rule without one. */
export function eventTermOf(rule: CompiledRule): EventTerm {
  const due0 = rule.deadlines[0]!.due;
  if (due0.kind !== 'term' && due0.kind !== 'same_day') throw new Error(`rule ${rule.id} is not an event-relative rule with a term`);
  // "The same day" ends at the end of the event's own day. A "before" term counts back from the
  // event date (computeDue), so its deadline precedes the event.
  const term = due0.kind === 'term' ? due0.term : { amount: 0, unit: 'days' as const, direction: 'after' as const };
  return {
    term, termText: due0.kind === 'term' ? due0.termText : 'в тот же день', moveToWorkingDay: due0.moveToWorkingDay,
    shape: term.direction === 'before' ? 'before' : term.amount === 0 ? 'same_day' : 'term',
  };
}

/** Deadlines already computed, per calendar (a worker loads each calendar once). */
const computed = new WeakMap<CalendarData, LRUCache<string, DueResult>>();

/**
 * The deadline of events on (or at) `eventKey` under the rule's term. Memoised: every sweep
 * bisects the calendar for its range and dates its candidate events, and the rules of a region
 * share a few terms, so a day's sweeps ask for the same deadlines again and again (each one costs
 * luxon zone arithmetic). The result is shared: callers must not change it.
 */
export function eventDue(t: EventTerm, zone: string, calendar: CalendarData, eventKey: string): DueResult {
  let memo = computed.get(calendar);
  if (!memo) {
    memo = new LRUCache({ max: 20_000 });
    computed.set(calendar, memo);
  }
  const { amount, unit, direction } = t.term;
  const key = `${zone}|${amount}|${unit}|${direction}|${t.moveToWorkingDay ?? ''}|${eventKey}`;
  let due = memo.get(key);
  if (!due) {
    due = computeDue({ event: eventKey, zone, term: t.term, calendar, moveToWorkingDay: t.moveToWorkingDay });
    memo.set(key, due);
  }
  return due;
}

/**
 * What a sweep of `rule` from `watermark` to `asOf` reads: its window, and the earliest event date
 * that may be due after the watermark. For day-based terms, whose deadline depends only on the
 * event's date and grows with it, the dates are narrowed by bisection on the calendar to those due
 * in (watermark, asOf]: earlier ones were judged before (unless entered late, which the checks read
 * by entry time), later ones are not due yet. Otherwise the earliest date is a safe bound: an event
 * that many days older cannot be due after the watermark, even across the New Year holidays.
 */
export function sweepRange(
  regulation: Pick<CompiledRegulation, 'id' | 'region' | 'timezone' | 'effective' | 'versionHash'>, rule: CompiledRule, calendar: CalendarData, watermark: string, asOf: string,
): { window: SweepWindow; earliest: string; term: EventTerm } {
  const t = eventTermOf(rule);
  const { term } = t;
  const zone = regulation.timezone;
  const span = term.direction === 'before' ? 1 : term.unit === 'hours' ? Math.ceil(term.amount / 24) + 1 : term.amount * 2 + 16;
  let earliest = DateTime.fromISO(watermark, { zone }).minus({ days: span }).toISODate()!;
  let lastEventDate: string | undefined;
  if (term.direction !== 'before' && term.unit !== 'hours') {
    const dueOf = (day: string) => Date.parse(eventDue(t, zone, calendar, day).due);
    const today = DateTime.fromISO(asOf, { zone }).toISODate()!;
    earliest = firstDay(earliest, today, (day) => dueOf(day) > Date.parse(watermark));
    lastEventDate = addDays(firstDay(earliest, today, (day) => dueOf(day) > Date.parse(asOf)), -1);
  }
  const effectiveFrom = [regulation.effective.from, rule.active?.from].filter((d): d is string => !!d).sort().at(-1)!;
  const window: SweepWindow = {
    ruleKey: { regulationId: regulation.id, ruleId: rule.id }, region: regulation.region,
    organisationTypes: rule.scope.organisationTypes, municipalities: rule.scope.municipalities,
    effectiveFrom, watermark, asOf, versionHash: regulation.versionHash, termShape: t.shape,
    ...(lastEventDate ? { lastEventDate } : {}),
  };
  return { window, earliest, term: t };
}

/** The deadlines of the candidate event dates that passed by `asOf`, each with how it was computed. */
export function duesBy(t: EventTerm, zone: string, calendar: CalendarData, dates: readonly string[], asOf: string): { due: DueByDate; result: DueResult }[] {
  const limit = Date.parse(asOf);
  const out: { due: DueByDate; result: DueResult }[] = [];
  for (const eventDate of dates) {
    const result = eventDue(t, zone, calendar, eventDate);
    if (Date.parse(result.due) <= limit) out.push({ due: { eventDate, dueAt: result.due, lastDay: result.lastDay }, result });
  }
  return out;
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
