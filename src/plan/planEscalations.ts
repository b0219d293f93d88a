import type { CompiledLadder } from '../regulation/model.js';
import type { CalendarData } from '../time/calendarData.js';
import { yearOf } from '../time/isoDate.js';
import type { Term } from '../time/term.js';
import { termRu } from './describeEventRule.js';
import { addHours, endOfLocalDay, lastDayOfInstant } from './localDay.js';
import type { PlannedDeadline, PlannedEscalation } from './occurrence.js';
import { isProvisionalYear } from './provisionalYears.js';
import { termEndDay } from './termEndDay.js';

/** Default cap on the repeats of a ladder's last step per deadline. */
export const DEFAULT_MAX_REPEATS = 10;

/**
 * The escalation ladder after one deadline: each step at the deadline plus the step's `after` term
 * (0 — the deadline itself; day and working-day terms end at 24:00 of their last day counted from
 * the deadline's last day, as the event sweep counts them; hours are exact), then the last step
 * repeated every `repeat` (each counted from the previous one) while the repeat's day is not after
 * `until` and at most `maxRepeats` times. Throws `ZoneError` for an unknown zone.
 */
export function planEscalations(
  ladder: CompiledLadder,
  deadline: Pick<PlannedDeadline, 'tier' | 'due' | 'lastDay'>,
  cal: CalendarData,
  zone: string,
  until: string,
  maxRepeats = DEFAULT_MAX_REPEATS,
): PlannedEscalation[] {
  const out: PlannedEscalation[] = [];
  const from = { at: deadline.due, lastDay: deadline.lastDay };
  let previous = from;
  for (const step of ladder.steps) {
    previous = after(from, step.after, cal, zone);
    out.push({ tier: deadline.tier, step: step.step, role: step.role, after: termRu(step.after), repeat: 0, ...previous, provisional: isProvisionalYear(cal, yearOf(previous.lastDay)) });
  }
  const last = ladder.steps.at(-1);
  if (!ladder.repeat || ladder.repeat.amount === 0 || !last) return out;
  const text = termRu(ladder.repeat);
  for (let repeat = 1; repeat <= maxRepeats; repeat++) {
    previous = after(previous, ladder.repeat, cal, zone);
    if (previous.lastDay > until) break;
    out.push({ tier: deadline.tier, step: last.step, role: last.role, after: text, repeat, ...previous, provisional: isProvisionalYear(cal, yearOf(previous.lastDay)) });
  }
  return out;
}

function after(from: { at: string; lastDay: string }, term: Term, cal: CalendarData, zone: string): { at: string; lastDay: string } {
  if (term.amount === 0) return from;
  if (term.unit === 'hours') {
    const at = addHours(from.at, term.amount, zone);
    return { at, lastDay: lastDayOfInstant(at, zone) };
  }
  const lastDay = termEndDay(cal, from.lastDay, term);
  return { at: endOfLocalDay(lastDay, zone), lastDay };
}
