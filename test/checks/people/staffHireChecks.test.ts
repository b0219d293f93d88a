import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { sql } from 'slonik';
import { z } from 'zod';
import { esiaAccountLinked } from '../../../src/checks/event/people/esiaAccountLinked.js';
import { staffCardComplete } from '../../../src/checks/event/people/staffCardComplete.js';
import { userAccountRegistered } from '../../../src/checks/event/people/userAccountRegistered.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { FIXTURE, insertFixtureRegion } from '../../support/fixtures.js';
import { runVerdictTable } from './eventScenario.js';

/** Cases are read and closed as of the present, after every fixture was recorded. */
const NOW = new Date().toISOString();

const THREE_WD = { amount: 3, unit: 'working_days', direction: 'after' } as const;
const TEN_DAYS = { amount: 10, unit: 'days', direction: 'after' } as const;

/** A staff member hired on `hireDate` (order «<tag>-к»), with `extra` columns set and `stamps` as field fill times. */
async function insertStaff(db: TestDatabase, tag: string, hireDate: string, enteredAt: string, extra: { snils?: string | null; esia?: string | null; account?: string | null }, stamps: Record<string, string>): Promise<number> {
  return db.pool.oneFirst(sql.type(z.object({ id: z.number() }))`
    INSERT INTO staff (organisation_id, last_name, first_name, snils, hire_date, hire_order_no, hire_entered_at, esia_linked_at, account_registered_at, field_filled_at)
    VALUES (${FIXTURE.school}, ${tag}, 'Ирина', ${extra.snils ?? null}, ${hireDate}, ${`${tag}-к`}, ${enteredAt}, ${extra.esia ?? null}, ${extra.account ?? null},
            ${sql.jsonb({ last_name: enteredAt, first_name: enteredAt, hire_date: enteredAt, hire_order_no: enteredAt, ...stamps })})
    RETURNING id`);
}

describe('staff_card_complete (staff-card-3wd: 3 working days of the hire)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase('people_staff_card');
    await insertFixtureRegion(db.pool);
  });
  afterAll(async () => db?.close());

  test('verdicts at the deadline edge, time travel, idempotence, closing; open cases name the fields', async () => {
    const params = { fields: ['last_name', 'first_name', 'snils', 'user_roles'] };
    // Hired Monday 2 September 2024: 3 working days end with Thursday 5 September, 24:00 local (19:00 UTC).
    await runVerdictTable(db.pool, staffCardComplete, {
      insert: (tag, o) => insertStaff(db, tag, o.eventDate, o.enteredAt, { snils: o.doneAt ? '112-233-445 95' : null },
        o.doneAt ? { snils: o.doneAt, user_roles: o.doneAt } : {}),
      complete: async (id, at) => {
        await db.pool.query(sql.unsafe`UPDATE staff SET snils = '112-233-445 95',
          field_filled_at = field_filled_at || jsonb_build_object('snils', ${at}::text, 'user_roles', ${at}::text) WHERE id = ${id}`);
      },
    }, { ruleId: 'staff-card-3wd', params, term: THREE_WD, eventDate: '2024-09-02', dueAt: '2024-09-05T19:00:00.000Z', subjectKind: 'staff_hire' });

    const open = await staffCardComplete.openCases(db.pool, { regulationId: 'test-people', ruleId: 'staff-card-3wd' }, params, NOW);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      organisation_id: FIXTURE.school, organisation_name: 'МБОУ «Тестовая СОШ № 1»', municipality_id: FIXTURE.municipality,
      event_date: '2024-09-02', last_day: '2024-09-05',
      subject_label: 'Приказ о приёме на работу № Запоздалый-к от 02.09.2024',
      person_name: 'Запоздалый Ирина',
      missing: ['СНИЛС', 'функции пользователя'],
    });
  });
});

describe('esia_account_linked, account: staff (staff-esia-10d: 10 days of the hire)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase('people_staff_esia');
    await insertFixtureRegion(db.pool);
  });
  afterAll(async () => db?.close());

  test('verdicts at the deadline edge, time travel, idempotence, closing', async () => {
    const params = { account: 'staff' };
    // 10 calendar days from Monday 2 September 2024: Thursday 12 September, 24:00 local.
    await runVerdictTable(db.pool, esiaAccountLinked, {
      insert: (tag, o) => insertStaff(db, tag, o.eventDate, o.enteredAt, { esia: o.doneAt }, {}),
      complete: async (id, at) => {
        await db.pool.query(sql.unsafe`UPDATE staff SET esia_linked_at = ${at} WHERE id = ${id}`);
      },
    }, { ruleId: 'staff-esia-10d', params, term: TEN_DAYS, eventDate: '2024-09-02', dueAt: '2024-09-12T19:00:00.000Z', subjectKind: 'staff_hire' });
    const open = await esiaAccountLinked.openCases(db.pool, { regulationId: 'test-people', ruleId: 'staff-esia-10d' }, params, NOW);
    expect(open.map((c) => [c.subject_label, c.person_name, c.missing])).toEqual([
      ['Приказ о приёме на работу № Запоздалый-к от 02.09.2024', 'Запоздалый Ирина', ['учётная запись сотрудника не переведена на вход через ЕСИА']],
    ]);
  });
});

describe('user_account_registered, accounts: [staff] (staff-account-10d)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase('people_staff_account');
    await insertFixtureRegion(db.pool);
  });
  afterAll(async () => db?.close());

  test('verdicts at the deadline edge, time travel, idempotence, closing', async () => {
    const params = { accounts: ['staff'] };
    await runVerdictTable(db.pool, userAccountRegistered, {
      insert: (tag, o) => insertStaff(db, tag, o.eventDate, o.enteredAt, { account: o.doneAt }, {}),
      complete: async (id, at) => {
        await db.pool.query(sql.unsafe`UPDATE staff SET account_registered_at = ${at} WHERE id = ${id}`);
      },
    }, { ruleId: 'staff-account-10d', params, term: TEN_DAYS, eventDate: '2024-09-02', dueAt: '2024-09-12T19:00:00.000Z', subjectKind: 'staff_hire' });
    const open = await userAccountRegistered.openCases(db.pool, { regulationId: 'test-people', ruleId: 'staff-account-10d' }, params, NOW);
    expect(open.map((c) => [c.subject_label, c.missing])).toEqual([
      ['Приказ о приёме на работу № Запоздалый-к от 02.09.2024', ['учётная запись не создана (логин и временный пароль не выданы)']],
    ]);
  });
});
