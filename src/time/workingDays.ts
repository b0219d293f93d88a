import type { CalendarData, DayInfo } from './calendarData.js';
import { addDays, daysInMonth, isoDate, isoWeekday, toEpochDay, yearOf } from './isoDate.js';

/**
 * Working-day arithmetic over a `CalendarData`. Pure: no I/O, no clock, usable in workflows.
 *
 * A year missing from the calendar is treated as a regular week (weekends only) and reported as
 * provisional, because guessing holidays silently would be worse than flagging the gap.
 */

/** Longest run of consecutive days off we accept before assuming the calendar is broken. */
const MAX_DAYS_OFF_RUN = 366;

/** True if the calendar holds data (approved or provisional) for `year`. */
export function hasYear(cal: CalendarData, year: number): boolean {
  return Object.prototype.hasOwnProperty.call(cal.years, String(year));
}

/**
 * Classifies one date. Throws `InvalidDateError` on a malformed date.
 * `provisional` is set when the year is absent (weekends only) or only provisional.
 */
export function dayInfo(cal: CalendarData, date: string): DayInfo {
  const weekday = isoWeekday(date); // validates the date
  const year = cal.years[String(yearOf(date))];
  const provisional = year === undefined || year.status === 'provisional' ? { provisional: true } : {};
  const special = year?.days[date];
  if (special) {
    return {
      date,
      working: special.working,
      kind: special.kind,
      reason: special.reason,
      ...(special.decree ? { decree: special.decree } : {}),
      ...(special.shortened || special.kind === 'shortened' ? { shortened: true } : {}),
      ...provisional,
    };
  }
  if (cal.weekendDays.includes(weekday)) {
    return { date, working: false, kind: 'weekend', reason: weekday === 7 ? 'выходной день (воскресенье)' : 'выходной день (суббота)', ...provisional };
  }
  return { date, working: true, kind: 'working', ...provisional };
}

/** True if people work on `date` (shortened days count as working). Throws `InvalidDateError`. */
export function isWorkingDay(cal: CalendarData, date: string): boolean {
  return dayInfo(cal, date).working;
}

/**
 * The first working day strictly after `date`, or `date` itself when `includeSelf` is set and it is
 * a working day. Throws `InvalidDateError`, or `Error` if no working day follows within a year.
 */
export function nextWorkingDay(cal: CalendarData, date: string, includeSelf = false): string {
  return stepToWorkingDay(cal, date, 1, includeSelf);
}

/**
 * The last working day strictly before `date`, or `date` itself when `includeSelf` is set and it is a
 * working day. Throws like `nextWorkingDay`.
 */
export function previousWorkingDay(cal: CalendarData, date: string, includeSelf = false): string {
  return stepToWorkingDay(cal, date, -1, includeSelf);
}

/**
 * The date `n` working days after `date` (n ≥ 0; negative n counts backwards). The start date itself
 * is never counted, so `addWorkingDays(cal, d, 1)` is `nextWorkingDay(cal, d)`; for n = 0 the start
 * date is returned unchanged. Throws `InvalidDateError`, or `RangeError` for a non-integer n.
 */
export function addWorkingDays(cal: CalendarData, date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Количество рабочих дней должно быть целым числом: ${n}`);
  let current = date;
  toEpochDay(date); // validate even when n = 0
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0; left--) current = stepToWorkingDay(cal, current, step, false);
  return current;
}

/**
 * The last working day of a month (1-based month). Throws `RangeError` on a bad month, or `Error`
 * if the whole month is non-working (only possible with broken data).
 */
export function lastWorkingDayOfMonth(cal: CalendarData, year: number, month: number): string {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`Некорректный месяц: ${month}`);
  const first = isoDate(year, month, 1);
  for (let d = daysInMonth(year, month); d >= 1; d--) {
    const date = isoDate(year, month, d);
    if (isWorkingDay(cal, date)) return date;
  }
  throw new Error(`В ${first.slice(0, 7)} нет ни одного рабочего дня: проверьте данные календаря ${cal.id}`);
}

/** Number of working days in the inclusive range [from, to] (0 if `to` < `from`). Throws `InvalidDateError`. */
export function countWorkingDays(cal: CalendarData, from: string, to: string): number {
  let count = 0;
  for (let d = from; toEpochDay(d) <= toEpochDay(to); d = addDays(d, 1)) if (isWorkingDay(cal, d)) count++;
  return count;
}

function stepToWorkingDay(cal: CalendarData, date: string, step: 1 | -1, includeSelf: boolean): string {
  let current = includeSelf ? date : addDays(date, step);
  for (let i = 0; i <= MAX_DAYS_OFF_RUN; i++) {
    if (isWorkingDay(cal, current)) return current;
    current = addDays(current, step);
  }
  throw new Error(`Не найден рабочий день в пределах года от ${date}: проверьте данные календаря ${cal.id}`);
}
