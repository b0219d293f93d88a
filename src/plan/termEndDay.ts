import type { CalendarData } from '../time/calendarData.js';
import type { Term } from '../time/term.js';
import { calendarDays } from './calendarDays.js';

/**
 * The last day of a day or working-day term counted after `day` (the day itself not counted), moved
 * to the next working day when it is not one — the same arithmetic as `computeDue` without the
 * explanation, which escalation ladders and their repeats do not need and which would dominate the
 * cost of planning. Hour terms are instant arithmetic and are refused. Throws `RangeError` for an
 * hour term, `InvalidDateError` for a malformed day.
 */
export function termEndDay(cal: CalendarData, day: string, term: Term, moveToWorkingDay = true): string {
  if (term.unit === 'hours') throw new RangeError('hour terms are counted from an instant, not a day');
  const days = calendarDays(cal);
  const last = term.unit === 'days' || term.amount === 0 ? days.addDays(day, term.amount) : days.addWorkingDays(day, term.amount);
  return moveToWorkingDay && !days.isWorking(last) ? days.stepToWorkingDay(last, 1, false) : last;
}
