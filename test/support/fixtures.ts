import { sql, type DatabasePool } from 'slonik';
import { z } from 'zod';

/** A small region for tests: one municipality, one school with its head, the municipal operator. */
export const FIXTURE = {
  region: 'yanao',
  municipality: 'm-test',
  school: 'org-school-1',
  head: 'head@school1.test',
  municipalOperator: 'mo@municipality.test',
};

/** Inserts the fixture municipality, school and responsible people. */
export async function insertFixtureRegion(pool: DatabasePool): Promise<void> {
  await pool.query(sql.unsafe`INSERT INTO municipalities (id, region, name) VALUES (${FIXTURE.municipality}, ${FIXTURE.region}, 'Тестовый район')`);
  await pool.query(sql.unsafe`INSERT INTO organisations (id, region, municipality_id, type, name)
    VALUES (${FIXTURE.school}, ${FIXTURE.region}, ${FIXTURE.municipality}, 'ООО', 'МБОУ «Тестовая СОШ № 1»')`);
  await pool.query(sql.unsafe`INSERT INTO responsible_people (full_name, email, role, organisation_id)
    VALUES ('Директорова Анна Ивановна', ${FIXTURE.head}, 'organisation_head', ${FIXTURE.school})`);
  await pool.query(sql.unsafe`INSERT INTO responsible_people (full_name, email, role, municipality_id)
    VALUES ('Операторов Пётр Сергеевич', ${FIXTURE.municipalOperator}, 'municipal_operator', ${FIXTURE.municipality})`);
}

const ALL_FIELDS = ['last_name', 'first_name', 'sex', 'citizenship', 'home_phone', 'personal_file_no', 'health_group'] as const;

/**
 * Inserts a student enrolled by order `number` of `orderDate`. Fields in `filledAt` are filled at
 * the given instant; the others stay empty.
 */
export async function insertEnrollment(pool: DatabasePool, opts: { number: string; orderDate: string; lastName: string; filledAt: Partial<Record<(typeof ALL_FIELDS)[number], string>> }): Promise<number> {
  const v = (f: (typeof ALL_FIELDS)[number], value: string) => (opts.filledAt[f] ? value : null);
  const stamps = Object.fromEntries(Object.entries(opts.filledAt));
  const id = await pool.oneFirst(sql.type(z.object({ id: z.number() }))`
    INSERT INTO students (organisation_id, last_name, first_name, sex, citizenship, home_phone, personal_file_no, health_group, field_filled_at)
    VALUES (${FIXTURE.school}, ${v('last_name', opts.lastName)}, ${v('first_name', 'Иван')}, ${v('sex', 'М')}, ${v('citizenship', 'РФ')},
            ${v('home_phone', '+7 000 000-00-00')}, ${v('personal_file_no', 'ЛД-1')}, ${v('health_group', 'II')}, ${sql.jsonb(stamps)})
    RETURNING id`);
  await pool.query(sql.unsafe`INSERT INTO movement_orders (organisation_id, student_id, kind, number, order_date, entered_at)
    VALUES (${FIXTURE.school}, ${id}, 'enrollment', ${opts.number}, ${opts.orderDate}, ${opts.orderDate + 'T10:00:00Z'})`);
  return id;
}

/** Every card field filled at `at`. */
export function allFilledAt(at: string): Record<(typeof ALL_FIELDS)[number], string> {
  return Object.fromEntries(ALL_FIELDS.map((f) => [f, at])) as Record<(typeof ALL_FIELDS)[number], string>;
}

/** Card fields filled at `at`, except `missing`. */
export function filledExcept(at: string, ...missing: (typeof ALL_FIELDS)[number][]): Partial<Record<(typeof ALL_FIELDS)[number], string>> {
  return Object.fromEntries(ALL_FIELDS.filter((f) => !missing.includes(f)).map((f) => [f, at]));
}
