import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { sql, type CommonQueryMethods, type DatabasePool } from 'slonik';
import { z } from 'zod';
import { pupilsOnRoll } from '../../src/checks/period/journals/pupilsOnRoll.js';
import { chance, int, pickOne, rngFor, type Rng } from '../../src/data/seed/prng.js';
import { localDateOf } from '../../src/plan/localDay.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';

// The stored roll counts (migration `roll-counts`, read by `pupilsOnRoll`) against the count they
// replace, on real PostgreSQL, after every write of a scripted and of a random sequence.

const ORGS = ['rc-a', 'rc-b', 'rc-c', 'rc-d'];

/**
 * Creation instants shared by many students (ties), around UTC and local midnights of the zones
 * below, over three weeks.
 */
const INSTANTS = [
  '2024-08-20T00:00:00.000Z', '2024-08-26T09:15:00.000Z', '2024-08-31T19:00:00.000Z', '2024-08-31T23:59:59.999Z',
  '2024-09-01T00:00:00.000Z', '2024-09-01T03:30:00.000Z', '2024-09-01T12:00:00.000Z', '2024-09-02T11:59:00.000Z',
  '2024-09-02T22:00:00.000Z', '2024-09-04T06:45:00.000Z', '2024-09-05T18:59:00.000Z', '2024-09-10T10:00:00.000Z',
];

/** Zones from 10 h behind UTC to 12 h ahead: asOfDay is the local date of asOf in one of them. */
const ZONES = ['UTC', 'Europe/Kaliningrad', 'Asia/Barnaul', 'Asia/Kamchatka', 'America/Adak'];

const shift = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Moments just before, at and just after every creation instant, plus ones outside the data. */
const MOMENTS = [
  '2024-01-01T00:00:00.000Z', '2025-06-01T00:00:00.000Z',
  ...INSTANTS.flatMap((t) => [shift(t, -1), t, shift(t, 1)]),
];

/** Every moment with its local date in every zone: the pairs the checks pass. */
const ZONE_PAIRS: [string, string][] = MOMENTS.flatMap((t) => [...new Set(ZONES.map((z) => localDateOf(t, z)))].map((d): [string, string] => [t, d]));

/** Pairs the checks never pass (a day far from the moment's), which must count exactly all the same. */
function randomPairs(rnd: Rng, n: number): [string, string][] {
  return Array.from({ length: n }, () => {
    const t = shift(pickOne(rnd, INSTANTS), pickOne(rnd, [-1, 0, 1, int(rnd, -3, 3) * 3_600_000]));
    return [t, addDays(t.slice(0, 10), int(rnd, -6, 12))];
  });
}

/** A student row to insert: organisation, creation instant, leaving day (or none). */
interface NewStudent { org: string; createdAt: string; leftAt: string | null }

/** Leaving days from before the creation date (leavers entered after the fact) to well after it. */
function leavingDay(rnd: Rng, createdAt: string): string | null {
  return chance(rnd, 0.45) ? null : addDays(createdAt.slice(0, 10), pickOne(rnd, [-5, -1, 0, 0, 1, 2, int(rnd, 3, 20)]));
}

function randomStudent(rnd: Rng): NewStudent {
  const createdAt = shift(pickOne(rnd, INSTANTS), chance(rnd, 0.7) ? 0 : int(rnd, -5_000, 5_000));
  return { org: pickOne(rnd, ORGS), createdAt, leftAt: leavingDay(rnd, createdAt) };
}

async function insertStudents(db: CommonQueryMethods, rows: NewStudent[]): Promise<void> {
  await db.query(sql.unsafe`
    INSERT INTO students (organisation_id, last_name, created_at, left_at)
    SELECT org, 'Учеников', created_at, left_at
    FROM unnest(${sql.array(rows.map((r) => r.org), 'text')}::text[], ${sql.array(rows.map((r) => r.createdAt), 'text')}::timestamptz[],
                ${sql.array(rows.map((r) => r.leftAt), 'text')}::date[]) AS u(org, created_at, left_at)`);
}

const mismatchRow = z.object({ organisation_id: z.string(), stored: z.number().nullable(), direct: z.number().nullable() });

/** The organisations whose stored count at (asOf, asOfDay) differs from the direct count. */
async function mismatches(pool: DatabasePool, asOf: string, asOfDay: string) {
  return pool.any(sql.type(mismatchRow)`
    WITH members AS (SELECT id AS subject_id, id AS organisation_id FROM organisations),
    stored AS (${pupilsOnRoll(asOf, asOfDay)}),
    direct AS (
      SELECT st.organisation_id, count(*)::int AS n
      FROM students st
      WHERE st.created_at <= ${asOf}::timestamptz AND (st.left_at IS NULL OR st.left_at > ${asOfDay}::date)
      GROUP BY st.organisation_id
    )
    SELECT organisation_id, s.n AS stored, d.n AS direct
    FROM stored s FULL JOIN direct d USING (organisation_id)
    WHERE s.n IS DISTINCT FROM d.n`);
}

/**
 * Rows of the stored totals that a rebuild from the students would not write, and rows it would
 * write that are missing: both empty when the triggers kept every total and span exact.
 */
async function staleTotals(pool: DatabasePool): Promise<number> {
  return pool.oneFirst(sql.type(z.object({ n: z.number() }))`
    WITH joins AS (
      SELECT organisation_id, created_at, lead(created_at) OVER w AS next_at, (sum(count(*)) OVER w)::int AS total
      FROM students GROUP BY organisation_id, created_at
      WINDOW w AS (PARTITION BY organisation_id ORDER BY created_at)
    ),
    leaves AS (
      SELECT organisation_id, left_at, lead(left_at) OVER w AS next_on, (sum(count(*)) OVER w)::int AS total
      FROM students WHERE left_at IS NOT NULL GROUP BY organisation_id, left_at
      WINDOW w AS (PARTITION BY organisation_id ORDER BY left_at)
    )
    SELECT (
      (SELECT count(*) FROM ((SELECT organisation_id, created_at, next_at, total, span FROM roll_joins
                              EXCEPT ALL SELECT *, tstzrange(created_at, next_at, '[)') FROM joins)
                             UNION ALL
                             (SELECT *, tstzrange(created_at, next_at, '[)') FROM joins
                              EXCEPT ALL SELECT organisation_id, created_at, next_at, total, span FROM roll_joins)) x)
      + (SELECT count(*) FROM ((SELECT organisation_id, left_at, next_on, total, span FROM roll_leaves
                                EXCEPT ALL SELECT *, daterange(left_at, next_on, '[)') FROM leaves)
                               UNION ALL
                               (SELECT *, daterange(left_at, next_on, '[)') FROM leaves
                                EXCEPT ALL SELECT organisation_id, left_at, next_on, total, span FROM roll_leaves)) y)
    )::int AS n`);
}

/** Asserts the stored totals are exact and every pair counts as the direct expression does. */
async function expectExact(pool: DatabasePool, pairs: [string, string][], step: string): Promise<void> {
  expect({ step, staleTotals: await staleTotals(pool) }).toEqual({ step, staleTotals: 0 });
  for (const [t, d] of pairs) expect({ step, t, d, mismatches: await mismatches(pool, t, d) }).toEqual({ step, t, d, mismatches: [] });
}

const versionSum = (pool: DatabasePool) =>
  pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT coalesce(sum(version), 0)::int AS n FROM roll_count_versions`);
const someStudent = (pool: DatabasePool, where: ReturnType<typeof sql.fragment>) =>
  pool.oneFirst(sql.type(z.object({ id: z.number() }))`SELECT id FROM students WHERE ${where} ORDER BY id LIMIT 1`);

describe('stored roll counts', () => {
  let db: TestDatabase;
  const rnd = rngFor(20241130, 'roll-counts');
  const pairs = () => [...ZONE_PAIRS, ...randomPairs(rnd, 20)];

  beforeAll(async () => {
    db = await freshDatabase('data_roll_counts');
    await db.pool.query(sql.unsafe`INSERT INTO municipalities (id, region, name) VALUES ('rc-m', 'yanao', 'Район')`);
    for (const org of ORGS) {
      await db.pool.query(sql.unsafe`INSERT INTO organisations (id, region, municipality_id, type, name) VALUES (${org}, 'yanao', 'rc-m', 'ООО', ${'Школа ' + org})`);
    }
  });
  afterAll(async () => db?.close());

  test('a scripted sequence of writes keeps every count exact', async () => {
    const { pool } = db;
    await expectExact(pool, ZONE_PAIRS, 'empty');

    await insertStudents(pool, Array.from({ length: 300 }, () => randomStudent(rnd)));
    await expectExact(pool, pairs(), 'bulk insert');

    // Backdated: before every total of the organisation, then between two existing instants.
    await insertStudents(pool, [{ org: 'rc-a', createdAt: '2024-08-01T00:00:00.000Z', leftAt: null }]);
    await insertStudents(pool, [{ org: 'rc-a', createdAt: '2024-09-01T06:00:00.000Z', leftAt: '2024-09-03' }]);
    await insertStudents(pool, [{ org: 'rc-b', createdAt: '2024-09-12T00:00:00.000Z', leftAt: '2024-09-02' }]);
    await expectExact(pool, pairs(), 'backdated inserts');

    const staying = await someStudent(pool, sql.fragment`organisation_id = 'rc-c' AND left_at IS NULL`);
    await pool.query(sql.unsafe`UPDATE students SET left_at = '2024-09-03' WHERE id = ${staying}`);
    await expectExact(pool, pairs(), 'left_at set');
    await pool.query(sql.unsafe`UPDATE students SET left_at = '2024-08-25' WHERE id = ${staying}`);
    await expectExact(pool, pairs(), 'left_at moved earlier');
    await pool.query(sql.unsafe`UPDATE students SET left_at = NULL WHERE id = ${staying}`);
    await expectExact(pool, pairs(), 'left_at cleared');
    await pool.query(sql.unsafe`UPDATE students SET left_at = NULL WHERE organisation_id = 'rc-d' AND left_at < '2024-09-02'`);
    await expectExact(pool, pairs(), 'left_at cleared for many');

    const mover = await someStudent(pool, sql.fragment`organisation_id = 'rc-a' AND left_at IS NOT NULL`);
    await pool.query(sql.unsafe`UPDATE students SET organisation_id = 'rc-b' WHERE id = ${mover}`);
    await expectExact(pool, pairs(), 'transfer to another organisation');
    await pool.query(sql.unsafe`UPDATE students SET organisation_id = 'rc-c', created_at = created_at + interval '1 day', left_at = NULL WHERE id = ${mover}`);
    await expectExact(pool, pairs(), 'transfer with new dates');

    await pool.query(sql.unsafe`UPDATE students SET created_at = created_at - interval '10 days' WHERE organisation_id = 'rc-b' AND id % 3 = 0`);
    await expectExact(pool, pairs(), 'created_at earlier');
    await pool.query(sql.unsafe`UPDATE students SET created_at = created_at + interval '2 hours' WHERE organisation_id = 'rc-c' AND id % 4 = 1`);
    await expectExact(pool, pairs(), 'created_at later');

    // Card fields change no total: the triggers do not recompute anything.
    const before = await versionSum(pool);
    await pool.query(sql.unsafe`UPDATE students SET snils = snils, first_name = 'Иван', updated_at = now()`);
    expect(await versionSum(pool)).toBe(before);
    await expectExact(pool, ZONE_PAIRS, 'card fields');

    // Rows paired by id may swap places: the keys, not the ids, decide.
    await pool.query(sql.unsafe`UPDATE students SET id = id + 100000 WHERE organisation_id = 'rc-d' AND id % 2 = 0`);
    await expectExact(pool, pairs(), 'ids changed');

    // An upsert updates through the insert path's conflict.
    await pool.query(sql.unsafe`UPDATE students SET external_id = 'ext-' || id WHERE organisation_id = 'rc-a'`);
    await pool.query(sql.unsafe`
      INSERT INTO students (organisation_id, external_id, last_name, created_at, left_at)
      SELECT organisation_id, external_id, last_name, created_at, '2024-09-04'::date FROM students WHERE organisation_id = 'rc-a' AND id % 2 = 1
      UNION ALL SELECT 'rc-a', 'ext-new', 'Новый', '2024-09-03T00:00:00Z'::timestamptz, NULL::date
      ON CONFLICT (organisation_id, external_id) WHERE external_id IS NOT NULL DO UPDATE SET left_at = EXCLUDED.left_at`);
    await expectExact(pool, pairs(), 'upsert');

    await pool.query(sql.unsafe`DELETE FROM students WHERE organisation_id = 'rc-b' AND id % 5 = 2`);
    await expectExact(pool, pairs(), 'some deleted');
    await pool.query(sql.unsafe`DELETE FROM students WHERE organisation_id = 'rc-d'`);
    await expectExact(pool, pairs(), 'an organisation emptied');

    await expect(pool.transaction(async (tx) => {
      await insertStudents(tx, [{ org: 'rc-c', createdAt: '2024-08-02T00:00:00.000Z', leftAt: null }]);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    await expectExact(pool, pairs(), 'rolled back');

    await pool.query(sql.unsafe`TRUNCATE students CASCADE`);
    expect(await pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT ((SELECT count(*) FROM roll_joins) + (SELECT count(*) FROM roll_leaves))::int AS n`)).toBe(0);
    await insertStudents(pool, Array.from({ length: 40 }, () => randomStudent(rnd)));
    await expectExact(pool, pairs(), 'after truncate');
  });

  test('a random sequence of writes keeps every count exact after each step', async () => {
    const { pool } = db;
    const ids = async () => pool.anyFirst(sql.type(z.object({ id: z.number() }))`SELECT id FROM students ORDER BY id`);
    const somePicked = async (share: number) => (await ids()).filter(() => rnd() < share);
    for (let step = 0; step < 60; step++) {
      const op = pickOne(rnd, ['insert', 'insert', 'leave', 'return', 'transfer', 'recreate', 'delete', 'card'] as const);
      if (op === 'insert') {
        await insertStudents(pool, Array.from({ length: int(rnd, 1, 25) }, () => randomStudent(rnd)));
      } else if (op === 'leave') {
        for (const id of await somePicked(0.1)) {
          await pool.query(sql.unsafe`UPDATE students SET left_at = (created_at AT TIME ZONE 'UTC')::date + ${int(rnd, -3, 10)}::int WHERE id = ${id}`);
        }
      } else if (op === 'return') {
        await pool.query(sql.unsafe`UPDATE students SET left_at = NULL WHERE id = ANY(${sql.array(await somePicked(0.15), 'int8')})`);
      } else if (op === 'transfer') {
        await pool.query(sql.unsafe`UPDATE students SET organisation_id = ${pickOne(rnd, ORGS)} WHERE id = ANY(${sql.array(await somePicked(0.1), 'int8')})`);
      } else if (op === 'recreate') {
        await pool.query(sql.unsafe`UPDATE students SET created_at = ${pickOne(rnd, INSTANTS)} WHERE id = ANY(${sql.array(await somePicked(0.1), 'int8')})`);
      } else if (op === 'delete') {
        await pool.query(sql.unsafe`DELETE FROM students WHERE id = ANY(${sql.array(await somePicked(0.08), 'int8')})`);
      } else {
        await pool.query(sql.unsafe`UPDATE students SET home_phone = ${String(step)} WHERE id = ANY(${sql.array(await somePicked(0.3), 'int8')})`);
      }
      await expectExact(pool, randomPairs(rnd, 25), `step ${step}: ${op}`);
    }
    await expectExact(pool, ZONE_PAIRS, 'end of the random sequence');
  });

  test('concurrent writers to one organisation: READ COMMITTED waits and stays exact, REPEATABLE READ fails rather than go stale', async () => {
    const { pool } = db;
    await insertStudents(pool, [{ org: 'rc-a', createdAt: INSTANTS[0]!, leftAt: null }]);
    const signal = () => {
      let fire = () => {};
      const fired = new Promise<void>((resolve) => { fire = resolve; });
      return { fire, fired };
    };
    // Polls until another session of the test database waits for a lock (the second writer).
    const someoneBlocked = async () => {
      for (let i = 0; i < 500; i++) {
        const waiting = await pool.oneFirst(sql.type(z.object({ n: z.number() }))`
          SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        if (waiting > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error('the second writer never waited');
    };

    const firstWrote = signal();
    const firstMayCommit = signal();
    const first = pool.transaction(async (tx) => {
      await insertStudents(tx, [{ org: 'rc-a', createdAt: INSTANTS[5]!, leftAt: '2024-09-03' }]);
      firstWrote.fire();
      await firstMayCommit.fired;
    });
    await firstWrote.fired;
    // Starts while the first holds the organisation: its recomputation waits for the commit.
    const second = pool.transaction(async (tx2) => insertStudents(tx2, [{ org: 'rc-a', createdAt: INSTANTS[9]!, leftAt: null }]));
    await someoneBlocked();
    firstMayCommit.fire();
    await Promise.all([first, second]);
    await expectExact(pool, ZONE_PAIRS, 'read committed');

    const snapshotTaken = signal();
    const otherCommitted = signal();
    const stale = pool.transaction(async (tx2) => {
      await tx2.query(sql.unsafe`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ`);
      await tx2.query(sql.unsafe`SELECT count(*) FROM students`);
      snapshotTaken.fire();
      await otherCommitted.fired;
      await insertStudents(tx2, [{ org: 'rc-a', createdAt: INSTANTS[2]!, leftAt: null }]);
    }, 0); // no retry: slonik would rerun it on a fresh snapshot
    stale.catch(() => {});
    await snapshotTaken.fired;
    await insertStudents(pool, [{ org: 'rc-a', createdAt: INSTANTS[3]!, leftAt: null }]);
    otherCommitted.fire();
    await expect(stale).rejects.toThrow(/could not serialize/);
    await expectExact(pool, ZONE_PAIRS, 'repeatable read');
  });
});
