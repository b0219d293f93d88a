import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'slonik';
import { z } from 'zod';
import type { CompiledRegulation } from '../../../src/regulation/model.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { FIXTURE } from '../../support/fixtures.js';
import { capturingMailer, casesByKey, confirmAt, insertRegisterRegion, KINDERGARTEN, registerEvent, registerRegulation, sweepRule } from './support.js';

let db: TestDatabase;
let regulation: CompiledRegulation;
const S = FIXTURE.school;

beforeAll(async () => {
  db = await freshDatabase('register_manual');
  regulation = registerRegulation();
  await insertRegisterRegion(db.pool);
});
afterAll(async () => {
  await db?.close();
});

// Asia/Yekaterinburg is UTC+5: 24:00 local of 3 May 2024 is 19:00 UTC.
describe('a manual rule within 3 working days after a register event (card_change)', () => {
  // Friday 26 April 2024: Saturday 27 April was a working day, 29 April – 1 May were days off, so
  // the third working day is Friday 3 May.
  const entered = '2024-04-26T10:00:00Z';

  beforeAll(async () => {
    for (const ref of ['KC-1', 'KC-2', 'KC-3', 'KC-4', 'KC-5']) await registerEvent(db.pool, { kind: 'card_change', reference: ref, date: '2024-04-26', enteredAt: entered });
    // Out of the rule's scope (ДОО), and another kind: never judged by this rule.
    await registerEvent(db.pool, { organisation: KINDERGARTEN, kind: 'card_change', reference: 'KC-1', date: '2024-04-26', enteredAt: entered });
    await registerEvent(db.pool, { kind: 'licence', reference: 'KC-6', date: '2024-04-26', enteredAt: entered });
    await confirmAt(db.pool, 'card-change-3wd', 'KC-1', '2024-05-02T10:00:00Z'); // on time
    await confirmAt(db.pool, 'card-change-3wd', 'KC-2', '2024-05-03T18:59:00Z'); // 23:59 local on the last day
    await confirmAt(db.pool, 'card-change-3wd', 'KC-3', '2024-05-03T19:01:00Z'); // 00:01 local on 4 May
    await confirmAt(db.pool, 'card-change-3wd', 'KC-5', '2024-05-05T08:00:00Z'); // after the first judging sweep
  });

  it('judges nothing while the deadline runs (pending)', async () => {
    const r = await sweepRule(db.pool, regulation, 'card-change-3wd', '2024-05-03T18:58:00Z');
    expect(r).toMatchObject({ met: 0, metLate: 0, opened: 0, open: 0 });
    expect(await casesByKey(db.pool, 'card-change-3wd')).toEqual({});
  });

  it('after the deadline: met at the last minute, met late a minute after, missed, and a confirmation not yet recorded unseen', async () => {
    const mailer = capturingMailer();
    const r = await sweepRule(db.pool, regulation, 'card-change-3wd', '2024-05-04T05:00:00Z', mailer);
    expect(r).toMatchObject({ met: 2, metLate: 1, opened: 2, open: 2 });
    const cases = await casesByKey(db.pool, 'card-change-3wd');
    expect(Object.keys(cases).sort()).toEqual([`${S}/KC-3`, `${S}/KC-4`, `${S}/KC-5`]);
    expect(cases[`${S}/KC-3`]).toMatchObject({ status: 'met_late', closed_at: '2024-05-03T19:01:00.000Z', subject_kind: 'card_change', last_day: '2024-05-03', event_date: '2024-04-26' });
    expect(Date.parse(cases[`${S}/KC-3`]!.due_at)).toBe(Date.parse('2024-05-03T19:00:00Z'));
    expect(cases[`${S}/KC-4`]!.status).toBe('open');
    expect(cases[`${S}/KC-5`]!.status).toBe('open');
    // The head of the school hears of both open cases, named by the register reference only.
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]!.to).toBe(FIXTURE.head);
    expect(mailer.sent[0]!.text).toContain('Изменение сведений № KC-4 от 26.04.2024');
    expect(mailer.sent[0]!.text).toContain('Изменение сведений № KC-5 от 26.04.2024');
    expect(mailer.sent[0]!.text).not.toContain('KC-3');
  });

  it('a repeated sweep opens nothing new; a later confirmation closes its case as met late at its own time', async () => {
    const again = await sweepRule(db.pool, regulation, 'card-change-3wd', '2024-05-04T06:00:00Z');
    expect(again).toMatchObject({ met: 0, metLate: 0, opened: 0, closedLate: 0, open: 2 });
    const later = await sweepRule(db.pool, regulation, 'card-change-3wd', '2024-05-06T06:00:00Z');
    expect(later).toMatchObject({ closedLate: 1, open: 1 });
    const cases = await casesByKey(db.pool, 'card-change-3wd');
    expect(cases[`${S}/KC-5`]).toMatchObject({ status: 'met_late', closed_at: '2024-05-05T08:00:00.000Z' });
    expect(cases[`${S}/KC-4`]!.status).toBe('open');
  });

  it('an event entered after its deadline passed is judged by the next sweep', async () => {
    await registerEvent(db.pool, { kind: 'card_change', reference: 'KC-7', date: '2024-04-26', enteredAt: '2024-05-07T04:00:00Z' });
    const r = await sweepRule(db.pool, regulation, 'card-change-3wd', '2024-05-07T06:00:00Z');
    expect(r).toMatchObject({ met: 0, opened: 1 });
    expect((await casesByKey(db.pool, 'card-change-3wd'))[`${S}/KC-7`]!.status).toBe('open');
  });

  it('records how each unmet deadline was computed in the audit trail', async () => {
    const details = await db.pool.anyFirst(sql.type(z.object({ details: z.record(z.unknown()) }))`
      SELECT details FROM audit_events WHERE rule_id = 'card-change-3wd' AND kind = 'case_opened' ORDER BY id LIMIT 1`);
    expect(details[0]).toMatchObject({ event: 'card_change', eventDate: '2024-04-26', term: '3 рабочих дня', lastDay: '2024-05-03' });
  });
});

describe('a manual rule at least 10 working days before a scheduled event (before_event)', () => {
  // Event on Wednesday 15 May 2024. Counting back over the May holidays (9–10 May, 29 April – 1 May
  // off; Saturday 27 April worked), the tenth working day before it is Thursday 25 April.
  beforeAll(async () => {
    for (const ref of ['M-1', 'M-2', 'M-3']) await registerEvent(db.pool, { kind: 'event_scheduled', reference: ref, date: '2024-05-15', enteredAt: '2024-04-01T05:00:00Z' });
    await registerEvent(db.pool, { kind: 'event_scheduled', reference: 'M-9', date: '2024-06-20', enteredAt: '2024-04-01T05:00:00Z' });
    await confirmAt(db.pool, 'news-10wd-before', 'M-1', '2024-04-25T18:59:00Z'); // 23:59 local on the last day
    await confirmAt(db.pool, 'news-10wd-before', 'M-3', '2024-04-25T19:01:00Z'); // a minute late
  });

  it('is pending until 24:00 local of the tenth working day before the event', async () => {
    const r = await sweepRule(db.pool, regulation, 'news-10wd-before', '2024-04-25T18:58:00Z');
    expect(r).toMatchObject({ met: 0, metLate: 0, opened: 0 });
  });

  it('is judged once due, before the event itself; a later event is not judged yet', async () => {
    const r = await sweepRule(db.pool, regulation, 'news-10wd-before', '2024-04-25T19:02:00Z');
    expect(r).toMatchObject({ met: 1, metLate: 1, opened: 1 });
    const cases = await casesByKey(db.pool, 'news-10wd-before');
    expect(Object.keys(cases).sort()).toEqual([`${S}/M-2`, `${S}/M-3`]);
    expect(cases[`${S}/M-2`]).toMatchObject({ status: 'open', last_day: '2024-04-25', event_date: '2024-05-15', subject_kind: 'event_scheduled' });
    expect(Date.parse(cases[`${S}/M-2`]!.due_at)).toBe(Date.parse('2024-04-25T19:00:00Z'));
    expect(cases[`${S}/M-3`]).toMatchObject({ status: 'met_late', closed_at: '2024-04-25T19:01:00.000Z' });
    const audit = await db.pool.oneFirst(sql.type(z.object({ details: z.record(z.unknown()) }))`
      SELECT details FROM audit_events WHERE rule_id = 'news-10wd-before' AND kind = 'case_opened'`);
    expect(audit).toMatchObject({ event: 'event_scheduled', direction: 'before', eventDate: '2024-05-15', lastDay: '2024-04-25' });
  });

  it('an event registered after its "before" deadline is judged at the next sweep', async () => {
    await registerEvent(db.pool, { kind: 'event_scheduled', reference: 'M-4', date: '2024-05-15', enteredAt: '2024-05-02T04:00:00Z' });
    const r = await sweepRule(db.pool, regulation, 'news-10wd-before', '2024-05-02T06:00:00Z');
    expect(r).toMatchObject({ met: 0, opened: 1 });
    expect(Object.keys(await casesByKey(db.pool, 'news-10wd-before')).sort()).toEqual([`${S}/M-2`, `${S}/M-3`, `${S}/M-4`]);
  });

  it('judges the later event ten working days before it (20 June → 5 June)', async () => {
    expect(await sweepRule(db.pool, regulation, 'news-10wd-before', '2024-06-05T18:59:00Z')).toMatchObject({ opened: 0 });
    expect(await sweepRule(db.pool, regulation, 'news-10wd-before', '2024-06-05T19:00:00Z')).toMatchObject({ opened: 1 });
    expect((await casesByKey(db.pool, 'news-10wd-before'))[`${S}/M-9`]).toMatchObject({ last_day: '2024-06-05', event_date: '2024-06-20' });
  });
});
