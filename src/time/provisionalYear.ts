import type { Art112Holiday, FederalYearDocument, TransferEntry } from './calendarDocument.js';
import { addDays, isoWeekday } from './isoDate.js';

/**
 * A year built from Labour Code art. 112 alone: the holidays, and for each holiday outside the
 * 1–8 January block that falls on a Saturday or Sunday, the day off moved to the next working day
 * after it (part 2). No decree transfers, no working Saturdays; shortened days are the weekdays
 * immediately before a holiday (art. 95). Status is `provisional`.
 *
 * This is what the engine would publish for a year before its decree appears, and it is what an
 * operator can paste into the calendar file as a starting point. Throws `InvalidDateError` only on
 * a malformed holiday day.
 */
export function provisionalYear(year: number, holidays: Art112Holiday[]): FederalYearDocument {
  const dates = holidays.map((h) => ({ ...h, date: `${year}-${h.day}` })).sort((a, b) => a.date.localeCompare(b.date));
  const holidaySet = new Set(dates.map((h) => h.date));
  const transfers: TransferEntry[] = [];
  const targets = new Set<string>();
  const isOff = (d: string) => isoWeekday(d) >= 6 || holidaySet.has(d) || targets.has(d);
  for (const h of dates) {
    if (h.new_year_block || isoWeekday(h.date) < 6) continue;
    let to = addDays(h.date, 1);
    while (isOff(to)) to = addDays(to, 1);
    // A shift that would leave the year is left to the next year's decree.
    if (!to.startsWith(String(year))) continue;
    targets.add(to);
    transfers.push({ from: h.date, to, basis: 'art112' });
  }
  const shortened = dates
    .map((h) => addDays(h.date, -1))
    .filter((d) => d.startsWith(String(year)) && !isOff(d));
  return {
    status: 'provisional',
    note: 'Постановление о переносе выходных дней на этот год не опубликовано: учтены только ст. 112 ТК РФ (праздники и перенос выходного, совпавшего с праздником).',
    holidays: dates.map((h) => h.date),
    transfers,
    working_weekends: [],
    shortened: [...new Set(shortened)].sort(),
  };
}
