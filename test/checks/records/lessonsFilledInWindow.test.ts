import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'slonik';
import { lessonsFilledInWindow } from '../../../src/checks/period/records/lessonsFilledInWindow.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { AT, DUE, inputFor, insertOrganisations, verdicts } from '../rollover/support.js';
import { insertClassGroup } from './support.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase('records_lessons_window');
});
afterAll(async () => db?.close());

/** One lesson of `org` on `date` whose topic is entered at `topic` and attendance at `attendance` (null: never). */
async function lesson(org: string, date: string, topic: string | null, attendance: string | null): Promise<void> {
  const cls = await insertClassGroup(db.pool, org, { name: '5А', grade: 5, academicYear: '2024/2025' });
  await db.pool.query(sql.unsafe`
    INSERT INTO lessons (organisation_id, class_group_id, lesson_date, kind, subject, topic_entered_at, attendance_entered_at)
    VALUES (${org}, ${cls}, ${date}, 'lesson', 'история', ${topic}, ${attendance})`);
}

// «Вести электронные журналы с 2 сентября по 5 сентября» as a window rule: every lesson of the window
// needs its topic and attendance by the end of Thu 5 Sep 2024, Asia/Yekaterinburg (19:00Z).
describe('journal_lesson_filled over a window (Челябинск, План 2024, п. 1.3.2)', () => {
  const params = { entries: ['topic', 'attendance'] };
  const input = (asOf: string) => inputFor(params, ['ООО'], { asOf, windowOpensAt: '2024-09-01T19:00:00Z', timezone: 'Asia/Yekaterinburg' });

  beforeAll(async () => {
    await insertOrganisations(db.pool, 'm-lessons', [['w-on-time', 'ООО'], ['w-edge', 'ООО'], ['w-late', 'ООО'], ['w-never', 'ООО'], ['w-none', 'ООО'], ['w-before', 'ООО']]);
    await lesson('w-on-time', '2024-09-03', '2024-09-03T08:00:00Z', AT.early);
    await lesson('w-edge', '2024-09-04', '2024-09-04T08:00:00Z', AT.edgeMet);
    await lesson('w-late', '2024-09-04', '2024-09-04T08:00:00Z', AT.edgeLate);
    await lesson('w-never', '2024-09-05', '2024-09-05T08:00:00Z', null);
    // A lesson before the window opened is not judged by it.
    await lesson('w-before', '2024-08-30', null, null);
  });

  it('met, met at the last local minute, late a minute after, missed; no lessons or only before the window: nothing to fill', async () => {
    expect(await verdicts(db.pool, lessonsFilledInWindow, input('2024-10-01T00:00:00Z'))).toEqual({
      'w-on-time': 'met', 'w-edge': 'met', 'w-late': 'met_late', 'w-never': 'missed', 'w-none': 'met', 'w-before': 'met',
    });
  });

  it('pending before the deadline; an entry made after asOf is not seen; the offending lesson is named by id', async () => {
    expect((await verdicts(db.pool, lessonsFilledInWindow, input('2024-09-05T12:00:00Z')))['w-late']).toBe('pending');
    const outcomes = await lessonsFilledInWindow.evaluate(db.pool, input('2024-09-05T18:00:00Z'));
    const edge = outcomes.find((o) => o.subject_id === 'w-edge')!;
    expect(edge).toMatchObject({ completed_at: null, counts: { 'уроков': 1, 'не заполнено': 1 } });
    expect(edge.offending).toHaveLength(1);
    expect(Date.parse(DUE)).toBe(Date.parse('2024-09-05T19:00:00Z'));
  });
});
