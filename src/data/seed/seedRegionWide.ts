import { INTEGRATION_SYSTEMS } from '../../checks/definitions/integrations.js';
import { organisationInn } from '../identifiers/inn.js';
import { fullName, personName } from './names.js';
import { address, landline, mobilePhone } from './personalData.js';
import { pad, type OrganisationPlan, type RegionPlan } from './planRegion.js';
import { chance, int, outcomeOf, rngFor, shuffled, weighted, type Fate, type Rng } from './prng.js';
import { dayOf, minutesBetween, officeMinutes, stampsJson, type SeedContext } from './seedContext.js';
import { INTEGRATION_FAILURE_SHARE, ORGANISATION_CARD_MISSING, RATES } from './seedRates.js';

/** Regional centre coordinates, for organisation cards. */
export const REGION_CENTRES: Record<string, [number, number]> = {
  yanao: [66.53, 66.61], chelyabinsk: [55.16, 61.4], sakhalin: [46.96, 142.73], 'altai-krai': [53.35, 83.77],
};

/** Statistical forms of the МОУО: form, due `MM-DD`, year offset (seed 000, §5); the period is the due date's year. */
const AUTHORITY_FORMS: [string, string, number][] = [['76-РИК', '10-31', 0], ['1-НД', '11-30', 0], ['103-РИК', '01-31', 1]];

/**
 * Federal systems the region exchanges with daily (seed 003, 6.5.1–6.5.7), by the ids that
 * `integration_exchange_ok` rules name (`params.system`).
 */
export const FEDERAL_SYSTEMS = Object.keys(INTEGRATION_SYSTEMS);

/** Organisation-card fields that may be missing, most often first. */
const OPTIONAL_CARD_FIELDS = ['website', 'geo', 'licence_date', 'email', 'phone', 'short_name', 'inn', 'address'] as const;

/**
 * Writes municipalities, all organisations (the educational ones, one МОУО per municipality and
 * the regional operator) with their cards, and the responsible people: each organisation's head,
 * a municipal operator per municipality, the regional operator and the department supervisor.
 */
export function seedTerritory(ctx: SeedContext, plan: RegionPlan): void {
  const rnd = rngFor(ctx.seed, 'territory');
  const [lat0, lon0] = REGION_CENTRES[ctx.region] ?? [55.75, 37.62];
  for (const m of plan.municipalities) ctx.w.add('municipalities', [m.id, ctx.region, m.name]);
  const card = (id: string, type: string, municipalityId: string, name: string, shortName: string, settlement: string, head: string, r: Rng) => {
    const missing = new Set(shuffled(r, OPTIONAL_CARD_FIELDS).slice(0, weighted(r, ORGANISATION_CARD_MISSING)));
    const connectedDay = chance(r, 0.02) ? int(r, dayOf(ctx, '09-01'), dayOf(ctx, '05-31', 1)) : dayOf(ctx, `${pad(int(r, 1, 12), 2)}-${pad(int(r, 1, 28), 2)}`, -int(r, 1, 4));
    const connected = ctx.clock.at(connectedDay, officeMinutes(r));
    const updated = ctx.clock.at(Math.max(connectedDay, int(r, dayOf(ctx, '09-01'), dayOf(ctx, '06-30', 1))), officeMinutes(r));
    const slug = id.replace(/[^a-z0-9-]/g, '');
    const v: Record<string, string | number | null> = {
      short_name: missing.has('short_name') ? null : shortName,
      inn: missing.has('inn') ? null : organisationInn(`${ctx.regionCode}${pad(int(r, 1, 99), 2)}${pad(int(r, 0, 99999), 5)}`),
      licence_date: missing.has('licence_date') ? null : `${ctx.year - int(r, 2, 15)}-${pad(int(r, 1, 12), 2)}-${pad(int(r, 1, 28), 2)}`,
      head_name: head,
      website: missing.has('website') ? null : `https://${slug}.edu.example`,
      phone: missing.has('phone') ? null : landline(r, ctx.areaCode),
      email: missing.has('email') ? null : `info@${slug}.example`,
      address: missing.has('address') ? null : address(r, settlement),
      latitude: missing.has('geo') ? null : Math.round((lat0 + (r() - 0.5) * 3) * 1e6) / 1e6,
      longitude: missing.has('geo') ? null : Math.round((lon0 + (r() - 0.5) * 5) * 1e6) / 1e6,
    };
    const stamps: Record<string, string | null> = { name: connected };
    for (const [k, value] of Object.entries(v)) stamps[k] = value === null ? null : connected;
    const f = (k: string) => v[k] ?? null;
    ctx.w.add('organisations', [
      id, ctx.region, municipalityId, type, name, f('short_name'), f('inn'), f('licence_date'), head, f('website'), f('phone'), f('email'),
      f('address'), f('latitude'), f('longitude'), connected, updated, stampsJson(stamps), connected,
    ]);
  };
  const person = (role: string, email: string, scope: { org?: string; municipality?: string; region?: string }, name: string, r: Rng) =>
    ctx.w.add('responsible_people', [name, email, role, scope.org ?? null, scope.municipality ?? null, scope.region ?? null, mobilePhone(r)]);

  const capital = plan.municipalities[0]!;
  const roHead = personName(rnd, 'Ж');
  card(plan.regionalOperatorId, 'РО', capital.id, 'Региональный центр информатизации образования (региональный оператор АИС «СГ.О»)', 'РЦИО', capital.settlements[0]!, fullName(roHead), rnd);
  person('organisation_head', `director@${plan.regionalOperatorId}.example`, { org: plan.regionalOperatorId }, fullName(roHead), rnd);
  person('regional_operator', `operator@${ctx.region}.example`, { region: ctx.region }, fullName(personName(rnd, 'Ж')), rnd);
  person('department_supervisor', `supervisor@${ctx.region}.example`, { region: ctx.region }, fullName(personName(rnd, 'М')), rnd);
  for (const m of plan.municipalities) {
    const head = personName(rnd, chance(rnd, 0.7) ? 'Ж' : 'М');
    const name = m.isTown ? `Управление образования администрации ${m.name.replace(/^город /, 'города ')}` : `Комитет по образованию администрации ${m.adjective.replace(/(ий|ый|ой)$/, 'ого')} района`;
    card(m.authorityId, 'МОУО', m.id, name, 'МОУО', m.settlements[0]!, fullName(head), rnd);
    person('organisation_head', `head@${m.authorityId}.example`, { org: m.authorityId }, fullName(head), rnd);
    person('municipal_operator', `aisgo@${m.id}.example`, { municipality: m.id }, fullName(personName(rnd, chance(rnd, 0.8) ? 'Ж' : 'М')), rnd);
  }
  for (const o of plan.organisations) {
    const r = rngFor(ctx.seed, 'card', o.index);
    card(o.id, o.type, o.municipality.id, o.name, o.shortName, o.settlement, fullName(o.head), r);
    person('organisation_head', `director@${o.id}.example`, { org: o.id }, fullName(o.head), r);
  }
}

/** An instant for an outcome of `fate`, or null for `never`. */
function doneAt(ctx: SeedContext, rnd: Rng, fate: Fate, onTime: () => number, late: () => number): string | null {
  const outcome = outcomeOf(rnd, fate);
  return outcome === 'never' ? null : ctx.clock.at(outcome === 'onTime' ? onTime() : late(), officeMinutes(rnd));
}

/**
 * Writes the year's operator work: МОУО statistical forms, the monitoring cyclogram of municipal
 * operators (by the 10th, by 5 September) and of the regional operator (by the 15th, by 10
 * September), daily exchanges with federal systems, and the official publications of ГИА results.
 */
export function seedOperators(ctx: SeedContext, plan: RegionPlan): void {
  const rnd = rngFor(ctx.seed, 'operators');
  const { clock, year: Y } = ctx;
  for (const m of plan.municipalities) {
    for (const [form, due, offset] of AUTHORITY_FORMS) {
      const dueDay = dayOf(ctx, due, offset);
      const at = doneAt(ctx, rnd, RATES.statistics, () => clock.workingOnOrBefore(dueDay - int(rnd, 1, 20)), () => dueDay + int(rnd, 1, 15));
      if (at) ctx.w.add('statistical_submissions', [m.authorityId, form, String(Y + offset), at]);
    }
  }
  const quarters: [string, string, number][] = [[`${Y}-Q3`, '10', 0], [`${Y}-Q4`, '01', 1], [`${Y + 1}-Q1`, '04', 1], [`${Y + 1}-Q2`, '07', 1]];
  const academicQuarters: [string, string, number][] = [[`${ctx.yearId}-Q1`, '11', 0], [`${ctx.yearId}-Q2`, '01', 1], [`${ctx.yearId}-Q3`, '04', 1], [`${ctx.yearId}-Q4`, '09', 1]];
  // monitoring, period, municipal due, regional due
  const cyclogram: [string, string, number, number][] = [
    ['academic_year_opening', ctx.yearId, dayOf(ctx, '09-05'), dayOf(ctx, '09-10')],
    ...(['journal_filling', 'organisation_cards', 'person_cards'] as const).flatMap((mon) => quarters.map(([p, mm, off]) => [mon, p, dayOf(ctx, `${mm}-10`, off), dayOf(ctx, `${mm}-15`, off)] as [string, string, number, number])),
    ...academicQuarters.map(([p, mm, off]) => ['quarter_marks', p, dayOf(ctx, `${mm}-10`, off), dayOf(ctx, `${mm}-15`, off)] as [string, string, number, number]),
    ['final_marks', ctx.yearId, dayOf(ctx, '06-10', 1), dayOf(ctx, '06-15', 1)],
  ];
  for (const [monitoring, period, municipalDue, regionalDue] of cyclogram) {
    for (const m of plan.municipalities) {
      const at = doneAt(ctx, rnd, RATES.municipalMonitoring, () => municipalDue - int(rnd, 0, 7), () => municipalDue + int(rnd, 1, 12));
      if (at) ctx.w.add('monitoring_submissions', [m.id, ctx.region, 'municipal', monitoring, period, at]);
    }
    const at = doneAt(ctx, rnd, RATES.regionalMonitoring, () => regionalDue - int(rnd, 0, 4), () => regionalDue + int(rnd, 1, 7));
    if (at) ctx.w.add('monitoring_submissions', [null, ctx.region, 'regional', monitoring, period, at]);
  }
  for (let day = dayOf(ctx, '09-01'); day <= dayOf(ctx, '08-31', 1); day++) {
    for (const system of FEDERAL_SYSTEMS) {
      if (outcomeOf(rnd, RATES.integrationExchange) === 'never') continue;
      // Logged for the whole installation (no organisation), so the region says whose exchange it was.
      ctx.w.add('integration_exchanges', [system, null, clock.at(day, minutesBetween(rnd, 1, 5)), !chance(rnd, INTEGRATION_FAILURE_SHARE), ctx.region]);
    }
  }
  const exams: [string, number, string[]][] = [
    ['ОГЭ', 9, ['Русский язык', 'Математика', 'Обществознание', 'Биология', 'География', 'Информатика']],
    ['ЕГЭ', 11, ['Русский язык', 'Математика (профильный уровень)', 'Математика (базовый уровень)', 'Обществознание', 'Физика', 'Химия', 'История', 'Биология']],
  ];
  for (const [exam, grade, subjects] of exams) {
    for (const subject of subjects) ctx.w.add('exam_result_publications', [ctx.region, exam, grade, subject, clock.at(int(rnd, dayOf(ctx, '06-10', 1), dayOf(ctx, '07-05', 1)), minutesBetween(rnd, 10, 18))]);
  }
}

/** The number of organisations of each type in a plan (for the summary). */
export function typeCounts(orgs: OrganisationPlan[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const o of orgs) out[o.type] = (out[o.type] ?? 0) + 1;
  return out;
}
