import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { sql } from 'slonik';
import { z } from 'zod';
import type { SweepWindow } from '../../../src/checks/event/eventCheck.js';
import { journalMarksEntered } from '../../../src/checks/event/journals/journalMarksEntered.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { FIXTURE, insertFixtureRegion } from '../../support/fixtures.js';
import { insertClass, insertStudent, JUST_AFTER, JUST_BEFORE } from './support.js';

// «7 дней» (calendar) from a lesson of Thursday 29 August 2024: due at the end of 5 September local
// time (Asia/Yekaterinburg, UTC+5), i.e. 2024-09-05T19:00Z.
const DUES = [{ eventDate: '2024-08-29', dueAt: '2024-09-05T19:00:00.000Z', lastDay: '2024-09-05' }];

describe('journal_marks_entered', () => {
  let db: TestDatabase;
  const lessons: Record<string, number> = {};
  let student = 0;
  const window = (after: string, watermark: string, asOf: string): SweepWindow => ({
    ruleKey: { regulationId: 'yanao-2018-216', ruleId: after === 'lesson' ? 'marks-7d' : 'test-marks-10d' },
    region: FIXTURE.region, organisationTypes: ['ООО', 'ПОО'], effectiveFrom: '2018-03-01', watermark, asOf, versionHash: 'h',
  });
  const mark = (lesson: string, at: string) =>
    db.pool.query(sql.unsafe`INSERT INTO marks (lesson_id, student_id, value, entered_at) VALUES (${lessons[lesson]!}, ${student}, '5', ${at})`);
  const cases = (ruleId: string) => db.pool.any(sql.type(z.object({ subject_id: z.string(), status: z.string(), closed_at: z.string().nullable() }))`
    SELECT subject_id, status, closed_at FROM obligation_cases WHERE rule_id = ${ruleId} ORDER BY id`);

  beforeAll(async () => {
    db = await freshDatabase('journals_marks');
    await insertFixtureRegion(db.pool);
    const cls = await insertClass(db.pool, FIXTURE.school, '7Б', 7, '2024/2025');
    student = await insertStudent(db.pool, FIXTURE.school, { classGroupId: cls });
    const add = async (key: string, kind: string, subject: string) => {
      lessons[key] = await db.pool.oneFirst(sql.type(z.object({ id: z.number() }))`
        INSERT INTO lessons (organisation_id, class_group_id, lesson_date, kind, subject)
        VALUES (${FIXTURE.school}, ${cls}, '2024-08-29', ${kind}, ${subject}) RETURNING id`);
    };
    await add('onTime', 'lesson', 'алгебра');
    await add('late', 'lesson', 'физика');
    await add('unmarked', 'lesson', 'музыка');
    await add('test', 'assessment', 'алгебра');
    await mark('onTime', '2024-08-29T09:00:00Z');
    await mark('onTime', JUST_BEFORE);       // 23:59 local on the last day: in time
    await mark('late', JUST_AFTER);           // 00:01 local on the next day: late
  });
  afterAll(async () => db?.close());

  test('candidate dates: lessons of the kind since the earliest date', async () => {
    expect(await journalMarksEntered.candidateEventDates(db.pool, window('lesson', '2024-09-05T00:00:00Z', '2024-09-05T12:00:00Z'), '2024-08-20', { after: 'lesson' })).toEqual(['2024-08-29']);
    expect(await journalMarksEntered.candidateEventDates(db.pool, window('lesson', '2024-09-05T00:00:00Z', '2024-09-05T12:00:00Z'), '2024-08-30', { after: 'lesson' })).toEqual([]);
  });

  test('pending before the deadline: nothing judged', async () => {
    const r = await journalMarksEntered.evaluateNew(db.pool, window('lesson', '2024-09-05T00:00:00Z', '2024-09-05T18:59:59Z'), DUES, { after: 'lesson' });
    expect(r).toEqual({ met: 0, met_late: 0, opened: 0 });
  });

  test('at the deadline: the last-minute mark is met; a mark entered after asOf is not seen', async () => {
    const r = await journalMarksEntered.evaluateNew(db.pool, window('lesson', '2024-09-05T18:59:59Z', '2024-09-05T19:00:30Z'), DUES, { after: 'lesson' });
    // onTime is met; late has no visible mark yet and unmarked has none: no breach can be told.
    expect(r).toMatchObject({ met: 1, met_late: 0, opened: 0 });
    expect(await cases('marks-7d')).toEqual([]);
  });

  test('a mark entered one minute late makes the lesson met late at the next sweep, once', async () => {
    const w = window('lesson', '2024-09-05T19:00:30Z', '2024-09-06T05:00:00Z');
    expect(await journalMarksEntered.candidateEventDates(db.pool, w, '2024-09-01', { after: 'lesson' })).toEqual(['2024-08-29']);
    const r = await journalMarksEntered.evaluateNew(db.pool, w, DUES, { after: 'lesson' });
    expect(r).toMatchObject({ met: 0, met_late: 1, opened: 0 });
    expect(await cases('marks-7d')).toEqual([{ subject_id: String(lessons.late), status: 'met_late', closed_at: '2024-09-05T19:01:00.000Z' }]);
    const again = await journalMarksEntered.evaluateNew(db.pool, w, DUES, { after: 'lesson' });
    expect(again).toMatchObject({ met_late: 0, opened: 0 });
    expect(await cases('marks-7d')).toHaveLength(1);
  });

  test('an assessment without marks at the deadline is missed: one open case with a Russian label', async () => {
    const w = window('assessment', '2024-09-05T18:00:00Z', '2024-09-05T19:00:30Z');
    const r = await journalMarksEntered.evaluateNew(db.pool, w, DUES, { after: 'assessment' });
    expect(r).toMatchObject({ met: 0, met_late: 0, opened: 1 });
    const again = await journalMarksEntered.evaluateNew(db.pool, w, DUES, { after: 'assessment' });
    expect(again).toMatchObject({ opened: 0 });
    const open = await journalMarksEntered.openCases(db.pool, w.ruleKey, { after: 'assessment' }, w.asOf);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      organisation_id: FIXTURE.school, event_date: '2024-08-29', due_at: '2024-09-05T19:00:00.000Z', last_day: '2024-09-05',
      subject_label: 'Контрольная работа от 29.08.2024, 7Б, алгебра', person_name: null, missing: ['отметки за контрольную работу'],
    });
    expect(await journalMarksEntered.closeCompleted(db.pool, w.ruleKey, { after: 'assessment' }, w.asOf)).toEqual([]);
  });

  test('the open assessment case closes as met late once marks are entered', async () => {
    await mark('test', '2024-09-07T08:00:00Z');
    const ruleKey = { regulationId: 'yanao-2018-216', ruleId: 'test-marks-10d' };
    // Not before the mark is recorded: a past moment does not see it.
    expect(await journalMarksEntered.closeCompleted(db.pool, ruleKey, { after: 'assessment' }, '2024-09-07T07:59:00Z')).toEqual([]);
    const closed = await journalMarksEntered.closeCompleted(db.pool, ruleKey, { after: 'assessment' }, '2024-09-08T00:00:00Z');
    expect(closed).toHaveLength(1);
    expect(await cases('test-marks-10d')).toEqual([{ subject_id: String(lessons.test), status: 'met_late', closed_at: '2024-09-07T08:00:00.000Z' }]);
    expect(await journalMarksEntered.openCases(db.pool, ruleKey, { after: 'assessment' }, '2024-09-08T00:00:00Z')).toEqual([]);
    // A later sweep that sees the mark opens nothing new.
    const r = await journalMarksEntered.evaluateNew(db.pool, { ...window('assessment', '2024-09-06T00:00:00Z', '2024-09-08T00:00:00Z') }, DUES, { after: 'assessment' });
    expect(r).toMatchObject({ opened: 0, met_late: 0 });
  });

  test('an assessment marked in the last minute is met', async () => {
    const w = window('assessment', '2024-09-05T18:00:00Z', '2024-09-05T19:00:30Z');
    const other = await db.pool.oneFirst(sql.type(z.object({ id: z.number() }))`
      INSERT INTO lessons (organisation_id, class_group_id, lesson_date, kind, subject)
      SELECT organisation_id, class_group_id, '2024-08-29', 'assessment', 'русский язык' FROM lessons WHERE id = ${lessons.test!} RETURNING id`);
    await db.pool.query(sql.unsafe`INSERT INTO marks (lesson_id, student_id, value, entered_at) VALUES (${other}, ${student}, '4', ${JUST_BEFORE})`);
    const r = await journalMarksEntered.evaluateNew(db.pool, { ...w, ruleKey: { regulationId: 'x', ruleId: 'y' } }, DUES, { after: 'assessment' });
    // The marked one is met; the first assessment's mark of 7 September is after asOf, so it is open here.
    expect(r).toMatchObject({ met: 1, opened: 1 });
  });
});
