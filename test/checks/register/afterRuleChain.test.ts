import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'slonik';
import type { CompiledRegulation } from '../../../src/regulation/model.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { FIXTURE } from '../../support/fixtures.js';
import { capturingMailer, casesByKey, confirmAt, insertRegisterRegion, MOUO, OPERATOR, registerEvent, registerRegulation, sweepRule } from './support.js';

let db: TestDatabase;
let regulation: CompiledRegulation;
const S = FIXTURE.school;

beforeAll(async () => {
  db = await freshDatabase('register_chain');
  regulation = registerRegulation();
  await insertRegisterRegion(db.pool);
  // The school got its licence on Monday 2 September 2024 and filed its request on Thursday 5 September.
  await registerEvent(db.pool, { kind: 'licence', reference: 'LIC-1', date: '2024-09-02', enteredAt: '2024-09-02T06:00:00Z' });
  await confirmAt(db.pool, 'request-10d', 'LIC-1', '2024-09-05T06:00:00Z');
});
afterAll(async () => {
  await db?.close();
});

describe('after_rule: a chain of manual rules across organisations (Asia/Yekaterinburg, UTC+5)', () => {
  it('the first step met on time opens no case', async () => {
    const r = await sweepRule(db.pool, regulation, 'request-10d', '2024-09-13T06:00:00Z');
    expect(r).toMatchObject({ met: 1, opened: 0 });
  });

  it('the operator answers for a school\'s request: 5 days from the day it was confirmed, keyed by school and reference', async () => {
    expect(await sweepRule(db.pool, regulation, 'register-5d', '2024-09-10T18:59:00Z')).toMatchObject({ opened: 0 });
    const r = await sweepRule(db.pool, regulation, 'register-5d', '2024-09-10T19:01:00Z', capturingMailer());
    expect(r).toMatchObject({ met: 0, opened: 1 });
    const cases = await casesByKey(db.pool, 'register-5d');
    expect(Object.keys(cases)).toEqual([`${OPERATOR}/${S}:LIC-1`]);
    expect(cases[`${OPERATOR}/${S}:LIC-1`]).toMatchObject({ status: 'open', subject_kind: 'rule_fulfilment', event_date: '2024-09-05', last_day: '2024-09-10' });
  });

  it('the operator\'s late confirmation closes its case and starts the school\'s next step from that day', async () => {
    await confirmAt(db.pool, 'register-5d', `${S}:LIC-1`, '2024-09-12T04:00:00Z', OPERATOR);
    expect(await sweepRule(db.pool, regulation, 'register-5d', '2024-09-12T10:00:00Z')).toMatchObject({ closedLate: 1, open: 0 });
    expect((await casesByKey(db.pool, 'register-5d'))[`${OPERATOR}/${S}:LIC-1`]).toMatchObject({ status: 'met_late', closed_at: '2024-09-12T04:00:00.000Z' });

    // The agreement is due 5 days after 12 September: 24:00 local of 17 September.
    expect(await sweepRule(db.pool, regulation, 'agreement-5d', '2024-09-17T18:59:00Z')).toMatchObject({ opened: 0 });
    expect(await sweepRule(db.pool, regulation, 'agreement-5d', '2024-09-17T19:00:00Z')).toMatchObject({ opened: 1 });
    const cases = await casesByKey(db.pool, 'agreement-5d');
    expect(cases[`${S}/LIC-1`]).toMatchObject({ status: 'open', event_date: '2024-09-12', last_day: '2024-09-17' });
  });

  it('a step in the school\'s own scope stays with the school (not its МОУО): 30 days ending on a Saturday move to Monday', async () => {
    // 5 September + 30 days = Saturday 5 October → Monday 7 October.
    expect(await sweepRule(db.pool, regulation, 'local-acts-30d', '2024-10-07T18:59:00Z')).toMatchObject({ opened: 0 });
    expect(await sweepRule(db.pool, regulation, 'local-acts-30d', '2024-10-07T19:00:00Z')).toMatchObject({ opened: 1 });
    const cases = await casesByKey(db.pool, 'local-acts-30d');
    expect(Object.keys(cases)).toEqual([`${S}/LIC-1`]);
    expect(Object.keys(cases).some((k) => k.startsWith(MOUO))).toBe(false);
  });

  it('a predecessor\'s case closed without a confirmation is an event too, dated by its closing', async () => {
    await registerEvent(db.pool, { kind: 'licence', reference: 'LIC-2', date: '2024-09-20', enteredAt: '2024-09-20T06:00:00Z' });
    // Closed at 02:00 local on 3 October (21:00 UTC on 2 October): the local date is what counts.
    await db.pool.query(sql.unsafe`INSERT INTO obligation_cases (regulation_id, rule_id, period_id, subject_kind, subject_id, organisation_id, municipality_id,
        event_date, due_at, last_day, status, detected_at, closed_at, version_hash)
      VALUES ('test-register', 'request-10d', 'LIC-2', 'licence', ${S}, ${S}, ${FIXTURE.municipality}, '2024-09-20', '2024-09-30T19:00:00Z', '2024-09-30',
        'met_late', '2024-10-01T05:00:00Z', '2024-10-02T21:00:00Z', 'test')`);
    // 3 October + 5 days = 8 October.
    expect(await sweepRule(db.pool, regulation, 'register-5d', '2024-10-08T18:59:00Z')).toMatchObject({ opened: 0 });
    expect(await sweepRule(db.pool, regulation, 'register-5d', '2024-10-08T19:00:00Z')).toMatchObject({ opened: 1 });
    expect((await casesByKey(db.pool, 'register-5d'))[`${OPERATOR}/${S}:LIC-2`]).toMatchObject({ status: 'open', event_date: '2024-10-03', last_day: '2024-10-08' });
  });

  it('a fulfilment recorded after the sweep\'s moment is not an event yet', async () => {
    await confirmAt(db.pool, 'request-10d', 'LIC-3', '2024-11-01T05:00:00Z');
    await registerEvent(db.pool, { kind: 'licence', reference: 'LIC-3', date: '2024-10-28', enteredAt: '2024-10-28T06:00:00Z' });
    // A simulated sweep of an earlier moment sees nothing of LIC-3, even though the rows exist now.
    expect(await sweepRule(db.pool, regulation, 'register-5d', '2024-10-31T19:00:00Z')).toMatchObject({ opened: 0, met: 0 });
    expect(await sweepRule(db.pool, regulation, 'register-5d', '2024-11-06T19:00:00Z')).toMatchObject({ opened: 1 });
  });
});
