import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { CalendarFileError, loadCalendar } from '../../src/time/calendarFile.js';
import type { FederalCalendarDocument } from '../../src/time/calendarDocument.js';
import { provisionalYear } from '../../src/time/provisionalYear.js';
import { computeDue, parseTerm } from '../../src/time/term.js';
import { countWorkingDays, dayInfo, hasYear, isWorkingDay } from '../../src/time/workingDays.js';

const federalText = readFileSync(join(process.cwd(), 'calendars', 'ru-federal.yaml'), 'utf8');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A calendars/ folder holding `text` as ru-federal.yaml (and optional regional files). */
function calendarsDir(text: string, regional: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'reglament-cal-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'ru-federal.yaml'), text);
  mkdirSync(join(dir, 'regional'));
  for (const [id, body] of Object.entries(regional)) writeFileSync(join(dir, 'regional', `${id}.yaml`), body);
  return dir;
}

function loadError(dir: string, options: Parameters<typeof loadCalendar>[0] = {}): CalendarFileError {
  try {
    loadCalendar({ dir, ...options });
  } catch (error) {
    if (error instanceof CalendarFileError) return error;
    throw error;
  }
  throw new Error('expected CalendarFileError');
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('bad data is reported with file:line:col', () => {
  test('an unknown field', () => {
    const text = federalText.replace('    status: approved\n', '    status: approved\n    statuz: approved\n');
    const error = loadError(calendarsDir(text));
    expect(error.message).toMatch(new RegExp(`ru-federal\\.yaml:${lineOf(text, 'statuz')}:\\d+: years\\.2018: неизвестное поле «statuz»`));
  });

  test('a malformed date points at the value', () => {
    const text = federalText.replace('2024-12-28, to: 2024-12-30', '2024-12-28, to: 2024-12-32');
    const error = loadError(calendarsDir(text));
    const line = lineOf(text, '2024-12-32');
    const col = text.split('\n')[line - 1]!.indexOf('2024-12-32') + 1;
    expect(error.problems[0]).toMatchObject({ line, col });
    expect(error.message).toContain('years.2024.transfers.4.to');
  });

  test('a contradiction found after the schema: working Saturday without a transfer', () => {
    const text = federalText.replace('working_weekends: [2024-04-27, 2024-11-02, 2024-12-28]', 'working_weekends: [2024-04-27, 2024-11-02, 2024-12-28, 2024-12-21]');
    const error = loadError(calendarsDir(text));
    expect(error.message).toMatch(/ru-federal\.yaml:\d+:\d+: рабочий выходной 2024-12-21 не подкреплён переносом/);
    expect(error.problems[0]!.line).toBe(lineOf(text, '2024-12-21'));
  });

  test('YAML syntax errors', () => {
    const error = loadError(calendarsDir(federalText.replace('kind: federal', 'kind: [federal')));
    expect(error.message).toMatch(/ru-federal\.yaml:\d+:\d+: ошибка YAML/);
  });

  test('a missing file', () => {
    expect(loadError(calendarsDir(federalText), { id: 'ru-nowhere' }).message).toMatch(/ru-nowhere\.yaml:1:1: файл календаря не найден/);
  });

  test('a regional file extending another calendar', () => {
    const dir = calendarsDir(federalText, { 'ru-xx': 'kind: regional\nid: ru-xx\ntitle: X\nextends: by-federal\nbasis: test\nyears: {}\n' });
    expect(loadError(dir, { region: 'ru-xx' }).message).toMatch(/ru-xx\.yaml:4:\d+: региональный файл дополняет календарь «by-federal»/);
  });

  test('federal-only fields are refused in a regional file', () => {
    const dir = calendarsDir(federalText, { 'ru-xx': 'kind: regional\nid: ru-xx\ntitle: X\nextends: ru-federal\nbasis: test\nholidays: []\nyears: {}\n' });
    expect(loadError(dir, { region: 'ru-xx' }).message).toMatch(/ru-xx\.yaml:6:1: holidays: поле не допускается/);
  });
});

describe('years without data', () => {
  const cal = loadCalendar();

  test('a missing year falls back to weekends only and is flagged provisional', () => {
    expect(hasYear(cal, 2030)).toBe(false);
    expect(dayInfo(cal, '2030-01-01')).toMatchObject({ working: true, kind: 'working', provisional: true });
    expect(dayInfo(cal, '2030-01-05')).toMatchObject({ working: false, kind: 'weekend', provisional: true });
  });

  test('computeDue says so in the explanation', () => {
    const result = computeDue({ event: '2027-12-29T10:00', zone: 'Asia/Sakhalin', term: parseTerm('3 рабочих дня'), calendar: cal });
    expect(result.provisional).toBe(true);
    expect(result.lastDay).toBe('2028-01-04');
    expect(result.explain.find((s) => s.kind === 'warning')?.text).toMatch(/календаря на 2028 год нет в данных.*срок предварительный/);
  });

  test('a provisional year in the file (art. 112 only) is used and flagged', () => {
    const doc = parse(federalText) as FederalCalendarDocument;
    const text = `${federalText}${indent(stringify({ 2028: provisionalYear(2028, doc.holidays) }))}`;
    const withDraft = loadCalendar({ dir: calendarsDir(text) });
    expect(withDraft.years['2028']!.status).toBe('provisional');
    expect(isWorkingDay(withDraft, '2028-01-03')).toBe(false);
    const result = computeDue({ event: '2027-12-29T10:00', zone: 'Asia/Sakhalin', term: parseTerm('3 рабочих дня'), calendar: withDraft });
    expect(result.lastDay).toBe('2028-01-11');
    expect(result.provisional).toBe(true);
    expect(result.explain.some((s) => s.kind === 'warning' && s.text.includes('2028 год предварительный'))).toBe(true);
  });
});

describe('provisionalYear reproduces the art. 112 shifts wherever the decree kept them', () => {
  const doc = parse(federalText) as FederalCalendarDocument;
  // 2019 and 2025: the decree moved the day off of a weekend holiday elsewhere instead.
  const keptByDecree = Object.keys(doc.years).filter((y) => y !== '2019' && y !== '2025');
  test.each(keptByDecree)('%s', (y) => {
    const generated = provisionalYear(Number(y), doc.holidays);
    expect(generated.holidays).toEqual(doc.years[y]!.holidays);
    expect(generated.transfers).toEqual(doc.years[y]!.transfers.filter((t) => t.basis === 'art112'));
  });
});

describe('six-day week', () => {
  const six = loadCalendar({ week: 'six_day' });
  test.each([
    ['2024-04-27', true, 'working'], // an ordinary Saturday there
    ['2024-04-29', true, 'working'], // the transfer came from a Saturday, so it does not apply
    ['2024-04-30', true, 'shortened'], // before 1 May (art. 95)
    ['2024-05-10', true, 'working'], // from Saturday 6 January: does not apply
    ['2024-12-31', false, 'transfer'], // from Sunday 7 January: applies
    ['2026-01-09', true, 'working'],
    ['2026-03-09', false, 'transfer'], // 8 March on a Sunday
    ['2026-05-11', true, 'working'], // 9 May on a Saturday: no shift, Saturday was a working day
    ['2026-05-09', false, 'holiday'],
    ['2024-04-28', false, 'weekend'],
  ] as const)('%s working=%s (%s)', (date, working, kind) => {
    expect(dayInfo(six, date)).toMatchObject({ working, kind });
  });
  test('the title says which week it is', () => expect(six.title).toContain('шестидневная'));
});

describe('regional additions: Republic of Tatarstan', () => {
  const ta = loadCalendar({ region: 'ru-ta' });
  test('regional holidays are days off with their reason', () => {
    expect(dayInfo(ta, '2026-03-20')).toMatchObject({ working: false, kind: 'holiday' });
    expect(dayInfo(ta, '2026-03-20').reason).toContain('Ураза-байрам');
    expect(dayInfo(ta, '2024-08-30').reason).toContain('День Республики Татарстан');
    expect(dayInfo(ta, '2026-03-19')).toMatchObject({ working: true, shortened: true });
  });
  test('a regional holiday on a weekend gives no extra day off', () => {
    expect(isWorkingDay(ta, '2024-06-17')).toBe(true);
  });
  test('2025 has 245 working days (Ministry of Labour of Tatarstan)', () => {
    expect(countWorkingDays(ta, '2025-01-01', '2025-12-31')).toBe(245);
  });
  test('the federal calendar is untouched', () => {
    expect(isWorkingDay(loadCalendar(), '2026-03-20')).toBe(true);
    expect(ta.id).toBe('ru-federal+ru-ta');
  });
  test('deadlines skip regional holidays', () => {
    const result = computeDue({ event: '2026-03-19T12:00', zone: 'Europe/Moscow', term: parseTerm('1 working day'), calendar: ta });
    expect(result.lastDay).toBe('2026-03-23');
    expect(result.explain.find((s) => s.kind === 'skip' && s.date === '2026-03-20')?.text).toContain('Ураза-байрам');
  });
});

/** Nests a YAML snippet under `years:` (two spaces). */
function indent(yaml: string): string {
  return yaml.split('\n').map((line) => (line ? `  ${line}` : line)).join('\n');
}
