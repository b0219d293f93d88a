import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { sql, type DatabasePool } from 'slonik';
import { z } from 'zod';
import { INTEGRATION_SYSTEMS } from '../../src/checks/definitions/integrations.js';
import { registerSeedCommand } from '../../src/cli/seedCommand.js';
import { planRegion } from '../../src/data/seed/planRegion.js';
import { seedRegion, SeedError, type SeedOptions, type SeedReport } from '../../src/data/seed/seedRegion.js';
import { ORGANISATION_TYPE_MIX, RATES } from '../../src/data/seed/seedRates.js';
import { loadCalendar } from '../../src/time/calendarFile.js';
import { addWorkingDays } from '../../src/time/workingDays.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { runCli } from './cliHarness.js';

const OPTIONS: SeedOptions = { region: 'altai-krai', organisations: 100, students: 10_000, seed: 42, journalDays: 8 };
const ZONE = 'Asia/Barnaul';
let first: TestDatabase;
let second: TestDatabase;
let other: TestDatabase;
let a: SeedReport;
let b: SeedReport;
let c: SeedReport;

beforeAll(async () => {
  [first, second, other] = await Promise.all([freshDatabase('data_seed_a'), freshDatabase('data_seed_b'), freshDatabase('data_seed_c')]);
  a = await seedRegion(first.pool, OPTIONS);
  b = await seedRegion(second.pool, OPTIONS);
  c = await seedRegion(other.pool, { ...OPTIONS, seed: 43 });
});
afterAll(async () => {
  await Promise.all([first, second, other].map((d) => d?.close()));
});

/** md5 of a table's rows in natural-key order, without surrogate ids. */
async function tableChecksum(pool: DatabasePool, query: ReturnType<typeof sql.fragment>): Promise<string> {
  return pool.oneFirst(sql.type(z.object({ md5: z.string() }))`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS md5 FROM (${query}) AS t`);
}

const NATURAL = {
  students: sql.fragment`SELECT organisation_id, external_id, last_name, first_name, middle_name, birth_date, snils, passport, birth_certificate, consent_at, esia_linked_at, left_at, field_filled_at, created_at, updated_at FROM students`,
  parents: sql.fragment`SELECT s.organisation_id, s.external_id, p.parent_no, p.last_name, p.phone, p.consent_at, p.esia_linked_at, p.field_filled_at FROM parents p JOIN students s ON s.id = p.student_id`,
  orders: sql.fragment`SELECT o.organisation_id, s.external_id, o.kind, o.number, o.order_date, o.entered_at, o.reason FROM movement_orders o JOIN students s ON s.id = o.student_id`,
  marks: sql.fragment`SELECT l.organisation_id, l.external_id, s.external_id AS student, m.value, m.entered_at FROM marks m JOIN lessons l ON l.id = m.lesson_id JOIN students s ON s.id = m.student_id`,
  staff: sql.fragment`SELECT organisation_id, external_id, last_name, hire_date, hire_entered_at, dismissal_date, dismissal_entered_at, esia_linked_at, field_filled_at FROM staff`,
  organisations: sql.fragment`SELECT id, type, name, inn, field_filled_at FROM organisations`,
};

describe('seedRegion: determinism', () => {
  it('the same seed gives the same counts, checksum and table contents', async () => {
    expect(b.rows).toEqual(a.rows);
    expect(b.checksum).toBe(a.checksum);
    for (const query of Object.values(NATURAL)) expect(await tableChecksum(second.pool, query)).toBe(await tableChecksum(first.pool, query));
  });

  it('another seed gives other data', async () => {
    expect(c.checksum).not.toBe(a.checksum);
    expect(await tableChecksum(other.pool, NATURAL.students)).not.toBe(await tableChecksum(first.pool, NATURAL.students));
  });

  it('writes the requested region: counts, every table filled, every student in a class', async () => {
    expect(a).toMatchObject({ region: 'altai-krai', academicYear: '2024/2025', municipalities: 2, organisations: 100, students: 10_000 });
    const n = (q: ReturnType<typeof sql.fragment>) => first.pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT (${q})::int AS n`);
    expect(await n(sql.fragment`SELECT count(*) FROM students`)).toBe(10_000);
    expect(await n(sql.fragment`SELECT count(*) FROM students WHERE class_group_id IS NULL`)).toBe(0);
    expect(await n(sql.fragment`SELECT count(*) FROM organisations WHERE type = 'МОУО'`)).toBe(2);
    expect(await n(sql.fragment`SELECT count(*) FROM organisations WHERE type = 'РО'`)).toBe(1);
    expect(await n(sql.fragment`SELECT count(DISTINCT organisation_id) FROM responsible_people WHERE role = 'organisation_head'`)).toBe(103);
    expect(await n(sql.fragment`SELECT count(*) FROM responsible_people WHERE role = 'municipal_operator'`)).toBe(2);
    expect(await n(sql.fragment`SELECT count(*) FROM responsible_people WHERE email NOT LIKE '%.example'`)).toBe(0);
    for (const [table, rows] of Object.entries(a.rows)) expect([table, rows > 0]).toEqual([table, true]);
  });

  it('refuses a region that already has organisations, and bad options', async () => {
    await expect(seedRegion(first.pool, OPTIONS)).rejects.toThrow(new SeedError('В базе уже есть организации региона «altai-krai»: seed создаёт регион с нуля. Используйте другой регион или чистую базу.'));
    await expect(seedRegion(first.pool, { ...OPTIONS, region: 'atlantis' })).rejects.toThrow(/Неизвестный регион «atlantis»/);
    await expect(seedRegion(first.pool, { ...OPTIONS, academicYear: '2024/2026' })).rejects.toThrow(/два соседних года/);
    await expect(seedRegion(first.pool, { ...OPTIONS, organisations: 0 })).rejects.toThrow(/от 1 до/);
  });
});

describe('seedRegion: organisation mix', () => {
  it('scales the seed-004 type mix to the requested count', () => {
    const total = Object.values(ORGANISATION_TYPE_MIX).reduce((x, y) => x + y, 0);
    for (const n of [1, 7, 100, 2500]) {
      const plan = planRegion('altai-krai', n, n * 100, 1);
      expect(plan.organisations).toHaveLength(n);
      expect(plan.municipalities).toHaveLength(Math.max(1, Math.round(n / 50)));
      for (const [type, weight] of Object.entries(ORGANISATION_TYPE_MIX)) {
        const got = plan.organisations.filter((o) => o.type === type).length;
        expect(Math.abs(got - (n * weight) / total)).toBeLessThan(1);
      }
      expect(plan.organisations.reduce((s, o) => s + o.students, 0)).toBe(n * 100);
    }
  });

  it('the database holds the same mix', async () => {
    const rows = await first.pool.any(sql.type(z.object({ type: z.string(), n: z.number() }))`SELECT type, count(*)::int AS n FROM organisations WHERE type IN ('ООО', 'ДОО', 'ОДО', 'ПОО') GROUP BY type`);
    expect(Object.fromEntries(rows.map((r) => [r.type, r.n]))).toEqual(a.organisationTypes);
    expect(a.organisationTypes).toEqual({ ООО: 44, ДОО: 41, ОДО: 12, ПОО: 3 });
  });
});

/** Shares of outcomes measured in the data. */
interface Measured {
  onTime: number;
  late: number;
  never: number;
}

function expectRates(name: string, measured: Measured, expected: { onTime: number; late: number; never: number }): void {
  const n = measured.onTime + measured.late + measured.never;
  expect(n).toBeGreaterThan(200);
  for (const k of ['onTime', 'late', 'never'] as const) {
    const p = expected[k];
    const tolerance = 4 * Math.sqrt((p * (1 - p)) / n) + 0.01;
    expect([name, k, Math.abs(measured[k] / n - p) <= tolerance]).toEqual([name, k, true]);
  }
}

const outcome = z.object({ on_time: z.number(), late: z.number(), never: z.number() });

describe('seedRegion: punctuality follows RATES', () => {
  it('student cards: within 3 working days of the enrollment order, later, or never complete', async () => {
    const cal = loadCalendar();
    const rows = await first.pool.any(sql.type(z.object({ order_date: z.string(), completed_at: z.string().nullable() }))`
      SELECT o.order_date,
             CASE WHEN s.home_phone IS NOT NULL AND s.personal_file_no IS NOT NULL AND s.health_group IS NOT NULL
                  THEN greatest((s.field_filled_at ->> 'home_phone')::timestamptz, (s.field_filled_at ->> 'personal_file_no')::timestamptz, (s.field_filled_at ->> 'health_group')::timestamptz) END AS completed_at
      FROM movement_orders o JOIN students s ON s.id = o.student_id WHERE o.kind = 'enrollment'`);
    const m = { onTime: 0, late: 0, never: 0 };
    for (const r of rows) {
      if (!r.completed_at) m.never++;
      else {
        const due = DateTime.fromISO(addWorkingDays(cal, r.order_date, 3), { zone: ZONE }).endOf('day');
        if (DateTime.fromISO(r.completed_at) <= due) m.onTime++;
        else m.late++;
      }
    }
    expectRates('studentCard', m, RATES.studentCard);
  });

  it('public documents: published within 3 days of approval, later, or never', async () => {
    const r = await first.pool.one(sql.type(outcome)`
      SELECT count(*) FILTER (WHERE (published_at AT TIME ZONE ${ZONE})::date - approved_on <= 3)::int AS on_time,
             count(*) FILTER (WHERE (published_at AT TIME ZONE ${ZONE})::date - approved_on > 3)::int AS late,
             count(*) FILTER (WHERE published_at IS NULL)::int AS never
      FROM public_documents WHERE kind <> 'charter'`);
    expectRates('publicDocument', { onTime: r.on_time, late: r.late, never: r.never }, RATES.publicDocument);
  });

  it('lesson topics: entered on the lesson day, later, or never', async () => {
    const r = await first.pool.one(sql.type(outcome)`
      SELECT count(*) FILTER (WHERE (topic_entered_at AT TIME ZONE ${ZONE})::date = lesson_date)::int AS on_time,
             count(*) FILTER (WHERE (topic_entered_at AT TIME ZONE ${ZONE})::date > lesson_date)::int AS late,
             count(*) FILTER (WHERE topic_entered_at IS NULL)::int AS never
      FROM lessons`);
    expectRates('lessonTopic', { onTime: r.on_time, late: r.late, never: r.never }, RATES.lessonTopic);
  });

  it('marks of ordinary lessons: on the lesson day, or 5–15 days late', async () => {
    const r = await first.pool.one(sql.type(outcome)`
      SELECT count(*) FILTER (WHERE days = 0)::int AS on_time, count(*) FILTER (WHERE days BETWEEN 5 AND 15)::int AS late,
             count(*) FILTER (WHERE days NOT IN (0) AND days NOT BETWEEN 5 AND 15)::int AS never
      FROM (SELECT l.id, max((m.entered_at AT TIME ZONE ${ZONE})::date - l.lesson_date) AS days
            FROM lessons l JOIN marks m ON m.lesson_id = l.id WHERE l.kind = 'lesson' GROUP BY l.id) x`);
    expectRates('marks', { onTime: r.on_time, late: r.late, never: r.never }, RATES.marks);
  });

  it('user accounts: registered within 10 days of the hire or the consent, later, or never', async () => {
    const r = await first.pool.one(sql.type(outcome)`
      WITH events AS (
        SELECT hire_date AS event_date, account_registered_at AS done FROM staff WHERE hire_date >= '2024-08-15'
        UNION ALL
        SELECT (s.consent_at AT TIME ZONE ${ZONE})::date, s.account_registered_at FROM students s JOIN movement_orders o ON o.student_id = s.id AND o.kind = 'enrollment' WHERE s.consent_at IS NOT NULL
        UNION ALL
        SELECT (p.consent_at AT TIME ZONE ${ZONE})::date, p.account_registered_at FROM parents p JOIN movement_orders o ON o.student_id = p.student_id AND o.kind = 'enrollment' WHERE p.consent_at IS NOT NULL
      )
      SELECT count(*) FILTER (WHERE (done AT TIME ZONE ${ZONE})::date - event_date <= 10)::int AS on_time,
             count(*) FILTER (WHERE (done AT TIME ZONE ${ZONE})::date - event_date > 10)::int AS late,
             count(*) FILTER (WHERE done IS NULL)::int AS never
      FROM events`);
    expectRates('accountRegistration', { onTime: r.on_time, late: r.late, never: r.never }, RATES.accountRegistration);
    const n = (q: ReturnType<typeof sql.fragment>) => first.pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT (${q})::int AS n`);
    // Earlier staff and pupils have their accounts; nobody has one before their record or consent.
    expect(await n(sql.fragment`SELECT count(*) FROM staff WHERE hire_date < '2024-06-01' AND account_registered_at IS NULL`)).toBe(0);
    expect(await n(sql.fragment`SELECT count(*) FROM staff WHERE account_registered_at < hire_entered_at`)).toBe(0);
    expect(await n(sql.fragment`SELECT count(*) FROM students WHERE account_registered_at < consent_at OR (consent_at IS NULL AND account_registered_at IS NOT NULL)`)).toBe(0);
  });

  it('academic-year days off: entered with the opening, later, or never', async () => {
    const r = await first.pool.one(sql.type(outcome)`
      SELECT count(*) FILTER (WHERE (days_off_set_at AT TIME ZONE ${ZONE})::date = (opened_at AT TIME ZONE ${ZONE})::date)::int AS on_time,
             count(*) FILTER (WHERE (days_off_set_at AT TIME ZONE ${ZONE})::date > (opened_at AT TIME ZONE ${ZONE})::date)::int AS late,
             count(*) FILTER (WHERE days_off_set_at IS NULL)::int AS never
      FROM academic_years WHERE opened_at IS NOT NULL`);
    // Previous years' days off all came with their opening, so the current year's rate is diluted by them.
    const current = await first.pool.one(sql.type(outcome)`
      SELECT count(*) FILTER (WHERE (days_off_set_at AT TIME ZONE ${ZONE})::date = (opened_at AT TIME ZONE ${ZONE})::date)::int AS on_time,
             count(*) FILTER (WHERE (days_off_set_at AT TIME ZONE ${ZONE})::date > (opened_at AT TIME ZONE ${ZONE})::date)::int AS late,
             count(*) FILTER (WHERE days_off_set_at IS NULL)::int AS never
      FROM academic_years WHERE opened_at IS NOT NULL AND academic_year = '2024/2025'`);
    expect(r.on_time).toBeGreaterThan(current.on_time);
    expect(current.on_time + current.late + current.never).toBeGreaterThan(90);
    expect(current.late + current.never).toBeGreaterThan(0);
    expect(current.on_time / (current.on_time + current.late + current.never)).toBeGreaterThan(0.75);
    const notOpened = await first.pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM academic_years WHERE opened_at IS NULL AND days_off_set_at IS NOT NULL`);
    expect(notOpened).toBe(0);
  });

  it('class and curriculum requirements: met by the deadline, later, or some never', async () => {
    // Only records created by the deadline: a late class or curriculum is late whatever its requirements.
    const requirements = (table: string, where: ReturnType<typeof sql.fragment>, keys: ReturnType<typeof sql.fragment>, due: string) => first.pool.one(sql.type(outcome)`
      SELECT count(*) FILTER (WHERE complete AND last <= ${due}::date)::int AS on_time,
             count(*) FILTER (WHERE complete AND last > ${due}::date)::int AS late,
             count(*) FILTER (WHERE NOT complete)::int AS never
      FROM (SELECT (SELECT count(*) FROM jsonb_object_keys(t.requirements_met_at)) = (${keys}) AS complete,
                   (SELECT max(((v #>> '{}')::timestamptz AT TIME ZONE ${ZONE})::date) FROM jsonb_each(t.requirements_met_at) AS e(k, v)) AS last
            FROM ${sql.identifier([table])} t WHERE ${where} AND (t.created_at AT TIME ZONE ${ZONE})::date <= ${due}::date) x`);
    const classes = await requirements('class_groups', sql.fragment`t.academic_year = '2024/2025'`,
      sql.fragment`CASE t.kind WHEN 'class' THEN 5 WHEN 'group' THEN 3 ELSE 2 END`, '2024-08-31');
    expectRates('classRequirements', { onTime: classes.on_time, late: classes.late, never: classes.never }, RATES.classRequirements);
    const curricula = await requirements('planning_documents', sql.fragment`t.kind IN ('curriculum', 'individual_curriculum')`, sql.fragment`3`, '2024-09-05');
    const total = curricula.on_time + curricula.late + curricula.never;
    expect(total).toBeGreaterThan(80);
    expect(curricula.late + curricula.never).toBeGreaterThan(0);
    expect(curricula.on_time / total).toBeGreaterThan(0.7);
    const stray = await first.pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM planning_documents WHERE kind IN ('schedule', 'thematic_plan') AND requirements_met_at <> '{}'::jsonb`);
    expect(stray).toBe(0);
  });

  it('federal exchanges: logged for the region, under the ids the rules name', async () => {
    const rows = await first.pool.any(sql.type(z.object({ system: z.string(), region: z.string().nullable(), n: z.number() }))`
      SELECT system, region, count(*)::int AS n FROM integration_exchanges GROUP BY system, region ORDER BY system`);
    expect(rows.map((r) => r.system).sort()).toEqual(Object.keys(INTEGRATION_SYSTEMS).sort());
    for (const r of rows) expect([r.system, r.region]).toEqual([r.system, 'altai-krai']);
  });

  it('municipal monitoring: by its due day or after it, and some never', async () => {
    const expected = a.municipalities * 18; // the cyclogram: year opening, 3 × 4 quarterly, 4 academic quarters, final marks
    const got = await first.pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM monitoring_submissions WHERE tier = 'municipal'`);
    expect(got).toBeLessThanOrEqual(expected);
    expect(got).toBeGreaterThan(expected * 0.8);
  });
});

describe('reglament seed', () => {
  it('prints the summary; refuses bad numbers with exit code 1', async () => {
    const ok = await runCli(registerSeedCommand, ['seed', '--region', 'sakhalin', '--orgs', '3', '--students', '60', '--seed', '7', '--journal-days', '2'], other.url);
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toMatch(/^Регион sakhalin \(Сахалинская область\), учебный год 2024\/2025, зерно 7\n/);
    expect(ok.stdout).toMatch(/\nstudents +60\n/);
    expect(ok.stdout).toMatch(/Контрольная сумма: [0-9a-f]{64}\n$/);
    const bad = await runCli(registerSeedCommand, ['seed', '--region', 'sakhalin', '--orgs', 'много', '--students', '60', '--seed', '7'], other.url);
    expect(bad).toMatchObject({ exitCode: 1, stderr: 'reglament seed: --orgs: ожидается целое неотрицательное число, а не «много»\n' });
  });
});
