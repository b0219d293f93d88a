import { sql, type DatabaseTransactionConnection } from 'slonik';
import type { Cell } from './bulkWriter.js';
import { int, outcomeOf, pickOne, rngFor } from './prng.js';
import { officeMinutes, type SeedContext } from './seedContext.js';
import { APPLICATION_LEAD_DAYS, RATES } from './seedRates.js';

const FURTHER_EDUCATION: Record<string, string[]> = {
  ДОО: ['поступление в 1 класс общеобразовательной организации'],
  ООО: ['продолжение обучения в 10 классе', 'обучение по программе среднего профессионального образования', 'профессиональное обучение'],
  ОДО: ['продолжение обучения по другой программе'],
  ПОО: ['трудоустройство по специальности', 'обучение по программе высшего образования', 'служба в армии'],
};
/**
 * Share of a kindergarten's group-days hit in a month whose attendance is late or never done: with
 * some 100 group-days a month, a month so fated almost surely has a few.
 */
const AFFECTED_DAYS = 0.05;
const RECEIVING = ['МБОУ «СОШ № 2»', 'МБОУ «Гимназия № 1»', 'МБДОУ «Детский сад № 5»', 'ГБПОУ «Многопрофильный колледж»', 'МБУ ДО «Дом детского творчества»', 'образовательная организация другого региона'];

/**
 * The columns a movement document has beyond its number, date and reason (`movement_orders`:
 * application_date, subtype, receiving_institution, further_education, requirements_met_at), for a
 * document of `kind` of the organisation `org` dated `orderDay` and entered at `enteredAt`. An
 * enrollment is based on an application received `APPLICATION_LEAD_DAYS` working days before the
 * order; a graduation has a subtype and a direction, a dropout the institution the pupil leaves for,
 * each filled by `RATES.movementDetails` (with the entry, later — stamped — or never). Drawn from a
 * stream of the document's own, so the rest of the data does not shift.
 */
export function movementOrderExtras(ctx: SeedContext, org: { index: number; type: string }, student: string, kind: string, orderDay: number, enteredAt: string, reason: string | null): Cell[] {
  const rnd = rngFor(ctx.seed, 'movement-extras', org.index, student, kind);
  const { clock } = ctx;
  const stamps: Record<string, string> = {};
  const enteredDay = clock.day(new Date(enteredAt).toLocaleDateString('sv-SE', { timeZone: clock.zone }));
  /** A value filled with the entry, later (stamped), or never. */
  const detail = (key: string, value: string): string | null => {
    const fate = outcomeOf(rnd, RATES.movementDetails);
    if (fate === 'never') return null;
    if (fate === 'late') stamps[key] = clock.at(enteredDay + int(rnd, 5, 30), officeMinutes(rnd));
    return value;
  };
  let application: string | null = null;
  if (kind === 'enrollment') {
    let day = orderDay;
    for (let k = int(rnd, APPLICATION_LEAD_DAYS.min, APPLICATION_LEAD_DAYS.max); k > 0; k--) do day--; while (!clock.isWorking(day));
    application = clock.date(day);
  }
  const subtype = kind === 'graduation' ? detail('graduate_subtype', reason ?? 'завершение обучения') : null;
  const further = kind === 'graduation' ? detail('further_education', pickOne(rnd, FURTHER_EDUCATION[org.type] ?? FURTHER_EDUCATION.ООО!)) : null;
  const receiving = kind === 'dropout' ? detail('receiving_institution', pickOne(rnd, RECEIVING)) : null;
  return [application, subtype, receiving, further, JSON.stringify(stamps)];
}

/**
 * The attendance sheets of every kindergarten group (ДОО, `class_groups.kind = 'group'`) of the
 * played-out year that has pupils, one per working day from 1 September to 31 August, generated in
 * one set-based statement because they are the largest table (groups × ~247 days). Punctuality is
 * drawn per organisation and month by `RATES.attendance`: on time, every sheet is marked on its day
 * (09:00–12:00); late, a few sheets are marked 1–10 days after the month; never, a few stay unmarked.
 * Deterministic: the draws are hashes of the seed and natural keys. Returns the rows written.
 */
export async function seedAttendance(tx: DatabaseTransactionConnection, ctx: SeedContext): Promise<number> {
  const { clock } = ctx;
  const days: string[] = [];
  for (let d = clock.day(`${ctx.year}-09-01`); d <= clock.day(`${ctx.year + 1}-08-31`); d++) if (clock.isWorking(d)) days.push(clock.date(d));
  const r = RATES.attendance;
  const result = await tx.query(sql.unsafe`
    WITH groups AS (
      SELECT cg.id, cg.organisation_id, cg.name, count(st.id)::int AS pupils
      FROM class_groups cg
      JOIN organisations g ON g.id = cg.organisation_id AND g.region = ${ctx.region} AND g.type = 'ДОО'
      JOIN students st ON st.class_group_id = cg.id
      WHERE cg.kind = 'group' AND cg.academic_year = ${ctx.yearId}
      GROUP BY cg.id
    ),
    sheets AS (
      SELECT gr.id AS class_group_id, gr.organisation_id, d AS day, gr.pupils,
             date_trunc('month', d)::date AS month,
             ((hashtextextended(gr.organisation_id || '|' || to_char(d, 'YYYY-MM'), ${ctx.seed}) & 2147483647)::float8 / 2147483648) AS u_month,
             ((hashtextextended(gr.organisation_id || '|' || gr.name || '|' || d::text, ${ctx.seed}) & 2147483647)::float8 / 2147483648) AS u_day
      FROM groups gr CROSS JOIN unnest(${sql.array(days, 'date')}) AS d
    ),
    fated AS (
      SELECT s.*, CASE WHEN s.u_month < ${r.onTime} THEN 'onTime' WHEN s.u_month < ${r.onTime + r.late} THEN 'late' ELSE 'never' END AS fate,
             s.u_day < ${AFFECTED_DAYS} AS affected
      FROM sheets s
    )
    INSERT INTO attendance_sheets (organisation_id, class_group_id, day, present, absent, marked_at)
    SELECT f.organisation_id, f.class_group_id, f.day, f.pupils - floor(f.u_day * 4 * f.pupils / 20)::int, floor(f.u_day * 4 * f.pupils / 20)::int,
           CASE WHEN f.fate = 'late' AND f.affected
                THEN ((f.month + interval '1 month')::date - 1 + 1 + floor(f.u_day * 1000)::int % 10)::timestamp + interval '10 hours'
                ELSE f.day::timestamp + interval '9 hours' + floor(f.u_day * 180)::int * interval '1 minute' END AT TIME ZONE ${clock.zone}
    FROM fated f
    WHERE NOT (f.fate = 'never' AND f.affected)`);
  return result.rowCount;
}
