import { ESERVICE_ORGANISATION_CARD_FIELDS } from '../../checks/definitions/eservices.js';
import type { OrganisationPlan, RegionPlan } from './planRegion.js';
import { int, outcomeOf, rngFor, shuffled } from './prng.js';
import { dayOf, latest, officeMinutes, stampsJson, type SeedContext } from './seedContext.js';
import { RATES } from './seedRates.js';

const CARD_FIELDS = Object.keys(ESERVICE_ORGANISATION_CARD_FIELDS);

/**
 * The municipal side of «Е-услуги» for the played-out year: each municipality's academic-year
 * setting (last year's, then the switch to this year per `RATES.eserviceYearSwitch`) and, where it
 * has kindergartens, the distribution of the next year's kindergarten campaign per
 * `RATES.distribution`.
 */
export function seedEserviceMunicipalities(ctx: SeedContext, plan: RegionPlan): void {
  const rnd = rngFor(ctx.seed, 'eservices');
  const { clock } = ctx;
  const withKindergartens = new Set(plan.organisations.filter((o) => o.type === 'ДОО').map((o) => o.municipality.id));
  for (const m of plan.municipalities) {
    ctx.w.add('eservice_academic_years', [ctx.region, m.id, `${ctx.year - 1}/${ctx.year}`, clock.at(dayOf(ctx, '09-06', -1), officeMinutes(rnd))]);
    const switchFate = outcomeOf(rnd, RATES.eserviceYearSwitch);
    if (switchFate !== 'never') {
      const day = dayOf(ctx, '09-06') + (switchFate === 'onTime' ? 0 : int(rnd, 1, 14));
      ctx.w.add('eservice_academic_years', [ctx.region, m.id, ctx.yearId, clock.at(day, officeMinutes(rnd))]);
    }
    if (!withKindergartens.has(m.id)) continue;
    const fate = outcomeOf(rnd, RATES.distribution);
    const held = fate === 'late' ? int(rnd, dayOf(ctx, '06-01', 1), dayOf(ctx, '06-18', 1)) : int(rnd, dayOf(ctx, '05-12', 1), dayOf(ctx, '05-28', 1));
    const protocol = fate === 'never' ? null : clock.at(held + int(rnd, 0, 1), officeMinutes(rnd));
    const directions = clock.at(held + int(rnd, 0, 2), officeMinutes(rnd));
    ctx.w.add('eservice_distributions', [ctx.region, m.id, 'kindergarten', clock.at(held, officeMinutes(rnd)), protocol, protocol ? latest(protocol, directions) : directions]);
  }
}

/**
 * The organisation's card in «Е-услуги» (kindergartens, schools and colleges): every item of
 * ESERVICE_ORGANISATION_CARD_FIELDS filled before 1 May of the admission year, or in May–August
 * (late), or one or two items left empty, per `RATES.eserviceCard`.
 */
export function seedEserviceCard(ctx: SeedContext, org: OrganisationPlan): void {
  if (org.type === 'ОДО') return;
  const rnd = rngFor(ctx.seed, 'eservice-card', org.index);
  const { clock } = ctx;
  const fate = outcomeOf(rnd, RATES.eserviceCard);
  const empty = new Set(fate === 'never' ? shuffled(rnd, CARD_FIELDS).slice(0, int(rnd, 1, 2)) : []);
  const early = () => clock.at(int(rnd, dayOf(ctx, '09-01'), dayOf(ctx, '04-30', 1)), officeMinutes(rnd));
  const stamps: Record<string, string | null> = {};
  for (const f of CARD_FIELDS) stamps[f] = empty.has(f) ? null : early();
  if (fate === 'late') stamps[CARD_FIELDS[int(rnd, 0, CARD_FIELDS.length - 1)]!] = clock.at(int(rnd, dayOf(ctx, '05-01', 1), dayOf(ctx, '08-31', 1)), officeMinutes(rnd));
  ctx.w.add('eservice_organisation_cards', [org.id, stampsJson(stamps), latest(...Object.values(stamps))]);
}
