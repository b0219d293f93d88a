import pg from 'pg';
import { STAFF_FILL_RATE_FIELDS } from '../src/checks/period/people/cardFillRate.js';
import { ORGANISATION_TYPE_MIX, RATES } from '../src/data/seed/seedRates.js';
import { REGIONS } from '../src/regions.js';
import type { CalendarData } from '../src/time/calendarData.js';
import { loadCalendar } from '../src/time/calendarFile.js';
import { addDays } from '../src/time/isoDate.js';
import { isWorkingDay } from '../src/time/workingDays.js';

/** Size of a set-based generated region. */
export interface CardsRegionOptions {
  region: string;
  organisations: number;
  students: number;
}

/**
 * Share of students enrolled by an order of the played-out year, as in the Node seed (its
 * 2,500-organisation region has 93,824 enrollment orders for 300,000 students: first grades,
 * youngest groups, first courses, and most of the additional-education intake).
 */
export const NEW_STUDENT_SHARE = 0.31;

/** Working days from 1 January 2024 to 31 December 2025, in order (ordinal = index + 1). */
function workingDays(calendar: CalendarData): string[] {
  const out: string[] = [];
  for (let d = '2024-01-01'; d <= '2025-12-31'; d = addDays(d, 1)) if (isWorkingDay(calendar, d)) out.push(d);
  return out;
}

/** Ordinal of the first working day on or after `date`. */
function ordinal(days: string[], date: string): number {
  const i = days.findIndex((d) => d >= date);
  if (i < 0) throw new Error(`no working day after ${date}`);
  return i + 1;
}

/**
 * Generates a region of `students` students set-based in SQL (`INSERT … SELECT generate_series`)
 * for the card checks, where the Node seed pipeline would take most of an hour: organisations in
 * the seed's type mix with their cards, responsible people, students with cards whose fill times
 * follow `RATES.studentCard` after their enrollment order (`NEW_STUDENT_SHARE` of them enrolled in
 * 2024/2025, 80 % in the main intake, orders entered per `RATES.orderEntry`; the rest long-standing,
 * with complete cards), staff with cards per `RATES.staffCard` and portfolio entries. Working days
 * come from the production calendar. Triggers are bypassed (the fill stamps are written directly).
 */
export async function generateCardsRegion(url: string, o: CardsRegionOptions): Promise<void> {
  const zone = REGIONS[o.region]!.timezone;
  const days = workingDays(loadCalendar());
  const main = [ordinal(days, '2024-08-20'), ordinal(days, '2024-09-15') - 1];
  const inYear = [ordinal(days, '2024-10-01'), ordinal(days, '2025-05-15') - 1];
  const hires = [ordinal(days, '2024-08-15'), ordinal(days, '2025-06-30') - 1];
  const O = o.organisations;
  const M = Math.max(1, Math.round(O / 50));
  const S = o.students;
  const T = O * 7 + Math.ceil(S / 13);
  const mix = Object.values(ORGANISATION_TYPE_MIX);
  const total = mix.reduce((a, b) => a + b, 0);
  const [c1, c2, c3] = [mix[0]! / total, (mix[0]! + mix[1]!) / total, (mix[0]! + mix[1]! + mix[2]!) / total];
  const sc = RATES.studentCard;
  const st = RATES.staffCard;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const q = async (text: string, values: unknown[] = []) => client.query(text, values);
  try {
    // Bulk load: no triggers (stamps are written here), no per-row foreign-key checks.
    await q(`SET session_replication_role = replica`);
    await q(`SET TIME ZONE 'UTC'`);
    await q(`CREATE FUNCTION pg_temp.u(i bigint, k int) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$ SELECT (hashint8extended(i, k) & 2147483647)::float8 / 2147483648 $$`);
    await q(`CREATE TEMP TABLE wd (n int PRIMARY KEY, day date NOT NULL)`);
    await q(`INSERT INTO wd SELECT n, d FROM unnest($1::date[]) WITH ORDINALITY AS x(d, n)`, [days]);
    // A local time of day within office hours, as an instant of the region.
    await q(`CREATE FUNCTION pg_temp.at(d date, u float8) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$ SELECT (d + make_interval(mins => 540 + floor(u * 540)::int)) AT TIME ZONE '${zone}' $$`);

    await q(`INSERT INTO municipalities (id, region, name) SELECT 'bm-' || lpad(m::text, 3, '0'), $1, 'Муниципальный район ' || m FROM generate_series(1, ${M}) m`, [o.region]);
    await q(`
      INSERT INTO organisations (id, region, municipality_id, type, name, short_name, inn, licence_date, head_name, website, phone, email, address, latitude, longitude, connected_at, field_filled_at, created_at)
      SELECT id, $1, mun, type, 'Организация ' || k, CASE WHEN miss < 6 THEN 'ОО ' || k END, CASE WHEN miss < 7 THEN lpad(k::text, 10, '2') END,
             CASE WHEN miss < 3 THEN date '2015-05-01' END, 'Руководитель ' || k, CASE WHEN miss < 1 THEN 'https://o' || k || '.edu.example' END,
             CASE WHEN miss < 5 THEN '+7 3852 00' || lpad(k::text, 4, '0') END, CASE WHEN miss < 4 THEN 'info@o' || k || '.example' END,
             CASE WHEN miss < 8 THEN 'ул. Ленина, ' || k END, CASE WHEN miss < 2 THEN 53.35 END, CASE WHEN miss < 2 THEN 83.77 END, connected,
             jsonb_strip_nulls(jsonb_build_object('name', connected, 'head_name', connected, 'short_name', CASE WHEN miss < 6 THEN connected END,
               'inn', CASE WHEN miss < 7 THEN connected END, 'licence_date', CASE WHEN miss < 3 THEN connected END, 'website', CASE WHEN miss < 1 THEN connected END,
               'phone', CASE WHEN miss < 5 THEN connected END, 'email', CASE WHEN miss < 4 THEN connected END, 'address', CASE WHEN miss < 8 THEN connected END,
               'latitude', CASE WHEN miss < 2 THEN connected END, 'longitude', CASE WHEN miss < 2 THEN connected END)), connected
      FROM (
        SELECT k, 'bo-' || lpad(k::text, 5, '0') AS id, 'bm-' || lpad((1 + k % ${M})::text, 3, '0') AS mun,
               CASE WHEN f < ${c1} THEN 'ООО' WHEN f < ${c2} THEN 'ДОО' WHEN f < ${c3} THEN 'ОДО' ELSE 'ПОО' END AS type,
               -- Missing optional card fields, most often first: 0 (70 %), 1, 2, 3 or 4 of them (seedRates ORGANISATION_CARD_MISSING).
               8 - CASE WHEN v < 0.7 THEN 0 WHEN v < 0.8 THEN 1 WHEN v < 0.92 THEN 2 WHEN v < 0.97 THEN 3 ELSE 4 END AS miss,
               pg_temp.at(date '2021-03-01' + (k % 600), pg_temp.u(k, 21)) AS connected
        FROM (SELECT k, ((k * 7919) % ${O})::float8 / ${O} AS f, pg_temp.u(k, 20) AS v FROM generate_series(1, ${O}) k) x
      ) y`, [o.region]);
    await q(`
      INSERT INTO organisations (id, region, municipality_id, type, name, field_filled_at, created_at)
      SELECT 'bmo-' || lpad(m::text, 3, '0'), $1, 'bm-' || lpad(m::text, 3, '0'), 'МОУО', 'Управление образования ' || m, '{}'::jsonb, now() FROM generate_series(1, ${M}) m
      UNION ALL SELECT 'bro', $1, 'bm-001', 'РО', 'Региональный оператор', '{}', now()`, [o.region]);
    await q(`
      INSERT INTO responsible_people (full_name, email, role, organisation_id, municipality_id, region)
      SELECT 'Руководитель ' || id, 'director@' || id || '.example', 'organisation_head', id, NULL, NULL FROM organisations WHERE region = $1
      UNION ALL SELECT 'Оператор ' || id, 'aisgo@' || id || '.example', 'municipal_operator', NULL, id, NULL FROM municipalities WHERE region = $1
      UNION ALL SELECT 'Региональный оператор', 'operator@' || $1 || '.example', 'regional_operator', NULL, NULL, $1
      UNION ALL SELECT 'Куратор', 'supervisor@' || $1 || '.example', 'department_supervisor', NULL, NULL, $1`, [o.region]);

    // Students: when each was enrolled and entered, and when the card was completed (or which fields never were).
    await q(`
      CREATE UNLOGGED TABLE bench_timing AS
      SELECT i, org, is_new, order_day, card,
             CASE WHEN is_new AND card <> 'late' AND entered > fill THEN fill - interval '15 minutes' ELSE entered END AS entered,
             CASE WHEN is_new AND fill < entered THEN entered + interval '30 minutes' ELSE fill END AS fill,
             card = 'never' AND (gap = 0 OR (two AND gap = 2)) AS no_phone,
             card = 'never' AND (gap = 1 OR (two AND gap = 0)) AS no_file,
             card = 'never' AND (gap = 2 OR (two AND gap = 1)) AS no_health
      FROM (
        SELECT p.i, 'bo-' || lpad((1 + p.i % ${O})::text, 5, '0') AS org, p.is_new, od.day AS order_day, p.card, p.two, p.gap,
               CASE WHEN p.is_new THEN pg_temp.at(ed.day, pg_temp.u(p.i, 8))
                    ELSE pg_temp.at(date '2023-08-25' - floor(pg_temp.u(p.i, 6) * 1500)::int, pg_temp.u(p.i, 8)) END AS entered,
               CASE WHEN p.is_new THEN pg_temp.at(fd.day, pg_temp.u(p.i, 9))
                    ELSE pg_temp.at(date '2023-08-25' - floor(pg_temp.u(p.i, 6) * 1500)::int + floor(pg_temp.u(p.i, 7) * 3)::int, pg_temp.u(p.i, 9)) END AS fill
        FROM (
          SELECT i, is_new, card, two, gap,
                 order_n,
                 order_n + CASE WHEN pg_temp.u(i, 4) < ${RATES.orderEntry.onTime} THEN floor(pg_temp.u(i, 6) * 2) ELSE 2 + floor(pg_temp.u(i, 6) * 9) END::int AS entry_n,
                 order_n + CASE WHEN card = 'late' THEN 4 + floor(pg_temp.u(i, 7) * 12) ELSE floor(pg_temp.u(i, 7) * 3) END::int AS fill_n
          FROM (
            SELECT i, pg_temp.u(i, 1) < ${NEW_STUDENT_SHARE} AS is_new,
                   CASE WHEN pg_temp.u(i, 2) < 0.8 THEN ${main[0]} + floor(pg_temp.u(i, 3) * ${main[1]! - main[0]! + 1})
                        ELSE ${inYear[0]} + floor(pg_temp.u(i, 3) * ${inYear[1]! - inYear[0]! + 1}) END::int AS order_n,
                   CASE WHEN pg_temp.u(i, 1) >= ${NEW_STUDENT_SHARE} THEN 'onTime' WHEN pg_temp.u(i, 5) < ${sc.onTime} THEN 'onTime'
                        WHEN pg_temp.u(i, 5) < ${sc.onTime + sc.late} THEN 'late' ELSE 'never' END AS card,
                   pg_temp.u(i, 10) < 0.5 AS two, floor(pg_temp.u(i, 11) * 3)::int AS gap
            FROM generate_series(1, ${S}) i
          ) a
        ) p
        JOIN wd od ON od.n = p.order_n JOIN wd ed ON ed.n = p.entry_n JOIN wd fd ON fd.n = p.fill_n
      ) t`);
    await q(`
      INSERT INTO students (id, organisation_id, external_id, last_name, first_name, middle_name, sex, citizenship, home_phone, personal_file_no, health_group,
                            field_filled_at, created_at, updated_at)
      SELECT i, org, 'S' || i, 'Фамилия', 'Имя', 'Отчество', CASE WHEN i % 2 = 0 THEN 'М' ELSE 'Ж' END, 'Российская Федерация',
             CASE WHEN NOT no_phone THEN '+7 9' || lpad((i % 1000000000)::text, 9, '0') END, CASE WHEN NOT no_file THEN i || '/2024' END,
             CASE WHEN NOT no_health THEN 'II' END,
             jsonb_strip_nulls(jsonb_build_object('organisation_id', entered, 'external_id', entered, 'last_name', entered, 'first_name', entered,
               'middle_name', entered, 'sex', entered, 'citizenship', entered, 'home_phone', CASE WHEN NOT no_phone THEN fill END,
               'personal_file_no', CASE WHEN NOT no_file THEN fill END, 'health_group', CASE WHEN NOT no_health THEN fill END)),
             entered, greatest(entered, fill)
      FROM bench_timing`);
    await q(`SELECT setval(pg_get_serial_sequence('students', 'id'), ${S})`);
    await q(`
      INSERT INTO movement_orders (organisation_id, student_id, kind, number, order_date, entered_at, reason)
      SELECT org, i, 'enrollment', (1 + (order_day - date '2024-01-01')) || '-з', order_day, entered, 'заявление родителей (законных представителей)'
      FROM bench_timing WHERE is_new`);
    await q(`DROP TABLE bench_timing`);

    // Staff: this year's hires complete their cards per RATES.staffCard; the others' cards are complete.
    const later = ['residence_address', 'registration_address', 'home_phone', 'education_level', 'snils', 'passport', 'user_roles', 'work_experience', 'staff_category'];
    const hireFields = STAFF_FILL_RATE_FIELDS.filter((f) => !later.includes(f));
    const stamp = (f: string) => {
      const missing = f === 'passport' ? 'miss_passport' : f === 'snils' ? 'miss_snils' : f === 'education_level' ? 'miss_education' : null;
      return later.includes(f) ? `'${f}', CASE WHEN ${missing ?? 'false'} THEN NULL ELSE fill END` : `'${f}', entered`;
    };
    await q(`
      INSERT INTO staff (id, organisation_id, external_id, last_name, first_name, birth_date, sex, citizenship, residence_address, registration_address, home_phone,
                         personnel_no, main_position, education_level, snils, passport, hire_date, hire_order_no, hire_entered_at, field_filled_at, created_at, updated_at)
      SELECT j, org, 'T' || j, 'Фамилия', 'Имя', date '1980-01-01' + (j % 9000)::int, 'Ж', 'Российская Федерация', 'ул. Мира, 1', 'ул. Мира, 1', '+7 913 000 00 00',
             'T' || j, 'учитель', CASE WHEN NOT miss_education THEN 'высшее' END, CASE WHEN NOT miss_snils THEN '000-000-000 00' END,
             CASE WHEN NOT miss_passport THEN '0100 000000' END, hire_day, j || '-к', entered,
             jsonb_strip_nulls(jsonb_build_object(${[...hireFields, ...later].map(stamp).join(', ')})), entered, greatest(entered, fill)
      FROM (
        SELECT j, org, hire_day, entered, CASE WHEN fill < entered THEN entered ELSE fill END AS fill,
               card = 'never' AND gap <> 1 AS miss_passport, card = 'never' AND gap <> 2 AS miss_snils, card = 'never' AND gap = 1 AS miss_education
        FROM (
          SELECT j, 'bo-' || lpad((1 + j % ${O})::text, 5, '0') AS org, h.day AS hire_day, card, floor(pg_temp.u(j, 35) * 3)::int AS gap,
                 pg_temp.at(h.day, pg_temp.u(j, 36)) AS entered,
                 CASE WHEN new_hire THEN pg_temp.at(fd.day, pg_temp.u(j, 37)) ELSE pg_temp.at(h.day + 1, pg_temp.u(j, 37)) END AS fill
          FROM (
            SELECT j, new_hire, card,
                   CASE WHEN new_hire THEN ${hires[0]} + floor(pg_temp.u(j, 32) * ${hires[1]! - hires[0]! + 1}) ELSE 1 + floor(pg_temp.u(j, 32) * 150) END::int AS hire_n,
                   CASE WHEN card = 'late' THEN 4 + floor(pg_temp.u(j, 34) * 12) ELSE floor(pg_temp.u(j, 34) * 3) END::int AS fill_add
            FROM (
              SELECT j, pg_temp.u(j, 30) < 0.1 AS new_hire,
                     CASE WHEN pg_temp.u(j, 30) >= 0.1 OR pg_temp.u(j, 31) < ${st.onTime} THEN 'onTime' WHEN pg_temp.u(j, 31) < ${st.onTime + st.late} THEN 'late' ELSE 'never' END AS card
              FROM generate_series(1, ${T}) j
            ) a
          ) b
          JOIN wd h ON h.n = b.hire_n JOIN wd fd ON fd.n = b.hire_n + b.fill_add
        ) c
      ) d`);
    await q(`SELECT setval(pg_get_serial_sequence('staff', 'id'), ${T})`);
    await q(`
      INSERT INTO staff_portfolio_entries (staff_id, section, entered_at)
      SELECT id, 'Курсы повышения квалификации', hire_entered_at + make_interval(days => 1 + floor(pg_temp.u(id, 40) * 200)::int)
      FROM staff WHERE pg_temp.u(id, 41) < 0.7`);
    await q(`ANALYZE`);
  } finally {
    await client.end();
  }
}
