import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'slonik';
import { attendanceMarked } from '../../../src/checks/period/records/attendanceMarked.js';
import { dodCoverageRecorded } from '../../../src/checks/period/records/dodCoverageRecorded.js';
import { periodWorkingDays } from '../../../src/checks/period/records/periodWorkingDays.js';
import { loadCalendar } from '../../../src/time/calendarFile.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { inputFor, insertOrganisations, outcomes, verdicts } from '../rollover/support.js';
import { insertClassGroup, insertOrder, insertPupil } from './support.js';

// September 2024, due at the end of its last working day, Monday 30 September, in Asia/Yekaterinburg (UTC+5).
const SEPTEMBER = { id: '2024-09', start: '2024-09-01', end: '2024-09-30' };
const DUE = '2024-09-30T19:00:00.000Z';
const EDGE_MET = '2024-09-30T18:59:00.000Z';
const EDGE_LATE = '2024-09-30T19:01:00.000Z';
const AFTER = '2024-10-05T00:00:00.000Z';

/** The weekdays of September 2024, less 16 September (standing for a holiday of the production calendar). */
const WORKING = Array.from({ length: 30 }, (_, i) => `2024-09-${String(i + 1).padStart(2, '0')}`)
  .filter((d) => ![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay()) && d !== '2024-09-16');

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase('records_attendance');
});
afterAll(async () => db?.close());

describe('periodWorkingDays', () => {
  it('lists the working days of a period by the production calendar, and refuses what it cannot', () => {
    const cal = loadCalendar();
    const may = periodWorkingDays(cal, '2024-05-01', '2024-05-31')!;
    // May 2024: holidays on 1, 9 and 10 May; 20 working days.
    expect(may).toHaveLength(20);
    expect(may).not.toContain('2024-05-09');
    expect(may[0]).toBe('2024-05-02');
    expect(periodWorkingDays(undefined, '2024-05-01', '2024-05-31')).toBeUndefined();
    expect(periodWorkingDays(cal, '2024-05-31', '2024-05-01')).toBeUndefined();
    expect(periodWorkingDays(cal, 'май', '2024-05-31')).toBeUndefined();
    expect(periodWorkingDays(cal, '2020-01-01', '2024-12-31')).toBeUndefined();
  });
});

describe('attendance_marked', () => {
  const input = (asOf: string, over: Record<string, unknown> = {}) =>
    inputFor({}, ['ДОО'], { municipalities: ['att'], period: SEPTEMBER, dueAt: DUE, asOf, workingDays: WORKING, ...over });
  const group = (org: string) => insertClassGroup(db.pool, org, { kind: 'group', name: 'Группа «Солнышко»', academicYear: '2024/2025' });
  /** Marks the sheets of `days` at 10:00 local time of each day. */
  const markDays = (org: string, groupId: number, days: string[]) => db.pool.query(sql.unsafe`
    INSERT INTO attendance_sheets (organisation_id, class_group_id, day, present, absent, marked_at)
    SELECT ${org}, ${groupId}, d, 15, 2, (d::timestamp + interval '10 hours') AT TIME ZONE 'Asia/Yekaterinburg'
    FROM unnest(${sql.array(days, 'date')}) AS d`);
  const markAt = (org: string, groupId: number, day: string, at: string) => db.pool.query(sql.unsafe`
    INSERT INTO attendance_sheets (organisation_id, class_group_id, day, marked_at) VALUES (${org}, ${groupId}, ${day}, ${at})`);

  beforeAll(async () => {
    const orgs = ['att-met', 'att-edge', 'att-late', 'att-missed', 'att-holiday', 'att-new', 'att-empty', 'att-future'];
    await insertOrganisations(db.pool, 'att', orgs.map((o) => [o, 'ДОО']));
    const withPupil = async (org: string) => {
      const g = await group(org);
      await insertPupil(db.pool, org, g);
      return g;
    };
    const allBut = (...skip: string[]) => WORKING.filter((d) => !skip.includes(d));
    await markDays('att-met', await withPupil('att-met'), WORKING);
    const edge = await withPupil('att-edge');
    await markDays('att-edge', edge, allBut('2024-09-30'));
    await markAt('att-edge', edge, '2024-09-30', EDGE_MET);
    const late = await withPupil('att-late');
    await markDays('att-late', late, allBut('2024-09-30'));
    await markAt('att-late', late, '2024-09-30', EDGE_LATE);
    await markDays('att-missed', await withPupil('att-missed'), allBut('2024-09-10'));
    // 16 September is a day off in this calendar: no sheet is owed for it.
    await markDays('att-holiday', await withPupil('att-holiday'), WORKING);
    // A pupil enrolled by an order of 20 September: the group owes sheets from that day only.
    const fresh = await group('att-new');
    const pupil = await insertPupil(db.pool, 'att-new', fresh, { createdAt: '2024-09-21T05:00:00Z' });
    await insertOrder(db.pool, 'att-new', pupil, { kind: 'enrollment', orderDate: '2024-09-20', enteredAt: '2024-09-21T05:00:00Z' });
    await markDays('att-new', fresh, WORKING.filter((d) => d >= '2024-09-20'));
    await group('att-empty');
    const future = await withPupil('att-future');
    await markDays('att-future', future, allBut('2024-09-12'));
    await markAt('att-future', future, '2024-09-12', '2024-10-15T05:00:00Z');
  });

  it('met, at the last minute, a minute late, missed, a holiday not owed, a newcomer from their day, a sheet marked after asOf unseen', async () => {
    expect(await verdicts(db.pool, attendanceMarked, input(AFTER))).toEqual({
      'att-met': 'met', 'att-edge': 'met', 'att-late': 'met_late', 'att-missed': 'missed', 'att-holiday': 'met',
      'att-new': 'met', 'att-empty': 'met', 'att-future': 'missed',
    });
    expect((await verdicts(db.pool, attendanceMarked, input('2024-10-20T00:00:00.000Z')))['att-future']).toBe('met_late');
  });

  it('pending before the deadline; counts and the missing group-days', async () => {
    expect(await verdicts(db.pool, attendanceMarked, input('2024-09-25T00:00:00.000Z'))).toMatchObject({ 'att-met': 'pending', 'att-missed': 'pending' });
    const o = await outcomes(db.pool, attendanceMarked, input(AFTER));
    expect(o['att-missed']!.offending).toEqual(['Группа «Солнышко» — 10.09.2024']);
    expect(o['att-met']!.counts).toEqual({ 'групп': 1, 'рабочих дней': 20, 'дней посещаемости (группа × день)': 20, 'не отмечено': 0 });
    expect(o['att-new']!.counts['дней посещаемости (группа × день)']).toBe(7);
  });

  it('without the calendar, Monday to Friday are owed', async () => {
    const v = await verdicts(db.pool, attendanceMarked, input(AFTER, { workingDays: undefined }));
    expect(v).toMatchObject({ 'att-met': 'missed', 'att-holiday': 'missed' });
  });
});

describe('dod_coverage_recorded', () => {
  const input = (asOf: string) => inputFor({}, ['ОДО', 'ООО'], { municipalities: ['dod'], period: SEPTEMBER, dueAt: DUE, asOf });
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    const orgs: [string, string][] = [['dod-met', 'ОДО'], ['dod-edge', 'ОДО'], ['dod-late', 'ОДО'], ['dod-missed', 'ОДО'], ['dod-none', 'ОДО'], ['dod-school', 'ООО']];
    await insertOrganisations(db.pool, 'dod', orgs);
    const pupil = async (org: string, opts: Parameters<typeof insertPupil>[3] = {}, kind = 'association') =>
      insertPupil(db.pool, org, await insertClassGroup(db.pool, org, { kind, name: 'Робототехника', academicYear: '2024/2025' }), opts);
    const enroll = async (org: string, orderDate: string, enteredAt: string, kind = 'association') =>
      insertOrder(db.pool, org, await pupil(org, {}, kind), { kind: 'enrollment', orderDate, enteredAt });
    await enroll('dod-met', '2024-09-10', '2024-09-10T06:00:00Z');
    // An order of August entered in September is not a record of this month.
    await enroll('dod-met', '2024-08-28', '2024-09-02T06:00:00Z');
    await enroll('dod-edge', '2024-09-30', EDGE_MET);
    await enroll('dod-late', '2024-09-28', EDGE_LATE);
    ids.gone = await pupil('dod-missed', { leftAt: '2024-09-15', leftKnownAt: '2024-09-16T05:00:00Z' });
    // Left, but the leaving date is recorded only after the moment judged below.
    await pupil('dod-none', { leftAt: '2024-09-20', leftKnownAt: '2024-10-10T05:00:00Z' });
    // A school class is not additional education.
    await enroll('dod-school', '2024-09-28', EDGE_LATE, 'class');
  });

  it('met, at the last minute, a minute late, missed when a pupil left without a document', async () => {
    expect(await verdicts(db.pool, dodCoverageRecorded, input(AFTER))).toEqual({
      'dod-met': 'met', 'dod-edge': 'met', 'dod-late': 'met_late', 'dod-missed': 'missed', 'dod-none': 'met', 'dod-school': 'met',
    });
    const o = await outcomes(db.pool, dodCoverageRecorded, input(AFTER));
    expect(o['dod-missed']!.offending).toEqual([String(ids.gone)]);
    expect(o['dod-met']!.counts).toEqual({ 'документов о движении за период': 1, 'выбыли без документа': 0 });
    // Once the late leaving date is known, the pupil without a document shows.
    expect((await verdicts(db.pool, dodCoverageRecorded, input('2024-10-11T00:00:00.000Z')))['dod-none']).toBe('missed');
  });

  it('pending before the deadline while a record is missing', async () => {
    expect(await verdicts(db.pool, dodCoverageRecorded, input('2024-09-20T00:00:00.000Z'))).toMatchObject({ 'dod-missed': 'pending', 'dod-met': 'met' });
  });
});
