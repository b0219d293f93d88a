import { describe, expect, test } from '@jest/globals';
import { DateTime } from 'luxon';
import { loadCalendar } from '../../src/time/calendarFile.js';
import { computeDue, parseTerm } from '../../src/time/term.js';


const cal = loadCalendar();

describe('acceptance: 3 working days after Friday 2024-04-26 15:00 in Yekaterinburg', () => {
  const result = computeDue({ event: '2024-04-26T15:00', zone: 'Asia/Yekaterinburg', term: parseTerm('3 working days'), calendar: cal });

  test('counts the working Saturday and skips 29 April – 1 May', () => {
    expect(result.explain.filter((s) => s.kind === 'count').map((s) => s.date)).toEqual(['2024-04-27', '2024-05-02', '2024-05-03']);
    expect(result.explain.filter((s) => s.kind === 'skip').map((s) => s.date)).toEqual(['2024-04-28', '2024-04-29', '2024-04-30', '2024-05-01']);
  });

  test('ends at the end of 3 May local time', () => {
    expect(result.lastDay).toBe('2024-05-03');
    expect(result.due).toBe('2024-05-04T00:00:00.000+05:00');
    expect(DateTime.fromISO(result.due).toUTC().toISO()).toBe('2024-05-03T19:00:00.000Z');
    expect(result.provisional).toBe(false);
  });

  test('explains skipped days with their reasons', () => {
    const texts = result.explain.map((s) => s.text).join('\n');
    expect(texts).toContain('29.04.2024 (понедельник) — не считается: перенос выходного дня с 27.04.2024 (суббота) по постановлению Правительства РФ № 1314 от 10.08.2023');
    expect(texts).toContain('01.05.2024 (среда) — не считается: нерабочий праздничный день «Праздник Весны и Труда»');
    expect(texts).toContain('28.04.2024 (воскресенье) — не считается: выходной день (воскресенье)');
  });
});
