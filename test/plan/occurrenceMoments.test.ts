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
    expect(moments.map((m) => ({ ...m, at: new Date(m.at).toISOString(), dueAt: new Date(m.dueAt).toISOString() }))).toEqual([
      { at: '2024-08-24T19:00:00.000Z', tier: 0, notice: 'window', step: 0, ...due0, dueAt: '2024-09-05T19:00:00.000Z' },
      { at: '2024-09-02T19:00:00.000Z', tier: 0, notice: 'reminder', step: 0, ...due0, dueAt: '2024-09-05T19:00:00.000Z' },
      { at: '2024-09-05T19:00:00.000Z', tier: 0, notice: 'due', step: 0, ...due0, dueAt: '2024-09-05T19:00:00.000Z' },
      { at: '2024-09-09T19:00:00.000Z', tier: 0, notice: 'escalation', step: 1, ...due0, dueAt: '2024-09-05T19:00:00.000Z' },
    ]);
  });
});
