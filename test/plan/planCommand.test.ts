import { afterEach, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { Command } from 'commander';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerPlanCommand } from '../../src/cli/planCommand.js';
import type { Occurrence } from '../../src/plan/occurrence.js';

const REGULATION = `# yaml-language-server: $schema=../schemas/regulation.schema.json
id: test-cli
title: Тестовый регламент для plan
source: { issuer: Тестовый департамент, act: Приказ, number: "7", date: 2024-01-10 }
region: yanao
timezone: Asia/Yekaterinburg
calendar: ru-federal
effective: { from: 2024-01-10 }
version: 1
roles:
  head: { title: Руководитель организации, scope: organisation }
  mo: { title: Муниципальный оператор, scope: municipality }
  ro: { title: Региональный оператор, scope: region }
ladders:
  main:
    steps:
      - { to: head, after: 0 часов }
      - { to: mo, after: 2 рабочих дня }
default_escalation: main
rules:
  - id: open-year
    title: Открыть новый учебный год
    citation: { clause: "1.1", text: Открыть новый учебный год до 5 сентября. }
    scope: { organisation_types: [ООО] }
    when: { annual: { year: academic } }
    window: { opens: { date: "08-25" } }
    due: { date: "09-05" }
    reminders: [2 рабочих дня]
    check: { name: manual }
  - id: cyclogram
    title: Квартальный мониторинг
    citation: { clause: "2.1", text: "МО — до 10 числа, РО — до 15 числа месяца, следующего за кварталом." }
    scope: { organisation_types: [МОУО] }
    when: { recurring: { period: quarter } }
    deadlines:
      - { role: mo, due: { day_of_next_period: 10 } }
      - { role: ro, due: { day_of_next_period: 15 } }
    check: { name: manual }
  - id: card
    title: Карточка обучающегося
    citation: { clause: "3.1", text: В течение трёх рабочих дней после приказа о зачислении. }
    scope: { organisation_types: [ООО] }
    when: { after_event: { event: enrollment_order } }
    due: { term: 3 рабочих дня }
    check: { name: manual }
`;

class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

let dir: string;
let broken: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reglament-plan-'));
  writeFileSync(join(dir, 'test-cli.yaml'), REGULATION);
  broken = mkdtempSync(join(tmpdir(), 'reglament-plan-bad-'));
  writeFileSync(join(broken, 'test-cli.yaml'), REGULATION.replace('due: { date: "09-05" }', 'due: { date: "09-31" }'));
});

afterEach(() => {
  jest.restoreAllMocks();
});

/** Runs `reglament plan …` through commander with the command registered as main.ts would. */
async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: string) => ((out += chunk), true)) as never);
  jest.spyOn(process.stderr, 'write').mockImplementation(((chunk: string) => ((err += chunk), true)) as never);
  jest.spyOn(process, 'exit').mockImplementation(((code?: number) => {
    throw new Exit(code ?? 0);
  }) as never);
  const program = new Command('reglament');
  registerPlanCommand(program);
  try {
    await program.parseAsync(['node', 'reglament', 'plan', ...args]);
    return { code: 0, out, err };
  } catch (error) {
    if (error instanceof Exit) return { code: error.code, out, err };
    throw error;
  }
}

describe('reglament plan', () => {
  test('--format json: an array of occurrences with stable fields', async () => {
    const { code, out, err } = await run(dir, '--from', '2024-09-01', '--to', '2025-08-31', '--format', 'json');
    expect([code, err]).toEqual([0, '']);
    const occurrences = JSON.parse(out) as Occurrence[];
    expect(occurrences.map((o) => o.id)).toEqual([
      'test-cli/open-year/2024/2025',
      'test-cli/cyclogram/2024-Q3',
      'test-cli/cyclogram/2024-Q4',
      'test-cli/cyclogram/2025-Q1',
      'test-cli/cyclogram/2025-Q2',
      'test-cli/open-year/2025/2026',
      'test-cli/card/event',
    ]);
    const first = occurrences[0]!;
    expect(Object.keys(first).sort()).toEqual(['basis', 'calendar', 'citation', 'deadlines', 'escalations', 'id', 'kind', 'period', 'provisional', 'regulationId', 'regulationTitle', 'region', 'reminders', 'ruleId', 'scope', 'timezone', 'title', 'who', 'windowOpens'].sort());
    expect(first).toMatchObject({
      kind: 'period', windowOpens: '2024-08-25T00:00:00.000+05:00', basis: 'Приказ от 10.01.2024 № 7 (Тестовый департамент)',
      deadlines: [{ tier: 0, lastDay: '2024-09-05', due: '2024-09-06T00:00:00.000+05:00' }],
      reminders: [{ tier: 0, index: 0, term: '2 рабочих дня', at: '2024-09-03T00:00:00.000+05:00' }],
      escalations: [{ step: 0, at: '2024-09-06T00:00:00.000+05:00' }, { step: 1, role: { id: 'mo' }, at: '2024-09-10T00:00:00.000+05:00' }],
    });
    expect(occurrences.at(-1)!.event!.text).toBe('3 рабочих дня после события «приказ о зачислении»');
  });

  test('--format table: Russian, sorted by deadline, local times with the zone', async () => {
    const { code, out } = await run(dir, '--from', '2024-09-01', '--to', '2024-12-31');
    expect(code).toBe(0);
    const rows = out.split('\n');
    expect(rows[0]).toBe('Сроки с 01.09.2024 по 31.12.2024: сроков — 3, правил по событиям — 1.');
    const dated = rows.filter((l) => /^(пн|вт|ср|чт|пт|сб|вс) /.test(l));
    expect(dated.map((l) => l.slice(0, 19))).toEqual(['чт 05.09.2024 24:00', 'чт 10.10.2024 24:00', 'вт 15.10.2024 24:00']);
    expect(dated.every((l) => l.includes('Asia/Yekaterinburg'))).toBe(true);
    expect(dated[1]).toContain('3 квартал 2024');
    expect(dated[1]).toContain('Муниципальный оператор — Квартальный мониторинг [п. 2.1]');
    expect(out).toContain('test-cli/card [п. 3.1] — Карточка обучающегося. Руководитель организации: 3 рабочих дня после события «приказ о зачислении»');
  });

  test('--format ics: an RFC 5545 calendar', async () => {
    const { code, out } = await run(dir, '--from', '2024-09-01', '--to', '2024-12-31', '--format', 'ics');
    expect(code).toBe(0);
    expect(out.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(out.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(out.match(/^BEGIN:VEVENT\r$/gm)).toHaveLength(3);
    expect(out).toContain('UID:test-cli/open-year/2024/2025/0@reglament\r\n');
  });

  test('--regulation and --region filter', async () => {
    expect((await run(dir, '--from', '2024-09-01', '--to', '2024-12-31', '--regulation', 'test-cli', '--format', 'json')).out).toContain('test-cli/');
    const other = await run(dir, '--from', '2024-09-01', '--to', '2024-12-31', '--region', 'sakhalin', '--format', 'json');
    expect([other.code, JSON.parse(other.out)]).toEqual([0, []]);
  });

  test('without dates: the current academic year', async () => {
    const { code, out } = await run(dir);
    expect(code).toBe(0);
    expect(out).toMatch(/^Сроки с 01\.09\.\d{4} по 31\.08\.\d{4}:/);
  });

  test.each([
    [['--from', '2024-02-30'], /^Ошибка: --from: некорректная дата «2024-02-30»/],
    [['--from', '2025-01-01', '--to', '2024-01-01'], /^Ошибка: конец периода/],
    [['--from', '2000-01-01', '--to', '2024-01-01'], /^Ошибка: период длиннее 10 лет/],
    [['--format', 'xml'], /^Ошибка: неизвестный формат «xml»/],
    [['--region', 'moon'], /^Ошибка: неизвестный регион «moon»/],
    [['--regulation', 'nope'], /^Ошибка: нет регламента «nope»; загружены: test-cli/],
    [['--frm', '2024-09-01'], /^Ошибка: неизвестный параметр «--frm» \(возможно, имелось в виду --from\)/],
    [['--from'], /^Ошибка: у параметра --from <date> не указано значение/],
  ])('bad arguments %j: a Russian message on stderr, exit 2', async (args, message) => {
    const { code, out, err } = await run(dir, ...args);
    expect([code, out]).toEqual([2, '']);
    expect(err).toMatch(message);
  });

  test('a missing path: exit 2', async () => {
    const { code, err } = await run(join(dir, 'missing.yaml'));
    expect(code).toBe(2);
    expect(err).toContain('нет такого файла или папки');
  });

  test('a file with errors: the problems and a refusal on stderr, exit 1, nothing on stdout', async () => {
    const { code, out, err } = await run(broken, '--from', '2024-09-01', '--to', '2024-12-31');
    expect([code, out]).toEqual([1, '']);
    expect(err).toMatch(/test-cli\.yaml:\d+:\d+: BAD_DATE/);
    expect(err).toContain('План не построен: в файлах регламентов 1 ошибка.');
  });
});
