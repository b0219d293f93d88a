import type { CalendarData } from '../time/calendarData.js';
import { fromEpochDay, toEpochDay } from '../time/isoDate.js';
import { isWorkingDay } from '../time/workingDays.js';

/** Working-day arithmetic over one calendar, memoised (see `calendarDays`). */
export interface CalendarDays {
  isWorking(date: string): boolean;
  addDays(date: string, days: number): string;
  /** `n` working days after `date` (before it for negative `n`), the date itself not counted; `date` for 0. */
  addWorkingDays(date: string, n: number): string;
  /** The first working day after `date` (`step` 1) or before it (`step` -1), or `date` itself if `includeSelf` and it works. */
  stepToWorkingDay(date: string, step: 1 | -1, includeSelf: boolean): string;
}

/** Longest run of days off accepted before the calendar is taken to be broken (as in `workingDays.ts`). */
const MAX_DAYS_OFF_RUN = 366;
/** Memo size at which the date ↔ epoch-day memos start over, so a long-running worker does not grow without bound. */
const MEMO_LIMIT = 200_000;

const byCalendar = new WeakMap<CalendarData, CalendarDays>();
const epochOf = new Map<string, number>();
const dateOf = new Map<number, string>();

/**
 * The working-day arithmetic of `src/time/workingDays.ts` over epoch days with memoised day
 * classification: planning asks about the same few hundred days for every tier, reminder, escalation
 * step and repeat, and classifying a day (validating the date, looking up the year) dominated the
 * cost. Answers are identical to `isWorkingDay`/`addWorkingDays`/`nextWorkingDay`; calendars are
 * treated as immutable once built. Throws `InvalidDateError` for a malformed date, `Error` when no
 * working day lies within a year.
 */
export function calendarDays(cal: CalendarData): CalendarDays {
  let days = byCalendar.get(cal);
  if (days) return days;
  const working = new Map<number, boolean>();
  const isWorkingEpoch = (e: number): boolean => {
    let w = working.get(e);
    if (w === undefined) {
      w = isWorkingDay(cal, dateOfEpoch(e));
      working.set(e, w);
    }
    return w;
  };
  const step = (e: number, direction: 1 | -1, includeSelf: boolean, from: string): number => {
    let current = includeSelf ? e : e + direction;
    for (let i = 0; i <= MAX_DAYS_OFF_RUN; i++) {
      if (isWorkingEpoch(current)) return current;
      current += direction;
    }
    throw new Error(`Не найден рабочий день в пределах года от ${from}: проверьте данные календаря ${cal.id}`);
  };
  days = {
    isWorking: (date) => isWorkingEpoch(epochOfDate(date)),
    addDays: (date, n) => dateOfEpoch(epochOfDate(date) + n),
    addWorkingDays: (date, n) => {
      let e = epochOfDate(date);
      const direction = n < 0 ? -1 : 1;
      for (let left = Math.abs(n); left > 0; left--) e = step(e, direction, false, date);
      return dateOfEpoch(e);
    },
    stepToWorkingDay: (date, direction, includeSelf) => dateOfEpoch(step(epochOfDate(date), direction, includeSelf, date)),
  };
  byCalendar.set(cal, days);
  return days;
}

function epochOfDate(date: string): number {
  let e = epochOf.get(date);
  if (e === undefined) {
    if (epochOf.size > MEMO_LIMIT) epochOf.clear();
    e = toEpochDay(date);
    epochOf.set(date, e);
  }
  return e;
}

function dateOfEpoch(e: number): string {
  let d = dateOf.get(e);
  if (d === undefined) {
    if (dateOf.size > MEMO_LIMIT) dateOf.clear();
    d = fromEpochDay(e);
    dateOf.set(e, d);
  }
  return d;
}
