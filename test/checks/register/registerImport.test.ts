import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'slonik';
import { z } from 'zod';
import { registerImportCommand } from '../../../src/cli/importCommand.js';
import { ImportRejected, formatProblem } from '../../../src/data/csv/csvProblem.js';
import { importCsv } from '../../../src/data/import/importCsv.js';
import { runCli } from '../../data/cliHarness.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { FIXTURE } from '../../support/fixtures.js';
import { insertRegisterRegion, KINDERGARTEN, OPERATOR } from './support.js';

const TODAY = '2024-10-01';
const tmp = mkdtempSync(join(tmpdir(), 'reglament-register-'));
let db: TestDatabase;
const S = FIXTURE.school;

beforeAll(async () => {
  db = await freshDatabase('register_import');
  await insertRegisterRegion(db.pool);
});
afterAll(async () => {
  await db?.close();
});

/** Writes `lines` as a CSV file named `name` and imports it as events. */
function run(name: string, lines: string[]) {
  const path = join(tmp, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return importCsv(db.pool, 'events', path, { today: TODAY, shownAs: name });
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

const registerRow = z.object({ organisation_id: z.string(), kind: z.string(), reference: z.string(), event_date: z.string(), source: z.string(), entered_at: z.string() });
const register = () => db.pool.any(sql.type(registerRow)`
  SELECT organisation_id, kind, reference, event_date::text AS event_date, source, entered_at::text AS entered_at FROM event_register ORDER BY organisation_id, kind, reference`);

const GOOD = [
  'Организация;Идентификатор;Событие;Дата',
  `${S};КС-12/2024;изменение сведений;02.09.2024`,
  `${S};12;Лицензия;2024-08-30`,
  `${S};12;заявка;03.09.2024`,
  `${KINDERGARTEN};ПР-7;утверждение документа;05.09.2024`,
  `${OPERATOR};Z-100;request_received;06.09.2024`,
  `${S};МЕР-1;мероприятие;15.11.2024`,
  `${S};ГОД-2024;окончание учебного года;31.05.2025`,
  `${S};РЕГ-1;Регистрация пользователя (организации) в системе;10.09.2024`,
];

describe('events import: the event register', () => {
  it('loads register events by Russian name or catalog key, with the file as their source', async () => {
    const r = await run('register.csv', GOOD);
    expect(r.counts).toEqual({ 'события реестра': { inserted: 8, updated: 0, unchanged: 0 } });
    const rows = await register();
    expect(rows.map((x) => [x.organisation_id, x.kind, x.reference, x.event_date])).toEqual([
      [KINDERGARTEN, 'document_approval', 'ПР-7', '2024-09-05'],
      [OPERATOR, 'request_received', 'Z-100', '2024-09-06'],
      [S, 'academic_year_end', 'ГОД-2024', '2025-05-31'],
      [S, 'card_change', 'КС-12/2024', '2024-09-02'],
      [S, 'event_scheduled', 'МЕР-1', '2024-11-15'],
      [S, 'licence', '12', '2024-08-30'],
      [S, 'registration', 'РЕГ-1', '2024-09-10'],
      [S, 'request_received', '12', '2024-09-03'],
    ]);
    expect(new Set(rows.map((x) => x.source))).toEqual(new Set(['csv:register.csv']));
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await register();
    const r = await run('register.csv', GOOD);
    expect(r.counts).toEqual({ 'события реестра': { inserted: 0, updated: 0, unchanged: 8 } });
    expect(await register()).toEqual(before);
  });

  it('a corrected date updates the event and makes it new to the sweeps', async () => {
    const before = (await register()).find((x) => x.reference === 'КС-12/2024')!;
    const r = await run('register.csv', GOOD.map((l) => l.replace('изменение сведений;02.09.2024', 'изменение сведений;04.09.2024')));
    expect(r.counts).toEqual({ 'события реестра': { inserted: 0, updated: 1, unchanged: 7 } });
    const after = (await register()).find((x) => x.reference === 'КС-12/2024')!;
    expect(after.event_date).toBe('2024-09-04');
    expect(Date.parse(after.entered_at)).toBeGreaterThanOrEqual(Date.parse(before.entered_at));
  });

  it('imports register events together with lessons and documents of the same file', async () => {
    const r = await run('mixed.csv', [
      'Организация;Идентификатор;Событие;Дата;Вид документа;Название',
      `${S};D-1;документ;01.09.2024;устав;Устав школы`,
      `${S};D-1;утверждение документа;01.09.2024;;`,
    ]);
    expect(r.counts).toEqual({ документы: { inserted: 1, updated: 0, unchanged: 0 }, 'события реестра': { inserted: 1, updated: 0, unchanged: 0 } });
  });

  it('refuses the whole file, with each problem at its line and column, and writes nothing', async () => {
    const before = await register();
    const problems = await rejected(run('bad.csv', [
      'Организация;Идентификатор;Событие;Дата',
      `${S};NEW-1;заявка;04.09.2024`,
      `${S};X-1;увольнение по собственному;04.09.2024`,
      `${S};X-2;лицензия;02.10.2024`,
      `${S};X:3;заявка;04.09.2024`,
      `${S};NEW-1;заявка;05.09.2024`,
      `org-nowhere;X-4;заявка;04.09.2024`,
      `${S};X-5;заявка;31.02.2024`,
    ]));
    expect(problems).toEqual([
      expect.stringMatching(/^bad\.csv:3:3: событие «увольнение по собственному»: ожидается урок, контрольная работа, документ или событие реестра \(.*заявка.*\)$/),
      'bad.csv:4:4: событие «лицензия» датировано будущим днём: такие события вносятся, когда они произошли',
      'bad.csv:5:2: идентификатор «X:3»: допустимы буквы, цифры, точка, дефис, подчёркивание и косая черта',
      'bad.csv:6:2: событие с таким идентификатором уже встречается в строке 2: каждая запись указывается в файле один раз',
      'bad.csv:7:1: организация «org-nowhere» не найдена: сначала импортируйте её (reglament import organisations)',
      'bad.csv:8:4: дата «31.02.2024» не существует',
    ]);
    expect(await register()).toEqual(before);
  });

  it('the CLI prints the counts, and `file:line:col` reasons for a refused file', async () => {
    const good = join(tmp, 'cli.csv');
    writeFileSync(good, `Организация;Идентификатор;Событие;Дата\n${S};CLI-1;изменение сведений;01.10.2024\n`);
    const ok = await runCli(registerImportCommand, ['import', 'events', good], db.url);
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toContain('события реестра: добавлено 1, изменено 0, без изменений 0');
    const bad = join(tmp, 'cli-bad.csv');
    writeFileSync(bad, `Организация;Идентификатор;Событие;Дата\n${S};CLI-2;изменение сведений;01.13.2024\n`);
    const refused = await runCli(registerImportCommand, ['import', 'events', bad], db.url);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain(`${bad}:2:4: дата «01.13.2024» не существует`);
    expect(refused.stderr).toContain('ничего из файла не записано');
  });
});
