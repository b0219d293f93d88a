import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { sql } from 'slonik';
import { z } from 'zod';
import { esiaAccountLinked } from '../../../src/checks/event/people/esiaAccountLinked.js';
import { parentCardComplete } from '../../../src/checks/event/people/parentCardComplete.js';
import { staffDismissalEntered } from '../../../src/checks/event/people/staffDismissalEntered.js';
import { userAccountRegistered } from '../../../src/checks/event/people/userAccountRegistered.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { FIXTURE, insertFixtureRegion } from '../../support/fixtures.js';
import { runVerdictTable, sweepOnce } from './eventScenario.js';

/** Cases are read and closed as of the present, after every fixture was recorded. */
const NOW = new Date().toISOString();

const THREE_WD = { amount: 3, unit: 'working_days', direction: 'after' } as const;
const TEN_DAYS = { amount: 10, unit: 'days', direction: 'after' } as const;
const SAME_DAY = { amount: 0, unit: 'days', direction: 'after' } as const;
const id = z.object({ id: z.number() });

/** A student enrolled by order «<tag>-з» of `orderDate`, entered at `enteredAt`; returns the student and order ids. */
async function insertEnrolled(db: TestDatabase, tag: string, orderDate: string, enteredAt: string, consent?: { at: string; recordedAt: string; account: string | null }): Promise<{ student: number; order: number }> {
  const student = await db.pool.oneFirst(sql.type(id)`
    INSERT INTO students (organisation_id, last_name, first_name, consent_at, account_registered_at, field_filled_at)
    VALUES (${FIXTURE.school}, ${tag}, 'Пётр', ${consent?.at ?? null}, ${consent?.account ?? null},
            ${sql.jsonb({ last_name: enteredAt, first_name: enteredAt, ...(consent ? { consent_at: consent.recordedAt } : {}) })})
    RETURNING id`);
  const order = await db.pool.oneFirst(sql.type(id)`
    INSERT INTO movement_orders (organisation_id, student_id, kind, number, order_date, entered_at)
    VALUES (${FIXTURE.school}, ${student}, 'enrollment', ${`${tag}-з`}, ${orderDate}, ${enteredAt}) RETURNING id`);
  return { student, order };
}

/** A parent card of `student`, created at `createdAt`; `phoneAt` fills the phone, the rest as given. */
async function insertParent(db: TestDatabase, student: number, createdAt: string, o: { no?: number; phoneAt?: string | null; esia?: string | null; consent?: { at: string; recordedAt: string; account: string | null } }): Promise<number> {
  return db.pool.oneFirst(sql.type(id)`
    INSERT INTO parents (student_id, parent_no, last_name, first_name, phone, esia_linked_at, consent_at, account_registered_at, created_at, field_filled_at)
    VALUES (${student}, ${o.no ?? 1}, 'Родителев', 'Олег', ${o.phoneAt ? '+7 900 000-00-00' : null}, ${o.esia ?? null}, ${o.consent?.at ?? null},
            ${o.consent?.account ?? null}, ${createdAt},
            ${sql.jsonb({ last_name: createdAt, first_name: createdAt, ...(o.phoneAt ? { phone: o.phoneAt } : {}), ...(o.consent ? { consent_at: o.consent.recordedAt } : {}) })})
    RETURNING id`);
}

describe('parent_card_complete (parent-card-3wd: 3 working days of the enrollment order)', () => {
  let db: TestDatabase;
  const params = { fields: ['last_name', 'first_name', 'phone'] };
  const ruleKey = { regulationId: 'test-people', ruleId: 'parent-card-3wd' };
  beforeAll(async () => {
    db = await freshDatabase('people_parent_card');
    await insertFixtureRegion(db.pool);
  });
  afterAll(async () => db?.close());

  test('verdicts at the deadline edge, time travel, idempotence, closing', async () => {
    const orders = new Map<number, number>();
    await runVerdictTable(db.pool, parentCardComplete, {
      insert: async (tag, o) => {
        const { student, order } = await insertEnrolled(db, tag, o.eventDate, o.enteredAt);
        await insertParent(db, student, o.enteredAt, { phoneAt: o.doneAt });
        orders.set(order, student);
        return order;
      },
      complete: async (order, at) => {
        await db.pool.query(sql.unsafe`UPDATE parents SET phone = '+7 900 000-00-01',
          field_filled_at = field_filled_at || jsonb_build_object('phone', ${at}::text) WHERE student_id = ${orders.get(order)!}`);
      },
    }, { ruleId: ruleKey.ruleId, params, term: THREE_WD, eventDate: '2024-09-02', dueAt: '2024-09-05T19:00:00.000Z', subjectKind: 'enrollment_order' });
  });

  test('a student without a parent card, or with an incomplete second parent, is not done; parents created after asOf are unseen', async () => {
    // Order of Tuesday 1 October 2024: due at the end of Friday 4 October local (19:00 UTC).
    const entered = '2024-10-01T05:00:00.000Z';
    const none = await insertEnrolled(db, 'Безродительский', '2024-10-01', entered);
    const two = await insertEnrolled(db, 'Двухродительский', '2024-10-01', entered);
    await insertParent(db, two.student, entered, { no: 1, phoneAt: entered });
    await insertParent(db, two.student, entered, { no: 2, phoneAt: null });
    const later = await insertEnrolled(db, 'Поздний', '2024-10-01', entered);
    await insertParent(db, later.student, '2024-10-20T05:00:00.000Z', { phoneAt: '2024-10-20T05:00:00.000Z' });
    const r = await sweepOnce(db.pool, parentCardComplete, { ruleId: ruleKey.ruleId, params, term: THREE_WD, watermark: '2024-09-20T00:00:00.000Z', asOf: '2024-10-10T00:00:00.000Z' });
    expect(r).toMatchObject({ met: 0, met_late: 0, opened: 3 });
    const open = await parentCardComplete.openCases(db.pool, ruleKey, params, NOW);
    const byLabel = Object.fromEntries(open.map((c) => [c.subject_label, c]));
    expect(byLabel['Приказ о зачислении № Безродительский-з от 01.10.2024']).toMatchObject({
      person_name: 'Безродительский Пётр', missing: ['карточка родителя (законного представителя) не внесена'], last_day: '2024-10-04',
    });
    expect(byLabel['Приказ о зачислении № Двухродительский-з от 01.10.2024']!.missing).toEqual(['родитель 2: телефон для связи']);
    // As of now, the late parent's complete card closes its case.
    expect(await parentCardComplete.closeCompleted(db.pool, ruleKey, params, NOW)).toHaveLength(1);
    expect(none.order).toBeGreaterThan(0);
  });
});

describe('esia_account_linked, account: parent (parent-esia-10d: 10 days of the enrollment order)', () => {
  let db: TestDatabase;
  const params = { account: 'parent' };
  beforeAll(async () => {
    db = await freshDatabase('people_parent_esia');
    await insertFixtureRegion(db.pool);
  });
  afterAll(async () => db?.close());

  test('verdicts at the deadline edge, time travel, idempotence, closing', async () => {
    const orders = new Map<number, number>();
    await runVerdictTable(db.pool, esiaAccountLinked, {
      insert: async (tag, o) => {
        const { student, order } = await insertEnrolled(db, tag, o.eventDate, o.enteredAt);
        await insertParent(db, student, o.enteredAt, { phoneAt: o.enteredAt, esia: o.doneAt });
        orders.set(order, student);
        return order;
      },
      complete: async (order, at) => {
        await db.pool.query(sql.unsafe`UPDATE parents SET esia_linked_at = ${at} WHERE student_id = ${orders.get(order)!}`);
      },
    }, { ruleId: 'parent-esia-10d', params, term: TEN_DAYS, eventDate: '2024-09-02', dueAt: '2024-09-12T19:00:00.000Z', subjectKind: 'enrollment_order' });
    const open = await esiaAccountLinked.openCases(db.pool, { regulationId: 'test-people', ruleId: 'parent-esia-10d' }, params, NOW);
    expect(open.map((c) => [c.subject_label, c.person_name, c.missing])).toEqual([
      ['Приказ о зачислении № Запоздалый-з от 02.09.2024', 'Запоздалый Пётр', ['учётная запись родителя 1 не переведена на вход через ЕСИА']],
    ]);
  });
});

describe('user_account_registered, accounts: [student, parent] (learner-parent-account-10d: 10 days of the consent)', () => {
  let db: TestDatabase;
  const params = { accounts: ['student', 'parent'] };
  beforeEach(async () => {
    db = await freshDatabase('people_consent_account');
    await insertFixtureRegion(db.pool);
  });
  afterEach(async () => db?.close());

  test('students: verdicts at the deadline edge, time travel, idempotence, closing', async () => {
    // A consent given at 10:00 local on 2 September 2024: 10 days end with 12 September, 24:00 local.
    await runVerdictTable(db.pool, userAccountRegistered, {
      insert: async (tag, o) => (await insertEnrolled(db, tag, o.eventDate, o.enteredAt, { at: `${o.eventDate}T05:00:00.000Z`, recordedAt: o.enteredAt, account: o.doneAt })).student,
      complete: async (student, at) => {
        await db.pool.query(sql.unsafe`UPDATE students SET account_registered_at = ${at} WHERE id = ${student}`);
      },
    }, { ruleId: 'learner-parent-account-10d', params, term: TEN_DAYS, eventDate: '2024-09-02', dueAt: '2024-09-12T19:00:00.000Z', subjectKind: 'student_consent' });
  });

  test('parents: verdicts at the deadline edge, time travel, idempotence, closing; the consent date is local', async () => {
    await runVerdictTable(db.pool, userAccountRegistered, {
      insert: async (tag, o) => {
        const { student } = await insertEnrolled(db, tag, o.eventDate, o.enteredAt);
        // 20:00 UTC on 1 September is 01:00 local on 2 September: the consent's local date is the event date.
        return insertParent(db, student, o.enteredAt, { consent: { at: '2024-09-01T20:00:00.000Z', recordedAt: o.enteredAt, account: o.doneAt } });
      },
      complete: async (parent, at) => {
        await db.pool.query(sql.unsafe`UPDATE parents SET account_registered_at = ${at} WHERE id = ${parent}`);
      },
    }, { ruleId: 'learner-parent-account-10d', params, term: TEN_DAYS, eventDate: '2024-09-02', dueAt: '2024-09-12T19:00:00.000Z', subjectKind: 'parent_consent' });
    const open = await userAccountRegistered.openCases(db.pool, { regulationId: 'test-people', ruleId: 'learner-parent-account-10d' }, params, NOW);
    expect(open.map((c) => [c.subject_label, c.person_name])).toEqual([
      ['Согласие родителя (законного представителя) на обработку персональных данных от 02.09.2024', 'Родителев Олег'],
    ]);
  });
});

describe('staff_dismissal_entered (staff-dismissal-3wd: «Уволить» on the last working day)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase('people_dismissal');
    await insertFixtureRegion(db.pool);
  });
  afterAll(async () => db?.close());

  test('verdicts at the deadline edge, time travel, idempotence, closing', async () => {
    // Last working day Monday 2 September 2024: due at its end, 24:00 local (19:00 UTC).
    await runVerdictTable(db.pool, staffDismissalEntered, {
      insert: (tag, o) => {
        const known = o.doneAt && o.doneAt < o.enteredAt ? o.doneAt : o.enteredAt;
        return db.pool.oneFirst(sql.type(id)`
          INSERT INTO staff (organisation_id, last_name, first_name, hire_date, hire_entered_at, dismissal_date, dismissal_entered_at, field_filled_at)
          VALUES (${FIXTURE.school}, ${tag}, 'Анна', '2020-09-01', '2020-09-01T05:00:00Z', ${o.eventDate}, ${o.doneAt},
                  ${sql.jsonb({ last_name: '2020-09-01T05:00:00Z', dismissal_date: known })}) RETURNING id`);
      },
      complete: async (staffId, at) => {
        await db.pool.query(sql.unsafe`UPDATE staff SET dismissal_entered_at = ${at} WHERE id = ${staffId}`);
      },
    }, { ruleId: 'staff-dismissal-3wd', params: {}, term: SAME_DAY, eventDate: '2024-09-02', dueAt: '2024-09-02T19:00:00.000Z', subjectKind: 'staff_dismissal' });
    const open = await staffDismissalEntered.openCases(db.pool, { regulationId: 'test-people', ruleId: 'staff-dismissal-3wd' }, {}, NOW);
    expect(open.map((c) => [c.subject_label, c.person_name, c.missing])).toEqual([
      ['Увольнение сотрудника, последний трудовой день 02.09.2024', 'Запоздалый Анна', ['увольнение не оформлено в системе (не нажата кнопка «Уволить»)']],
    ]);
  });
});
