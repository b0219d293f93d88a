import { describe, expect, test } from '@jest/globals';
import { loadCalendar } from '../../src/time/calendarFile.js';
import {
  academicYearOf,
  dayOfMonthAfter,
  firstDaysOfMonths,
  lastCalendarDay,
  lastWorkingDayOfPeriod,
  periodById,
  periodContaining,
  periodsOverlapping,
  PeriodError,
  type AcademicTerms,
} from '../../src/time/periods.js';
import { lastWorkingDayOfMonth } from '../../src/time/workingDays.js';

const cal = loadCalendar();

describe('period ids and bounds', () => {
  test.each([
    ['month', '2024-09-15', '2024-09', '2024-09-01', '2024-09-30'],
    ['month', '2024-02-10', '2024-02', '2024-02-01', '2024-02-29'],
    ['iso_week', '2024-09-04', '2024-W36', '2024-09-02', '2024-09-08'],
    ['iso_week', '2024-12-30', '2025-W01', '2024-12-30', '2025-01-05'],
    ['iso_week', '2021-01-03', '2020-W53', '2020-12-28', '2021-01-03'],
    ['quarter', '2024-08-31', '2024-Q3', '2024-07-01', '2024-09-30'],
    ['academic_year', '2024-09-01', '2024/2025', '2024-09-01', '2025-08-31'],
    ['academic_year', '2025-08-31', '2024/2025', '2024-09-01', '2025-08-31'],
    ['academic_quarter', '2024-10-15', '2024/2025-Q1', '2024-09-01', '2024-10-31'],
    ['academic_quarter', '2025-02-01', '2024/2025-Q3', '2025-01-01', '2025-03-31'],
    ['academic_quarter', '2025-07-01', '2024/2025-Q4', '2025-04-01', '2025-08-31'],
    ['academic_semester', '2024-12-31', '2024/2025-S1', '2024-09-01', '2024-12-31'],
    ['academic_semester', '2025-01-01', '2024/2025-S2', '2025-01-01', '2025-08-31'],
  ] as const)('%s containing %s is %s [%s, %s]', (kind, date, id, start, end) => {
    const p = periodContaining(kind, date);
    expect(p).toEqual({ kind, id, start, end });
    expect(periodById(id)).toEqual(p);
  });

  test('bad ids are rejected with PeriodError', () => {
    for (const id of ['2024-13', '2024-W54', '2024-Q5', '2024/2026', '2024/2025-Q5', '2024/2025-S3', 'сентябрь'])
      expect(() => periodById(id)).toThrow(PeriodError);
  });

  test('academic year of a date', () => {
    expect(academicYearOf('2025-03-01')).toBe(2024);
    expect(academicYearOf('2025-09-01')).toBe(2025);
  });
});

describe('custom academic terms', () => {
  const terms: AcademicTerms = {
    quarters: [
      { start: '09-01', end: '10-25' },
      { start: '11-05', end: '12-28' },
      { start: '01-09', end: '03-21' },
      { start: '03-31', end: '05-26' },
    ],
    semesters: [
      { start: '09-01', end: '12-28' },
      { start: '01-09', end: '05-26' },
    ],
  };

  test('parts with holiday gaps', () => {
    expect(periodContaining('academic_quarter', '2024-11-05', terms)).toMatchObject({ id: '2024/2025-Q2', start: '2024-11-05', end: '2024-12-28' });
    expect(() => periodContaining('academic_quarter', '2024-10-30', terms)).toThrow(/каникулы/);
    expect(periodsOverlapping('academic_quarter', '2024-10-01', '2025-01-31', terms).map((p) => p.id)).toEqual(['2024/2025-Q1', '2024/2025-Q2', '2024/2025-Q3']);
  });

  test('overlapping or unordered parts are rejected', () => {
    expect(() => periodById('2024/2025-Q1', { quarters: [{ start: '09-01', end: '11-30' }, { start: '11-01', end: '12-31' }] })).toThrow(/пересекаются/);
  });
});

describe('enumeration', () => {
  test('months overlapping a range', () => {
    expect(periodsOverlapping('month', '2024-08-15', '2024-11-01').map((p) => p.id)).toEqual(['2024-08', '2024-09', '2024-10', '2024-11']);
  });
  test('ISO weeks across a year boundary', () => {
    expect(periodsOverlapping('iso_week', '2024-12-25', '2025-01-10').map((p) => p.id)).toEqual(['2024-W52', '2025-W01', '2025-W02']);
  });
  test('quarters and academic years', () => {
    expect(periodsOverlapping('quarter', '2024-03-31', '2024-07-01').map((p) => p.id)).toEqual(['2024-Q1', '2024-Q2', '2024-Q3']);
    expect(periodsOverlapping('academic_year', '2024-01-01', '2025-09-01').map((p) => p.id)).toEqual(['2023/2024', '2024/2025', '2025/2026']);
  });
  test('an empty range', () => {
    expect(periodsOverlapping('month', '2024-05-01', '2024-04-01')).toEqual([]);
  });
  test('the 1st of each month', () => {
    expect(firstDaysOfMonths('2024-01-15', '2024-04-01')).toEqual(['2024-02-01', '2024-03-01', '2024-04-01']);
  });
});

describe('deadline anchors', () => {
  test('by day D of the month after the period', () => {
    expect(dayOfMonthAfter(periodById('2024-Q3'), 15)).toBe('2024-10-15');
    expect(dayOfMonthAfter(periodById('2024-Q4'), 10)).toBe('2025-01-10');
    expect(dayOfMonthAfter(periodById('2024-01'), 31)).toBe('2024-02-29');
    expect(() => dayOfMonthAfter(periodById('2024-01'), 0)).toThrow(PeriodError);
  });
  test('last working day and last calendar day of the period', () => {
    expect(lastWorkingDayOfPeriod(cal, periodById('2024-12'))).toBe('2024-12-28');
    expect(lastWorkingDayOfMonth(cal, 2024, 12)).toBe('2024-12-28');
    expect(lastWorkingDayOfMonth(cal, 2025, 12)).toBe('2025-12-30');
    expect(lastWorkingDayOfMonth(cal, 2024, 4)).toBe('2024-04-27');
    expect(lastCalendarDay(periodById('2024/2025-S1'))).toBe('2024-12-31');
  });
});
