import { CURRICULUM_REQUIREMENTS, PUBLIC_DOCUMENT_TITLES } from '../../checks/definitions/documents.js';
import type { Skeleton } from './orgSkeleton.js';
import type { OrganisationPlan } from './planRegion.js';
import { chance, int, outcomeOf, pickOne, rngFor, type Fate, type Rng } from './prng.js';
import { requirementsMetAt } from './requirementsMetAt.js';
import { dayOf, minutesBetween, officeMinutes, type SeedContext } from './seedContext.js';
import { CONTINGENT_DISCREPANCY, RATES, SCHOOL_NAVIGATOR_SHARE } from './seedRates.js';

/** Last study day of the year per type (`MM-DD` of the second calendar year). */
const YEAR_END: Record<OrganisationPlan['type'], string> = { ООО: '05-31', ДОО: '08-31', ОДО: '05-31', ПОО: '06-30' };

/** Documents each type publishes in «Ресурсы - Документы» (ЯНАО order № 216, section 3). */
const PUBLISHED: Record<OrganisationPlan['type'], (keyof typeof PUBLIC_DOCUMENT_TITLES)[]> = {
  ООО: ['charter', 'curriculum', 'main_programme', 'work_programmes', 'gia_procedure', 'gia_schedule', 'exam_results'],
  ПОО: ['charter', 'curriculum', 'main_programme', 'work_programmes', 'gia_procedure', 'gia_schedule', 'exam_results'],
  ДОО: ['charter', 'curriculum', 'main_programme'],
  ОДО: ['charter', 'curriculum', 'main_programme', 'work_programmes'],
};

const LOCAL_ACTS = [
  'Положение о внутренней системе оценки качества образования', 'Правила внутреннего распорядка обучающихся',
  'Положение о формах, периодичности и порядке текущего контроля успеваемости', 'Положение о языке образования',
  'Порядок оформления возникновения, приостановления и прекращения отношений', 'Положение об электронном журнале',
];

/**
 * Statistical forms an organisation of each type submits: form, due `MM-DD`, year offset. The
 * period id is the calendar year of the due date, as the annual rules of seed 000, §5 name it.
 */
export const ORGANISATION_FORMS: Record<OrganisationPlan['type'], [string, string, number][]> = {
  ООО: [['ОО-1', '10-05', 0]],
  ПОО: [['СПО-1', '10-05', 0]],
  ДОО: [['85-К', '01-20', 1]],
  ОДО: [['1-ДО', '01-20', 1]],
};

const NAVIGATOR_TITLES = [
  'Муниципальный конкурс «Юные таланты»', 'Открытое первенство по мини-футболу', 'Выставка декоративно-прикладного творчества',
  'Фестиваль детского творчества «Радуга»', 'Экологическая акция «Чистый берег»', 'Турнир по шахматам', 'Отчётный концерт',
  'Соревнования по робототехнике', 'Краеведческая викторина', 'Профильная смена «Лидер»',
];

/**
 * The day the organisation formed the next academic year (null: never), from its own PRNG stream so
 * that the class groups of the next year (inserted first) and the year record agree.
 */
export function nextYearCreatedDay(ctx: SeedContext, org: OrganisationPlan, skeleton: Skeleton): number | null {
  const rnd = rngFor(ctx.seed, 'next-year', org.index);
  const fate = skeleton.years.nextCreated;
  if (fate === 'never') return null;
  return fate === 'onTime' ? ctx.clock.workingBetween(rnd(), dayOf(ctx, '06-01', 1), dayOf(ctx, '08-31', 1)) : ctx.clock.workingBetween(rnd(), dayOf(ctx, '09-01', 1), dayOf(ctx, '09-15', 1));
}

/** An instant for an obligation's outcome: `onTime()` or `late()` give the day, `never` gives null. */
function doneAt(ctx: SeedContext, rnd: Rng, fate: Fate, onTime: () => number, late: () => number, minutes = officeMinutes): string | null {
  const outcome = outcomeOf(rnd, fate);
  if (outcome === 'never') return null;
  return ctx.clock.at(outcome === 'onTime' ? onTime() : late(), minutes(rnd));
}

/**
 * Generates the organisation's year: academic-year records around both rollovers, curricula,
 * schedules and thematic plans, published documents, statistical forms, monthly contingent
 * exports, Navigator events and (for ОДО) the monthly certificate finance chain.
 */
export function seedOrgYear(ctx: SeedContext, org: OrganisationPlan, skeleton: Skeleton, classIds: Map<string, number>): void {
  const rnd = rngFor(ctx.seed, 'org-year', org.index);
  const { clock, year: Y } = ctx;
  const between = (from: string, to: string, offset = 0, toOffset = offset) => clock.workingBetween(rnd(), dayOf(ctx, from, offset), dayOf(ctx, to, toOffset));

  // Academic years: the previous one (closed at this rollover), the current one, the next one.
  const yearsOf = (first: number) => `${first}/${first + 1}`;
  const fates = skeleton.years;
  const previousCreated = clock.at(between('06-01', '08-31', -1), officeMinutes(rnd));
  const previousOpened = clock.at(between('08-26', '09-05', -1), officeMinutes(rnd));
  ctx.w.add('academic_years', [
    org.id, yearsOf(Y - 1), `${Y - 1}-09-01`, `${Y}-${YEAR_END[org.type]}`, previousCreated, previousOpened,
    fates.previousClosed === 'never' ? null : clock.at(fates.previousClosed === 'onTime' ? between('08-25', '09-20') : between('09-21', '10-31'), officeMinutes(rnd)),
    previousOpened,
  ]);
  const created = clock.at(between('06-01', '08-31'), officeMinutes(rnd));
  const openedDay = fates.opened === 'never' ? null : fates.opened === 'onTime' ? between('08-26', '09-05') : between('09-06', '09-25');
  const opened = openedDay === null ? null : clock.at(openedDay, officeMinutes(rnd));
  ctx.w.add('academic_years', [
    org.id, ctx.yearId, `${Y}-09-01`, `${Y + 1}-${YEAR_END[org.type]}`, created, opened, null, daysOffSetAt(ctx, org, openedDay, opened),
  ]);
  const nextDay = nextYearCreatedDay(ctx, org, skeleton);
  if (nextDay !== null) ctx.w.add('academic_years', [org.id, yearsOf(Y + 1), `${Y + 1}-09-01`, `${Y + 2}-${YEAR_END[org.type]}`, clock.at(nextDay, officeMinutes(rnd)), null, null, null]);

  // Planning documents of the current year; a curriculum's requirements are met on their own stream.
  const requirementsRnd = rngFor(ctx.seed, 'curriculum-requirements', org.index);
  const planning = (kind: string, classId: number | null) => {
    const created = doneAt(ctx, rnd, RATES.planning, () => between('08-15', '09-05'), () => between('09-06', '09-30'));
    if (!created) return;
    const requirements = kind === 'curriculum' || kind === 'individual_curriculum'
      ? requirementsMetAt(ctx, requirementsRnd, RATES.curriculumRequirements, Object.keys(CURRICULUM_REQUIREMENTS), dayFromInstant(ctx, created), created, dayOf(ctx, '09-05'))
      : '{}';
    ctx.w.add('planning_documents', [org.id, ctx.yearId, kind, classId, created, new Date(Date.parse(created) + int(rnd, 0, 20) * 86_400_000).toISOString(), requirements]);
  };
  planning('curriculum', null);
  if (org.type !== 'ДОО') planning('schedule', null);
  if (org.type === 'ООО' || org.type === 'ПОО') for (const c of skeleton.classes) planning('thematic_plan', classIds.get(c.name) ?? null);
  if (org.type === 'ООО' && chance(rnd, 0.3)) planning('individual_curriculum', null);

  // Public documents: approved, then published (or not).
  const publish = (externalId: string, kind: string, title: string, approvedDay: number) => {
    const published = doneAt(ctx, rnd, RATES.publicDocument, () => approvedDay + int(rnd, 0, 3), () => approvedDay + int(rnd, 4, 20));
    ctx.w.add('public_documents', [org.id, externalId, kind, title, clock.date(approvedDay), published]);
  };
  for (const kind of PUBLISHED[org.type]) {
    const title = PUBLIC_DOCUMENT_TITLES[kind]!;
    if (kind === 'charter') {
      const approved = clock.workingOnOrAfter(clock.day(`${Y - int(rnd, 1, 8)}-${String(int(rnd, 1, 12)).padStart(2, '0')}-${String(int(rnd, 1, 28)).padStart(2, '0')}`));
      ctx.w.add('public_documents', [org.id, 'doc-charter', kind, `Устав ${org.name}`, clock.date(approved), clock.at(approved + int(rnd, 1, 3), officeMinutes(rnd))]);
    } else if (kind === 'gia_procedure' || kind === 'gia_schedule') publish(`doc-${kind}-${Y}`, kind, `${capitalise(title)} в ${ctx.yearId} учебном году`, between('10-01', '12-20'));
    else if (kind === 'exam_results') publish(`doc-${kind}-${Y}`, kind, `${capitalise(title)} ${Y + 1} года`, between('07-01', '07-15', 1));
    else publish(`doc-${kind}-${Y}`, kind, `${capitalise(title)} на ${ctx.yearId} учебный год`, between('08-25', '08-31'));
  }
  for (let k = 1, n = int(rnd, 0, 3); k <= n; k++) publish(`doc-act-${Y}-${k}`, 'local_act', pickOne(rnd, LOCAL_ACTS), between('09-01', '06-30', 0, 1));

  // Statistical forms.
  for (const [form, due, offset] of ORGANISATION_FORMS[org.type]) {
    const dueDay = dayOf(ctx, due, offset);
    const at = doneAt(ctx, rnd, RATES.statistics, () => clock.workingOnOrBefore(dueDay - int(rnd, 1, 20)), () => dueDay + int(rnd, 1, 15));
    if (at) ctx.w.add('statistical_submissions', [org.id, form, String(Y + offset), at]);
  }

  // Monthly contingent exports; the organisation's data quality decides the discrepancies.
  const quality = rnd() < CONTINGENT_DISCREPANCY.risk ? 'risk' : rnd() < CONTINGENT_DISCREPANCY.slight / (1 - CONTINGENT_DISCREPANCY.risk) ? 'slight' : 'good';
  for (let month = 0; month < 12; month++) {
    const y = month < 4 ? Y : Y + 1;
    const mm = String(((month + 8) % 12) + 1).padStart(2, '0');
    const at = doneAt(ctx, rnd, RATES.contingentExport, () => clock.workingBetween(rnd(), clock.day(`${y}-${mm}-01`), clock.day(`${y}-${mm}-05`)), () => clock.day(`${y}-${mm}-${String(int(rnd, 6, 20)).padStart(2, '0')}`), (r) => minutesBetween(r, 0, 24));
    if (!at) continue;
    const records = org.students;
    const share = quality === 'good' ? rnd() * 0.001 : quality === 'slight' ? 0.01 + rnd() * 0.09 : 0.11 + rnd() * 0.4;
    ctx.w.add('contingent_exports', [org.id, at, records, Math.round(records * share)]);
  }

  // Navigator events: announced ahead, results afterwards.
  const events = org.type === 'ОДО' ? int(rnd, 2, 6) : org.type === 'ООО' && chance(rnd, SCHOOL_NAVIGATOR_SHARE) ? int(rnd, 1, 3) : 0;
  for (let k = 0; k < events; k++) {
    const day = int(rnd, dayOf(ctx, '09-15'), dayOf(ctx, '05-31', 1));
    const announced = doneAt(ctx, rnd, RATES.navigatorAnnouncement, () => day - int(rnd, 10, 30), () => day - int(rnd, 1, 9));
    const results = doneAt(ctx, rnd, RATES.navigatorResults, () => day + int(rnd, 0, 3), () => day + int(rnd, 4, 20));
    ctx.w.add('navigator_events', [org.id, pickOne(rnd, NAVIGATOR_TITLES), clock.date(day), announced, results]);
  }

  // ПФДО finance chain per month: report by the 5th, request, acceptance, payment.
  if (org.type === 'ОДО') {
    for (let month = 0; month < 12; month++) {
      const y = month < 4 ? Y : Y + 1;
      const m = ((month + 8) % 12) + 1;
      const nextFirst = clock.day(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`);
      const report = doneAt(ctx, rnd, RATES.financeStep, () => clock.workingBetween(rnd(), nextFirst, nextFirst + 4), () => nextFirst + int(rnd, 5, 14));
      const step = (after: string | null, onTime: [number, number], late: [number, number]) => {
        if (!after) return null;
        const from = clock.day(after.slice(0, 10));
        return doneAt(ctx, rnd, RATES.financeStep, () => clock.addWorkingDays(from, int(rnd, ...onTime)), () => clock.addWorkingDays(from, int(rnd, ...late)));
      };
      const request = step(report, [1, 3], [4, 10]);
      const accepted = step(request, [1, 5], [6, 15]);
      const paid = step(accepted, [3, 8], [9, 20]);
      ctx.w.add('finance_periods', [org.id, `${y}-${String(m).padStart(2, '0')}`, report, request, accepted, paid]);
    }
  }
}

/**
 * When the days off of the current year were entered (`RATES.daysOff`, on their own stream so the
 * rest of the year's data does not shift): with the opening, 3–20 days after it, or never; null
 * while the year is not opened.
 */
function daysOffSetAt(ctx: SeedContext, org: OrganisationPlan, openedDay: number | null, opened: string | null): string | null {
  if (openedDay === null || opened === null) return null;
  const r = rngFor(ctx.seed, 'days-off', org.index);
  const outcome = outcomeOf(r, RATES.daysOff);
  if (outcome === 'never') return null;
  if (outcome === 'onTime') return new Date(Date.parse(opened) + int(r, 5, 90) * 60_000).toISOString();
  return ctx.clock.at(openedDay + int(r, 3, 20), officeMinutes(r));
}

/** The seed clock's day index of an instant, by its local date in the region's zone. */
function dayFromInstant(ctx: SeedContext, instant: string): number {
  return ctx.clock.day(new Date(instant).toLocaleDateString('sv-SE', { timeZone: ctx.clock.zone }));
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
