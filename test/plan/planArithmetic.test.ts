import { describe, expect, test } from '@jest/globals';
import { recurringPeriods } from '../../src/plan/planPeriods.js';
import { resolveDue } from '../../src/plan/resolveDue.js';
import type { DueSpec } from '../../src/regulation/model.js';
import { termEndDay } from '../../src/plan/termEndDay.js';
import { loadCalendar } from '../../src/time/calendarFile.js';
import { addDays } from '../../src/time/isoDate.js';
import { periodsOverlapping } from '../../src/time/periods.js';
import { computeDue, parseTerm } from '../../src/time/term.js';
import { due, term } from './support.js';

const calendar = loadCalendar();

describe('termEndDay (the escalation shortcut) agrees with computeDue', () => {
  const terms = ['0 рабочих дней', '1 рабочий день', '2 рабочих дня', '5 рабочих дней', '1 день', '3 дня', '10 дней'].map((t) => [t, parseTerm(t)] as const);
  test.each(terms)('%s after every day of 2024–2025', (_text, term) => {
    const mismatches: string[] = [];
    for (let day = '2024-01-01'; day <= '2025-12-31'; day = addDays(day, 1)) {
      const expected = computeDue({ event: day, zone: 'Asia/Yekaterinburg', term, calendar }).lastDay;
      const actual = termEndDay(calendar, day, term);
      if (actual !== expected) mismatches.push(`${day}: ${actual} ≠ ${expected}`);
    }
    expect(mismatches).toEqual([]);
  });

  test('hour terms are refused', () => {
    expect(() => termEndDay(calendar, '2024-09-05', parseTerm('2 часа'))).toThrow(RangeError);
  });
});

describe('recurringPeriods: ISO weeks by day arithmetic agree with periods.ts', () => {
  test('every week of 2015–2030', () => {
    const ours = recurringPeriods('iso_week', '2015-01-01', '2030-12-31').map((p) => [p.id, p.start, p.end]);
    const theirs = periodsOverlapping('iso_week', '2015-01-01', '2030-12-31').map((p) => [p.id, p.start, p.end]);
    expect(ours).toEqual(theirs);
  });
});

describe('resolveDue: the quick first pass finds the same days as the explained one', () => {
  const specs: DueSpec[] = [
    due({ kind: 'day_of_next_period', day: 10 }), due({ kind: 'day_of_next_period', day: 31 }, { until: 'exclusive' }),
    due({ kind: 'day_of_period', day: 1 }), due({ kind: 'day_of_period', day: 1 }, { moveToWorkingDay: false }),
    due({ kind: 'last_working_day' }), due({ kind: 'last_day' }, { until: 'exclusive' }), due({ kind: 'period_end' }), due({ kind: 'same_day' }),
    due(term('5 рабочих дней')), due(term('5 рабочих дней'), { until: 'exclusive' }), due(term('10 дней'), { moveToWorkingDay: false }),
    due(term('3 рабочих дня до')), due(term('7 дней до'), { until: 'exclusive' }), due(term('36 часов')),
  ];
  const periods = recurringPeriods('month', '2018-01-01', '2027-12-31');
  test.each(specs.map((s) => [`${s.kind}${'termText' in s ? ` «${s.termText}»` : 'day' in s ? ` ${s.day}` : ''}, ${s.until}${s.moveToWorkingDay ? '' : ', not moved'}`, s] as const))('%s', (_name, spec) => {
    const mismatches: string[] = [];
    for (const period of periods) {
      const ctx = { period, zone: 'Asia/Yekaterinburg', calendar, dateOf: () => undefined };
      const quick = resolveDue(spec, ctx, { explain: false });
      const full = resolveDue(spec, ctx);
      const pick = (r: typeof quick) => r && [r.namedDay, r.lastDay, r.due, r.moved].join(' ');
      if (pick(quick) !== pick(full)) mismatches.push(`${period.id}: ${pick(quick)} ≠ ${pick(full)}`);
      if (full && full.explain.at(-1)?.kind !== 'due' && !full.explain.some((s) => s.kind === 'due')) mismatches.push(`${period.id}: no due step`);
    }
    expect(mismatches).toEqual([]);
  });
});
