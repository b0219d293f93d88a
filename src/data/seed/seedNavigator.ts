import type { Skeleton } from './orgSkeleton.js';
import type { OrganisationPlan, RegionPlan } from './planRegion.js';
import { chance, int, outcomeOf, pickOne, rngFor, type Fate, type Rng } from './prng.js';
import { dayOf, minutesBetween, officeMinutes, type SeedContext } from './seedContext.js';
import { CERTIFICATE_SHARE, NAVIGATOR_APPLICATIONS_PER_STUDENT, RATES, SCHOOL_NAVIGATOR_SHARE } from './seedRates.js';

/** A day index for an outcome of `fate`, or null for `never`. */
function dayFor(rnd: Rng, fate: Fate, onTime: () => number, late: () => number): number | null {
  const outcome = outcomeOf(rnd, fate);
  return outcome === 'never' ? null : outcome === 'onTime' ? onTime() : late();
}

/**
 * One card version and the publication request behind it: sent to the МОУО (its МОЦ moderates) on
 * the change, decided («опубликовано») when the version went live.
 */
function cardVersion(ctx: SeedContext, org: OrganisationPlan, number: string, programme: string | null, version: number, changedAt: string, publishedAt: string | null): void {
  ctx.w.add('navigator_card_versions', [org.id, programme, version, changedAt, publishedAt]);
  ctx.w.add('navigator_requests', ['publication', org.municipality.authorityId, org.id, number, changedAt, publishedAt ? 'published' : null, publishedAt]);
}

/**
 * The organisation's navigator work of the year: every ОДО (and `SCHOOL_NAVIGATOR_SHARE` of the other
 * organisations) gets access to the module in the first eight months of the calendar year and
 * publishes its card, then a card per additional programme (counted from the card's publication),
 * with `RATES.navigatorPublication`; changes during the academic year are published the same day
 * with `RATES.navigatorCardChange`. An ОДО also receives applications through the navigator, decided
 * and ordered with `RATES.navigatorDecision` and `RATES.navigatorEnrollment`, the certificate ones
 * followed by an agreement (`RATES.certificateAgreement`), and takes part in ПФДО in both calendar
 * years of the academic year (added by the МОЦ, tariffs set: `RATES.financeStep`).
 */
export function seedNavigator(ctx: SeedContext, org: OrganisationPlan, skeleton: Skeleton): void {
  const rnd = rngFor(ctx.seed, 'navigator', org.index);
  if (org.type !== 'ОДО' && !chance(rnd, SCHOOL_NAVIGATOR_SHARE)) return;
  const { clock } = ctx;
  const at = (day: number, minutes = officeMinutes(rnd)) => clock.at(day, minutes);
  let requests = 0;
  const number = () => `М-${org.index}-${++requests}`;
  const published = (from: number) => dayFor(rnd, RATES.navigatorPublication, () => clock.addWorkingDays(from, int(rnd, 0, 5)), () => clock.addWorkingDays(from, int(rnd, 6, 20)));

  // The organisation card: created with access to the module, first published within 5 working days.
  const accessDay = int(rnd, dayOf(ctx, '01-10'), dayOf(ctx, '08-31'));
  const accessMinutes = minutesBetween(rnd, 9, 12);
  ctx.w.add('navigator_cards', [org.id, 'organisation', null, at(accessDay, accessMinutes)]);
  const orgDay = published(accessDay);
  const orgPublished = orgDay === null ? null : at(orgDay, orgDay === accessDay ? minutesBetween(rnd, 12, 18) : officeMinutes(rnd));
  cardVersion(ctx, org, number(), null, 1, at(accessDay, accessMinutes), orgPublished);
  const cards: (string | null)[] = [null];

  const programmes = [...new Set(skeleton.programmes.filter((p) => p.kind === 'additional').map((p) => p.name))];
  for (const name of programmes) {
    const createdDay = accessDay + int(rnd, 0, 3);
    ctx.w.add('navigator_cards', [org.id, 'programme', name, at(createdDay, minutesBetween(rnd, 9, 12))]);
    // Counted from the organisation card's publication (or the card's creation, if later); nothing before it.
    const pubDay = orgDay === null ? null : published(Math.max(orgDay, createdDay));
    cardVersion(ctx, org, number(), name, 1, at(createdDay, minutesBetween(rnd, 9, 12)), pubDay === null ? null : at(pubDay, minutesBetween(rnd, 12, 18)));
    cards.push(name);
  }

  // Changes during the academic year, each published the same day, later, or never.
  for (const card of cards) {
    const days = Array.from({ length: int(rnd, 0, 2) }, () => int(rnd, dayOf(ctx, '09-01'), dayOf(ctx, '05-31', 1))).sort((a, b) => a - b);
    days.forEach((day, k) => {
      const minutes = minutesBetween(rnd, 9, 15);
      const pubDay = dayFor(rnd, RATES.navigatorCardChange, () => day, () => day + int(rnd, 1, 10));
      cardVersion(ctx, org, number(), card, k + 2, at(day, minutes), pubDay === null ? null : at(pubDay, pubDay === day ? minutes + int(rnd, 10, 180) : officeMinutes(rnd)));
    });
  }

  if (org.type !== 'ОДО') return;
  seedApplications(ctx, org, rnd);
  for (const year of [ctx.year, ctx.year + 1]) {
    const due = (mmdd: string) => clock.day(`${year}-${mmdd}`);
    const added = dayFor(rnd, RATES.financeStep, () => int(rnd, due('02-01'), due('02-14')), () => int(rnd, due('02-15'), due('03-15'))) ?? int(rnd, due('03-16'), due('04-30'));
    const tariffs = dayFor(rnd, RATES.financeStep, () => Math.max(added, int(rnd, due('02-10'), due('02-22'))), () => Math.max(added, due('02-22')) + int(rnd, 1, 20));
    ctx.w.add('certificate_providers', [org.id, String(year), at(added), tariffs === null ? null : at(tariffs)]);
  }
}

/** Applications to the centre's programmes through the navigator, most at the start of the year. */
function seedApplications(ctx: SeedContext, org: OrganisationPlan, rnd: Rng): void {
  const { clock } = ctx;
  const count = Math.max(3, Math.round(org.students * NAVIGATOR_APPLICATIONS_PER_STUDENT));
  for (let k = 1; k <= count; k++) {
    const submittedDay = chance(rnd, 0.8) ? int(rnd, dayOf(ctx, '08-20'), dayOf(ctx, '09-30')) : int(rnd, dayOf(ctx, '10-01'), dayOf(ctx, '04-30', 1));
    const submittedMinutes = minutesBetween(rnd, 8, 22);
    const decidedDay = dayFor(rnd, RATES.navigatorDecision, () => clock.addWorkingDays(submittedDay, int(rnd, 1, 5)), () => clock.addWorkingDays(submittedDay, int(rnd, 6, 20)));
    const decided = decidedDay === null ? null : clock.at(decidedDay, officeMinutes(rnd));
    const status = decided === null ? 'new' : chance(rnd, 0.9) ? 'accepted' : 'refused';
    let enrolled: string | null = null;
    let enrolledDay: number | null = null;
    if (status === 'accepted' && decidedDay !== null) {
      const day = dayFor(rnd, RATES.navigatorEnrollment, () => clock.addWorkingDays(submittedDay, int(rnd, 1, 5)), () => clock.addWorkingDays(submittedDay, int(rnd, 6, 20)));
      enrolledDay = day === null ? null : Math.max(day, decidedDay);
      enrolled = enrolledDay === null ? null : clock.at(enrolledDay, enrolledDay === decidedDay ? 18 * 60 + int(rnd, 0, 59) : officeMinutes(rnd));
    }
    const certificate = chance(rnd, CERTIFICATE_SHARE);
    const agreementDay = certificate && enrolledDay !== null ? dayFor(rnd, RATES.certificateAgreement, () => enrolledDay!, () => enrolledDay! + int(rnd, 1, 10)) : null;
    const agreement = agreementDay === null ? null : clock.at(agreementDay, agreementDay === enrolledDay ? 19 * 60 + int(rnd, 0, 239) : officeMinutes(rnd));
    ctx.w.add('navigator_applications', [
      org.id, org.municipality.id, 'navigator_programme', `Н-${org.index}-${k}`, clock.at(submittedDay, submittedMinutes), status, decided, decided,
      enrolled, certificate, agreement,
    ]);
  }
}

const SUBJECTS = ['математике', 'русскому языку', 'физике', 'химии', 'биологии', 'истории', 'информатике', 'литературе', 'английскому языку', 'географии'];
const CONTESTS = ['Конкурс исследовательских работ «Шаг в будущее»', 'Фестиваль «Созвездие талантов»', 'Конкурс чтецов «Живое слово»', 'Турнир юных математиков'];

/**
 * The region-wide navigator and ПФДО work: the financial period (РМЦ, by 29 January) and each
 * municipality's certificate nominal set and credited (by 1 and 7 February) for both calendar years
 * of the academic year (`RATES.financeStep`); each ОДО's registration as a service provider and its
 * inclusion in the registry, decided by the regional operator (`RATES.navigatorRequest`); and the
 * events of «Одаренные дети» — olympiad stages and contests of the operator, municipal contests of
 * each МОУО — with the schools called to them (`RATES.giftedEntry` for the event, the participants
 * and the results).
 */
export function seedNavigatorRegion(ctx: SeedContext, plan: RegionPlan): void {
  const rnd = rngFor(ctx.seed, 'navigator-region');
  const { clock } = ctx;
  const at = (day: number) => clock.at(day, officeMinutes(rnd));
  for (const year of [ctx.year, ctx.year + 1]) {
    const d = (mmdd: string) => clock.day(`${year}-${mmdd}`);
    const step = (municipality: string | null, name: string, from: string, due: string, lateTo: string) => {
      const day = dayFor(rnd, RATES.financeStep, () => int(rnd, d(from), d(due)), () => int(rnd, d(due) + 1, d(lateTo)));
      if (day !== null) ctx.w.add('certificate_finance_steps', [ctx.region, municipality, name, String(year), at(day)]);
    };
    step(null, 'financial_period', '01-10', '01-29', '02-15');
    for (const m of plan.municipalities) {
      step(m.id, 'nominal_set', '01-20', '02-01', '02-20');
      step(m.id, 'nominal_credited', '02-02', '02-07', '02-28');
    }
  }

  const centres = plan.organisations.filter((o) => o.type === 'ОДО');
  for (const o of centres) {
    const request = (kind: string, decision: string, term: number, number: string, from: number) => {
      const received = clock.at(from, officeMinutes(rnd));
      const day = dayFor(rnd, RATES.navigatorRequest, () => clock.addWorkingDays(from, int(rnd, 1, term)), () => clock.addWorkingDays(from, term + int(rnd, 1, 10)));
      ctx.w.add('navigator_requests', [kind, plan.regionalOperatorId, o.id, number, received, day === null ? null : decision, day === null ? null : clock.at(day, 17 * 60 + int(rnd, 0, 59))]);
      return day;
    };
    const registered = request('provider_registration', 'registered', 5, `РИ-${o.index}`, int(rnd, dayOf(ctx, '01-10'), dayOf(ctx, '01-31')));
    request('provider_registry', 'included', 2, `РЕ-${o.index}`, (registered ?? dayOf(ctx, '02-10')) + int(rnd, 1, 10));
  }

  const schools = plan.organisations.filter((o) => o.type === 'ООО');
  const gifted = (organiser: string, level: string, title: string, invited: readonly OrganisationPlan[]) => {
    const docsDay = int(rnd, dayOf(ctx, '09-10'), dayOf(ctx, '03-31', 1));
    const recorded = clock.at(docsDay + int(rnd, 0, 1), officeMinutes(rnd));
    const entered = dayFor(rnd, RATES.giftedEntry, () => clock.addWorkingDays(docsDay, int(rnd, 1, 3)), () => clock.addWorkingDays(docsDay, int(rnd, 4, 13)));
    const resultsDay = docsDay + int(rnd, 20, 40);
    ctx.w.add('gifted_events', [organiser, level, title, clock.date(docsDay), recorded, entered === null ? null : clock.at(entered, 17 * 60 + int(rnd, 0, 59)), clock.date(resultsDay), clock.at(resultsDay, officeMinutes(rnd))]);
    for (const s of invited) {
      const assigned = dayFor(rnd, RATES.giftedEntry, () => clock.addWorkingDays(docsDay, int(rnd, 2, 5)), () => clock.addWorkingDays(docsDay, int(rnd, 6, 15)));
      const results = assigned === null ? null : dayFor(rnd, RATES.giftedEntry, () => clock.addWorkingDays(resultsDay, int(rnd, 1, 3)), () => clock.addWorkingDays(resultsDay, int(rnd, 4, 13)));
      ctx.w.add('gifted_event_participations', [organiser, title, clock.date(docsDay), s.id, recorded,
        assigned === null ? null : clock.at(assigned, officeMinutes(rnd)), results === null ? null : clock.at(results, officeMinutes(rnd))]);
    }
  };
  const sample = (from: readonly OrganisationPlan[], share: number) => from.filter(() => chance(rnd, share));
  ['municipal_stage', 'regional', 'all_russian'].forEach((level, i) => {
    for (let k = 0; k < 3; k++) {
      const stage = ['Муниципальный этап', 'Региональный этап', 'Заключительный этап'][i];
      gifted(plan.regionalOperatorId, level, `${stage} всероссийской олимпиады школьников по ${SUBJECTS[(3 * i + k) % SUBJECTS.length]} ${ctx.yearId}`, sample(schools, i === 0 ? 0.6 : 0.2));
    }
  });
  for (const m of plan.municipalities) {
    const local = schools.filter((s) => s.municipality.id === m.id);
    for (let k = 0; k < 2; k++) gifted(m.authorityId, 'municipal', `${pickOne(rnd, CONTESTS)} (${m.name}, ${ctx.yearId}, № ${k + 1})`, sample(local, 0.5));
  }
}
