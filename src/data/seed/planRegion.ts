import { DISTRICTS, familySurname, KINDERGARTEN_NAMES, ODO_KINDS, personName, POO_KINDS, TOWNS, VILLAGES, type PersonName } from './names.js';
import { apportion, chance, int, logNormal, pickOne, rngFor, shuffled, weighted, type Rng } from './prng.js';
import { EDUCATION_TYPES, ORGANISATION_TYPE_MIX, ORGANISATIONS_PER_MUNICIPALITY, SIZE_SPREAD, STUDENTS_WEIGHT, type EducationType } from './seedRates.js';

/** One municipality of the synthetic region. */
export interface MunicipalityPlan {
  id: string;
  index: number;
  name: string;
  /** Masculine adjective for names («Берёзовский»). */
  adjective: string;
  isTown: boolean;
  /** Settlements of the municipality; the first is its centre. */
  settlements: string[];
  /** The МОУО organisation's id. */
  authorityId: string;
}

/** One educational organisation of the synthetic region. */
export interface OrganisationPlan {
  id: string;
  /** Position in the region's list; keys the organisation's PRNG streams. */
  index: number;
  type: EducationType;
  municipality: MunicipalityPlan;
  name: string;
  shortName: string;
  settlement: string;
  head: PersonName;
  students: number;
}

/** The region's municipalities and organisations with their sizes. */
export interface RegionPlan {
  municipalities: MunicipalityPlan[];
  organisations: OrganisationPlan[];
  /** Id of the regional operator's organisation (type РО). */
  regionalOperatorId: string;
}

const TYPE_CODE: Record<EducationType, string> = { ООО: 'sch', ДОО: 'ds', ОДО: 'do', ПОО: 'spo' };

/**
 * Plans the region: ≈ organisations / 50 municipalities (at least one; the first is the regional
 * centre, about one in seven is a town), organisations of each type in the proportions of seed 004
 * spread over municipalities by size, and the students split over organisations by type weight and
 * a log-normal size factor. Deterministic for a given seed.
 */
export function planRegion(region: string, organisations: number, students: number, seed: number): RegionPlan {
  const rnd = rngFor(seed, 'region');
  const municipalities = planMunicipalities(region, Math.max(1, Math.round(organisations / ORGANISATIONS_PER_MUNICIPALITY)), rnd);
  const weights = municipalities.map((m) => (m.index === 0 && municipalities.length > 2 ? 6 : m.isTown ? 2 : logNormal(rnd, 0.4)));
  const byType = apportion(organisations, EDUCATION_TYPES.map((t) => ORGANISATION_TYPE_MIX[t]));
  const orgs: OrganisationPlan[] = [];
  const sizeWeights: number[] = [];
  EDUCATION_TYPES.forEach((type, t) => {
    // Colleges and additional education gather in towns; schools and kindergartens are everywhere.
    const typeWeights = weights.map((w, i) => (type === 'ПОО' || type === 'ОДО' ? w * (municipalities[i]!.isTown ? 3 : 1) : w));
    const perMunicipality = apportion(byType[t]!, typeWeights);
    municipalities.forEach((m, mi) => {
      for (let k = 1; k <= perMunicipality[mi]!; k++) {
        const orgRnd = rngFor(seed, 'organisation', type, m.index, k);
        const settlement = m.isTown || k === 1 || chance(orgRnd, 0.4) ? m.settlements[0]! : pickOne(orgRnd, m.settlements.slice(1));
        const { name, shortName } = organisationName(type, k, m, settlement, orgRnd);
        orgs.push({
          id: `${region}-m${pad(m.index + 1, 3)}-${TYPE_CODE[type]}${pad(k, 3)}`,
          index: orgs.length, type, municipality: m, name, shortName, settlement,
          head: personName(orgRnd, chance(orgRnd, 0.8) ? 'Ж' : 'М', familySurname(orgRnd)),
          students: 0,
        });
        sizeWeights.push(STUDENTS_WEIGHT[type] * logNormal(orgRnd, SIZE_SPREAD) * (m.isTown ? 1.4 : 1));
      }
    });
  });
  apportion(students, sizeWeights).forEach((n, i) => (orgs[i]!.students = n));
  return { municipalities, organisations: orgs, regionalOperatorId: `${region}-ro` };
}

function planMunicipalities(region: string, count: number, rnd: Rng): MunicipalityPlan[] {
  const out: MunicipalityPlan[] = [];
  let town = 0;
  let district = 0;
  for (let i = 0; i < count; i++) {
    const isTown = i === 0 || (count > 3 && i % 7 === 3);
    const id = `${region}-m${pad(i + 1, 3)}`;
    if (isTown) {
      const [name, adjective] = TOWNS[town % TOWNS.length]!;
      const round = Math.floor(town++ / TOWNS.length);
      const full = round ? `${name}-${round + 1}` : name;
      out.push({ id, index: i, name: `город ${full}`, adjective, isTown, settlements: [`г. ${full}`], authorityId: `${id}-mouo` });
    } else {
      const root = DISTRICTS[district % DISTRICTS.length]!;
      const round = Math.floor(district++ / DISTRICTS.length);
      const kind = round % 2 === 0 ? 'муниципальный район' : 'муниципальный округ';
      const suffix = round >= 2 ? ` № ${Math.floor(round / 2) + 1}` : '';
      const villages = shuffled(rnd, VILLAGES).slice(0, int(rnd, 6, 12));
      out.push({ id, index: i, name: `${root} ${kind}${suffix}`, adjective: root, isTown, settlements: villages.map((v) => `с. ${v}`), authorityId: `${id}-mouo` });
    }
  }
  return out;
}

function organisationName(type: EducationType, k: number, m: MunicipalityPlan, settlement: string, rnd: Rng): { name: string; shortName: string } {
  const where = m.isTown ? '' : `, ${settlement}`;
  switch (type) {
    case 'ООО': {
      const form = weighted(rnd, [['МБОУ', 0.6], ['МКОУ', 0.3], ['МАОУ', 0.1]] as const);
      const kind = m.isTown ? weighted(rnd, [['СОШ', 0.7], ['Гимназия', 0.15], ['Лицей', 0.1], ['ООШ', 0.05]] as const) : weighted(rnd, [['СОШ', 0.7], ['ООШ', 0.25], ['НОШ', 0.05]] as const);
      const short = `${kind} № ${k}`;
      return { name: `${form} «${short}»${where}`, shortName: short };
    }
    case 'ДОО': {
      const form = weighted(rnd, [['МБДОУ', 0.7], ['МКДОУ', 0.25], ['ЧДОУ', 0.05]] as const);
      const short = `Детский сад № ${k} «${pickOne(rnd, KINDERGARTEN_NAMES)}»`;
      return { name: `${form} «${short}»${where}`, shortName: short };
    }
    case 'ОДО': {
      const kind = pickOne(rnd, ODO_KINDS);
      const short = k > 1 ? `${kind} № ${k}` : kind;
      return { name: `МБУ ДО «${short}»${where}`, shortName: short };
    }
    case 'ПОО': {
      const kind = pickOne(rnd, POO_KINDS);
      const short = `${m.adjective} ${kind}${k > 1 ? ` № ${k}` : ''}`;
      return { name: `КГБПОУ «${short}»`, shortName: short };
    }
  }
}

/** `n` padded with zeros to `width` digits. */
export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
