import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { loadCalendar } from '../../src/time/calendarFile.js';
import { addDays, fromEpochDay, toEpochDay } from '../../src/time/isoDate.js';
import { computeDue, type Term } from '../../src/time/term.js';
import { addWorkingDays, countWorkingDays, isWorkingDay, nextWorkingDay, previousWorkingDay } from '../../src/time/workingDays.js';

const five = loadCalendar();
const six = loadCalendar({ week: 'six_day' });
const ZONES = ['Europe/Moscow', 'Asia/Yekaterinburg', 'Asia/Barnaul', 'Asia/Sakhalin'];
const RUNS = { numRuns: 300 };

/** Dates well inside the years that have data, so that 60 working days never leave them. */
const dateArb = fc.integer({ min: toEpochDay('2018-01-01'), max: toEpochDay('2027-09-30') }).map(fromEpochDay);
const calArb = fc.constantFrom(five, six);
const zoneArb = fc.constantFrom(...ZONES);
const minuteArb = fc.integer({ min: 0, max: 24 * 60 - 1 });
const eventArb = fc.tuple(dateArb, minuteArb).map(([d, m]) => `${d}T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
const termArb: fc.Arbitrary<Term> = fc.oneof(
  fc.integer({ min: 0, max: 40 }).map((amount) => ({ amount, unit: 'working_days' as const, direction: 'after' as const })),
  fc.integer({ min: 0, max: 60 }).map((amount) => ({ amount, unit: 'days' as const, direction: 'after' as const })),
  fc.integer({ min: 0, max: 500 }).map((amount) => ({ amount, unit: 'hours' as const, direction: 'after' as const })),
  fc.integer({ min: 0, max: 40 }).map((amount) => ({ amount, unit: 'working_days' as const, direction: 'before' as const })),
  fc.integer({ min: 0, max: 60 }).map((amount) => ({ amount, unit: 'days' as const, direction: 'before' as const })),
);
const instant = (iso: string) => DateTime.fromISO(iso).toMillis();

describe('addWorkingDays', () => {
  test('adding N ≥ 1 working days lands on a working day with exactly N working days in (start, result]', () => {
    fc.assert(
      fc.property(calArb, dateArb, fc.integer({ min: 1, max: 60 }), (cal, date, n) => {
        const result = addWorkingDays(cal, date, n);
        expect(isWorkingDay(cal, result)).toBe(true);
        expect(result > date).toBe(true);
        expect(countWorkingDays(cal, addDays(date, 1), result)).toBe(n);
      }),
      RUNS,
    );
  });

  test('adding then subtracting N working days from a working day returns to it', () => {
    fc.assert(
      fc.property(calArb, dateArb, fc.integer({ min: 1, max: 60 }), (cal, date, n) => {
        const start = nextWorkingDay(cal, date, true);
        expect(addWorkingDays(cal, addWorkingDays(cal, start, n), -n)).toBe(start);
      }),
      RUNS,
    );
  });
});

describe('computeDue', () => {
  test('the due instant is monotonic (non-decreasing) in the event instant, for every kind of term', () => {
    fc.assert(
      fc.property(zoneArb, termArb, eventArb, eventArb, (zone, term, a, b) => {
        const [early, late] = instant(DateTime.fromISO(a, { zone }).toISO()!) <= instant(DateTime.fromISO(b, { zone }).toISO()!) ? [a, b] : [b, a];
        const dueEarly = computeDue({ event: early, zone, term, calendar: five }).due;
        const dueLate = computeDue({ event: late, zone, term, calendar: five }).due;
        expect(instant(dueEarly)).toBeLessThanOrEqual(instant(dueLate));
      }),
      RUNS,
    );
  });

  test('a day or working-day term ends at 24:00 local of a working day, never before the event', () => {
    fc.assert(
      fc.property(zoneArb, eventArb, fc.integer({ min: 1, max: 60 }), fc.constantFrom<Term['unit']>('days', 'working_days'), (zone, event, amount, unit) => {
        const result = computeDue({ event, zone, term: { amount, unit, direction: 'after' }, calendar: five });
        expect(isWorkingDay(five, result.lastDay)).toBe(true);
        expect(result.due).toBe(DateTime.fromISO(addDays(result.lastDay, 1), { zone }).toISO());
        expect(instant(result.due)).toBeGreaterThan(instant(DateTime.fromISO(event, { zone }).toISO()!));
        if (unit === 'days') {
          // art. 193: the last day only moves forward, and only across non-working days.
          const nominal = addDays(event.slice(0, 10), amount);
          expect(result.lastDay >= nominal).toBe(true);
          for (let d = nominal; d < result.lastDay; d = addDays(d, 1)) expect(isWorkingDay(five, d)).toBe(false);
        }
      }),
      RUNS,
    );
  });

  /**
   * "Before" inverts "after". With after(D, n) = last day of "n working days" from event day D and
   * before(E, n) = last day of "n working days before" event day E:
   *   (a) for every working day D: before(after(D, n), n) = D;
   *   (b) for every day E:        after(before(E, n), n) = the first working day on or after E.
   */
  test('“n working days before” inverts “n working days after”', () => {
    const after = (cal: typeof five, d: string, n: number) => computeDue({ event: d, zone: 'Asia/Yekaterinburg', term: { amount: n, unit: 'working_days', direction: 'after' }, calendar: cal }).lastDay;
    const before = (cal: typeof five, e: string, n: number) => computeDue({ event: e, zone: 'Asia/Yekaterinburg', term: { amount: n, unit: 'working_days', direction: 'before' }, calendar: cal }).lastDay;
    fc.assert(
      fc.property(calArb, dateArb, fc.integer({ min: 1, max: 40 }), (cal, date, n) => {
        const d = nextWorkingDay(cal, date, true);
        expect(before(cal, after(cal, d, n), n)).toBe(d);
        expect(after(cal, before(cal, date, n), n)).toBe(nextWorkingDay(cal, date, true));
      }),
      RUNS,
    );
  });

  test('a calendar-day “before” term moves only backwards, to a working day', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 60 }), (date, n) => {
        const result = computeDue({ event: date, zone: 'Asia/Barnaul', term: { amount: n, unit: 'days', direction: 'before' }, calendar: five });
        const nominal = addDays(date, -n);
        expect(result.lastDay).toBe(previousWorkingDay(five, nominal, true));
      }),
      RUNS,
    );
  });
});
