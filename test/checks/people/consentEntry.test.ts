import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { runner } from 'node-pg-migrate';
import { sql, type DatabasePool } from 'slonik';
import { z } from 'zod';
import { userAccountRegistered } from '../../../src/checks/event/people/userAccountRegistered.js';
import { migrate } from '../../../src/db/migrate.js';
import { openPool } from '../../../src/db/pool.js';
import { ensureDatabase } from '../../../src/infra/embeddedPostgres.js';
import { projectRoot } from '../../../src/paths.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { FIXTURE, insertFixtureRegion } from '../../support/fixtures.js';
import { casesOf, sweepOnce } from './eventScenario.js';

// `consent_entered_at` of students and parents (migration 1732900000001_consent-entry): when a
// consent became known, kept by a trigger after the field fill stamps, and backfilled in place.

const id = z.object({ id: z.number() });
/** A stamp or timestamp as a UTC ISO string (a jsonb stamp is written in the session's zone). */
const utc = (at: string | null | undefined) => (at ? new Date(at).toISOString() : at);
const entryRow = z.object({ consent_entered_at: z.string().nullable(), field_filled_at: z.record(z.string()), updated_at: z.string() });

/** The entry column, the fill stamps and `updated_at` of one row of `table`. */
async function entryOf(pool: DatabasePool, table: 'students' | 'parents', rowId: number) {
  return pool.one(sql.type(entryRow)`
    SELECT consent_entered_at, field_filled_at, updated_at FROM ${sql.identifier([table])} WHERE id = ${rowId}`);
}

/** A card of `table` written at `at` (its `updated_at`, hence its fill stamps), with `consent_at` if given. */
async function insertCard(pool: DatabasePool, table: 'students' | 'parents', at: string, consentAt: string | null): Promise<number> {
  if (table === 'students') {
    return pool.oneFirst(sql.type(id)`
      INSERT INTO students (organisation_id, last_name, first_name, consent_at, created_at, updated_at)
      VALUES (${FIXTURE.school}, 'Согласнов', 'Пётр', ${consentAt}, ${at}, ${at}) RETURNING id`);
  }
  const student = await insertCard(pool, 'students', at, null);
  return pool.oneFirst(sql.type(id)`
    INSERT INTO parents (student_id, parent_no, last_name, first_name, consent_at, created_at, updated_at)
    VALUES (${student}, 1, 'Согласнова', 'Анна', ${consentAt}, ${at}, ${at}) RETURNING id`);
}

describe.each(['students', 'parents'] as const)('%s.consent_entered_at', (table) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase(`consent_entry_${table}`);
    await insertFixtureRegion(db.pool);
  });
  afterAll(async () => db?.close());

  const update = (rowId: number, set: ReturnType<typeof sql.fragment>) =>
    db.pool.query(sql.unsafe`UPDATE ${sql.identifier([table])} SET ${set} WHERE id = ${rowId}`);

  test('set on insert: the later of the consent and its stamp, so the stamp trigger has fired first', async () => {
    // Recorded a week after it was given: entered when recorded.
    const recorded = await insertCard(db.pool, table, '2024-09-09T05:00:00.000Z', '2024-09-02T05:00:00.000Z');
    const row = await entryOf(db.pool, table, recorded);
    expect([row.consent_entered_at, utc(row.field_filled_at.consent_at)]).toEqual(['2024-09-09T05:00:00.000Z', '2024-09-09T05:00:00.000Z']);
    // Dated after the moment it was recorded: not known before its own instant.
    const ahead = await insertCard(db.pool, table, '2024-09-02T05:00:00.000Z', '2024-09-03T05:00:00.000Z');
    expect((await entryOf(db.pool, table, ahead)).consent_entered_at).toBe('2024-09-03T05:00:00.000Z');
    // An import that brings its own stamp is entered at that stamp.
    const imported = await db.pool.oneFirst(sql.type(id)`
      UPDATE ${sql.identifier([table])} SET field_filled_at = field_filled_at || '{"consent_at": "2024-09-04T05:00:00+00:00"}'::jsonb
      WHERE id = ${recorded} RETURNING id`);
    expect((await entryOf(db.pool, table, imported)).consent_entered_at).toBe('2024-09-04T05:00:00.000Z');
  });

  test('NULL without a consent; set when the consent is recorded later, at that update\'s stamp', async () => {
    const card = await insertCard(db.pool, table, '2024-09-01T05:00:00.000Z', null);
    expect((await entryOf(db.pool, table, card)).consent_entered_at).toBeNull();
    await update(card, sql.fragment`consent_at = '2024-09-02T05:00:00Z', updated_at = '2024-09-20T05:00:00Z'`);
    const after = await entryOf(db.pool, table, card);
    expect(after.consent_entered_at).toBe('2024-09-20T05:00:00.000Z');
    expect(utc(after.field_filled_at.consent_at)).toBe('2024-09-20T05:00:00.000Z');
  });

  test('unchanged by unrelated card updates, and never stamped as a card field itself', async () => {
    const card = await insertCard(db.pool, table, '2024-09-09T05:00:00.000Z', '2024-09-02T05:00:00.000Z');
    await update(card, sql.fragment`middle_name = 'Иванович', updated_at = '2024-10-01T05:00:00Z'`);
    await update(card, sql.fragment`last_name = 'Согласнов-Иванов', updated_at = '2024-10-02T05:00:00Z'`);
    const after = await entryOf(db.pool, table, card);
    expect(after.consent_entered_at).toBe('2024-09-09T05:00:00.000Z');
    expect(utc(after.field_filled_at.middle_name)).toBe('2024-10-01T05:00:00.000Z');
    expect(Object.keys(after.field_filled_at)).not.toContain('consent_entered_at');
    // A direct write is overridden by what the stamps say.
    await update(card, sql.fragment`consent_entered_at = '2030-01-01T00:00:00Z'`);
    expect((await entryOf(db.pool, table, card)).consent_entered_at).toBe('2024-09-09T05:00:00.000Z');
  });

  test('a corrected consent keeps its first stamp; a cleared one is NULL, and entered again when re-recorded', async () => {
    const card = await insertCard(db.pool, table, '2024-09-09T05:00:00.000Z', '2024-09-02T05:00:00.000Z');
    // Corrected to a later instant: still first recorded on 9 September, known from the later of the two.
    await update(card, sql.fragment`consent_at = '2024-09-12T05:00:00Z', updated_at = '2024-10-01T05:00:00Z'`);
    expect((await entryOf(db.pool, table, card)).consent_entered_at).toBe('2024-09-12T05:00:00.000Z');
    await update(card, sql.fragment`consent_at = NULL, updated_at = '2024-10-02T05:00:00Z'`);
    const cleared = await entryOf(db.pool, table, card);
    expect(cleared.consent_entered_at).toBeNull();
    expect(Object.keys(cleared.field_filled_at)).not.toContain('consent_at');
    await update(card, sql.fragment`consent_at = '2024-09-02T05:00:00Z', updated_at = '2024-10-03T05:00:00Z'`);
    expect((await entryOf(db.pool, table, card)).consent_entered_at).toBe('2024-10-03T05:00:00.000Z');
  });
});

describe('migration 1732900000001_consent-entry on existing cards', () => {
  let pool: DatabasePool;
  const before = z.object({ id: z.number(), t: z.string(), field_filled_at: z.record(z.string()), updated_at: z.string() });
  let rows: readonly z.infer<typeof before>[];
  let ran: string[];
  beforeAll(async () => {
    const admin = process.env.REGLAMENT_TEST_ADMIN_URL!;
    const name = `t_consent_backfill_${randomBytes(4).toString('hex')}`;
    await ensureDatabase(admin, name);
    const url = admin.replace(/\/[^/?]+(\?|$)/, `/${name}$1`);
    // The schema just before this migration, with cards written under it.
    await runner({ databaseUrl: url, dir: join(projectRoot(), 'migrations'), direction: 'up', migrationsTable: 'pgmigrations', count: 1732900000000, timestamp: true, log: () => {}, verbose: false });
    pool = await openPool(url);
    await insertFixtureRegion(pool);
    await insertCard(pool, 'students', '2024-09-09T05:00:00.000Z', '2024-09-02T05:00:00.000Z');
    await insertCard(pool, 'parents', '2024-09-02T05:00:00.000Z', '2024-09-03T05:00:00.000Z');
    await insertCard(pool, 'students', '2024-09-01T05:00:00.000Z', null);
    // A card written past the stamp trigger (a consent and a phone without stamps): an UPDATE
    // would stamp both, at the card's `updated_at`.
    await pool.query(sql.unsafe`ALTER TABLE students DISABLE TRIGGER students_stamp_field_fill`);
    await pool.query(sql.unsafe`INSERT INTO students (organisation_id, last_name, consent_at, home_phone, field_filled_at, updated_at)
      VALUES (${FIXTURE.school}, 'Безметкин', '2024-09-05T05:00:00Z', '+7 900 000-00-00', '{"last_name": "2024-09-01T05:00:00+00:00"}', '2024-11-01T05:00:00Z')`);
    await pool.query(sql.unsafe`ALTER TABLE students ENABLE TRIGGER students_stamp_field_fill`);
    rows = await pool.any(sql.type(before)`
      SELECT id, 's' AS t, field_filled_at, updated_at FROM students UNION ALL SELECT id, 'p', field_filled_at, updated_at FROM parents ORDER BY t, id`);
    ran = await migrate(url);
  });
  afterAll(async () => pool?.end());

  test('backfills the entry from the stamps without touching the stamps or updated_at', async () => {
    expect(ran).toContain('1732900000001_consent-entry');
    const after = await pool.any(sql.type(before.extend({ consent_entered_at: z.string().nullable() }))`
      SELECT id, 's' AS t, field_filled_at, updated_at, consent_entered_at FROM students
      UNION ALL SELECT id, 'p', field_filled_at, updated_at, consent_entered_at FROM parents ORDER BY t, id`);
    expect(after.map(({ consent_entered_at: _, ...r }) => r)).toEqual(rows);
    expect(after.map((r) => [r.t, r.consent_entered_at])).toEqual([
      ['p', '2024-09-03T05:00:00.000Z'],
      ['s', '2024-09-09T05:00:00.000Z'],
      ['s', null], // the parent's student
      ['s', null],
      ['s', '2024-09-05T05:00:00.000Z'], // no stamp: the consent's own instant
    ]);
  });

  test('the trigger runs after it', async () => {
    const card = await insertCard(pool, 'students', '2024-09-10T05:00:00.000Z', '2024-09-02T05:00:00.000Z');
    expect((await entryOf(pool, 'students', card)).consent_entered_at).toBe('2024-09-10T05:00:00.000Z');
  });
});

describe('user_account_registered: a consent recorded late is judged from its entry', () => {
  let db: TestDatabase;
  const params = { accounts: ['student', 'parent'] };
  const ruleId = 'learner-parent-account-10d';
  const TEN_DAYS = { amount: 10, unit: 'days', direction: 'after' } as const;
  beforeAll(async () => {
    db = await freshDatabase('consent_entry_check');
    await insertFixtureRegion(db.pool);
  });
  afterAll(async () => db?.close());

  test('unseen until recorded, then found by the next sweep with the deadline of its own date', async () => {
    // Consents given at 10:00 local on 2 September 2024: 10 days end with 12 September, 24:00 local.
    const given = '2024-09-02T05:00:00Z';
    const onTime = await insertCard(db.pool, 'students', '2024-09-02T06:00:00.000Z', given);
    // Recorded on 20 September, the first without an account, the second with one registered on 15 September.
    const late = await insertCard(db.pool, 'students', '2024-09-01T05:00:00.000Z', null);
    const lateDone = await insertCard(db.pool, 'parents', '2024-09-01T05:00:00.000Z', null);
    await db.pool.query(sql.unsafe`UPDATE students SET consent_at = ${given}, updated_at = '2024-09-20T05:00:00Z' WHERE id = ${late}`);
    await db.pool.query(sql.unsafe`UPDATE parents SET consent_at = ${given}, account_registered_at = '2024-09-15T05:00:00Z',
      updated_at = '2024-09-20T05:00:00Z' WHERE id = ${lateDone}`);

    const base = { ruleId, params, term: TEN_DAYS };
    const first = await sweepOnce(db.pool, userAccountRegistered, { ...base, watermark: '2024-09-02T00:00:00.000Z', asOf: '2024-09-14T00:00:00.000Z' });
    expect(first).toMatchObject({ dates: ['2024-09-02'], met: 0, met_late: 0, opened: 1 });
    expect((await casesOf(db.pool, ruleId)).map((c) => Number(c.subject_id))).toEqual([onTime]);
    // Before they were recorded, a later sweep still sees nothing of them.
    expect(await sweepOnce(db.pool, userAccountRegistered, { ...base, watermark: '2024-09-14T00:00:00.000Z', asOf: '2024-09-19T00:00:00.000Z' }))
      .toMatchObject({ met: 0, met_late: 0, opened: 0 });
    const next = await sweepOnce(db.pool, userAccountRegistered, { ...base, watermark: '2024-09-19T00:00:00.000Z', asOf: '2024-09-21T00:00:00.000Z' });
    expect(next).toMatchObject({ dates: ['2024-09-02'], met: 0, met_late: 1, opened: 1 });
    const cases = (await casesOf(db.pool, ruleId)).map((c) => [c.subject_kind, Number(c.subject_id), c.status, c.closed_at, c.due_at]);
    expect(cases.sort()).toEqual([
      ['parent_consent', lateDone, 'met_late', '2024-09-15T05:00:00.000Z', '2024-09-12T19:00:00.000Z'],
      ['student_consent', onTime, 'open', null, '2024-09-12T19:00:00.000Z'],
      ['student_consent', late, 'open', null, '2024-09-12T19:00:00.000Z'],
    ].sort());
  });
});
