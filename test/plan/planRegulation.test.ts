import { describe, expect, test } from '@jest/globals';
import { planRegulation, PlanRangeError, type PlanRange } from '../../src/plan/planRegulation.js';
import type { Occurrence } from '../../src/plan/occurrence.js';
import type { CompiledRegulation, CompiledRule } from '../../src/regulation/model.js';
import { loadCalendar } from '../../src/time/calendarFile.js';
import { AY_2024, due, ladder, regulation, ROLES, rule, term, terms } from './support.js';

const calendar = loadCalendar();

function plan(rules: CompiledRule[], range: PlanRange = AY_2024, extra: Partial<CompiledRegulation> = {}, maxRepeats?: number): Occurrence[] {
  return planRegulation(regulation(rules, extra), calendar, range, maxRepeats === undefined ? {} : { maxRepeats });
}

/** `[period id, last day of each tier…]` per occurrence, in plan order; a moved last day is marked with `*`. */
function days(occurrences: Occurrence[]): string[][] {
  return occurrences.map((o) => [o.period.id, ...o.deadlines.map((d) => `${d.lastDay}${d.moved ? '*' : ''}`)]);
}

describe('recurring rules: exact local dates on the production calendar', () => {
  const cases: { name: string; rule: CompiledRule; range?: PlanRange; expected: string[][] }[] = [
    {
      name: 'cyclogram: МО by the 10th, РО by the 15th of the month after each quarter',
      rule: rule('cyclogram', { kind: 'recurring', period: 'quarter' }, {
        deadlines: [
          { role: ROLES.mo, due: due({ kind: 'day_of_next_period', day: 10 }) },
          { role: ROLES.ro, due: due({ kind: 'day_of_next_period', day: 15 }) },
        ],
      }),
      expected: [
        ['2024-Q3', '2024-10-10', '2024-10-15'],
        ['2024-Q4', '2025-01-10', '2025-01-15'],
        ['2025-Q1', '2025-04-10', '2025-04-15'],
        ['2025-Q2', '2025-07-10', '2025-07-15'],
      ],
    },
    {
      name: 'cyclogram: 10 January 2026 is a Saturday, so МО moves to Monday the 12th',
      rule: rule('cyclogram', { kind: 'recurring', period: 'quarter' }, {
        deadlines: [
          { role: ROLES.mo, due: due({ kind: 'day_of_next_period', day: 10 }) },
          { role: ROLES.ro, due: due({ kind: 'day_of_next_period', day: 15 }) },
        ],
      }),
      range: { from: '2025-12-01', to: '2026-01-31' },
      expected: [['2025-Q4', '2026-01-12*', '2026-01-15']],
    },
    {
      name: 'last working day of the month (Saturday 28.12.2024 worked; 30 and 31 December 2024 were days off)',
      rule: rule('month-end', { kind: 'recurring', period: 'month' }, { due: due({ kind: 'last_working_day' }) }),
      expected: [
        ['2024-09', '2024-09-30'], ['2024-10', '2024-10-31'], ['2024-11', '2024-11-29'], ['2024-12', '2024-12-28'],
        ['2025-01', '2025-01-31'], ['2025-02', '2025-02-28'], ['2025-03', '2025-03-31'], ['2025-04', '2025-04-30'],
        ['2025-05', '2025-05-30'], ['2025-06', '2025-06-30'], ['2025-07', '2025-07-31'], ['2025-08', '2025-08-29'],
      ],
    },
    {
      name: 'on the 1st of each month of the school year (a 1st off moves to the next working day)',
      rule: rule('first', { kind: 'recurring', period: 'month', months: [9, 10, 11, 12, 1, 2, 3, 4, 5] }, { due: due({ kind: 'day_of_period', day: 1 }) }),
      expected: [
        ['2024-09', '2024-09-02*'], ['2024-10', '2024-10-01'], ['2024-11', '2024-11-01'], ['2024-12', '2024-12-02*'],
        ['2025-01', '2025-01-09*'], ['2025-02', '2025-02-03*'], ['2025-03', '2025-03-03*'], ['2025-04', '2025-04-01'], ['2025-05', '2025-05-05*'],
      ],
    },
    {
      name: 'ISO weeks, last working day (working Saturdays 2.11 and 28.12.2024; 30.12.2024–5.01.2025 has no working day)',
      rule: rule('weekly', { kind: 'recurring', period: 'iso_week' }, { due: due({ kind: 'last_working_day' }) }),
      range: { from: '2024-10-28', to: '2025-01-12' },
      expected: [
        ['2024-W44', '2024-11-02'], ['2024-W45', '2024-11-08'], ['2024-W46', '2024-11-15'], ['2024-W47', '2024-11-22'],
        ['2024-W48', '2024-11-29'], ['2024-W49', '2024-12-06'], ['2024-W50', '2024-12-13'], ['2024-W51', '2024-12-20'],
        ['2024-W52', '2024-12-28'], ['2025-W02', '2025-01-10'],
      ],
    },
    {
      name: 'an ISO week without a working day has nothing due (4–10 January 2021)',
      rule: rule('weekly', { kind: 'recurring', period: 'iso_week' }, { due: due({ kind: 'last_working_day' }) }),
      range: { from: '2021-01-01', to: '2021-01-17' },
      // 2020-W53 ends with Thursday 31 December 2020, before the range; 2021-W01 is all holidays.
      expected: [['2021-W02', '2021-01-15']],
    },
    {
      name: 'academic quarters, last day (31.12.2024 off → 09.01.2025; 31.08.2024 Saturday → 02.09.2024)',
      rule: rule('quarter-marks', { kind: 'recurring', period: 'academic_quarter' }, { due: due({ kind: 'last_day' }) }),
      expected: [
        ['2023/2024-Q4', '2024-09-02*'], ['2024/2025-Q1', '2024-10-31'], ['2024/2025-Q2', '2025-01-09*'], ['2024/2025-Q3', '2025-03-31'],
      ],
    },
    {
      name: 'semesters, end of the period',
      rule: rule('semester', { kind: 'recurring', period: 'semester' }, { due: due({ kind: 'period_end' }) }),
      expected: [['2023/2024-S2', '2024-09-02*'], ['2024/2025-S1', '2025-01-09*']],
    },
    {
      name: 'academic year, 10 calendar days after its end',
      rule: rule('year-report', { kind: 'recurring', period: 'academic_year' }, { due: due(term('10 дней')) }),
      expected: [['2023/2024', '2024-09-10']],
    },
    {
      name: 'calendar year, by the 20th of the month after it',
      rule: rule('annual-report', { kind: 'recurring', period: 'year' }, { due: due({ kind: 'day_of_next_period', day: 20 }) }),
      expected: [['2024', '2025-01-20']],
    },
    {
      name: 'daily, same day: weekend days move to Monday (Saturday 31 August into the range, 7–8 September out of it)',
      rule: rule('daily', { kind: 'recurring', period: 'day' }, { due: due({ kind: 'same_day' }) }),
      range: { from: '2024-09-01', to: '2024-09-08' },
      expected: [
        ['2024-08-31', '2024-09-02*'], ['2024-09-01', '2024-09-02*'], ['2024-09-02', '2024-09-02'], ['2024-09-03', '2024-09-03'], ['2024-09-04', '2024-09-04'],
        ['2024-09-05', '2024-09-05'], ['2024-09-06', '2024-09-06'],
      ],
    },
    {
      name: 'monthly, 5 working days after the month',
      rule: rule('monthly-term', { kind: 'recurring', period: 'month' }, { due: due(term('5 рабочих дней')) }),
      range: { from: '2024-12-01', to: '2025-01-31' },
      expected: [['2024-11', '2024-12-06'], ['2024-12', '2025-01-15']],
    },
  ];
  test.each(cases)('$name', ({ rule: r, range, expected }) => {
    expect(days(plan([r], range)).sort()).toEqual([...expected].sort());
  });

  test('period labels and occurrence ids read as <regulation>/<rule>/<period>', () => {
    const labels = (r: CompiledRule, range: PlanRange = AY_2024) => plan([r], range).map((o) => [o.id, o.period.label]);
    expect(labels(rule('q', { kind: 'recurring', period: 'quarter' }, { due: due({ kind: 'day_of_next_period', day: 10 }) }))[0]).toEqual(['test-plan/q/2024-Q3', '3 квартал 2024']);
    expect(labels(rule('m', { kind: 'recurring', period: 'month' }, { due: due({ kind: 'last_day' }) }))[1]).toEqual(['test-plan/m/2024-09', 'сентябрь 2024']);
    expect(labels(rule('w', { kind: 'recurring', period: 'iso_week' }, { due: due({ kind: 'last_day' }) }))[0]).toEqual(['test-plan/w/2024-W35', 'неделя 2024-W35']);
    expect(labels(rule('aq', { kind: 'recurring', period: 'academic_quarter' }, { due: due({ kind: 'last_day' }) }))[1]).toEqual(['test-plan/aq/2024/2025-Q1', '1 четверть 2024/2025 учебного года']);
    expect(labels(rule('s', { kind: 'recurring', period: 'semester' }, { due: due({ kind: 'last_day' }) }))[1]).toEqual(['test-plan/s/2024/2025-S1', '1 полугодие 2024/2025 учебного года']);
    expect(labels(rule('a', { kind: 'annual', year: 'academic' }, { due: due({ kind: 'date', date: '09-05' }) }))).toEqual([['test-plan/a/2024/2025', '2024/2025 учебный год']]);
    expect(labels(rule('d', { kind: 'recurring', period: 'day' }, { due: due({ kind: 'same_day' }) }), { from: '2024-09-05', to: '2024-09-05' })).toEqual([['test-plan/d/2024-09-05', '05.09.2024']]);
  });

  test('instants carry the zone offset and end at 24:00 local time', () => {
    const [o] = plan([rule('q', { kind: 'recurring', period: 'quarter' }, { deadlines: [{ role: ROLES.mo, due: due({ kind: 'day_of_next_period', day: 10 }) }] })], { from: '2024-10-01', to: '2024-10-31' });
    expect(o!.deadlines[0]).toMatchObject({ tier: 0, role: ROLES.mo, namedDay: '2024-10-10', lastDay: '2024-10-10', due: '2024-10-11T00:00:00.000+05:00', moved: false, provisional: false });
    expect(o!.who).toEqual([{ tier: 0, ...ROLES.mo }]);
    // Sakhalin is UTC+11: the same local deadline is a different instant.
    const [s] = planRegulation(regulation([rule('q', { kind: 'recurring', period: 'quarter' }, { due: due({ kind: 'day_of_next_period', day: 10 }) })], { timezone: 'Asia/Sakhalin' }), calendar, { from: '2024-10-01', to: '2024-10-31' });
    expect(s!.deadlines[0]!.due).toBe('2024-10-11T00:00:00.000+11:00');
  });

  test('a moved deadline explains the skipped days and the move (art. 193)', () => {
    const [o] = plan([rule('first', { kind: 'recurring', period: 'month' }, { due: due({ kind: 'day_of_period', day: 1 }) })], { from: '2025-01-01', to: '2025-01-31' });
    const explain = o!.deadlines[0]!.explain;
    expect(explain.filter((s) => s.kind === 'skip').map((s) => s.date)).toEqual(['2025-01-01', '2025-01-02', '2025-01-03', '2025-01-04', '2025-01-05', '2025-01-06', '2025-01-07', '2025-01-08']);
    expect(explain.find((s) => s.kind === 'move')!.text).toContain('09.01.2025');
    expect(explain.at(-1)!.text).toBe('Срок истекает в 24:00 09.01.2025 по времени Asia/Yekaterinburg (09.01.2025 19:00 UTC) (ст. 194 ГК РФ).');
  });

  test('move_to_working_day: false keeps a day off', () => {
    const [o] = plan([rule('archive', { kind: 'annual', year: 'calendar' }, { due: due({ kind: 'date', date: '12-31' }, { moveToWorkingDay: false }) })], { from: '2024-12-01', to: '2024-12-31' });
    expect(o!.deadlines[0]).toMatchObject({ lastDay: '2024-12-31', moved: false, due: '2025-01-01T00:00:00.000+05:00' });
  });

  test('an hour term after a day runs from 24:00 of that day', () => {
    const [o] = plan([rule('h', { kind: 'recurring', period: 'day' }, { due: due(term('30 часов')) })], { from: '2024-09-06', to: '2024-09-06' });
    expect(o!.period.id).toBe('2024-09-04');
    expect(o!.deadlines[0]).toMatchObject({ lastDay: '2024-09-06', due: '2024-09-06T06:00:00.000+05:00', moved: false });
  });
});

describe('annual and one-off rules', () => {
  test('«до 5 сентября»: inclusive ends at 24:00 on the 5th, exclusive at its start', () => {
    const window = due({ kind: 'date', date: '08-25' });
    const [inclusive] = plan([rule('incl', { kind: 'annual', year: 'academic' }, { window, due: due({ kind: 'date', date: '09-05' }) })], { from: '2024-09-01', to: '2024-09-30' });
    const [exclusive] = plan([rule('excl', { kind: 'annual', year: 'academic' }, { window, due: due({ kind: 'date', date: '09-05' }, { until: 'exclusive' }) })], { from: '2024-09-01', to: '2024-09-30' });
    expect(inclusive!.deadlines[0]).toMatchObject({ namedDay: '2024-09-05', lastDay: '2024-09-05', due: '2024-09-06T00:00:00.000+05:00', until: 'inclusive' });
    expect(exclusive!.deadlines[0]).toMatchObject({ namedDay: '2024-09-05', lastDay: '2024-09-04', due: '2024-09-05T00:00:00.000+05:00', until: 'exclusive' });
    expect(exclusive!.deadlines[0]!.explain.map((s) => s.text).join('\n')).toContain('until: exclusive');
    expect(inclusive!.windowOpens).toBe('2024-08-25T00:00:00.000+05:00');
    expect(inclusive!.period).toEqual({ kind: 'academic_year', id: '2024/2025', label: '2024/2025 учебный год', start: '2024-09-01', end: '2025-08-31' });
  });

  test('exclusive «до 1 сентября» 2025: the last day, Sunday 31 August, moves to Monday (art. 193)', () => {
    const [o] = plan([rule('excl', { kind: 'annual', year: 'academic' }, { due: due({ kind: 'date', date: '09-01' }, { until: 'exclusive' }) })], { from: '2025-08-01', to: '2025-09-30' });
    expect(o!.deadlines[0]).toMatchObject({ namedDay: '2025-09-01', lastDay: '2025-09-01', moved: true });
  });

  test('academic year: September–December dates fall in its first calendar year, January–August in its second', () => {
    const rules = ['09-05', '12-25', '01-20', '08-31'].map((date) => rule(`d${date}`, { kind: 'annual', year: 'academic' }, { due: due({ kind: 'date', date }, { moveToWorkingDay: false }) }));
    expect(plan(rules).map((o) => [o.period.id, o.deadlines[0]!.lastDay])).toEqual([
      ['2024/2025', '2024-09-05'], ['2024/2025', '2024-12-25'], ['2024/2025', '2025-01-20'], ['2024/2025', '2025-08-31'],
    ]);
  });

  test('an annual window crossing the year opens in the December before the January deadline', () => {
    const spec = { window: due({ kind: 'date', date: '12-01' }), due: due({ kind: 'date', date: '01-15' }) };
    const academic = plan([rule('ay', { kind: 'annual', year: 'academic' }, spec)]);
    expect(academic.map((o) => [o.period.id, o.windowOpens, o.deadlines[0]!.due])).toEqual([['2024/2025', '2024-12-01T00:00:00.000+05:00', '2025-01-16T00:00:00.000+05:00']]);
    const calendarYear = plan([rule('cy', { kind: 'annual', year: 'calendar' }, spec)], { from: '2025-01-01', to: '2025-12-31' });
    // 2025's deadline (window in December 2024) and 2026's window (December 2025), whose deadline is past the range.
    expect(calendarYear.map((o) => [o.period.id, o.windowOpens, o.deadlines[0]!.lastDay])).toEqual([
      ['2025', '2024-12-01T00:00:00.000+05:00', '2025-01-15'],
      ['2026', '2025-12-01T00:00:00.000+05:00', '2026-01-15'],
    ]);
  });

  test('an occurrence whose window alone falls in the range is listed', () => {
    const occurrences = plan([rule('open', { kind: 'annual', year: 'academic' }, { window: due({ kind: 'date', date: '08-25' }), due: due({ kind: 'date', date: '09-05' }) })]);
    expect(occurrences.map((o) => o.period.id)).toEqual(['2024/2025', '2025/2026']);
  });

  test('once: its year only; respects rule.active and regulation.effective', () => {
    const once = (active?: CompiledRule['active']) =>
      rule('migration', { kind: 'once', year: 2025 }, { window: due({ kind: 'date', date: '2025-03-01' }), due: due({ kind: 'date', date: '2025-06-01' }), ...(active ? { active } : {}) });
    const [o] = plan([once({ from: '2025-01-01', to: '2025-12-31' })]);
    expect(o).toMatchObject({ id: 'test-plan/migration/2025', kind: 'period', windowOpens: '2025-03-01T00:00:00.000+05:00', period: { kind: 'once', id: '2025', label: '2025 год' } });
    expect(o!.deadlines[0]).toMatchObject({ namedDay: '2025-06-01', lastDay: '2025-06-02', moved: true });
    expect(plan([once({ from: '2025-07-01' })])).toEqual([]);
    expect(plan([once()], AY_2024, { effective: { from: '2018-03-01', to: '2025-05-31' } })).toEqual([]);
    expect(plan([once()], { from: '2024-01-01', to: '2024-12-31' })).toEqual([]);
  });

  test('recurring rules stop where the rule stops being in force', () => {
    const monthly = rule('m', { kind: 'recurring', period: 'month' }, { due: due({ kind: 'day_of_next_period', day: 10 }), active: { from: '2024-11-01', to: '2025-02-28' } });
    expect(plan([monthly]).map((o) => o.period.id)).toEqual(['2024-10', '2024-11', '2024-12', '2025-01']);
  });
});

describe('campaigns', () => {
  const admission = rule('admission', {
    kind: 'campaign', year: 'annual', opens: '04-01', closes: '09-05',
    extension: { until: '12-31', while: { name: 'manual', params: {} } },
  }, { due: due({ kind: 'period_end' }) });

  test('opening, closing and the conditional end of the extension', () => {
    const occurrences = plan([admission]);
    expect(occurrences.map((o) => [o.id, o.kind, o.deadlines.map((d) => d.lastDay).join(), o.windowOpens ?? ''])).toEqual([
      ['test-plan/admission/2024', 'campaign_closing', '2024-09-05', ''],
      ['test-plan/admission/2024-extension', 'campaign_extension', '2025-01-09', ''],
      ['test-plan/admission/2025-opening', 'campaign_opening', '', '2025-04-01T00:00:00.000+05:00'],
    ]);
    const extension = occurrences[1]!;
    expect(extension.conditional).toEqual({ check: 'manual', text: 'только если кампания продлена (проверка «manual»)' });
    expect(extension.deadlines[0]).toMatchObject({ namedDay: '2024-12-31', moved: true });
    expect(extension.period.label).toBe('кампания 2024 года: продление до 31.12.2024');
    expect(occurrences[2]!.period.label).toBe('кампания 2025 года: начало');
    expect(occurrences[0]!.conditional).toBeUndefined();
  });

  test('a one-off campaign with a term after its closing', () => {
    const camp = rule('camp', { kind: 'campaign', year: 2025, opens: '2025-05-01', closes: '2025-08-31' }, { due: due(term('5 рабочих дней')) });
    expect(plan([camp], { from: '2025-01-01', to: '2025-12-31' }).map((o) => [o.kind, o.deadlines[0]?.lastDay ?? o.windowOpens])).toEqual([
      ['campaign_opening', '2025-05-01T00:00:00.000+05:00'],
      ['campaign_closing', '2025-09-05'],
    ]);
  });

  test('a preparation date before the opening takes the campaign\'s year', () => {
    const prep = rule('prep', { kind: 'campaign', year: 'annual', opens: '04-01', closes: '09-05' }, { due: due({ kind: 'date', date: '03-25' }) });
    expect(plan([prep], { from: '2025-01-01', to: '2025-12-31' }).filter((o) => o.kind === 'campaign_closing').map((o) => o.deadlines[0]!.lastDay)).toEqual(['2025-03-25']);
  });
});

describe('event-relative rules', () => {
  test('listed once, without dates, with the term in Russian', () => {
    const rules = [
      rule('card', { kind: 'after_event', event: 'enrollment_order' }, { due: due(term('3 рабочих дня')) }),
      rule('announce', { kind: 'before_event', event: 'event_scheduled' }, { due: due(term('10 рабочих дней до')) }),
      rule('review', { kind: 'after_rule', rule: 'card' }, { due: due(term('2 working days')) }),
      rule('dismissal', { kind: 'after_event', event: 'staff_dismissal' }, { due: due({ kind: 'same_day' }, { until: 'exclusive' }), reminders: [] }),
    ];
    const occurrences = plan(rules);
    expect(occurrences.map((o) => [o.id, o.kind, o.period.id, o.deadlines.length, o.event!.text])).toEqual([
      ['test-plan/card/event', 'event', 'event', 0, '3 рабочих дня после события «приказ о зачислении»'],
      ['test-plan/announce/event', 'event', 'event', 0, '10 рабочих дней до события «проведение мероприятия (дата известна заранее)»'],
      ['test-plan/review/event', 'event', 'event', 0, '2 рабочих дня после исполнения правила «Правило card» (card)'],
      ['test-plan/dismissal/event', 'event', 'event', 0, 'до начала дня события «увольнение сотрудника»'],
    ]);
    expect(occurrences[0]!.event!.escalation).toEqual(['Руководитель организации — в момент истечения срока']);
  });

  test('not listed when the rule is not in force in the range', () => {
    expect(plan([rule('card', { kind: 'after_event', event: 'enrollment_order' }, { due: due(term('3 рабочих дня')), active: { to: '2024-06-30' } })])).toEqual([]);
  });
});

describe('reminders and escalations', () => {
  const base = { due: due({ kind: 'date', date: '09-05' }) };

  test('reminders: N working days before at 00:00 local, calendar days likewise, hours exactly', () => {
    const [o] = plan([rule('r', { kind: 'annual', year: 'academic' }, { ...base, reminders: terms('3 рабочих дня', '2 дня', '1 рабочий день', '1 час') })], { from: '2024-09-01', to: '2024-09-30' });
    expect(o!.reminders.map((r) => [r.term, r.at])).toEqual([
      ['3 рабочих дня', '2024-09-02T00:00:00.000+05:00'],
      ['2 календарных дня', '2024-09-03T00:00:00.000+05:00'],
      ['1 рабочий день', '2024-09-04T00:00:00.000+05:00'],
      ['1 час', '2024-09-05T23:00:00.000+05:00'],
    ]);
  });

  test('working-day reminders skip the New Year holidays (back to the working Saturday 28.12.2024)', () => {
    const [o] = plan([rule('r', { kind: 'annual', year: 'academic' }, { due: due({ kind: 'date', date: '01-10' }), reminders: terms('2 рабочих дня') })], { from: '2025-01-01', to: '2025-01-31' });
    expect(o!.reminders.map((r) => r.at)).toEqual(['2024-12-28T00:00:00.000+05:00']);
  });

  test('each ladder step after the deadline, then the repeats up to the range end', () => {
    const escalation = ladder([[ROLES.head, '0 часов'], [ROLES.mo, '2 рабочих дня'], [ROLES.ro, '5 working days']], '1 рабочий день');
    const [o] = plan([rule('e', { kind: 'annual', year: 'academic' }, { ...base, escalation })], { from: '2024-09-01', to: '2024-09-18' });
    expect(o!.escalations.map((e) => [e.step, e.role.id, e.repeat, e.at])).toEqual([
      [0, 'head', 0, '2024-09-06T00:00:00.000+05:00'],
      [1, 'mo', 0, '2024-09-10T00:00:00.000+05:00'],
      [2, 'ro', 0, '2024-09-13T00:00:00.000+05:00'],
      [2, 'ro', 1, '2024-09-14T00:00:00.000+05:00'],
      [2, 'ro', 2, '2024-09-17T00:00:00.000+05:00'],
      [2, 'ro', 3, '2024-09-18T00:00:00.000+05:00'],
      [2, 'ro', 4, '2024-09-19T00:00:00.000+05:00'],
    ]);
    const [capped] = plan([rule('e', { kind: 'annual', year: 'academic' }, { ...base, escalation })], AY_2024, {}, 2);
    expect(capped!.escalations.filter((e) => e.repeat > 0)).toHaveLength(2);
  });

  test('each tier has its own reminders and ladder', () => {
    const cyclogram = rule('cyc', { kind: 'recurring', period: 'quarter' }, {
      deadlines: [
        { role: ROLES.mo, due: due({ kind: 'day_of_next_period', day: 10 }) },
        { role: ROLES.ro, due: due({ kind: 'day_of_next_period', day: 15 }) },
      ],
      reminders: terms('1 рабочий день'),
      escalation: ladder([[ROLES.mo, '0 часов'], [ROLES.ro, '1 рабочий день']]),
    });
    const [o] = plan([cyclogram], { from: '2024-10-01', to: '2024-10-31' });
    expect(o!.reminders.map((r) => [r.tier, r.at])).toEqual([[0, '2024-10-09T00:00:00.000+05:00'], [1, '2024-10-14T00:00:00.000+05:00']]);
    // The РО's own deadline climbs the ladder from the РО's step: it is told on its deadline day and
    // is not escalated to itself (nor told about its own deadline as if it were the МО's).
    expect(o!.escalations.map((e) => [e.tier, e.step, e.role.id, e.lastDay])).toEqual([[0, 0, 'mo', '2024-10-10'], [0, 1, 'ro', '2024-10-11'], [1, 1, 'ro', '2024-10-15']]);
  });
});

describe('provisional years and bad input', () => {
  test('a year without calendar data is flagged provisional with a Russian warning', () => {
    const [o] = plan([rule('far', { kind: 'annual', year: 'academic' }, { due: due({ kind: 'date', date: '09-05' }) })], { from: '2030-09-01', to: '2030-09-30' });
    expect(o!.provisional).toBe(true);
    expect(o!.deadlines[0]!.provisional).toBe(true);
    expect(o!.deadlines[0]!.explain.filter((s) => s.kind === 'warning').map((s) => s.text).join()).toContain('на 2030 год нет в данных');
    const [near] = plan([rule('near', { kind: 'annual', year: 'academic' }, { due: due({ kind: 'date', date: '09-05' }) })], { from: '2024-09-01', to: '2024-09-30' });
    expect(near!.provisional).toBe(false);
  });

  test('a bad range throws PlanRangeError', () => {
    expect(() => plan([], { from: '2024-02-30', to: '2024-03-01' })).toThrow(PlanRangeError);
    expect(() => plan([], { from: '2024-03-01', to: '2024-02-01' })).toThrow(/раньше/);
  });

  test('occurrences are sorted by their first deadline, event rules last', () => {
    const occurrences = plan([
      rule('ev', { kind: 'after_event', event: 'enrollment_order' }, { due: due(term('3 рабочих дня')) }),
      rule('late', { kind: 'annual', year: 'academic' }, { due: due({ kind: 'date', date: '05-20' }) }),
      rule('early', { kind: 'annual', year: 'academic' }, { due: due({ kind: 'date', date: '09-20' }) }),
    ]);
    expect(occurrences.map((o) => o.ruleId)).toEqual(['early', 'late', 'ev']);
  });
});
