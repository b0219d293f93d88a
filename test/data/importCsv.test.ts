import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'slonik';
import { z } from 'zod';
import { registerImportCommand } from '../../src/cli/importCommand.js';
import { ImportRejected, formatProblem } from '../../src/data/csv/csvProblem.js';
import { importCsv, type ImportOptions } from '../../src/data/import/importCsv.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { runCli } from './cliHarness.js';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'csv');
const TODAY = '2025-06-30';
const tmp = mkdtempSync(join(tmpdir(), 'reglament-import-'));
let db: TestDatabase;

beforeAll(async () => {
  db = await freshDatabase('data_import');
});
afterAll(async () => {
  await db?.close();
});

const run = (kind: string, name: string, opts: ImportOptions = {}, path = join(FIXTURES, name)) => importCsv(db.pool, kind, path, { today: TODAY, shownAs: name, ...opts });

/** A copy of a fixture with `edit` applied, under a temporary name. */
function edited(name: string, edit: (text: string) => string): string {
  const path = join(tmp, name);
  writeFileSync(path, edit(readFileSync(join(FIXTURES, name), 'utf8')));
  return path;
}

async function rejected(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ImportRejected) return err.problems.map(formatProblem);
    throw err;
  }
  throw new Error('expected the file to be refused');
}

const count = (table: string) => db.pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM ${sql.identifier([table])}`);

describe('organisations', () => {
  it('imports a good file, creating the municipality, and stamps card fields', async () => {
    const r = await run('organisations', 'organisations.good.csv');
    expect(r.counts).toEqual({ организации: { inserted: 4, updated: 0, unchanged: 0 } });
    expect(r.created).toEqual({ 'создано муниципалитетов': 1 });
    expect(r.delimiter).toBe(';');
    expect(r.ignoredColumns).toEqual(['Примечание']);
    const school = await db.pool.one(sql.type(z.object({ type: z.string(), inn: z.string().nullable(), latitude: z.string().nullable(), stamps: z.array(z.string()) }))`
      SELECT type, inn, latitude::text, ARRAY(SELECT jsonb_object_keys(field_filled_at) ORDER BY 1) AS stamps FROM organisations WHERE id = 'csv-sch1'`);
    expect(school).toEqual({ type: 'ООО', inn: '8901012341', latitude: '66.530000', stamps: ['address', 'email', 'head_name', 'inn', 'latitude', 'longitude', 'name', 'phone', 'short_name', 'website'] });
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await db.pool.oneFirst(sql.type(z.object({ t: z.string() }))`SELECT string_agg(id || card_updated_at::text || field_filled_at::text, ',' ORDER BY id) AS t FROM organisations`);
    const r = await run('organisations', 'organisations.good.csv');
    expect(r.counts).toEqual({ организации: { inserted: 0, updated: 0, unchanged: 4 } });
    expect(r.created).toEqual({});
    expect(await db.pool.oneFirst(sql.type(z.object({ t: z.string() }))`SELECT string_agg(id || card_updated_at::text || field_filled_at::text, ',' ORDER BY id) AS t FROM organisations`)).toBe(before);
  });

  it('updates only the changed row and stamps only the newly filled field', async () => {
    const path = edited('organisations.good.csv', (t) => t.replace('Белова Ирина Петровна;;', 'Белова Ирина Петровна;https://ds2.test.example;'));
    const r = await run('organisations', 'organisations.good.csv', {}, path);
    expect(r.counts).toEqual({ организации: { inserted: 0, updated: 1, unchanged: 3 } });
    const stamps = await db.pool.oneFirst(sql.type(z.object({ s: z.record(z.string()) }))`SELECT field_filled_at AS s FROM organisations WHERE id = 'csv-ds1'`);
    expect(Object.keys(stamps).sort()).toEqual(['address', 'head_name', 'name', 'phone', 'short_name', 'website']);
    expect(stamps.website! > stamps.name!).toBe(true);
  });
});

describe('staff', () => {
  it('imports staff keyed by personnel number, with hire and dismissal entry times; re-import changes nothing', async () => {
    expect((await run('staff', 'staff.good.csv')).counts).toEqual({ сотрудники: { inserted: 4, updated: 0, unchanged: 0 } });
    expect((await run('staff', 'staff.good.csv')).counts).toEqual({ сотрудники: { inserted: 0, updated: 0, unchanged: 4 } });
    const rows = await db.pool.any(sql.type(z.object({ organisation_id: z.string(), external_id: z.string(), snils: z.string().nullable(), passport: z.string().nullable(), hired: z.boolean(), dismissed: z.boolean() }))`
      SELECT organisation_id, external_id, snils, passport, hire_entered_at IS NOT NULL AS hired, dismissal_entered_at IS NOT NULL AS dismissed FROM staff ORDER BY 1, 2`);
    expect(rows).toEqual([
      { organisation_id: 'csv-ds1', external_id: '0001', snils: '987-654-321 83', passport: '7402 111222', hired: true, dismissed: false },
      { organisation_id: 'csv-ds1', external_id: '0002', snils: null, passport: null, hired: true, dismissed: true },
      { organisation_id: 'csv-sch1', external_id: '0001', snils: '112-233-445 95', passport: '7410 123456', hired: true, dismissed: false },
      { organisation_id: 'csv-sch1', external_id: '0002', snils: '123-456-789 64', passport: '7408 654321', hired: true, dismissed: false },
    ]);
  });
});

describe('students', () => {
  it('imports students with parents and creates their associations; re-import changes nothing', async () => {
    const r = await run('students', 'students.good.csv', { organisation: 'csv-ddt' });
    expect(r.counts).toEqual({ обучающиеся: { inserted: 3, updated: 0, unchanged: 0 }, родители: { inserted: 4, updated: 0, unchanged: 0 } });
    expect(r.created).toEqual({ 'создано классов, групп и объединений': 2 });
    const again = await run('students', 'students.good.csv', { organisation: 'csv-ddt' });
    expect(again.counts).toEqual({ обучающиеся: { inserted: 0, updated: 0, unchanged: 3 }, родители: { inserted: 0, updated: 0, unchanged: 4 } });
    expect(again.created).toEqual({});
    const petrov = await db.pool.one(sql.type(z.object({ passport: z.string().nullable(), birth_certificate: z.string().nullable(), birth_record_no: z.string().nullable(), snils: z.string().nullable(), class_name: z.string(), kind: z.string(), academic_year: z.string(), category: z.string().nullable(), parents: z.number() }))`
      SELECT s.passport, s.birth_certificate, s.birth_record_no, s.snils, g.name AS class_name, g.kind, g.academic_year, s.non_enrolled_category AS category,
             (SELECT count(*)::int FROM parents p WHERE p.student_id = s.id) AS parents
      FROM students s JOIN class_groups g ON g.id = s.class_group_id WHERE s.organisation_id = 'csv-ddt' AND s.external_id = 'ddt-0003'`);
    expect(petrov).toEqual({ passport: '7423 112233', birth_certificate: 'I-ПН 222333', birth_record_no: '567', snils: '246-813-579 94', class_name: '2б Робототехника', kind: 'association', academic_year: '2024/2025', category: 'Школьники', parents: 1 });
  });

  it('refuses a students file with no organisation, once for the file', async () => {
    expect(await rejected(run('students', 'students.good.csv'))).toEqual(['students.good.csv:1:1: не указана организация: добавьте столбец «Организация» или укажите --org']);
  });

  it('reads the sheet layout: three header rows, comma, byte-order mark, keyed by personal-file number', async () => {
    const r = await run('students', 'students.sheet.csv', { organisation: 'csv-ddt' });
    expect(r.delimiter).toBe(',');
    expect(r.counts).toEqual({ обучающиеся: { inserted: 2, updated: 0, unchanged: 0 } });
    const egorov = await db.pool.one(sql.type(z.object({ external_id: z.string(), personal_file_no: z.string(), passport: z.string(), passport_issued_by: z.string(), birth_certificate_issued_by: z.string() }))`
      SELECT external_id, personal_file_no, passport, passport_issued_by, birth_certificate_issued_by FROM students WHERE personal_file_no = 'ЛД-2024-16'`);
    expect(egorov).toEqual({ external_id: 'ЛД-2024-16', personal_file_no: 'ЛД-2024-16', passport: '7424 445566', passport_issued_by: 'ГУ МВД России по ЯНАО', birth_certificate_issued_by: 'Отдел ЗАГС Тестового района' });
    expect((await run('students', 'students.sheet.csv', { organisation: 'csv-ddt' })).counts.обучающиеся).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
  });

  it('imports nothing of a file with one bad row, and says where and why', async () => {
    const before = await count('students');
    const problems = await rejected(run('students', 'students.bad-date.csv', { organisation: 'csv-ddt' }));
    expect(problems).toEqual(['students.bad-date.csv:3:6: дата рождения «31.02.2010» не существует']);
    expect(await count('students')).toBe(before);
  });

  it('never puts personal data into error messages', async () => {
    const problems = await rejected(run('students', 'students.bad-personal.csv', { organisation: 'csv-ddt' }));
    expect(problems).toEqual([
      'students.bad-personal.csv:2:10: СНИЛС: неверное контрольное число',
      'students.bad-personal.csv:3:2: фамилия: допустимы только буквы, дефис, апостроф и пробел (не длиннее 100 символов)',
      'students.bad-personal.csv:3:5: свидетельство о рождении: серия: ожидаются римские цифры, дефис и две русские буквы (например, III-ТО)',
      'students.bad-personal.csv:3:6: свидетельство о рождении: номер: ожидаются 6 цифр',
      'students.bad-personal.csv:3:13: родитель 1: телефон: ожидается номер из 10–11 цифр, например +7 913 123-45-67',
    ]);
    const text = problems.join('\n');
    for (const value of ['111-222-333 44', 'Ковал3ва', 'XX-ZZ', '20000', '12345', 'Морозова', 'Ковалёва']) expect(text).not.toContain(value);
  });

  it('refuses a row without an identity document and a key repeated in the file', async () => {
    const path = edited('students.good.csv', (t) => {
      const lines = t.trimEnd().split('\n');
      return [...lines, lines[3]!, lines[1]!.replace(/III-ПН;123456;20\.03\.2015;Отдел ЗАГС Тестового района;110289000012345678901/, ';;;;').replace('ddt-0001', 'ddt-0009')].join('\n') + '\n';
    });
    const problems = await rejected(run('students', 'students.good.csv', { organisation: 'csv-ddt' }, path));
    expect(problems).toEqual([
      expect.stringMatching(/^students\.good\.csv:5:1: обучающийся с таким идентификатором .* уже встречается в строке 4/),
      'students.good.csv:6:12: нет документа, удостоверяющего личность: заполните свидетельство о рождении или паспорт',
    ]);
  });

  it('updates a student entered without an external id, found by the personal-file number, instead of duplicating it', async () => {
    await db.pool.query(sql.unsafe`INSERT INTO students (organisation_id, last_name, first_name, personal_file_no) VALUES ('csv-sch1', 'Ручной', 'Ввод', 'ЛД-7')`);
    const path = join(tmp, 'by-number.csv');
    writeFileSync(path, 'Номер личного дела;Фамилия;Имя;Дата рождения;Свидетельство о рождении: Серия;Свидетельство о рождении: Номер;Свидетельство о рождении: Кем выдано;Номер актовой записи о рождении;Категория не зачисленных\n'
      + 'ЛД-7;Ручнов;Ввод;01.02.2015;I-ПН;111111;Отдел ЗАГС;1;Школьники\n');
    const r = await run('students', 'by-number.csv', { organisation: 'csv-sch1' }, path);
    expect(r.counts.обучающиеся).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(r.created).toEqual({ 'сопоставлено с имеющимися по номеру личного дела': 1 });
    expect(await db.pool.any(sql.type(z.object({ external_id: z.string().nullable(), last_name: z.string() }))`SELECT external_id, last_name FROM students WHERE organisation_id = 'csv-sch1'`))
      .toEqual([{ external_id: 'ЛД-7', last_name: 'Ручнов' }]);
    expect((await run('students', 'by-number.csv', { organisation: 'csv-sch1' }, path)).counts.обучающиеся).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
  });
});

describe('orders', () => {
  it('imports movement orders by student key; re-import changes nothing; a changed reason updates one', async () => {
    expect((await run('orders', 'orders.good.csv')).counts).toEqual({ 'приказы о движении': { inserted: 5, updated: 0, unchanged: 0 } });
    expect((await run('orders', 'orders.good.csv')).counts).toEqual({ 'приказы о движении': { inserted: 0, updated: 0, unchanged: 5 } });
    const path = edited('orders.good.csv', (t) => t.replace('"смена места жительства, переезд"', 'смена места жительства'));
    expect((await run('orders', 'orders.good.csv', {}, path)).counts).toEqual({ 'приказы о движении': { inserted: 0, updated: 1, unchanged: 4 } });
    const kinds = await db.pool.any(sql.type(z.object({ kind: z.string(), n: z.number() }))`SELECT kind, count(*)::int AS n FROM movement_orders GROUP BY kind ORDER BY kind`);
    expect(kinds).toEqual([{ kind: 'dropout', n: 1 }, { kind: 'enrollment', n: 3 }, { kind: 'graduation', n: 1 }]);
  });

  it('refuses an order for an unknown student or organisation, or dated in the future', async () => {
    const path = edited('orders.good.csv', (t) => t.replace('16-з,09.09.2024,ddt-0003', '16-з,09.09.2024,ddt-9999').replace('csv-ddt,выпуск', 'csv-nowhere,выпуск').replace('20.12.2024', '20.12.2025'));
    expect(await rejected(run('orders', 'orders.good.csv', {}, path))).toEqual([
      'orders.good.csv:4:5: обучающийся не найден в организации «csv-ddt» ни по идентификатору, ни по номеру личного дела',
      'orders.good.csv:5:4: дата приказа «20.12.2025» ещё не наступила',
      'orders.good.csv:6:1: организация «csv-nowhere» не найдена: сначала импортируйте её (reglament import organisations)',
    ]);
  });
});

describe('events', () => {
  it('imports lessons and public documents with local times in the region zone; re-import changes nothing', async () => {
    const r = await run('events', 'events.good.csv');
    expect(r.counts).toEqual({ уроки: { inserted: 3, updated: 0, unchanged: 0 }, документы: { inserted: 2, updated: 0, unchanged: 0 } });
    expect((await run('events', 'events.good.csv')).counts).toEqual({ уроки: { inserted: 0, updated: 0, unchanged: 3 }, документы: { inserted: 0, updated: 0, unchanged: 2 } });
    const lesson = await db.pool.one(sql.type(z.object({ kind: z.string(), topic_entered_at: z.string().nullable(), attendance_entered_at: z.string().nullable() }))`
      SELECT kind, topic_entered_at, attendance_entered_at FROM lessons WHERE external_id = 'L-1а-2024-09-02-1'`);
    // ЯНАО is UTC+5: 18:10 local is 13:10 UTC.
    expect(lesson).toEqual({ kind: 'lesson', topic_entered_at: '2024-09-02T13:10:00.000Z', attendance_entered_at: '2024-09-02T13:12:00.000Z' });
    const docs = await db.pool.any(sql.type(z.object({ kind: z.string(), published_at: z.string().nullable() }))`SELECT kind, published_at FROM public_documents ORDER BY external_id`);
    expect(docs).toEqual([{ kind: 'charter', published_at: '2020-01-17T06:00:00.000Z' }, { kind: 'curriculum', published_at: null }]);
  });

  it('refuses a lesson of an unknown class and a document published before approval', async () => {
    const path = edited('events.good.csv', (t) => t.replace('14.10.2024;2б Робототехника', '14.10.2024;9z Нет такого').replace('17.01.2020 11:00', '10.01.2020 11:00'));
    expect(await rejected(run('events', 'events.good.csv', {}, path))).toEqual([
      'events.good.csv:4:5: класс «9z Нет такого» не найден в организации «csv-ddt» за 2024/2025 учебный год',
      'events.good.csv:5:11: документ опубликован раньше, чем утверждён',
    ]);
  });
});

describe('reglament import', () => {
  it('prints the summary, and for a bad file every problem with exit code 1', async () => {
    const good = await runCli(registerImportCommand, ['import', 'staff', join(FIXTURES, 'staff.good.csv')], db.url);
    expect(good.exitCode).toBe(0);
    expect(good.stdout).toContain('сотрудники: добавлено 0, изменено 0, без изменений 4');
    const bad = await runCli(registerImportCommand, ['import', 'students', join(FIXTURES, 'students.bad-date.csv'), '--org', 'csv-ddt'], db.url);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('students.bad-date.csv:3:6: дата рождения «31.02.2010» не существует');
    expect(bad.stderr).toContain('Файл не импортирован');
    const unknown = await runCli(registerImportCommand, ['import', 'pupils', join(FIXTURES, 'staff.good.csv')], db.url);
    expect(unknown).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('неизвестный вид «pupils»') });
  });
});
