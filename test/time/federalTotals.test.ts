import { describe, expect, test } from '@jest/globals';
import { loadCalendar } from '../../src/time/calendarFile.js';
import { countWorkingDays } from '../../src/time/workingDays.js';
import { daysInMonth, isoDate } from '../../src/time/isoDate.js';

/**
 * Officially published working-day totals (five-day week) per month, typed in from the production
 * calendars published with each year's decree — deliberately not read from calendars/ru-federal.yaml.
 * `hours` is the published norm for a 40-hour week (8 h × days − 1 h per shortened day).
 */
const PUBLISHED: Record<number, { total: number; hours: number; months: number[] }> = {
  2018: { total: 247, hours: 1970, months: [17, 19, 20, 21, 20, 20, 22, 23, 20, 23, 21, 21] },
  2019: { total: 247, hours: 1970, months: [17, 20, 20, 22, 18, 19, 23, 22, 21, 23, 20, 22] },
  2020: { total: 248, hours: 1979, months: [17, 19, 21, 22, 17, 21, 23, 21, 22, 22, 20, 23] },
  2021: { total: 247, hours: 1972, months: [15, 19, 22, 22, 19, 21, 22, 22, 22, 21, 20, 22] },
  2022: { total: 247, hours: 1973, months: [16, 19, 22, 21, 18, 21, 21, 23, 22, 21, 21, 22] },
  2023: { total: 247, hours: 1973, months: [17, 18, 22, 20, 20, 21, 21, 23, 21, 22, 21, 21] },
  2024: { total: 248, hours: 1979, months: [17, 20, 20, 21, 20, 19, 23, 22, 21, 23, 21, 21] },
  2025: { total: 247, hours: 1972, months: [17, 20, 21, 22, 18, 19, 23, 21, 22, 23, 19, 22] },
  2026: { total: 247, hours: 1972, months: [15, 19, 21, 22, 19, 21, 23, 21, 22, 22, 20, 22] },
  2027: { total: 247, hours: 1972, months: [15, 19, 22, 22, 19, 21, 22, 22, 22, 21, 20, 22] },
};

const cal = loadCalendar();

describe('federal five-day calendar matches the published totals', () => {
  test.each(Object.keys(PUBLISHED).map(Number))('%i', (year) => {
    const expected = PUBLISHED[year]!;
    const months = Array.from({ length: 12 }, (_, i) => countWorkingDays(cal, isoDate(year, i + 1, 1), isoDate(year, i + 1, daysInMonth(year, i + 1))));
    expect(months).toEqual(expected.months);
    expect(months.reduce((a, b) => a + b, 0)).toBe(expected.total);
    const shortened = Object.values(cal.years[String(year)]!.days).filter((d) => d.working && (d.shortened || d.kind === 'shortened')).length;
    expect(expected.total * 8 - shortened).toBe(expected.hours);
  });
});

describe('the data file agrees with itself', () => {
  test('each year’s `published` block equals what the data computes', async () => {
    const { readCalendarDocument } = await import('../../src/time/calendarFile.js');
    const { join } = await import('node:path');
    const doc = readCalendarDocument(join(process.cwd(), 'calendars', 'ru-federal.yaml')).data;
    if (doc.kind !== 'federal') throw new Error('expected the federal calendar');
    for (const [key, year] of Object.entries(doc.years)) {
      const y = Number(key);
      const months = Array.from({ length: 12 }, (_, i) => countWorkingDays(cal, isoDate(y, i + 1, 1), isoDate(y, i + 1, daysInMonth(y, i + 1))));
      expect({ year: y, months }).toEqual({ year: y, months: year.published?.per_month });
      expect(months.reduce((a, b) => a + b, 0)).toBe(year.published?.working_days);
    }
  });

  test('every year 2018–2027 is present and approved', () => {
    for (let y = 2018; y <= 2027; y++) expect(cal.years[String(y)]?.status).toBe('approved');
  });
});
