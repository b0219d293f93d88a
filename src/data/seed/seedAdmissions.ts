import { sql } from 'slonik';
import { z } from 'zod';
import type { Pipeline } from './bulkWriter.js';
import type { Skeleton } from './orgSkeleton.js';
import type { OrganisationPlan, RegionPlan } from './planRegion.js';
import { chance, int, outcomeOf, rngFor, weighted, type Rng } from './prng.js';
import { dayOf, latest, minutesBetween, officeMinutes, stampsJson, type SeedContext } from './seedContext.js';
import { APPLICATIONS_PER_PLACE, NEGATIVE_VACANCY_SHARE, RATES, SCHOOL_CAMP_SHARE } from './seedRates.js';

type CampaignKind = 'grade1' | 'grade10' | 'kindergarten' | 'summer_camp' | 'spo';

/** An admission campaign of the next school year as inserted. */
export interface Campaign {
  id: number;
  kind: CampaignKind;
  stage: number;
  opens: number;
  closes: number;
  configuredAt: string | null;
}

/** Campaigns by `municipality|kind|stage` (by `organisation|spo|1` for colleges). */
export type Campaigns = Map<string, Campaign>;

const DATES: Record<string, [string, string]> = {
  'grade1|1': ['04-01', '06-30'], 'grade1|2': ['07-06', '09-05'], 'grade10|1': ['06-20', '08-20'],
  'kindergarten|1': ['04-01', '05-31'], 'summer_camp|1': ['03-01', '05-31'], 'spo|1': ['06-20', '08-15'],
};

const inserted = z.object({ id: z.number(), municipality_id: z.string().nullable(), organisation_id: z.string().nullable(), kind: z.string(), stage: z.number() });

/**
 * Inserts the admission campaigns of the next school year (1st grade in two stages, 10th grade,
 * kindergartens and summer camps per municipality; admission per college), configured per
 * `RATES.campaignConfigured`, and returns them for the places and applications of each organisation.
 */
export async function seedCampaigns(ctx: SeedContext, plan: RegionPlan, pipeline: Pipeline): Promise<Campaigns> {
  const rnd = rngFor(ctx.seed, 'campaigns');
  const { clock } = ctx;
  const rows: { municipality: string; organisation: string | null; kind: CampaignKind; stage: number; extended: string | null; configured: string | null }[] = [];
  const add = (municipality: string, organisation: string | null, kind: CampaignKind, stage: number) => {
    const opens = dayOf(ctx, DATES[`${kind}|${stage}`]![0], 1);
    const fate = outcomeOf(rnd, RATES.campaignConfigured);
    const configured = fate === 'never' ? null : clock.at(fate === 'onTime' ? opens - int(rnd, 3, 20) : opens + int(rnd, 1, 10), officeMinutes(rnd));
    const extended = (kind === 'kindergarten' || kind === 'spo') && chance(rnd, 0.2) ? `${ctx.year + 1}-${kind === 'spo' ? '11-25' : '06-30'}` : null;
    rows.push({ municipality, organisation, kind, stage, extended, configured });
  };
  for (const m of plan.municipalities) {
    const types = new Set(plan.organisations.filter((o) => o.municipality === m).map((o) => o.type));
    if (types.has('ООО')) {
      add(m.id, null, 'grade1', 1);
      add(m.id, null, 'grade1', 2);
      add(m.id, null, 'grade10', 1);
      add(m.id, null, 'summer_camp', 1);
    }
    if (types.has('ДОО')) add(m.id, null, 'kindergarten', 1);
  }
  for (const o of plan.organisations) if (o.type === 'ПОО') add(o.municipality.id, o.id, 'spo', 1);
  for (const r of rows) ctx.w.note('admission_campaigns', [r.municipality, r.organisation, r.kind, r.stage, r.configured, r.extended]);
  const result = await pipeline.run<z.infer<typeof inserted>>(sql.type(inserted)`
    INSERT INTO admission_campaigns (region, municipality_id, organisation_id, kind, year, stage, configured_at, opens_on, closes_on, extended_until)
    SELECT ${ctx.region}, u.municipality_id, u.organisation_id, u.kind, ${ctx.year + 1}, u.stage, u.configured_at, u.opens_on, u.closes_on, u.extended_until
    FROM unnest(${sql.array(rows.map((r) => r.municipality), 'text')}, ${sql.array(rows.map((r) => r.organisation), 'text')},
                ${sql.array(rows.map((r) => r.kind), 'text')}, ${sql.array(rows.map((r) => r.stage), 'int4')},
                ${sql.array(rows.map((r) => r.configured), 'timestamptz')},
                ${sql.array(rows.map((r) => `${ctx.year + 1}-${DATES[`${r.kind}|${r.stage}`]![0]}`), 'date')},
                ${sql.array(rows.map((r) => `${ctx.year + 1}-${DATES[`${r.kind}|${r.stage}`]![1]}`), 'date')},
                ${sql.array(rows.map((r) => r.extended), 'date')})
      AS u(municipality_id, organisation_id, kind, stage, configured_at, opens_on, closes_on, extended_until)
    RETURNING id, municipality_id, organisation_id, kind, stage`);
  const campaigns: Campaigns = new Map();
  const byKey = new Map(rows.map((r) => [`${r.organisation ?? r.municipality}|${r.kind}|${r.stage}`, r]));
  for (const r of result) {
    const key = `${r.organisation_id ?? r.municipality_id}|${r.kind}|${r.stage}`;
    const [opens, closes] = DATES[`${r.kind}|${r.stage}`]!;
    campaigns.set(key, { id: r.id, kind: r.kind as CampaignKind, stage: r.stage, opens: dayOf(ctx, opens, 1), closes: dayOf(ctx, closes, 1), configuredAt: byKey.get(key)?.configured ?? null });
  }
  return campaigns;
}

/**
 * Generates the organisation's admission places in the campaigns of its municipality (or its own
 * college campaign), with their requirements per `RATES.admissionUnitRequirements`, and the
 * citizens' applications to them, reviewed per `RATES.applicationReview` (kindergarten directions
 * enrolled per `RATES.directionEnrollment`).
 */
export function seedAdmissions(ctx: SeedContext, org: OrganisationPlan, skeleton: Skeleton, campaigns: Campaigns): void {
  const rnd = rngFor(ctx.seed, 'admissions', org.index);
  const m = org.municipality.id;
  const count = (pred: (grade: number | null, intake: boolean) => boolean) => skeleton.classes.filter((c) => pred(c.grade, c.intake)).length;
  switch (org.type) {
    case 'ООО': {
      const first = count((g) => g === 1) || (count((g) => g !== null && g <= 4) ? 1 : 0);
      if (first) {
        place(ctx, org, campaigns.get(`${m}|grade1|1`), '1 класс', 25 * first, rnd);
        place(ctx, org, campaigns.get(`${m}|grade1|2`), '1 класс', Math.max(1, Math.round(25 * first * 0.2)), rnd);
      }
      const tenth = count((g) => g === 10);
      if (tenth) place(ctx, org, campaigns.get(`${m}|grade10|1`), '10 класс', 25 * tenth, rnd);
      if (chance(rnd, SCHOOL_CAMP_SHARE)) {
        const camp = campaigns.get(`${m}|summer_camp|1`);
        place(ctx, org, camp, 'Смена 1', int(rnd, 25, 100), rnd, [`${ctx.year + 1}-06-02`, `${ctx.year + 1}-06-22`]);
        place(ctx, org, camp, 'Смена 2', int(rnd, 25, 100), rnd, [`${ctx.year + 1}-06-25`, `${ctx.year + 1}-07-15`]);
      }
      break;
    }
    case 'ДОО': {
      const youngest = count((_, intake) => intake);
      const camp = campaigns.get(`${m}|kindergarten|1`);
      place(ctx, org, camp, 'Группа от 2 до 3 лет', Math.max(5, 20 * youngest), rnd);
      place(ctx, org, camp, 'Группа от 3 до 4 лет', int(rnd, 0, 10), rnd);
      break;
    }
    case 'ПОО':
      for (const p of skeleton.programmes) {
        const unit = p.name.replace(/^Программа подготовки специалистов среднего звена /, '');
        place(ctx, org, campaigns.get(`${org.id}|spo|1`), unit, 25 * int(rnd, 1, 2), rnd);
      }
      break;
    case 'ОДО':
      break;
  }
}

/** Outcomes of an application once decided: kindergartens direct first, others decide at once. */
const DECISIONS = [['принято', 0.85], ['отказано', 0.15]] as const;

/** Requirements an admission unit of each campaign kind carries (keys of ADMISSION_UNIT_REQUIREMENTS). */
const UNIT_REQUIREMENTS: Record<CampaignKind, string[]> = {
  grade1: ['vacant_places'], grade10: ['vacant_places'], kindergarten: ['vacant_places'], spo: ['vacant_places'],
  summer_camp: ['capacity', 'vacant_places', 'benefits', 'dates'],
};

/** The instant `days` (fractional) after `instant`. */
const daysAfter = (instant: string, days: number): string => new Date(Date.parse(instant) + days * 86_400_000).toISOString();

/** Share of college specialties with entrance tests. */
const ENTRANCE_TESTS_SHARE = 0.2;

/** The service an application of a campaign kind is for (`citizen_applications.kind`). */
const serviceOf = (kind: CampaignKind): string => (kind === 'grade1' || kind === 'grade10' ? 'school' : kind);

function place(ctx: SeedContext, org: OrganisationPlan, campaign: Campaign | undefined, unit: string, total: number, rnd: Rng, shift?: [string, string]): void {
  if (!campaign) return;
  const { clock } = ctx;
  const applications = Math.round(total * (APPLICATIONS_PER_PLACE.min + rnd() * (APPLICATIONS_PER_PLACE.max - APPLICATIONS_PER_PLACE.min)));
  const kindergarten = campaign.kind === 'kindergarten';
  // Kindergarten directions follow the municipality's distribution in the second half of May.
  const distributed = dayOf(ctx, '05-20', 1);
  let enrolled = 0;
  let lastChange = campaign.configuredAt ?? clock.at(campaign.opens - 5, officeMinutes(rnd));
  for (let k = 0; k < applications; k++) {
    const day = int(rnd, campaign.opens, campaign.closes);
    const submitted = clock.at(day, minutesBetween(rnd, 8, 23));
    const review = outcomeOf(rnd, RATES.applicationReview);
    const reviewed = review === 'never' ? null : clock.at(review === 'onTime' ? clock.addWorkingDays(day, int(rnd, 0, 4)) : day + int(rnd, 6, 30), officeMinutes(rnd));
    let status = 'зарегистрировано';
    let changed = reviewed;
    let directed: string | null = null;
    let enrolledAt: string | null = null;
    if (reviewed) {
      const accepted = weighted(rnd, DECISIONS) === 'принято' && enrolled < total;
      if (!accepted) status = 'отказано';
      else if (!kindergarten) {
        status = 'зачислено';
        enrolledAt = reviewed;
        enrolled++;
      } else {
        directed = latest(reviewed, clock.at(distributed + int(rnd, 0, 10), officeMinutes(rnd)));
        const fate = outcomeOf(rnd, RATES.directionEnrollment);
        if (fate === 'never') status = 'направлено';
        else {
          status = 'зачислено';
          enrolledAt = daysAfter(directed, fate === 'onTime' ? int(rnd, 0, 29) + rnd() : int(rnd, 31, 89) + rnd());
          enrolled++;
        }
        changed = enrolledAt ?? directed;
      }
    }
    if (changed && changed > lastChange) lastChange = changed;
    ctx.w.add('citizen_applications', [
      org.id, org.municipality.id, campaign.id, serviceOf(campaign.kind), submitted, status, changed, reviewed, `${org.id}-${campaign.kind}-${k + 1}`, directed, enrolledAt,
    ]);
  }
  const taken = chance(rnd, NEGATIVE_VACANCY_SHARE) ? total + int(rnd, 1, 4) : enrolled;
  const created = campaign.configuredAt ?? clock.at(campaign.opens, officeMinutes(rnd));
  const tests = campaign.kind === 'spo' && chance(rnd, ENTRANCE_TESTS_SHARE);
  const requirements = [...UNIT_REQUIREMENTS[campaign.kind], ...(tests ? ['entrance_tests'] : [])];
  const fate = outcomeOf(rnd, RATES.admissionUnitRequirements);
  const unmet = fate === 'never' ? requirements[int(rnd, 0, requirements.length - 1)] : undefined;
  const stamps: Record<string, string | null> = {};
  for (const r of requirements) stamps[r] = r === unmet ? null : fate === 'late' ? daysAfter(created, int(rnd, 5, 30)) : created;
  const grade = campaign.kind === 'grade1' ? 1 : campaign.kind === 'grade10' ? 10 : null;
  ctx.w.add('campaign_places', [
    campaign.id, org.id, unit, shift?.[0] ?? null, shift?.[1] ?? null, total, taken, created, lastChange > created ? lastChange : created, grade, tests, stampsJson(stamps),
  ]);
}
