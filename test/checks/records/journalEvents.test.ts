import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'slonik';
import { z } from 'zod';
import { journalLessonFilled } from '../../../src/checks/event/records/journalLessonFilled.js';
import { periodMarksEnteredAfterEvent } from '../../../src/checks/event/records/periodMarksEnteredAfterEvent.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { FIXTURE, insertFixtureRegion } from '../../support/fixtures.js';
import { casesOf, sweepOnce } from '../people/eventScenario.js';
import { insertOrganisations } from '../rollover/support.js';
import { insertClassGroup, insertPupil } from './support.js';

const THREE_DAYS = { amount: 3, unit: 'days', direction: 'after' } as const;
const SAME_DAY = { amount: 0, unit: 'days', direction: 'after' } as const;
const TWO_DAYS = { amount: 2, unit: 'days', direction: 'after' } as const;
const ruleKey = (ruleId: string) => ({ regulationId: 'test-people', ruleId });

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase('records_journal_events');
  await insertFixtureRegion(db.pool);
});
afterAll(async () => db?.close());

describe('journal_lesson_filled', () => {
  // «3 дня» from a lesson of Monday 2 September 2024: due at the end of 5 September local time (19:00Z).
  const ids: Record<string, number> = {};
  const lesson = async (tag: string, entries: { topic?: string; homework?: string; attendance?: string }) => {
    const cls = await insertClassGroup(db.pool, FIXTURE.school, { name: '7Б', grade: 7, academicYear: '2024/2025' });
    ids[tag] = await db.pool.oneFirst(sql.type(z.object({ id: z.number() }))`
      INSERT INTO lessons (organisation_id, class_group_id, lesson_date, kind, subject, topic_entered_at, homework_entered_at, attendance_entered_at)
      VALUES (${FIXTURE.school}, ${cls}, '2024-09-02', 'lesson', 'алгебра', ${entries.topic ?? null}, ${entries.homework ?? null}, ${entries.attendance ?? null})
      RETURNING id`);
  };
  const params = { entries: ['topic', 'attendance'] };
  const base = { ruleId: 'ejournal-3d', params, term: THREE_DAYS, watermark: '2024-09-02T00:00:00.000Z' };

  beforeAll(async () => {
    await lesson('onTime', { topic: '2024-09-02T10:00:00Z', homework: '2024-09-02T10:05:00Z', attendance: '2024-09-02T10:00:00Z' });
    await lesson('edge', { topic: '2024-09-02T10:00:00Z', attendance: '2024-09-05T18:59:00Z' });
    await lesson('late', { topic: '2024-09-02T10:00:00Z', attendance: '2024-09-05T19:01:00Z' });
    await lesson('never', { topic: '2024-09-02T10:00:00Z' });
    await lesson('future', { topic: '2024-09-02T10:00:00Z', attendance: '2024-09-08T10:00:00Z' });
  });

  it('pending before the deadline; met, at the last minute, a minute late; missing entries open cases; an entry after asOf unseen', async () => {
    expect(await sweepOnce(db.pool, journalLessonFilled, { ...base, asOf: '2024-09-05T18:59:00.000Z' })).toMatchObject({ met: 0, met_late: 0, opened: 0 });
    const r = await sweepOnce(db.pool, journalLessonFilled, { ...base, asOf: '2024-09-07T00:00:00.000Z' });
    expect(r).toMatchObject({ met: 2, met_late: 1, opened: 2 });
    const cases = Object.fromEntries((await casesOf(db.pool, 'ejournal-3d')).map((c) => [Number(c.subject_id), c]));
    expect(cases[ids.late!]).toMatchObject({ status: 'met_late', closed_at: '2024-09-05T19:01:00.000Z', subject_kind: 'lesson' });
    expect(cases[ids.never!]!.status).toBe('open');
    expect(cases[ids.future!]!.status).toBe('open');
    const open = await journalLessonFilled.openCases(db.pool, ruleKey('ejournal-3d'), params, '2024-09-07T00:00:00.000Z');
    expect(open.map((c) => [c.subject_label, c.missing, c.person_name])).toEqual([
      ['Урок от 02.09.2024, 7Б, алгебра', ['посещаемость'], null],
      ['Урок от 02.09.2024, 7Б, алгебра', ['посещаемость'], null],
    ]);
    expect(await sweepOnce(db.pool, journalLessonFilled, { ...base, asOf: '2024-09-07T00:00:00.000Z' })).toMatchObject({ met_late: 0, opened: 0 });
  });

  it('closes a case once its entries are made, as of the moment judged', async () => {
    expect(await journalLessonFilled.closeCompleted(db.pool, ruleKey('ejournal-3d'), params, '2024-09-08T09:59:00.000Z')).toHaveLength(0);
    expect(await journalLessonFilled.closeCompleted(db.pool, ruleKey('ejournal-3d'), params, '2024-09-09T00:00:00.000Z')).toHaveLength(1);
    const cases = Object.fromEntries((await casesOf(db.pool, 'ejournal-3d')).map((c) => [Number(c.subject_id), c]));
    expect(cases[ids.future!]).toMatchObject({ status: 'met_late', closed_at: '2024-09-08T10:00:00.000Z' });
  });

  it('the same day: topic and homework by the end of the lesson day', async () => {
    const r = await sweepOnce(db.pool, journalLessonFilled, { ruleId: 'same-day', params: { entries: ['topic', 'homework'] }, term: SAME_DAY, watermark: '2024-09-02T00:00:00.000Z', asOf: '2024-09-03T00:00:00.000Z' });
    expect(r).toMatchObject({ met: 1, met_late: 0, opened: 4 });
  });
});

describe('period_marks_entered after an event', () => {
  const orgs = ['pm-met', 'pm-edge', 'pm-late', 'pm-missed'];
  const students: Record<string, number[]> = {};
  const mark = (student: number, period: string, year: string, at: string) => db.pool.query(sql.unsafe`
    INSERT INTO period_marks (organisation_id, student_id, academic_year, period, value, entered_at)
    SELECT organisation_id, id, ${year}, ${period}, '5', ${at} FROM students WHERE id = ${student}`);

  beforeAll(async () => {
    await insertOrganisations(db.pool, 'pm', [...orgs.map((o): [string, string] => [o, 'ООО']), ['ex-a', 'ООО'], ['ex-b', 'ООО']]);
    for (const org of orgs) {
      await db.pool.query(sql.unsafe`INSERT INTO academic_years (organisation_id, academic_year, starts_on, ends_on, opened_at)
        VALUES (${org}, '2023/2024', '2023-09-01', '2024-05-24', '2023-09-01T05:00:00Z')`);
      const cls = await insertClassGroup(db.pool, org, { grade: 5, academicYear: '2023/2024' });
      students[org] = [await insertPupil(db.pool, org, cls), await insertPupil(db.pool, org, cls)];
    }
    // The year ends on Friday 24 May 2024; «в тот же день»: due at 19:00Z.
    for (const s of students['pm-met']!) await mark(s, 'year', '2023/2024', '2024-05-24T10:00:00Z');
    await mark(students['pm-edge']![0]!, 'year', '2023/2024', '2024-05-24T10:00:00Z');
    await mark(students['pm-edge']![1]!, 'year', '2023/2024', '2024-05-24T18:59:00Z');
    await mark(students['pm-late']![0]!, 'year', '2023/2024', '2024-05-24T10:00:00Z');
    await mark(students['pm-late']![1]!, 'year', '2023/2024', '2024-05-24T19:01:00Z');
    await mark(students['pm-missed']![0]!, 'year', '2023/2024', '2024-05-24T10:00:00Z');
    // Exams of 2024/2025: grade-9 pupils of two schools; ОГЭ results published on 2 and 20 June 2025
    // (due at the end of 4 June, and of Monday 23 June, the 22nd being a Sunday).
    for (const org of ['ex-a', 'ex-b']) students[org] = [await insertPupil(db.pool, org, await insertClassGroup(db.pool, org, { grade: 9, academicYear: '2024/2025' }))];
    await db.pool.query(sql.unsafe`INSERT INTO exam_result_publications (region, exam, grade, subject, published_at)
      VALUES ('yanao', 'ОГЭ', 9, 'Математика', '2025-06-02T08:00:00Z'), ('yanao', 'ОГЭ', 9, 'Русский язык', '2025-06-20T08:00:00Z'),
             ('yanao', 'ЕГЭ', 11, 'Физика', '2025-06-12T08:00:00Z')`);
    await mark(students['ex-a']![0]!, 'exam', '2024/2025', '2025-06-21T10:00:00Z');
    await mark(students['ex-a']![0]!, 'final', '2024/2025', '2025-06-21T10:05:00Z');
  });

  it('academic-year end: met, at the last minute, a minute late, missed; closed once the marks are in', async () => {
    const base = { ruleId: 'year-marks', params: { periods: ['year'] }, term: SAME_DAY, watermark: '2024-05-20T00:00:00.000Z' };
    expect(await sweepOnce(db.pool, periodMarksEnteredAfterEvent, { ...base, asOf: '2024-05-24T18:59:00.000Z' })).toMatchObject({ met: 0, met_late: 0, opened: 0 });
    const r = await sweepOnce(db.pool, periodMarksEnteredAfterEvent, { ...base, asOf: '2024-05-27T00:00:00.000Z' });
    // The fixture school has no year: only the four organisations here are judged.
    expect(r).toMatchObject({ met: 2, met_late: 1, opened: 1 });
    expect(await casesOf(db.pool, 'year-marks')).toEqual([
      expect.objectContaining({ subject_kind: 'academic_year_end', subject_id: 'pm-late/2023/2024', status: 'met_late', closed_at: '2024-05-24T19:01:00.000Z' }),
      expect.objectContaining({ subject_id: 'pm-missed/2023/2024', status: 'open' }),
    ]);
    const open = await periodMarksEnteredAfterEvent.openCases(db.pool, ruleKey('year-marks'), base.params, '2024-05-27T00:00:00.000Z');
    expect(open.map((c) => [c.subject_label, c.missing])).toEqual([['Окончание 2023/2024 учебного года 24.05.2024', ['годовые оценки: нет у 1 обучающихся']]]);
    expect(await sweepOnce(db.pool, periodMarksEnteredAfterEvent, { ...base, asOf: '2024-05-27T00:00:00.000Z' })).toMatchObject({ met_late: 0, opened: 0 });
    await mark(students['pm-missed']![1]!, 'year', '2023/2024', '2024-05-30T10:00:00Z');
    expect(await periodMarksEnteredAfterEvent.closeCompleted(db.pool, ruleKey('year-marks'), base.params, '2024-05-29T00:00:00.000Z')).toHaveLength(0);
    expect(await periodMarksEnteredAfterEvent.closeCompleted(db.pool, ruleKey('year-marks'), base.params, '2024-06-01T00:00:00.000Z')).toHaveLength(1);
  });

  it('exam results: the term runs from the latest publication; an open case moves with a later one', async () => {
    const params = { periods: ['exam', 'final'], grades: [9] };
    const first = await sweepOnce(db.pool, periodMarksEnteredAfterEvent, { ruleId: 'exam-marks', params, term: TWO_DAYS, watermark: '2025-06-01T00:00:00.000Z', asOf: '2025-06-06T00:00:00.000Z' });
    expect(first).toMatchObject({ met: 0, met_late: 0, opened: 2 });
    const second = await sweepOnce(db.pool, periodMarksEnteredAfterEvent, { ruleId: 'exam-marks', params, term: TWO_DAYS, watermark: '2025-06-06T00:00:00.000Z', asOf: '2025-06-25T00:00:00.000Z' });
    // ex-a entered its marks within two days of the last results: its case is met; ex-b's stays open with the new deadline.
    expect(second).toMatchObject({ met: 1, opened: 1 });
    expect(await casesOf(db.pool, 'exam-marks')).toEqual([
      expect.objectContaining({ subject_kind: 'exam_results_publication', subject_id: 'ex-a/ОГЭ/9/2024/2025', status: 'met', due_at: '2025-06-23T19:00:00.000Z' }),
      expect.objectContaining({ subject_id: 'ex-b/ОГЭ/9/2024/2025', status: 'open', due_at: '2025-06-23T19:00:00.000Z' }),
    ]);
  });
});
