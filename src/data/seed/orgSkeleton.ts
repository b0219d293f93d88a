import { ASSOCIATIONS, SPECIALTIES } from './names.js';
import type { OrganisationPlan } from './planRegion.js';
import { apportion, chance, int, outcomeOf, rngFor, shuffled, type Outcome } from './prng.js';
import { ASSOCIATION_PROGRAMME_MISMATCH, GROUP_SIZE, RATES } from './seedRates.js';

/** Subject band of a class, which decides its subjects and period marks. */
export type Band = 'primary' | 'basic' | 'senior' | 'preschool' | 'additional' | 'vocational';

/** A class (group, association) of the current academic year. */
export interface ClassDef {
  name: string;
  kind: 'class' | 'group' | 'association';
  /** School grade or college course; null for kindergarten groups and associations. */
  grade: number | null;
  programme: string | null;
  band: Band;
  size: number;
  /** Typical age on 1 September. */
  age: number;
  /** First grade, youngest group or first course: everybody in it is new this year. */
  intake: boolean;
  /** Last grade, oldest group or final course: everybody in it leaves at the end of the year. */
  final: boolean;
}

/** A class (group, association) of the next academic year, formed at the rollover. */
export interface NextClassDef {
  name: string;
  kind: ClassDef['kind'];
  grade: number | null;
  programme: string | null;
}

/** An educational programme of the organisation. */
export interface ProgrammeDef {
  name: string;
  kind: 'general' | 'additional' | 'vocational';
  /** Offered since earlier years (else introduced this summer). */
  longstanding: boolean;
}

/** How the organisation handles the academic-year rollovers around the generated year. */
export interface YearFates {
  /** Closing of the previous year. */
  previousClosed: Outcome;
  /** Opening of the current year. */
  opened: Outcome;
  /** Forming the next year at the end of the current one. */
  nextCreated: Outcome;
}

/** What an organisation is made of, before any event: programmes, classes, rollover behaviour. */
export interface Skeleton {
  programmes: ProgrammeDef[];
  classes: ClassDef[];
  nextClasses: NextClassDef[];
  years: YearFates;
}

const LETTERS = 'абвгдежзиклмнопрстуфхцчшщэюя';
const SCHOOL_PROGRAMMES = {
  primary: 'Основная образовательная программа начального общего образования',
  basic: 'Основная образовательная программа основного общего образования',
  senior: 'Основная образовательная программа среднего общего образования',
} as const;
const PRESCHOOL_PROGRAMME = 'Основная образовательная программа дошкольного образования';
const PRESCHOOL_GROUPS = [['Группа раннего возраста', 2, 0.7], ['Младшая группа', 3, 1], ['Средняя группа', 4, 1], ['Старшая группа', 5, 1], ['Подготовительная к школе группа', 6, 1]] as const;

/** The organisation's programmes, classes of this and the next year, and rollover fates. Deterministic per seed and organisation. */
export function orgSkeleton(org: OrganisationPlan, seed: number): Skeleton {
  const rnd = rngFor(seed, 'skeleton', org.index);
  const years: YearFates = {
    previousClosed: outcomeOf(rnd, RATES.yearClosed),
    opened: outcomeOf(rnd, RATES.yearOpened),
    nextCreated: outcomeOf(rnd, RATES.nextYearCreated),
  };
  const programmes: ProgrammeDef[] = [];
  const classes: ClassDef[] = [];
  const next: NextClassDef[] = [];
  const S = org.students;
  switch (org.type) {
    case 'ООО': {
      const perGrade = apportion(S, [1, 1, 1, 1, 1, 1, 1, 1, 1, 0.55, 0.5]);
      const bandOf = (g: number) => (g <= 4 ? 'primary' : g <= 9 ? 'basic' : 'senior') as 'primary' | 'basic' | 'senior';
      const used = new Set<string>();
      perGrade.forEach((n, i) => {
        const grade = i + 1;
        if (n === 0) return;
        const sizes = apportion(n, new Array(Math.ceil(n / GROUP_SIZE.ООО)).fill(1));
        sizes.forEach((size, k) => {
          const band = bandOf(grade);
          used.add(band);
          classes.push({ name: `${grade}${LETTERS[k % LETTERS.length]}`, kind: 'class', grade, programme: SCHOOL_PROGRAMMES[band], band, size, age: 6 + grade, intake: grade === 1, final: grade === 11 });
          if (grade < 11) next.push({ name: `${grade + 1}${LETTERS[k % LETTERS.length]}`, kind: 'class', grade: grade + 1, programme: SCHOOL_PROGRAMMES[bandOf(grade + 1)] });
          if (grade === 1) next.push({ name: `1${LETTERS[k % LETTERS.length]}`, kind: 'class', grade: 1, programme: SCHOOL_PROGRAMMES.primary });
        });
      });
      for (const band of ['primary', 'basic', 'senior'] as const) if (used.has(band) || S === 0) programmes.push({ name: SCHOOL_PROGRAMMES[band], kind: 'general', longstanding: true });
      if (chance(rnd, 0.2)) programmes.push({ name: 'Адаптированная основная общеобразовательная программа для обучающихся с задержкой психического развития', kind: 'general', longstanding: true });
      break;
    }
    case 'ДОО': {
      programmes.push({ name: PRESCHOOL_PROGRAMME, kind: 'general', longstanding: true });
      const perGroup = apportion(S, PRESCHOOL_GROUPS.map(([, , w]) => w));
      PRESCHOOL_GROUPS.forEach(([label, age], i) => {
        const n = perGroup[i]!;
        if (n === 0) return;
        const sizes = apportion(n, new Array(Math.ceil(n / GROUP_SIZE.ДОО)).fill(1));
        sizes.forEach((size, k) => {
          const name = sizes.length > 1 ? `${label} № ${k + 1}` : label;
          classes.push({ name, kind: 'group', grade: null, programme: PRESCHOOL_PROGRAMME, band: 'preschool', size, age, intake: i === 0, final: i === PRESCHOOL_GROUPS.length - 1 });
          next.push({ name, kind: 'group', grade: null, programme: PRESCHOOL_PROGRAMME });
        });
      });
      break;
    }
    case 'ОДО': {
      const count = Math.max(1, Math.ceil(S / GROUP_SIZE.ОДО));
      const sizes = apportion(S, new Array(count).fill(1));
      const names = shuffled(rnd, ASSOCIATIONS);
      const seen = new Map<string, number>();
      // Seed 002: the number of associations must equal the number of programmes; some centres break it.
      const mismatch = count > 1 && chance(rnd, ASSOCIATION_PROGRAMME_MISMATCH) ? (chance(rnd, 0.5) ? 'shared' : 'extra') : null;
      sizes.forEach((size, k) => {
        const base = names[k % names.length]!;
        const dup = seen.get(base) ?? 0;
        seen.set(base, dup + 1);
        const name = `${1 + (k % 3)}${LETTERS[dup % LETTERS.length]} ${base}`;
        const own = `Дополнительная общеразвивающая программа «${base}${dup ? ` ${dup + 1}` : ''}»`;
        const programme = mismatch === 'shared' && k === count - 1 ? programmes[programmes.length - 1]!.name : own;
        if (programme === own) programmes.push({ name: own, kind: 'additional', longstanding: chance(rnd, 0.6) });
        classes.push({ name, kind: 'association', grade: null, programme, band: 'additional', size, age: int(rnd, 8, 14), intake: false, final: false });
        next.push({ name, kind: 'association', grade: null, programme });
      });
      if (mismatch === 'extra') programmes.push({ name: `Дополнительная общеразвивающая программа «${names[count % names.length]} (резерв)»`, kind: 'additional', longstanding: false });
      break;
    }
    case 'ПОО': {
      const specialties = shuffled(rnd, SPECIALTIES).slice(0, Math.min(SPECIALTIES.length, 1 + Math.floor(S / 150)));
      const durations = specialties.map(() => (chance(rnd, 0.5) ? 4 : 3));
      const units = specialties.flatMap((sp, i) => Array.from({ length: durations[i]! }, (_, c) => ({ sp, course: c + 1, duration: durations[i]! })));
      const perUnit = apportion(S, units.map((u) => [1.15, 1, 0.95, 0.85][u.course - 1]!));
      for (const [code, , title] of specialties) programmes.push({ name: `Программа подготовки специалистов среднего звена ${code} «${title}»`, kind: 'vocational', longstanding: true });
      units.forEach((u, i) => {
        const n = perUnit[i]!;
        if (n === 0) return;
        const programme = `Программа подготовки специалистов среднего звена ${u.sp[0]} «${u.sp[2]}»`;
        const sizes = apportion(n, new Array(Math.ceil(n / GROUP_SIZE.ПОО)).fill(1));
        sizes.forEach((size, k) => {
          classes.push({ name: `${u.sp[1]}-${u.course}${k + 1}`, kind: 'group', grade: u.course, programme, band: 'vocational', size, age: 15 + u.course, intake: u.course === 1, final: u.course === u.duration });
          if (u.course < u.duration) next.push({ name: `${u.sp[1]}-${u.course + 1}${k + 1}`, kind: 'group', grade: u.course + 1, programme });
          if (u.course === 1) next.push({ name: `${u.sp[1]}-1${k + 1}`, kind: 'group', grade: 1, programme });
        });
      });
      break;
    }
  }
  // Next year's groups exist only where the next year was formed.
  return { programmes, classes, nextClasses: years.nextCreated === 'never' ? [] : dedupe(next), years };
}

function dedupe(classes: NextClassDef[]): NextClassDef[] {
  const seen = new Set<string>();
  return classes.filter((c) => (seen.has(c.name) ? false : (seen.add(c.name), true)));
}

/** Subjects of a band (kindergarten groups and associations have none in the journal). */
export function bandIsJournaled(band: Band): boolean {
  return band === 'primary' || band === 'basic' || band === 'senior' || band === 'vocational';
}
