import { describe, expect, test } from '@jest/globals';
import ICAL from 'ical.js';
import { planRegulation } from '../../src/plan/planRegulation.js';
import { renderPlanIcs } from '../../src/plan/renderPlanIcs.js';
import { loadCalendar } from '../../src/time/calendarFile.js';
import { AY_2024, due, ladder, regulation, ROLES, rule, term, terms } from './support.js';

const occurrences = planRegulation(
  regulation([
    rule('cyclogram', { kind: 'recurring', period: 'quarter' }, {
      title: 'Циклограмма — мониторинг заполнения электронных журналов и дневников (ежеквартально, МО до 10, РО до 15 числа месяца, следующего за кварталом)',
      citation: { clause: 'приложение 2, строка 2', text: 'Мониторинг заполнения электронных журналов; МО — до 10 числа, РО — до 15 числа месяца, следующего за кварталом; «кавычки», запятые, точки с запятой; и обратная косая черта \\.' },
      deadlines: [
        { role: ROLES.mo, due: due({ kind: 'day_of_next_period', day: 10 }) },
        { role: ROLES.ro, due: due({ kind: 'day_of_next_period', day: 15 }) },
      ],
      reminders: terms('3 рабочих дня', '1 рабочий день'),
      escalation: ladder([[ROLES.mo, '0 часов'], [ROLES.ro, '1 рабочий день']]),
    }),
    rule('open-year', { kind: 'annual', year: 'academic' }, { window: due({ kind: 'date', date: '08-25' }), due: due({ kind: 'date', date: '09-05' }), reminders: terms('2 рабочих дня') }),
    rule('admission', { kind: 'campaign', year: 'annual', opens: '04-01', closes: '09-05', extension: { until: '12-31', while: { name: 'manual', params: {} } } }, { due: due({ kind: 'period_end' }) }),
    rule('card', { kind: 'after_event', event: 'enrollment_order' }, { due: due(term('3 рабочих дня')) }),
  ]),
  loadCalendar(),
  AY_2024,
);
const stamp = new Date('2024-08-20T10:00:00Z');
const text = renderPlanIcs(occurrences, { stamp });
const lines = text.split('\r\n');
/** RFC 5545 §3.1: a line starting with a space or tab continues the previous one. */
const unfolded = text.replace(/\r\n[ \t]/g, '').split('\r\n');

describe('.ics output is valid RFC 5545', () => {
  test('CRLF line endings only, every line at most 75 octets', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const long = lines.filter((l) => Buffer.byteLength(l, 'utf8') > 75);
    expect(long).toEqual([]);
    // Folding must not split a multi-byte character: every folded piece is valid UTF-8 on its own.
    for (const l of lines) expect(Buffer.from(l, 'utf8').toString('utf8')).toBe(l);
  });

  test('BEGIN/END are paired and nested VCALENDAR > VEVENT > VALARM', () => {
    const stack: string[] = [];
    for (const l of unfolded) {
      if (l.startsWith('BEGIN:')) {
        const name = l.slice(6);
        const parent = stack.at(-1);
        expect([name, parent]).toEqual([name, { VCALENDAR: undefined, VEVENT: 'VCALENDAR', VALARM: 'VEVENT' }[name]]);
        stack.push(name);
      } else if (l.startsWith('END:')) {
        expect(stack.pop()).toBe(l.slice(4));
      }
    }
    expect(stack).toEqual([]);
    expect(unfolded[0]).toBe('BEGIN:VCALENDAR');
    expect(unfolded).toContain('VERSION:2.0');
    expect(unfolded.some((l) => l.startsWith('PRODID:'))).toBe(true);
  });

  test('one VEVENT per deadline of each tier (and per campaign opening), a VALARM per reminder', () => {
    const deadlines = occurrences.reduce((n, o) => n + o.deadlines.length, 0);
    const openings = occurrences.filter((o) => o.kind === 'campaign_opening').length;
    const reminders = occurrences.reduce((n, o) => n + o.reminders.length, 0);
    expect(unfolded.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(deadlines + openings);
    expect(unfolded.filter((l) => l === 'BEGIN:VALARM')).toHaveLength(reminders);
    expect(deadlines).toBe(4 * 2 + 2 + 2); // 4 quarters × 2 tiers, open-year (this and next year), campaign closing and extension
    expect(reminders).toBe(4 * 2 * 2 + 2);
  });

  test('ical.js parses it; UID, DTSTAMP, DTSTART (UTC) and SUMMARY as planned', () => {
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent');
    const byUid = new Map(events.map((e) => [String(e.getFirstPropertyValue('uid')), e]));
    for (const e of events) {
      for (const p of ['uid', 'dtstamp', 'dtstart', 'summary', 'description']) expect([p, e.hasProperty(p)]).toEqual([p, true]);
      expect((e.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().toISOString()).toBe(stamp.toISOString());
    }
    const q3mo = byUid.get('test-plan/cyclogram/2024-Q3/0@reglament')!;
    expect(q3mo).toBeDefined();
    expect((q3mo.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe('2024-10-10T19:00:00.000Z');
    expect(q3mo.getFirstPropertyValue('summary')).toBe(`Срок: ${occurrences.find((o) => o.period.id === '2024-Q3')!.title} (3 квартал 2024) — Муниципальный оператор`);
    expect(String(q3mo.getFirstPropertyValue('description'))).toContain('«кавычки», запятые, точки с запятой; и обратная косая черта \\.');
    const alarms = q3mo.getAllSubcomponents('valarm');
    expect(alarms.map((a) => [a.getFirstPropertyValue('action'), (a.getFirstPropertyValue('trigger') as ICAL.Time).toJSDate().toISOString()])).toEqual([
      ['DISPLAY', '2024-10-06T19:00:00.000Z'], // start of 7 October, three working days before the 10th
      ['DISPLAY', '2024-10-08T19:00:00.000Z'],
    ]);
    for (const a of alarms) expect(a.hasProperty('description')).toBe(true);
    expect(byUid.has('test-plan/open-year/2024/2025/0@reglament')).toBe(true);
    expect(byUid.has('test-plan/admission/2025-opening/opening@reglament')).toBe(true);
    expect(String(byUid.get('test-plan/admission/2024-extension/0@reglament')!.getFirstPropertyValue('summary'))).toMatch(/^Если продлена: /);
    expect([...byUid.keys()].some((uid) => uid.includes('/card/'))).toBe(false);
  });

  test('the same plan renders to the same bytes', () => {
    expect(renderPlanIcs(occurrences, { stamp })).toBe(text);
  });
});
