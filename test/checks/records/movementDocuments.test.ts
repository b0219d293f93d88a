import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { movementDocumentCreated } from '../../../src/checks/event/records/movementDocumentCreated.js';
import { movementDocumentsEntered } from '../../../src/checks/period/records/movementDocumentsEntered.js';
import { orderDateRange } from '../../../src/checks/period/records/orderDateRange.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { FIXTURE, insertFixtureRegion } from '../../support/fixtures.js';
import { casesOf, sweepOnce } from '../people/eventScenario.js';
import { AS_OF, AT, DUE, inputFor, insertOrganisations, outcomes, verdicts } from '../rollover/support.js';
import { insertClassGroup, insertOrder, insertPupil } from './support.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase('records_movement');
});
afterAll(async () => db?.close());

describe('orderDateRange', () => {
  it('resolves MM-DD bounds against the deadline and caps them at its day', () => {
    expect(orderDateRange({ from: '06-01', to: '08-31' }, '2025-09-01T00:00:00+05:00', 'Asia/Yekaterinburg', 'x')).toEqual({ from: '2025-06-01', to: '2025-08-31', dueDay: '2025-08-31' });
    expect(orderDateRange({ from: '06-01', to: '09-05' }, DUE, 'Asia/Yekaterinburg', 'x')).toEqual({ from: '2024-06-01', to: '2024-09-05', dueDay: '2024-09-05' });
    // No upper bound: up to the deadline; a bound after the deadline is cut to it.
    expect(orderDateRange({ from: '07-01' }, DUE, 'Asia/Yekaterinburg', 'x')).toEqual({ from: '2024-07-01', to: '2024-09-05', dueDay: '2024-09-05' });
    expect(orderDateRange({ from: '06-01', to: '12-31' }, DUE, 'Asia/Yekaterinburg', 'x').to).toBe('2024-09-05');
    // A `from` after the deadline's day in its year is last year's.
    expect(orderDateRange({ from: '10-01' }, DUE, 'Asia/Yekaterinburg', 'x').from).toBe('2023-10-01');
    expect(orderDateRange({ from: '02-29' }, '2025-03-10T00:00:00+05:00', 'Asia/Yekaterinburg', 'x').from).toBe('2025-02-28');
    // Missing or malformed bounds: the defaults.
    expect(orderDateRange(undefined, DUE, 'Asia/Yekaterinburg', '2023-09-01')).toEqual({ from: '2023-09-01', to: '2024-09-05', dueDay: '2024-09-05' });
    expect(orderDateRange({ from: 'июнь' }, DUE, 'Asia/Yekaterinburg', '2023-09-01').from).toBe('2023-09-01');
  });
});

describe('movement_documents_entered: every pupil has a document', () => {
  const params = { documents: ['next_year_transfer', 'graduation'], every_student: true, order_dates: { from: '06-01', to: '08-31' } };
  const ids: Record<string, number> = {};
  const input = (asOf: string, over: Record<string, unknown> = {}) => inputFor({ ...params, ...over }, ['ООО'], { municipalities: ['mde-a'], asOf });

  beforeAll(async () => {
    const orgs = ['a-met', 'a-edge', 'a-late', 'a-missed', 'a-future', 'a-outside', 'a-dropout', 'a-empty'];
    await insertOrganisations(db.pool, 'mde-a', orgs.map((o) => [o, 'ООО']));
    const pupil = async (org: string, grade = 5, kind = 'class') => insertPupil(db.pool, org, await insertClassGroup(db.pool, org, { kind, grade }));
    const transfer = (org: string, student: number, enteredAt: string, orderDate = '2024-06-03') =>
      insertOrder(db.pool, org, student, { kind: 'transfer', orderDate, enteredAt });

    ids.met1 = await pupil('a-met');
    await transfer('a-met', ids.met1, AT.early);
    ids.met2 = await pupil('a-met', 9);
    await insertOrder(db.pool, 'a-met', ids.met2, { kind: 'graduation', orderDate: '2024-06-20', enteredAt: '2024-06-21T05:00:00Z' });
    // Left during the year: owes no document.
    ids.left = await pupil('a-met');
    await insertOrder(db.pool, 'a-met', ids.left, { kind: 'dropout', orderDate: '2024-03-01', enteredAt: '2024-03-01T05:00:00Z' });
    // A pupil of the new year only is not judged by the old year's documents.
    await insertPupil(db.pool, 'a-met', await insertClassGroup(db.pool, 'a-met', { academicYear: '2024/2025', grade: 1 }));
    // A kindergarten group of the school is another module.
    await pupil('a-met', 0, 'group');

    await transfer('a-edge', await pupil('a-edge'), AT.edgeMet);
    await transfer('a-late', await pupil('a-late'), AT.edgeLate);
    await transfer('a-missed', await pupil('a-missed'), AT.early);
    ids.forgotten = await pupil('a-missed');
    await transfer('a-future', await pupil('a-future'), AT.future);
    await transfer('a-outside', await pupil('a-outside'), AT.early, '2024-05-27');
    // Left in the summer by a dropout, which this rule does not ask for: owes no transfer.
    const dropped = await pupil('a-dropout');
    await insertOrder(db.pool, 'a-dropout', dropped, { kind: 'dropout', orderDate: '2024-07-01', enteredAt: '2024-07-01T05:00:00Z' });
  });

  it('met, met at the last minute, met late one minute after, missed, a document entered after asOf unseen', async () => {
    expect(await verdicts(db.pool, movementDocumentsEntered, input(AS_OF.after))).toEqual({
      'a-met': 'met', 'a-edge': 'met', 'a-late': 'met_late', 'a-missed': 'missed', 'a-future': 'missed',
      'a-outside': 'missed', 'a-dropout': 'met', 'a-empty': 'met',
    });
    expect((await verdicts(db.pool, movementDocumentsEntered, input(AS_OF.end)))['a-future']).toBe('met_late');
  });

  it('pending before the deadline; counts and offending pupils', async () => {
    const before = await verdicts(db.pool, movementDocumentsEntered, input(AS_OF.before));
    expect(before).toMatchObject({ 'a-missed': 'pending', 'a-met': 'met', 'a-late': 'pending' });
    const o = await outcomes(db.pool, movementDocumentsEntered, input(AS_OF.after));
    expect(o['a-met']!.counts).toEqual({ 'обучающихся (Перевод на следующий год, Выпускники)': 2, 'без документа': 0 });
    expect(o['a-met']!.completed_at).toBe(new Date(AT.early).toISOString());
    expect(o['a-missed']!.offending).toEqual([String(ids.forgotten)]);
  });

  it('the module decides whose documents count', async () => {
    const v = await verdicts(db.pool, movementDocumentsEntered, input(AS_OF.after, { module: 'МДОО' }));
    // The school's kindergarten group has a pupil without a transfer.
    expect(v['a-met']).toBe('missed');
  });
});

describe('movement_documents_entered: documents present, with requirements', () => {
  const params = { documents: ['dropout'], require: ['receiving_institution'], order_dates: { from: '06-01', to: '08-31' } };
  const input = (asOf: string) => inputFor(params, ['ПОО'], { municipalities: ['mde-b'], asOf });
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    await insertOrganisations(db.pool, 'mde-b', [['b-none', 'ПОО'], ['b-ok', 'ПОО'], ['b-missing', 'ПОО'], ['b-late', 'ПОО'], ['b-graduation', 'ПОО']]);
    const pupil = async (org: string) => insertPupil(db.pool, org, await insertClassGroup(db.pool, org, { kind: 'group', grade: 2 }));
    const dropout = (org: string, student: number, extra: Partial<Parameters<typeof insertOrder>[3]> = {}) =>
      insertOrder(db.pool, org, student, { kind: 'dropout', orderDate: '2024-07-01', enteredAt: '2024-07-01T05:00:00Z', ...extra });
    await dropout('b-ok', await pupil('b-ok'), { receivingInstitution: 'ГБПОУ «Колледж № 2»' });
    ids.missing = await dropout('b-missing', await pupil('b-missing'));
    await dropout('b-late', await pupil('b-late'), { receivingInstitution: 'ГБПОУ «Колледж № 2»', requirementsMetAt: { receiving_institution: AT.edgeLate } });
    // A dropout dated before the range is not judged; a graduation has no receiving institution.
    await dropout('b-ok', await pupil('b-ok'), { orderDate: '2024-05-20' });
    await insertOrder(db.pool, 'b-graduation', await pupil('b-graduation'), { kind: 'graduation', orderDate: '2024-06-28', enteredAt: '2024-06-28T05:00:00Z' });
  });

  it('judges the documents present: none is done, a missing requirement is missed, one met late is late', async () => {
    expect(await verdicts(db.pool, movementDocumentsEntered, input(AS_OF.after))).toEqual({
      'b-none': 'met', 'b-ok': 'met', 'b-missing': 'missed', 'b-late': 'met_late', 'b-graduation': 'met',
    });
    const o = await outcomes(db.pool, movementDocumentsEntered, input(AS_OF.after));
    expect(o['b-missing']!.offending).toEqual([String(ids.missing)]);
    expect(o['b-none']!.completed_at).toBe('2024-05-31T19:00:00.000Z');
    // Before the late stamp the requirement is unmet: pending.
    expect((await verdicts(db.pool, movementDocumentsEntered, input(AS_OF.before)))['b-late']).toBe('pending');
  });
});

describe('movement_documents_entered: enrollment in grade 1 of the new year', () => {
  const params = { documents: ['enrollment'], grades: [1], every_student: true, order_dates: { from: '07-01' } };
  const input = (asOf: string) => inputFor(params, ['ООО'], { municipalities: ['mde-c'], asOf });

  beforeAll(async () => {
    await insertOrganisations(db.pool, 'mde-c', [['c-met', 'ООО'], ['c-missed', 'ООО']]);
    const first = (org: string) => insertClassGroup(db.pool, org, { academicYear: '2024/2025', grade: 1 });
    const c1 = await first('c-met');
    const p1 = await insertPupil(db.pool, 'c-met', c1, { createdAt: '2024-08-26T05:00:00Z' });
    await insertOrder(db.pool, 'c-met', p1, { kind: 'enrollment', orderDate: '2024-08-26', enteredAt: '2024-08-26T05:00:00Z' });
    // Enrolled later by an order dated after the deadline: not yet owed.
    const p2 = await insertPupil(db.pool, 'c-met', c1, { createdAt: '2024-09-10T05:00:00Z' });
    await insertOrder(db.pool, 'c-met', p2, { kind: 'enrollment', orderDate: '2024-09-10', enteredAt: '2024-09-10T05:00:00Z' });
    await insertPupil(db.pool, 'c-met', await insertClassGroup(db.pool, 'c-met', { academicYear: '2024/2025', grade: 2 }));
    await insertPupil(db.pool, 'c-missed', await first('c-missed'), { createdAt: '2024-08-20T05:00:00Z' });
  });

  it('judges the pupils of the year that begins', async () => {
    expect(await verdicts(db.pool, movementDocumentsEntered, input(AS_OF.after))).toEqual({ 'c-met': 'met', 'c-missed': 'missed' });
    const o = await outcomes(db.pool, movementDocumentsEntered, input(AS_OF.after));
    expect(o['c-met']!.counts['без документа']).toBe(0);
  });
});

describe('movement_document_created (event)', () => {
  // «1 день» from documents of Monday 7 October 2024: due at the end of 8 October local time (19:00Z).
  const ONE_DAY = { amount: 1, unit: 'days', direction: 'after' } as const;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    await insertFixtureRegion(db.pool);
    const pupil = () => insertPupil(db.pool, FIXTURE.school, null);
    const order = async (tag: string, kind: string, enteredAt: string, applicationDate: string | undefined, orderDate = '2024-10-09') => {
      ids[tag] = await insertOrder(db.pool, FIXTURE.school, await pupil(), { kind, orderDate, enteredAt, applicationDate, number: `${tag}-з` });
    };
    await order('onTime', 'enrollment', '2024-10-08T05:00:00Z', '2024-10-07');
    await order('edge', 'enrollment', '2024-10-08T18:59:00Z', '2024-10-07');
    await order('late', 'enrollment', '2024-10-08T19:01:00Z', '2024-10-07');
    // Without an application date the order's own date counts.
    await order('byOrderDate', 'enrollment', '2024-10-08T10:00:00Z', undefined, '2024-10-07');
    await order('otherKind', 'dropout', '2024-10-25T10:00:00Z', '2024-10-07');
    await order('enteredLater', 'enrollment', '2024-10-15T05:00:00Z', '2024-10-07');
  });

  const base = { ruleId: 'movement-doc-1d', params: { kinds: ['enrollment'] }, term: ONE_DAY, watermark: '2024-10-07T00:00:00.000Z' };

  it('pending before the deadline; then on time and at the last minute met, a minute late met late; other kinds ignored', async () => {
    const before = await sweepOnce(db.pool, movementDocumentCreated, { ...base, asOf: '2024-10-08T18:59:00.000Z' });
    expect(before).toMatchObject({ met: 0, met_late: 0, opened: 0 });
    const r = await sweepOnce(db.pool, movementDocumentCreated, { ...base, asOf: '2024-10-10T00:00:00.000Z' });
    expect(r).toMatchObject({ met: 3, met_late: 1, opened: 0 });
    expect(await casesOf(db.pool, 'movement-doc-1d')).toEqual([
      expect.objectContaining({ subject_kind: 'enrollment', subject_id: String(ids.late), status: 'met_late', closed_at: '2024-10-08T19:01:00.000Z' }),
    ]);
    // Repeated: no duplicate.
    expect(await sweepOnce(db.pool, movementDocumentCreated, { ...base, asOf: '2024-10-10T00:00:00.000Z' })).toMatchObject({ met_late: 0, opened: 0 });
  });

  it('the next sweep picks up a document entered since its watermark, however old its documents', async () => {
    const r = await sweepOnce(db.pool, movementDocumentCreated, { ...base, watermark: '2024-10-10T00:00:00.000Z', asOf: '2024-10-17T00:00:00.000Z' });
    expect(r).toMatchObject({ met: 0, met_late: 1, opened: 0 });
    expect((await casesOf(db.pool, 'movement-doc-1d')).map((c) => c.subject_id)).toEqual([String(ids.late), String(ids.enteredLater)]);
    // All kinds when `kinds` is absent: the dropout, entered late, is judged too.
    const all = await sweepOnce(db.pool, movementDocumentCreated, { ...base, ruleId: 'all-kinds', params: {}, asOf: '2024-10-30T00:00:00.000Z' });
    // …and so is the transfer of «a-future» above, entered on 15 October for a June order.
    expect(all).toMatchObject({ met: 3, met_late: 4 });
  });
});
