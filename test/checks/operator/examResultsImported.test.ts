import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'slonik';
import { examResultsImported } from '../../../src/checks/event/operator/examResultsImported.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { casesOf, sweepOnce } from '../people/eventScenario.js';
import { insertOrganisations } from '../rollover/support.js';

let db: TestDatabase;
const q = (text: ReturnType<typeof sql.unsafe>) => db.pool.query(text);
const HOUR = { amount: 1, unit: 'hours' as const, direction: 'after' as const };
const PARAMS = { exams: ['ОГЭ'] };
/** Results received 20 June 2025 at 15:00 local time (UTC+5); due an hour later. */
const PUBLISHED = '2025-06-20T10:00:00.000Z';
const DUE = '2025-06-20T11:00:00.000Z';
let publication = 0;

const at = (minutes: number) => new Date(Date.parse(DUE) + minutes * 60_000).toISOString();

async function imported(org: string, when: string): Promise<void> {
  await q(sql.unsafe`INSERT INTO exam_result_imports (publication_id, organisation_id, imported_at, results) VALUES (${publication}, ${org}, ${when}, 20)`);
}

beforeAll(async () => {
  db = await freshDatabase('operator_exam_import');
  const schools = ['x-met', 'x-edge', 'x-late', 'x-never', 'x-future', 'x-primary'];
  await insertOrganisations(db.pool, 'mun-exam', schools.map((s) => [s, 'ООО']));
  for (const s of schools) {
    await q(sql.unsafe`INSERT INTO class_groups (organisation_id, academic_year, kind, name, grade) VALUES (${s}, '2024/2025', 'class', '9-А', ${s === 'x-primary' ? 4 : 9})`);
  }
  publication = (await db.pool.oneFirst(sql.unsafe`INSERT INTO exam_result_publications (region, exam, grade, subject, published_at)
    VALUES ('yanao', 'ОГЭ', 9, 'Математика', ${PUBLISHED}) RETURNING id`)) as number;
  // Another exam is not this rule's.
  await q(sql.unsafe`INSERT INTO exam_result_publications (region, exam, grade, subject, published_at) VALUES ('yanao', 'ЕГЭ', 11, 'Физика', ${PUBLISHED})`);
  await imported('x-met', at(-30));
  await imported('x-edge', at(-1));
  await imported('x-late', at(1));
  await imported('x-future', at(3 * 24 * 60));
});
afterAll(async () => {
  await db?.close();
});

describe('exam_results_imported', () => {
  const base = { ruleId: 'gia-import', params: PARAMS, term: HOUR, watermark: '2025-06-20T00:00:00.000Z' };

  it('keys each publication by its local minute, so the hour counts from the publication, not from midnight', async () => {
    const before = await sweepOnce(db.pool, examResultsImported, { ...base, asOf: at(-1) });
    expect(before.dates).toEqual(['2025-06-20T15:00:00']);
    expect(before).toMatchObject({ met: 0, met_late: 0, opened: 0 });
  });

  it('judges each school whose pupils sat the exam: met, at the last minute, late, open; a sweep repeated opens nothing new', async () => {
    const asOf = at(2 * 24 * 60);
    const first = await sweepOnce(db.pool, examResultsImported, { ...base, asOf });
    expect(first).toMatchObject({ met: 2, met_late: 1, opened: 2 });
    const cases = Object.fromEntries((await casesOf(db.pool, 'gia-import')).map((c) => [c.subject_id, c]));
    expect(Object.keys(cases).sort()).toEqual([`${publication}:x-future`, `${publication}:x-late`, `${publication}:x-never`]);
    expect(cases[`${publication}:x-late`]).toMatchObject({ status: 'met_late', closed_at: at(1), subject_kind: 'exam_result_import' });
    expect(Date.parse(cases[`${publication}:x-never`]!.due_at)).toBe(Date.parse(DUE));
    expect(cases[`${publication}:x-future`]!.status).toBe('open');
    expect(await sweepOnce(db.pool, examResultsImported, { ...base, asOf })).toMatchObject({ met: 2, met_late: 0, opened: 0 });
    // The next sweep from the watermark has nothing new to judge.
    expect(await sweepOnce(db.pool, examResultsImported, { ...base, watermark: asOf, asOf: at(5 * 24 * 60) })).toMatchObject({ met: 0, met_late: 0, opened: 0 });
  });

  it('closes open cases once imported, seeing only imports recorded by asOf; lists what is still open', async () => {
    const ruleKey = { regulationId: 'test-people', ruleId: 'gia-import' };
    expect(await examResultsImported.closeCompleted(db.pool, ruleKey, PARAMS, at(3 * 24 * 60 - 1))).toHaveLength(0);
    expect(await examResultsImported.closeCompleted(db.pool, ruleKey, PARAMS, at(3 * 24 * 60))).toHaveLength(1);
    const open = await examResultsImported.openCases(db.pool, ruleKey, PARAMS, at(3 * 24 * 60));
    expect(open.map((c) => [c.organisation_id, c.subject_label, c.person_name])).toEqual([
      ['x-never', 'Результаты ОГЭ по предмету «Математика», поступившие 20.06.2025', null],
    ]);
  });

  it('bad params judge nothing', async () => {
    expect((await sweepOnce(db.pool, examResultsImported, { ...base, ruleId: 'gia-bad', params: { exams: 'ОГЭ' }, asOf: at(60) })).dates).toEqual([]);
  });
});
