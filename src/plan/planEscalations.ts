import type { CompiledLadder, RoleRef } from '../regulation/model.js';
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
 * `until` and at most `maxRepeats` times. A deadline of a later tier whose responsible role is on
 * the ladder (the regional operator's own deadline in a two-tier cyclogram) climbs from that role:
 * its holder is told at the deadline, the steps above follow with their own delays, and nobody is
 * escalated to themselves. Throws `ZoneError` for an unknown zone.
 */
export function planEscalations(
  ladder: CompiledLadder,
  deadline: Pick<PlannedDeadline, 'tier' | 'due' | 'lastDay'> & { role?: RoleRef },
  cal: CalendarData,
  zone: string,
  until: string,
  maxRepeats = DEFAULT_MAX_REPEATS,
): PlannedEscalation[] {
  const out: PlannedEscalation[] = [];
  const from = { at: deadline.due, lastDay: deadline.lastDay };
  let previous = from;
  const own = firstLadderStep(ladder, deadline.tier, deadline.role);
  const steps = ladder.steps.slice(own);
  for (const step of steps) {
    // The tier's own step is its deadline notice, at the deadline whatever its delay on the ladder.
    previous = step.step === own ? from : after(from, step.after, cal, zone);
    const delay = step.step === own && own > 0 ? { amount: 0, unit: 'hours' as const, direction: 'after' as const } : step.after;
    out.push({ tier: deadline.tier, step: step.step, role: step.role, after: termRu(delay), repeat: 0, ...previous, provisional: isProvisionalYear(cal, yearOf(previous.lastDay)) });
  }
  const last = steps.at(-1);
  if (!ladder.repeat || ladder.repeat.amount === 0 || !last) return out;
  const text = termRu(ladder.repeat);
  for (let repeat = 1; repeat <= maxRepeats; repeat++) {
    previous = after(previous, ladder.repeat, cal, zone);
    if (previous.lastDay > until) break;
    out.push({ tier: deadline.tier, step: last.step, role: last.role, after: text, repeat, ...previous, provisional: isProvisionalYear(cal, yearOf(previous.lastDay)) });
  }
  return out;
}

/**
 * The ladder step a deadline's notices start from: 0, or for a later tier (the regional operator's
 * own deadline after the municipal one) the step of the tier's responsible role when the ladder
 * has it, so that nobody is escalated to themselves.
 */
export function firstLadderStep(ladder: CompiledLadder, tier: number, role?: RoleRef): number {
  if (tier === 0 || !role) return 0;
  return Math.max(0, ladder.steps.findIndex((s) => s.role.id === role.id));
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
