import { DateTime } from 'luxon';
import type { DueByDate } from '../src/checks/event/eventCheck.js';
import type { CompiledRegulation, CompiledRule } from '../src/regulation/model.js';
import type { CalendarData } from '../src/time/calendarData.js';
import { computeDue } from '../src/time/term.js';

/** The term of an event-relative rule's first tier, as the sweep activity reads it ("the same day" is a term of 0 days). */
export function sweepTerm(rule: CompiledRule) {
  const due0 = rule.deadlines[0]!.due;
  if (due0.kind === 'term') return { term: due0.term, moveToWorkingDay: due0.moveToWorkingDay };
  if (due0.kind === 'same_day') return { term: { amount: 0, unit: 'days' as const, direction: 'after' as const }, moveToWorkingDay: due0.moveToWorkingDay };
  throw new Error(`rule ${rule.id} is not an event-relative rule with a term`);
}

/**
 * The earliest event date a sweep from `watermark` must look at, as `sweepEventRule` computes it:
 * an event this many days older cannot be due after the watermark.
 */
export function earliestEventDate(regulation: CompiledRegulation, rule: CompiledRule, watermark: string): string {
  const { term } = sweepTerm(rule);
  const span = term.direction === 'before' ? 1 : term.unit === 'hours' ? Math.ceil(term.amount / 24) + 1 : term.amount * 2 + 16;
  return DateTime.fromISO(watermark, { zone: regulation.timezone }).minus({ days: span }).toISODate()!;
}

/** The deadlines of the candidate event dates that passed by `asOf`, computed as the sweep activity does. */
export function duesBy(regulation: CompiledRegulation, rule: CompiledRule, calendar: CalendarData, dates: readonly string[], asOf: string): DueByDate[] {
  const { term, moveToWorkingDay } = sweepTerm(rule);
  const limit = DateTime.fromISO(asOf);
  const out: DueByDate[] = [];
  for (const eventDate of dates) {
    const due = computeDue({ event: eventDate, zone: regulation.timezone, term, calendar, moveToWorkingDay });
    if (DateTime.fromISO(due.due) <= limit) out.push({ eventDate, dueAt: due.due, lastDay: due.lastDay });
  }
  return out;
}
