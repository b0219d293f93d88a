import { DateTime } from 'luxon';
import { sql, type DatabasePool } from 'slonik';
import { z } from 'zod';
import { pick, seededRandom } from './random.js';

const LAST = ['Иванов', 'Петров', 'Сидоров', 'Кузнецов', 'Смирнов', 'Попов', 'Лебедев', 'Козлов', 'Новиков', 'Морозов', 'Волков', 'Соловьёв'];
const FIRST_M = ['Александр', 'Максим', 'Артём', 'Михаил', 'Даниил', 'Иван', 'Кирилл', 'Егор'];
const FIRST_F = ['Анна', 'Мария', 'София', 'Алиса', 'Виктория', 'Полина', 'Варвара', 'Ева'];
const MIDDLE_M = ['Александрович', 'Сергеевич', 'Андреевич', 'Дмитриевич', 'Игоревич'];
const MIDDLE_F = ['Александровна', 'Сергеевна', 'Андреевна', 'Дмитриевна', 'Игоревна'];

/** The demo municipality, its organisations and responsible people (all fictitious). */
export const DEMO = {
  region: 'yanao',
  municipality: { id: 'yanao-purovsky', name: 'Пуровский район' },
  organisations: [
    { id: 'yanao-purovsky-sosh1', type: 'ООО', name: 'МБОУ «СОШ № 1» г. Тарко-Сале', head: 'Орлова Марина Викторовна', email: 'director@sosh1.purovsky.example' },
    { id: 'yanao-purovsky-sosh2', type: 'ООО', name: 'МБОУ «СОШ № 2» г. Тарко-Сале', head: 'Гусев Олег Николаевич', email: 'director@sosh2.purovsky.example' },
    { id: 'yanao-purovsky-ds-solnyshko', type: 'ДОО', name: 'МБДОУ «Детский сад «Солнышко»»', head: 'Белова Ирина Петровна', email: 'head@solnyshko.purovsky.example' },
    { id: 'yanao-purovsky-ddt', type: 'ОДО', name: 'МБУ ДО «Дом детского творчества»', head: 'Титов Павел Сергеевич', email: 'director@ddt.purovsky.example' },
  ],
  municipalOperator: { name: 'Ершова Наталья Алексеевна', email: 'aisgo@uo.purovsky.example' },
  regionalOperator: { name: 'Региональный оператор АИС «СГ.О»', email: 'operator@aisgo.yanao.example' },
};

/** Whether the data store holds no organisations yet (a fresh database). */
export async function isEmpty(pool: DatabasePool): Promise<boolean> {
  return (await pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM organisations`)) === 0;
}

/**
 * Loads the demo municipality: four organisations with their heads, the municipal and regional
 * operators, and `perOrganisation` enrollment orders per organisation over the `days` days before
 * `today` (region-local). About 70 % of the cards are filled the day after the order, 15 % late,
 * 15 % are still incomplete, so some deadlines are overdue at once. Deterministic for a given seed.
 */
export async function loadDemoData(pool: DatabasePool, opts: { today: DateTime; seed?: number; perOrganisation?: number; days?: number }): Promise<{ students: number }> {
  const rnd = seededRandom(opts.seed ?? 216);
  const per = opts.perOrganisation ?? 12;
  const days = opts.days ?? 21;
  let students = 0;
  await pool.transaction(async (tx) => {
    await tx.query(sql.unsafe`INSERT INTO municipalities (id, region, name) VALUES (${DEMO.municipality.id}, ${DEMO.region}, ${DEMO.municipality.name})`);
    await tx.query(sql.unsafe`INSERT INTO responsible_people (full_name, email, role, municipality_id)
      VALUES (${DEMO.municipalOperator.name}, ${DEMO.municipalOperator.email}, 'municipal_operator', ${DEMO.municipality.id})`);
    await tx.query(sql.unsafe`INSERT INTO responsible_people (full_name, email, role, region)
      VALUES (${DEMO.regionalOperator.name}, ${DEMO.regionalOperator.email}, 'regional_operator', ${DEMO.region})`);
    for (const org of DEMO.organisations) {
      await tx.query(sql.unsafe`INSERT INTO organisations (id, region, municipality_id, type, name)
        VALUES (${org.id}, ${DEMO.region}, ${DEMO.municipality.id}, ${org.type}, ${org.name})`);
      await tx.query(sql.unsafe`INSERT INTO responsible_people (full_name, email, role, organisation_id)
        VALUES (${org.head}, ${org.email}, 'organisation_head', ${org.id})`);
      for (let i = 0; i < per; i++) {
        const orderDay = opts.today.minus({ days: 1 + Math.floor(rnd() * days) }).startOf('day');
        const female = rnd() < 0.5;
        const fate = rnd();
        // Filled the next morning, a week late, or never (health group and file number missing).
        const filledAt = (fate < 0.7 ? orderDay.plus({ days: 1, hours: 10 }) : orderDay.plus({ days: 8, hours: 11 })).toUTC().toISO()!;
        const incomplete = fate >= 0.85;
        const fields: Record<string, string | null> = {
          last_name: pick(rnd, LAST) + (female ? 'а' : ''),
          first_name: pick(rnd, female ? FIRST_F : FIRST_M),
          middle_name: pick(rnd, female ? MIDDLE_F : MIDDLE_M),
          sex: female ? 'Ж' : 'М',
          citizenship: 'РФ',
          home_phone: `+7 349 97 ${String(10000 + Math.floor(rnd() * 89999)).slice(0, 2)}-${String(Math.floor(rnd() * 99)).padStart(2, '0')}-${String(Math.floor(rnd() * 99)).padStart(2, '0')}`,
          personal_file_no: incomplete ? null : `${org.id.slice(-4).toUpperCase()}-${orderDay.year}-${100 + i}`,
          health_group: incomplete ? null : pick(rnd, ['I', 'II', 'III']),
        };
        const stamps = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null).map(([k]) => [k, filledAt]));
        const studentId = await tx.oneFirst(sql.type(z.object({ id: z.number() }))`
          INSERT INTO students (organisation_id, last_name, first_name, middle_name, sex, citizenship, home_phone, personal_file_no, health_group, field_filled_at)
          VALUES (${org.id}, ${fields.last_name!}, ${fields.first_name!}, ${fields.middle_name!}, ${fields.sex!}, ${fields.citizenship!},
                  ${fields.home_phone!}, ${fields.personal_file_no}, ${fields.health_group}, ${sql.jsonb(stamps)})
          RETURNING id`);
        await tx.query(sql.unsafe`INSERT INTO movement_orders (organisation_id, student_id, kind, number, order_date, entered_at)
          VALUES (${org.id}, ${studentId}, 'enrollment', ${`${orderDay.toFormat('MM')}-${String(i + 1).padStart(2, '0')}-з`},
                  ${orderDay.toISODate()!}, ${orderDay.plus({ hours: 12 }).toUTC().toISO()!})`);
        students++;
      }
    }
  });
  return { students };
}
