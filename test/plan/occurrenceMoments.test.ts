import { describe, expect, test } from '@jest/globals';
import { occurrenceMoments } from '../../src/plan/occurrenceMoments.js';
import { planRegulation } from '../../src/plan/planRegulation.js';
import { loadCalendar } from '../../src/time/calendarFile.js';
import type { OccurrenceMoment } from '../../workflows/occurrence.js';
import { due, ladder, regulation, ROLES, rule, terms } from './support.js';

describe('occurrenceMoments', () => {
  test('the moments of the occurrence workflow\'s own test, computed from the rule', () => {
    const openYear = rule('open-year', { kind: 'annual', year: 'academic' }, {
      window: due({ kind: 'date', date: '08-25' }), due: due({ kind: 'date', date: '09-05' }), reminders: terms('2 рабочих дня'),
      escalation: ladder([[ROLES.head, '0 часов'], [ROLES.mo, '2 рабочих дня']], '1 рабочий день'),
    });
    const [o] = planRegulation(regulation([openYear]), loadCalendar(), { from: '2024-09-01', to: '2024-09-30' });
    const moments: OccurrenceMoment[] = occurrenceMoments(o!);
    const due0 = { dueAt: '2024-09-06T00:00:00.000+05:00', lastDay: '2024-09-05' };
    const utc = moments.map((m) => ({ ...m, at: new Date(m.at).toISOString(), dueAt: new Date(m.dueAt).toISOString() }));
    expect(utc.slice(0, 4)).toEqual([
      { at: '2024-08-24T19:00:00.000Z', tier: 0, notice: 'window', step: 0, repeat: 0, ...due0, dueAt: '2024-09-05T19:00:00.000Z' },
      { at: '2024-09-02T19:00:00.000Z', tier: 0, notice: 'reminder', step: 0, repeat: 0, ...due0, dueAt: '2024-09-05T19:00:00.000Z' },
      { at: '2024-09-05T19:00:00.000Z', tier: 0, notice: 'due', step: 0, repeat: 0, ...due0, dueAt: '2024-09-05T19:00:00.000Z' },
      { at: '2024-09-09T19:00:00.000Z', tier: 0, notice: 'escalation', step: 1, repeat: 0, ...due0, dueAt: '2024-09-05T19:00:00.000Z' },
    ]);
    // The last step repeats every working day while unmet, each repeat a moment of its own, up to the range's end.
    expect(utc.slice(4).map((m) => [m.at, m.notice, m.step, m.repeat])).toEqual([
      ['2024-09-10T19:00:00.000Z', 'escalation', 1, 1], ['2024-09-11T19:00:00.000Z', 'escalation', 1, 2],
      ['2024-09-12T19:00:00.000Z', 'escalation', 1, 3], ['2024-09-13T19:00:00.000Z', 'escalation', 1, 4],
      ['2024-09-16T19:00:00.000Z', 'escalation', 1, 5], ['2024-09-17T19:00:00.000Z', 'escalation', 1, 6],
      ['2024-09-18T19:00:00.000Z', 'escalation', 1, 7], ['2024-09-19T19:00:00.000Z', 'escalation', 1, 8],
      ['2024-09-20T19:00:00.000Z', 'escalation', 1, 9], ['2024-09-23T19:00:00.000Z', 'escalation', 1, 10],
    ]);
  });
});
