import type { CalendarData } from '../time/calendarData.js';
import type { ExplainStep } from '../time/term.js';

/** True when `year` has no data in the calendar (weekends only) or only provisional data. */
export function isProvisionalYear(cal: CalendarData, year: number): boolean {
  const data = cal.years[String(year)];
  return data === undefined || data.status === 'provisional';
}

/**
 * Appends a Russian warning for each provisional year among `years` (in the wording of
 * `computeDue`) and says whether there was any. Never throws.
 */
export function provisionalWarnings(cal: CalendarData, years: Iterable<number>, explain: ExplainStep[]): boolean {
  let provisional = false;
  for (const year of [...new Set(years)].sort((a, b) => a - b)) {
    const data = cal.years[String(year)];
    if (data === undefined) {
      provisional = true;
      explain.push({
        kind: 'warning',
        text: `Производственного календаря на ${year} год нет в данных (${cal.id}): учтены только еженедельные выходные, праздники и переносы не учтены — срок предварительный.`,
      });
    } else if (data.status === 'provisional') {
      provisional = true;
      explain.push({ kind: 'warning', text: `Календарь на ${year} год предварительный (постановление о переносе выходных ещё не учтено) — срок может измениться.` });
    }
  }
  return provisional;
}
