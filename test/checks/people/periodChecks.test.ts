import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { sql } from 'slonik';
import { z } from 'zod';
import { judgeOutcome } from '../../../src/checks/period/judgeOutcome.js';
import type { PeriodCheck, PeriodCheckInput } from '../../../src/checks/period/periodCheck.js';
import { cardFillRate, ORGANISATION_CARD_FIELDS, STAFF_FILL_RATE_FIELDS } from '../../../src/checks/period/people/cardFillRate.js';
import { esiaAccountsLinked } from '../../../src/checks/period/people/esiaAccountsLinked.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { FIXTURE, insertFixtureRegion } from '../../support/fixtures.js';

// Due at the end of Thursday 5 September 2024, local time (UTC+5).
const DUE = '2024-09-05T19:00:00.000Z';
const LEVELS = [{ name: 'высокий', min: 90 }, { name: 'средний', min: 80 }, { name: 'низкий', min: 0 }];
const EARLY = '2024-08-20T05:00:00.000Z';
const id = z.object({ id: z.number() });

function input(params: Record<string, unknown>, asOf: string, over: Partial<PeriodCheckInput> = {}): PeriodCheckInput {
  return {
    ruleKey: { regulationId: 'test-people', ruleId: 'r' }, region: FIXTURE.region, timezone: 'Asia/Yekaterinburg', params, organisationTypes: ['ООО'], subjectScope: 'organisation',
    period: { id: '2024', start: '2024-01-01', end: '2024-12-31' }, dueAt: DUE, asOf, windowOpensAt: '2024-08-01T00:00:00.000Z', ...over,
  };
}

/** Verdict and level of each organisation, judged at `asOf`. */
async function judge(db: TestDatabase, check: PeriodCheck, params: Record<string, unknown>, asOf: string, over: Partial<PeriodCheckInput> = {}) {
  const outcomes = await check.evaluate(db.pool, input(params, asOf, over));
  return Object.fromEntries(outcomes.map((o) => [o.subject_id, { ...judgeOutcome(o, DUE, asOf, check === cardFillRate ? LEVELS : undefined), o }]));
}

async function insertOrg(db: TestDatabase, orgId: string, stamps: Record<string, string> = {}): Promise<void> {
  await db.pool.query(sql.unsafe`INSERT INTO organisations (id, region, municipality_id, type, name, field_filled_at)
    VALUES (${orgId}, ${FIXTURE.region}, ${FIXTURE.municipality}, 'ООО', ${`Школа ${orgId}`}, ${sql.jsonb(stamps)})`);
}

/** Values of the staff card's columns, for cards filled in a test. */
const STAFF_VALUES: Record<string, string> = {
  last_name: 'Сотрудникова', first_name: 'Мария', birth_date: '1980-01-01', sex: 'Ж', citizenship: 'Российская Федерация', residence_address: 'ул. Ленина, 1',
  registration_address: 'ул. Ленина, 1', home_phone: '+7 3452 00-00-00', personnel_no: '0001', hire_order_no: '1-к', main_position: 'педагог',
  education_level: 'высшее', passport: '1234 567890', snils: '112-233-445 95',
};

/** A staff member; `filled` first fields of STAFF_FILL_RATE_FIELDS are filled at EARLY (the database drops stamps of empty columns). */
async function insertStaff(db: TestDatabase, orgId: string, o: { hire?: string; esia?: string | null; dismissal?: string; filled?: number }): Promise<number> {
  const filled = STAFF_FILL_RATE_FIELDS.slice(0, o.filled ?? 0);
  const columns = filled.filter((f) => f in STAFF_VALUES);
  const hire = o.hire ?? '2020-09-01';
  const stamps = { ...Object.fromEntries(filled.map((f) => [f, EARLY])), ...(o.dismissal ? { dismissal_date: `${o.dismissal}T10:00:00Z` } : {}) };
  return db.pool.oneFirst(sql.type(id)`
    INSERT INTO staff (organisation_id, hire_date, hire_entered_at, dismissal_date, dismissal_entered_at, esia_linked_at, field_filled_at
                       ${columns.length ? sql.fragment`, ${sql.join(columns.map((c) => sql.identifier([c])), sql.fragment`, `)}` : sql.fragment``})
    VALUES (${orgId}, ${hire}, ${`${hire}T05:00:00Z`}, ${o.dismissal ?? null}, ${o.dismissal ? `${o.dismissal}T10:00:00Z` : null}, ${o.esia ?? null},
            ${sql.jsonb(stamps)} ${columns.length ? sql.fragment`, ${sql.join(columns.map((c) => sql.fragment`${STAFF_VALUES[c]!}::text::${sql.identifier([c === 'birth_date' ? 'date' : 'text'])}`), sql.fragment`, `)}` : sql.fragment``})
    RETURNING id`);
}

describe('esia_account_linked as a period check (esia-login-from-2024-07-01)', () => {
  let db: TestDatabase;
  let unlinked: number;
  beforeAll(async () => {
    db = await freshDatabase('people_esia_period');
    await insertFixtureRegion(db.pool);
    for (const o of ['met', 'edge', 'late', 'missed', 'future', 'empty']) await insertOrg(db, o);
    await insertStaff(db, 'met', { esia: EARLY });
    await insertStaff(db, 'met', { esia: '2024-09-01T05:00:00.000Z' });
    // Dismissed before the deadline, or hired after it: not counted.
    await insertStaff(db, 'met', { dismissal: '2024-08-30' });
    await insertStaff(db, 'met', { hire: '2024-09-06' });
    await insertStaff(db, 'edge', { esia: '2024-09-05T18:59:00.000Z' });
    await insertStaff(db, 'late', { esia: EARLY });
    await insertStaff(db, 'late', { esia: '2024-09-05T19:01:00.000Z' });
    await insertStaff(db, 'missed', { esia: EARLY });
    unlinked = await insertStaff(db, 'missed', {});
    await insertStaff(db, 'future', { esia: '2024-09-20T05:00:00.000Z' });
  });
  afterAll(async () => db?.close());

  test('after the deadline: met, met at the last minute, met late, missed, a link recorded after asOf unseen, nothing to link', async () => {
    const v = await judge(db, esiaAccountsLinked, { account: 'staff' }, '2024-09-10T00:00:00.000Z');
    expect(Object.fromEntries(Object.entries(v).map(([k, j]) => [k, j.status]))).toEqual({
      met: 'met', edge: 'met', late: 'met_late', missed: 'missed', future: 'missed', empty: 'met', [FIXTURE.school]: 'met',
    });
    expect(v.met!.o.counts).toEqual({ 'учётных записей': 2, 'привязано к ЕСИА': 2, 'не привязано': 0 });
    expect(v.late!.o.completed_at).toBe('2024-09-05T19:01:00.000Z');
    expect(v.missed!.o.offending).toEqual([String(unlinked)]);
  });

  test('before the deadline: pending where links are missing', async () => {
    const v = await judge(db, esiaAccountsLinked, { account: 'staff' }, '2024-09-05T18:00:00.000Z');
    expect(v.late!.status).toBe('pending');
    expect(v.edge!.status).toBe('pending');
    expect(v.met!.status).toBe('met');
  });

  test('a municipal tier judges the МОУО on all staff of the municipality', async () => {
    await insertOrg(db, 'mouo');
    await db.pool.query(sql.unsafe`UPDATE organisations SET type = 'МОУО' WHERE id = 'mouo'`);
    const v = await judge(db, esiaAccountsLinked, { account: 'staff' }, '2024-09-10T00:00:00.000Z', { subjectScope: 'municipality' });
    expect(Object.keys(v)).toEqual(['mouo']);
    expect(v.mouo!.status).toBe('missed');
    expect(v.mouo!.o.counts['не привязано']).toBe(2);
  });
});

describe('card_fill_rate (Sakhalin monitorings: min 80 %, levels 90/80/0)', () => {
  let db: TestDatabase;
  let halfCard: number;
  const fields = (n: number, at: string) => Object.fromEntries(ORGANISATION_CARD_FIELDS.slice(0, n).map((f) => [f, at]));
  beforeAll(async () => {
    db = await freshDatabase('people_fill_rate');
    await insertFixtureRegion(db.pool);
    await db.pool.query(sql.unsafe`UPDATE organisations SET type = 'ОДО' WHERE id = ${FIXTURE.school}`);
    await insertOrg(db, 'full', fields(10, EARLY));
    await insertOrg(db, 'edge', { ...fields(7, EARLY), [ORGANISATION_CARD_FIELDS[7]!]: '2024-09-05T18:59:00.000Z' });
    await insertOrg(db, 'late', { ...fields(7, EARLY), [ORGANISATION_CARD_FIELDS[7]!]: '2024-09-05T19:01:00.000Z' });
    await insertOrg(db, 'low', fields(5, EARLY));
    await insertOrg(db, 'future', { ...fields(7, EARLY), [ORGANISATION_CARD_FIELDS[7]!]: '2024-09-20T05:00:00.000Z' });
    const full = await insertStaff(db, 'full', { filled: 18 });
    halfCard = await insertStaff(db, 'full', { filled: 9 });
    await db.pool.query(sql.unsafe`INSERT INTO staff_portfolio_entries (staff_id, section, entered_at) VALUES (${full}, 'курсы', ${EARLY})`);
    await db.pool.query(sql.unsafe`INSERT INTO staff_portfolio_entries (staff_id, section, entered_at) VALUES (${halfCard}, 'награды', '2024-09-20T05:00:00Z')`);
  });
  afterAll(async () => db?.close());

  const AFTER = '2024-09-10T00:00:00.000Z';

  test('organisation card: met (высокий), met at the last minute (средний), met late, missed (низкий), a field filled after asOf unseen', async () => {
    const v = await judge(db, cardFillRate, { cards: ['organisation'], min_percent: 80 }, AFTER);
    const seen = Object.fromEntries(Object.entries(v).map(([k, j]) => [k, [j.status, j.level, j.o.metric]]));
    expect(seen).toEqual({
      full: ['met', 'высокий', 100], edge: ['met', 'средний', 80], late: ['met_late', 'средний', 80], low: ['missed', 'низкий', 50], future: ['missed', 'низкий', 70],
    });
    expect(v.late!.o.completed_at).toBe(AFTER);
    expect(v.full!.o.counts).toEqual({ 'карточка образовательной организации, %': 100 });
  });

  test('before the deadline: pending below the threshold, met at or above it', async () => {
    const v = await judge(db, cardFillRate, { cards: ['organisation'], min_percent: 80 }, '2024-09-05T18:00:00.000Z');
    expect(v.late!.status).toBe('pending');
    expect(v.low!.status).toBe('pending');
    expect(v.full!.status).toBe('met');
  });

  test('staff cards: the average over employed staff; the metric is the lowest of the cards; offending are incomplete cards', async () => {
    const v = await judge(db, cardFillRate, { cards: ['organisation', 'staff'], min_percent: 90 }, AFTER);
    expect(v.full!.o.metric).toBe(75);
    expect(v.full!.status).toBe('missed');
    expect(v.full!.o.counts).toEqual({ 'карточка образовательной организации, %': 100, 'карточки сотрудников, %': 75, 'сотрудников': 2 });
    expect(v.full!.o.offending).toEqual([String(halfCard)]);
    // No staff at all: nothing filled.
    expect(v.edge!.o.metric).toBe(0);
  });

  test('staff portfolios: the share of staff with an entry; an entry made after asOf is unseen', async () => {
    const v = await judge(db, cardFillRate, { cards: ['staff_portfolio'], min_percent: 80 }, AFTER);
    expect(v.full!.o.metric).toBe(50);
    expect(v.full!.status).toBe('missed');
    const later = await judge(db, cardFillRate, { cards: ['staff_portfolio'], min_percent: 80 }, '2024-09-21T00:00:00.000Z');
    expect(later.full!.status).toBe('met_late');
    expect(later.full!.o.metric).toBe(100);
  });
});
