import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'slonik';
import { contingentExportErrorsResolved } from '../../../src/checks/period/operator/contingentExportErrorsResolved.js';
import { contingentReconciled } from '../../../src/checks/period/operator/contingentReconciled.js';
import { exportIndicatorMarked } from '../../../src/checks/period/operator/exportIndicatorMarked.js';
import { userRegistryCurrent } from '../../../src/checks/period/operator/userRegistryCurrent.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { AS_OF, AT, inputFor, insertOrganisations, outcomes, verdicts } from '../rollover/support.js';

let db: TestDatabase;
const q = (text: ReturnType<typeof sql.unsafe>) => db.pool.query(text);
const id = async (text: ReturnType<typeof sql.unsafe>) => (await db.pool.oneFirst(text)) as number;
const SEPTEMBER = { id: '2024-09', start: '2024-09-01', end: '2024-09-30' };
/** The day of the deadline, 5 September 2024, as a daily period. */
const DAY = { id: '2024-09-05', start: '2024-09-05', end: '2024-09-05' };

async function pupil(org: string, grade: number, marks: Record<string, string>): Promise<number> {
  const cls = await id(sql.unsafe`INSERT INTO class_groups (organisation_id, academic_year, kind, name, grade) VALUES (${org}, '2024/2025', 'class', ${grade + '-Б'}, ${grade}) RETURNING id`);
  const st = await id(sql.unsafe`INSERT INTO students (organisation_id, last_name, class_group_id, created_at) VALUES (${org}, 'Учеников', ${cls}, '2024-01-01T00:00:00Z') RETURNING id`);
  for (const [indicator, at] of Object.entries(marks)) {
    await q(sql.unsafe`INSERT INTO student_indicator_marks (student_id, indicator, value, marked_at) VALUES (${st}, ${indicator}, true, ${at})`);
  }
  return st;
}

async function upload(org: string, at: string, discrepancies: number): Promise<void> {
  await q(sql.unsafe`INSERT INTO contingent_exports (organisation_id, exported_at, records, discrepancies) VALUES (${org}, ${at}, 100, ${discrepancies})`);
}

let unmarked = 0;
let waiting = 0;

beforeAll(async () => {
  db = await freshDatabase('operator_data');
  // export_indicator_marked (profile classes, grades 10–11): a grade-9 pupil needs no record.
  await insertOrganisations(db.pool, 'mun-exp', [['e-met', 'ООО'], ['e-edge', 'ООО'], ['e-late', 'ООО'], ['e-never', 'ООО'], ['e-none', 'ООО']]);
  await pupil('e-met', 10, { profile_classes: AT.early });
  await pupil('e-met', 9, {});
  await pupil('e-edge', 11, { profile_classes: AT.edgeMet });
  await pupil('e-late', 10, { profile_classes: AT.edgeLate });
  unmarked = await pupil('e-never', 10, { profile_classes: AT.future });
  await pupil('e-none', 5, {});

  // contingent: c-clean had no errors; c-fixed fixed at the last minute; c-late fixed late; c-open never; c-none never uploaded.
  await insertOrganisations(db.pool, 'mun-cont', [['c-clean', 'ООО'], ['c-fixed', 'ООО'], ['c-late', 'ДОО'], ['c-open', 'ДОО'], ['c-none', 'ДОО']]);
  await upload('c-clean', AT.edgeMet.replace('18:59', '06:00'), 0);
  await upload('c-fixed', '2024-09-02T06:00:00Z', 3);
  await upload('c-fixed', AT.edgeMet, 0);
  await upload('c-late', '2024-09-02T06:00:00Z', 2);
  await upload('c-late', AT.edgeLate, 0);
  await upload('c-open', '2024-09-01T06:00:00Z', 0);
  await upload('c-open', '2024-09-03T06:00:00Z', 5);

  // user registry on 5 September: an enrollment with its account, a hire with its account a minute late,
  // a dismissal whose account was never blocked; r-quiet had no ground that day.
  await insertOrganisations(db.pool, 'mun-reg', [['r-ok', 'ООО'], ['r-late', 'ООО'], ['r-open', 'ДОО'], ['r-quiet', 'ДОО']]);
  const st = await id(sql.unsafe`INSERT INTO students (organisation_id, last_name, account_registered_at) VALUES ('r-ok', 'Новиков', ${AT.edgeMet}) RETURNING id`);
  await q(sql.unsafe`INSERT INTO movement_orders (organisation_id, student_id, kind, number, order_date, entered_at) VALUES ('r-ok', ${st}, 'enrollment', '5-з', '2024-09-05', '2024-09-05T04:00:00Z')`);
  await q(sql.unsafe`INSERT INTO staff (organisation_id, last_name, hire_date, hire_entered_at, account_registered_at)
    VALUES ('r-late', 'Принятова', '2024-09-05', '2024-09-05T04:00:00Z', ${AT.edgeLate})`);
  waiting = await id(sql.unsafe`INSERT INTO staff (organisation_id, last_name, created_at, dismissal_date, dismissal_entered_at)
    VALUES ('r-open', 'Уволенная', '2020-01-01T00:00:00Z', '2024-09-05', '2024-09-05T04:00:00Z') RETURNING id`);
});
afterAll(async () => {
  await db?.close();
});

describe('export_indicator_marked', () => {
  const input = (asOf: string) => inputFor({ indicator: 'profile_classes' }, ['ООО'], { municipalities: ['mun-exp'], period: { id: '2024-Q3', start: '2024-07-01', end: '2024-09-30' }, asOf });

  it('every student the count applies to has the attribute recorded: met, at the last minute, late, missed, pending', async () => {
    expect(await verdicts(db.pool, exportIndicatorMarked, input(AS_OF.after))).toEqual({
      'e-met': 'met', 'e-edge': 'met', 'e-late': 'met_late', 'e-never': 'missed', 'e-none': 'met',
    });
    expect(await verdicts(db.pool, exportIndicatorMarked, input(AS_OF.before))).toMatchObject({ 'e-edge': 'pending', 'e-late': 'pending', 'e-none': 'met' });
    const found = await outcomes(db.pool, exportIndicatorMarked, input(AS_OF.after));
    expect(found['e-never']).toMatchObject({ counts: { 'обучающихся': 1, 'без отметки': 1 }, offending: [String(unmarked)] });
    expect(found['e-met']!.counts).toEqual({ 'обучающихся': 1, 'без отметки': 0 });
    expect(await verdicts(db.pool, exportIndicatorMarked, input(AS_OF.end))).toMatchObject({ 'e-never': 'met_late' });
  });
});

describe('contingent_export_errors_resolved and contingent_reconciled', () => {
  const input = (asOf: string, over: Parameters<typeof inputFor>[2] = {}) =>
    inputFor({}, ['ООО', 'ДОО'], { municipalities: ['mun-cont'], period: SEPTEMBER, asOf, ...over });

  it('an upload with discrepancies is followed by a clean one: met, at the last minute, late, missed; none is needed without errors', async () => {
    expect(await verdicts(db.pool, contingentExportErrorsResolved, input(AS_OF.after))).toEqual({
      'c-clean': 'met', 'c-fixed': 'met', 'c-late': 'met_late', 'c-open': 'missed', 'c-none': 'met',
    });
    // Before the deadline: c-fixed's error is still open; c-open's erroneous upload is not known yet.
    expect(await verdicts(db.pool, contingentExportErrorsResolved, input(AS_OF.before))).toMatchObject({ 'c-fixed': 'pending', 'c-late': 'pending', 'c-open': 'met' });
  });

  it('reconciled when every organisation of the tier has an upload in the period', async () => {
    await insertOrganisations(db.pool, 'mun-cont', [['mo-cont', 'МОУО']]);
    const municipal = input(AS_OF.after, { subjectScope: 'municipality' });
    expect(await outcomes(db.pool, contingentExportErrorsResolved, municipal)).toMatchObject({
      'mo-cont': { completed_at: null, counts: { 'организаций': 5, 'с ошибками выгрузки': 3, 'ошибки не устранены': 1 }, offending: ['c-open'] },
    });
    expect(await outcomes(db.pool, contingentReconciled, municipal)).toMatchObject({
      'mo-cont': { completed_at: null, metric: null, counts: { 'организаций': 5, 'не проверено': 1 }, offending: ['c-none'] },
    });
    await upload('c-none', AT.late, 0);
    expect(await verdicts(db.pool, contingentReconciled, municipal)).toEqual({ 'mo-cont': 'met_late' });
    expect(await verdicts(db.pool, contingentReconciled, { ...municipal, asOf: '2024-09-10T00:00:00Z' })).toEqual({ 'mo-cont': 'missed' });
  });
});

describe('user_registry_current', () => {
  const input = (asOf: string) => inputFor({}, ['ООО', 'ДОО'], { municipalities: ['mun-reg'], period: DAY, asOf });

  it('each ground of the day has its account created or blocked that day', async () => {
    expect(await verdicts(db.pool, userRegistryCurrent, input(AS_OF.after))).toEqual({ 'r-ok': 'met', 'r-late': 'met_late', 'r-open': 'missed', 'r-quiet': 'met' });
    expect(await verdicts(db.pool, userRegistryCurrent, input('2024-09-05T10:00:00Z'))).toEqual({ 'r-ok': 'pending', 'r-late': 'pending', 'r-open': 'pending', 'r-quiet': 'met' });
    expect((await outcomes(db.pool, userRegistryCurrent, input(AS_OF.after)))['r-open']).toMatchObject({
      counts: { 'оснований': 1, 'учётные записи не созданы или не заблокированы': 1 }, offending: [`staff:${waiting}`],
    });
    await q(sql.unsafe`UPDATE staff SET account_blocked_at = ${AT.future} WHERE id = ${waiting}`);
    expect((await verdicts(db.pool, userRegistryCurrent, input(AS_OF.after)))['r-open']).toBe('missed');
    expect((await verdicts(db.pool, userRegistryCurrent, input(AS_OF.end)))['r-open']).toBe('met_late');
  });
});
