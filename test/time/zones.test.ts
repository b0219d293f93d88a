import { describe, expect, test } from '@jest/globals';
import { DateTime } from 'luxon';
import { loadCalendar } from '../../src/time/calendarFile.js';
import { computeDue, DueInputError, parseTerm } from '../../src/time/term.js';

const cal = loadCalendar();

/** Regions' zones and their UTC offsets since 2016 (no DST). */
const ZONES: [zone: string, offset: string, hours: number][] = [
  ['Europe/Moscow', '+03:00', 3],
  ['Asia/Yekaterinburg', '+05:00', 5],
  ['Asia/Barnaul', '+07:00', 7],
  ['Asia/Sakhalin', '+11:00', 11],
];

describe.each(ZONES)('%s', (zone, offset, hours) => {
  test.each([
    // [event, term, lastDay]
    ['2024-04-26T15:00', '3 working days', '2024-05-03'],
    ['2024-04-26T23:59', '3 рабочих дня', '2024-05-03'],
    ['2024-04-27T00:00', '1 working day', '2024-05-02'],
    ['2023-12-29T10:00', '1 рабочий день', '2024-01-09'],
    ['2021-12-30T10:00', '1 working day', '2022-01-10'],
    ['2025-02-21T09:00', '1 working day', '2025-02-24'],
    ['2024-04-20T12:00', '10 дней', '2024-05-02'],
    ['2024-12-20', '10 календарных дней', '2025-01-09'],
    ['2024-05-13', '10 working days before', '2024-04-23'],
    ['2026-01-12', '1 working day before', '2025-12-30'],
  ])('%s + %s → last day %s, due at local midnight', (event, term, lastDay) => {
    const result = computeDue({ event, zone, term: parseTerm(term), calendar: cal });
    expect(result.lastDay).toBe(lastDay);
    const next = DateTime.fromISO(lastDay, { zone: 'utc' }).plus({ days: 1 }).toISODate();
    expect(result.due).toBe(`${next}T00:00:00.000${offset}`);
    expect(DateTime.fromISO(result.due).toUTC().toISO()).toBe(DateTime.fromISO(`${next}T00:00:00Z`, { zone: 'utc' }).minus({ hours }).toISO());
  });

  test('hour terms count exact hours from the event instant', () => {
    const result = computeDue({ event: '2024-04-26T15:00', zone, term: parseTerm('72 часа'), calendar: cal });
    expect(result.due).toBe(`2024-04-29T15:00:00.000${offset}`);
    expect(result.lastDay).toBe('2024-04-29');
  });

  test('an event given with an explicit offset is read in the region’s zone', () => {
    // 20:00 UTC on 26 April is already 27 April in Barnaul and Sakhalin.
    const result = computeDue({ event: '2024-04-26T20:00:00Z', zone, term: parseTerm('1 working day'), calendar: cal });
    expect(result.lastDay).toBe(hours > 3 ? '2024-05-02' : '2024-04-27');
  });
});

describe('offset changes are handled by the zone database', () => {
  test('Asia/Barnaul moved from +06 to +07 on 2016-03-27: 24 hours later is 13:00 local', () => {
    const result = computeDue({ event: '2016-03-26T12:00', zone: 'Asia/Barnaul', term: parseTerm('24 hours'), calendar: cal });
    expect(result.due).toBe('2016-03-27T13:00:00.000+07:00');
  });

  test('Europe/Moscow moved from +04 to +03 on 2014-10-26: 24 hours later is 11:00 local', () => {
    const result = computeDue({ event: '2014-10-25T12:00', zone: 'Europe/Moscow', term: parseTerm('24 часа'), calendar: cal });
    expect(result.due).toBe('2014-10-26T11:00:00.000+03:00');
  });

  test('Asia/Sakhalin day terms end at local midnight whatever the offset of that year', () => {
    const result = computeDue({ event: '2016-03-25', zone: 'Asia/Sakhalin', term: parseTerm('3 days'), calendar: cal });
    expect(result.due).toBe('2016-03-29T00:00:00.000+11:00');
    expect(result.provisional).toBe(true);
  });
});

describe('bad input', () => {
  test.each([
    [{ event: '2024-04-26T15:00', zone: 'Mars/Olympus' }, /часовой пояс «Mars\/Olympus»/],
    [{ event: '2024-02-30', zone: 'Europe/Moscow' }, /Некорректная дата события «2024-02-30»/],
    [{ event: '26.04.2024', zone: 'Europe/Moscow' }, /ГГГГ-ММ-ДД/],
    [{ event: '2024-04-26T25:00', zone: 'Europe/Moscow' }, /Некорректная дата события/],
  ])('%j', (input, message) => {
    expect(() => computeDue({ ...input, term: parseTerm('1 day'), calendar: cal })).toThrow(DueInputError);
    expect(() => computeDue({ ...input, term: parseTerm('1 day'), calendar: cal })).toThrow(message);
  });

  test('a malformed term object', () => {
    expect(() => computeDue({ event: '2024-04-26', zone: 'Europe/Moscow', term: { amount: -1, unit: 'days', direction: 'after' }, calendar: cal })).toThrow(DueInputError);
  });
});
