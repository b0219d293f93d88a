import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { sql } from 'slonik';
import { periodMarksEntered } from '../../../src/checks/period/journals/periodMarksEntered.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { FIXTURE } from '../../support/fixtures.js';
import { insertClass, insertMunicipality, insertOrganisation, insertStudent, periodInput, verdicts } from './support.js';

// «не позднее 1 июля»: due at the end of 1 July 2024 local time = 2024-07-01T19:00Z.
const DUE_JUL_1 = '2024-07-01T19:00:00.000Z';

describe('period_marks_entered', () => {
  let db: TestDatabase;
  const ids: Record<string, number> = {};
  const periodMark = (student: number, org: string, period: string, at: string) =>
    db.pool.query(sql.unsafe`INSERT INTO period_marks (organisation_id, student_id, academic_year, period, grade, value, entered_at)
      VALUES (${org}, ${student}, '2023/2024', ${period}, 5, '5', ${at})`);

  beforeAll(async () => {
    db = await freshDatabase('journals_period_marks');
    await insertMunicipality(db.pool, FIXTURE.municipality);
    for (const org of ['sch-met', 'sch-late', 'sch-missed', 'sch-none']) await insertOrganisation(db.pool, org, 'ООО');
    const five = async (org: string) => insertClass(db.pool, org, '5А', 5, '2023/2024');
    const metClass = await five('sch-met');
    ids.a = await insertStudent(db.pool, 'sch-met', { classGroupId: metClass });
    ids.b = await insertStudent(db.pool, 'sch-met', { classGroupId: metClass });
    ids.gone = await insertStudent(db.pool, 'sch-met', { classGroupId: metClass, leftAt: '2024-06-01' }); // left: no marks needed
    for (const s of [ids.a, ids.b]) await periodMark(s, 'sch-met', 'exam', '2024-06-20T10:00:00Z');
    await periodMark(ids.a, 'sch-met', 'final', '2024-06-25T10:00:00Z');
    await periodMark(ids.b, 'sch-met', 'final', '2024-07-01T18:59:00Z'); // 23:59 local on the last day
    ids.late = await insertStudent(db.pool, 'sch-late', { classGroupId: await five('sch-late') });
    await periodMark(ids.late, 'sch-late', 'exam', '2024-06-20T10:00:00Z');
    await periodMark(ids.late, 'sch-late', 'final', '2024-07-01T19:01:00Z'); // 00:01 local on 2 July
    ids.missed = await insertStudent(db.pool, 'sch-missed', { classGroupId: await five('sch-missed') });
    await periodMark(ids.missed, 'sch-missed', 'exam', '2024-06-20T10:00:00Z');
    ids.ninth = await insertStudent(db.pool, 'sch-none', { classGroupId: await insertClass(db.pool, 'sch-none', '9А', 9, '2023/2024') });
  });
  afterAll(async () => db?.close());

  const input = (asOf: string) => periodInput({
    organisationTypes: ['ООО'], asOf, dueAt: DUE_JUL_1,
    params: { periods: ['exam', 'final'], grades: [1, 2, 3, 4, 5, 6, 7, 8, 10] },
    period: { id: '2023/2024', start: '2023-09-01', end: '2024-08-31' },
  });

  test('met in the last minute, met late one minute after, missed without a mark, not required outside the grades', async () => {
    const v = await verdicts(db.pool, periodMarksEntered, input('2024-07-02T05:00:00Z'));
    expect(v['sch-met']).toMatchObject({ status: 'met', completed_at: '2024-07-01T18:59:00.000Z', counts: { 'обучающихся': 2, 'без оценок': 0 } });
    expect(v['sch-late']).toMatchObject({ status: 'met_late', completed_at: '2024-07-01T19:01:00.000Z' });
    expect(v['sch-missed']).toMatchObject({ status: 'missed', completed_at: null, offending: [String(ids.missed)] });
    expect(v['sch-none']).toMatchObject({ status: 'met', counts: { 'обучающихся': 0 } });
  });

  test('pending before the deadline; a mark entered after asOf is not seen', async () => {
    const v = await verdicts(db.pool, periodMarksEntered, input('2024-07-01T18:00:00Z'));
    expect(v['sch-met']).toMatchObject({ status: 'pending', completed_at: null, offending: [String(ids.b)] });
    expect(v['sch-late']).toMatchObject({ status: 'pending' });
  });

  test('grades narrow the students: grade 9 alone makes sch-none missed', async () => {
    const v = await verdicts(db.pool, periodMarksEntered, { ...input('2024-07-02T05:00:00Z'), params: { periods: ['exam'], grades: [9] } });
    expect(v['sch-none']).toMatchObject({ status: 'missed', offending: [String(ids.ninth)] });
    expect(v['sch-met']).toMatchObject({ status: 'met', counts: { 'обучающихся': 0 } });
  });
});
