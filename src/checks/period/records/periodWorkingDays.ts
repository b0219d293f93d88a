import type { CalendarData } from '../../../time/calendarData.js';
import { addDays, isIsoDate } from '../../../time/isoDate.js';
import { isWorkingDay } from '../../../time/workingDays.js';

/** Longest period whose days are listed (an academic year with a leap day); longer spans are refused. */
const MAX_DAYS = 366;

/**
 * The working days of [start, end] (local ISO dates, both included) by the production calendar, for
 * `PeriodCheckInput.workingDays`; undefined without a calendar, for malformed dates or a span longer
 * than a year, so a check falls back rather than the step failing.
 */
export function periodWorkingDays(calendar: CalendarData | undefined, start: string, end: string): string[] | undefined {
  if (!calendar || !isIsoDate(start) || !isIsoDate(end) || end < start) return undefined;
  const days: string[] = [];
  for (let d = start, n = 0; d <= end; d = addDays(d, 1), n++) {
    if (n >= MAX_DAYS) return undefined;
    if (isWorkingDay(calendar, d)) days.push(d);
  }
  return days;
}
