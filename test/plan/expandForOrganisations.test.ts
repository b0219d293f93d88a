import { describe, expect, test } from '@jest/globals';
import { expandForOrganisations, indexOrganisations } from '../../src/plan/expandForOrganisations.js';
import { planRegulation } from '../../src/plan/planRegulation.js';
import { loadCalendar } from '../../src/time/calendarFile.js';
import { due, regulation, rule, term } from './support.js';

describe('expandForOrganisations: rule × period × organisation in scope', () => {
  const organisations = [
    { id: 's1', type: 'ООО', municipality: 'salekhard' },
    { id: 's2', type: 'ООО', municipality: 'noyabrsk' },
    { id: 'k1', type: 'ДОО', municipality: 'salekhard' },
    { id: 'm1', type: 'МОУО', municipality: 'salekhard' },
  ];
  const occurrences = planRegulation(regulation([
    rule('schools', { kind: 'recurring', period: 'quarter' }, { due: due({ kind: 'day_of_next_period', day: 10 }) }),
    rule('salekhard-kindergartens', { kind: 'annual', year: 'academic' }, { due: due({ kind: 'date', date: '09-05' }), scope: { organisationTypes: ['ДОО', 'ООО'], municipalities: ['salekhard'] } }),
    rule('other-region', { kind: 'annual', year: 'academic' }, { due: due({ kind: 'date', date: '09-05' }), scope: { organisationTypes: ['ООО'], regions: ['sakhalin'] } }),
    rule('card', { kind: 'after_event', event: 'enrollment_order' }, { due: due(term('3 рабочих дня')) }),
  ]), loadCalendar(), { from: '2024-09-01', to: '2024-12-31' });

  test('types, municipalities and regions narrow the organisations; event rules are not expanded', () => {
    const subjects = expandForOrganisations(occurrences, indexOrganisations('yanao', organisations));
    expect(subjects.map((s) => s.id).sort()).toEqual([
      'test-plan/salekhard-kindergartens/2024/2025/k1',
      'test-plan/salekhard-kindergartens/2024/2025/s1',
      'test-plan/schools/2024-Q3/s1',
      'test-plan/schools/2024-Q3/s2',
    ]);
  });

  test('only occurrences of the index\'s region count', () => {
    expect(expandForOrganisations(occurrences, indexOrganisations('sakhalin', organisations))).toEqual([]);
  });
});
