import { createHash } from 'node:crypto';
import { sql, type DatabasePool, type DatabaseTransactionConnection } from 'slonik';
import { z } from 'zod';
import { REGIONS } from '../../regions.js';
import { loadCalendar } from '../../time/calendarFile.js';
import { Pipeline } from './bulkWriter.js';
import { orgSkeleton } from './orgSkeleton.js';
import { planRegion } from './planRegion.js';
import { seedAdmissions, seedCampaigns } from './seedAdmissions.js';
import { seedEserviceCard, seedEserviceMunicipalities } from './seedEservices.js';
import { SeedClock } from './seedClock.js';
import { Writers, type SeedContext } from './seedContext.js';
import { journalDays, journaledClasses, seedJournal } from './seedJournal.js';
import { seedNavigator, seedNavigatorRegion } from './seedNavigator.js';
import { seedOperatorControls, seedOperatorFacts, seedOrganisationExports, seedProfdev } from './seedOperator.js';
import { seedOrgYear } from './seedOrgYear.js';
import { seedAttendance } from './seedRecords.js';
import { seedOperators, seedTerritory, typeCounts } from './seedRegionWide.js';
import { seedStaff } from './seedStaff.js';
import { seedStructure } from './seedStructure.js';
import { seedStudents } from './seedStudents.js';

/** What to generate. */
export interface SeedOptions {
  /** Region id from `src/regions.ts` (its time zone places every instant). */
  region: string;
  /** Educational organisations (МОУО and the regional operator come on top). */
  organisations: number;
  students: number;
  /** PRNG seed: the same seed and options give the same data. */
  seed: number;
  /** Academic year to play out, `2024/2025` (default). */
  academicYear?: string;
  /** Journaled study days per sampled class (default 12). */
  journalDays?: number;
  /** Journaled classes per school and college (default 1). */
  journalClasses?: number;
  /** Rows per INSERT batch (default 5000). */
  batchRows?: number;
  /** Called after each organisation with the number done and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** What was generated. */
export interface SeedReport {
  region: string;
  academicYear: string;
  seed: number;
  municipalities: number;
  organisations: number;
  organisationTypes: Record<string, number>;
  students: number;
  /** Rows written per table. */
  rows: Record<string, number>;
  /** sha256 over every generated row in generation order (no surrogate ids), hex. */
  checksum: string;
  elapsedMs: number;
}

/** A request the generator refuses (bad options, region already present); the message is Russian. */
export class SeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedError';
  }
}

/** Default academic year: fixed, so that a seed alone determines the data. */
export const DEFAULT_ACADEMIC_YEAR = '2024/2025';

/** Region codes for ИНН and passport series, and the regional centre's telephone area code. */
const REGION_CODES: Record<string, [string, string]> = { yanao: ['89', '34922'], chelyabinsk: ['74', '351'], sakhalin: ['65', '4242'], 'altai-krai': ['22', '3852'] };

const LIMITS = { organisations: 100_000, students: 5_000_000 };

/**
 * Generates a synthetic region into the database in one transaction: territory, organisations with
 * the seed-004 type mix, responsible people, staff, students with parents, classes and programmes,
 * and one academic year of events with the punctuality of `RATES` (see `seedRates.ts`). Rows are
 * generated organisation by organisation and written in batches while the next ones are generated;
 * nothing large is held in memory. Deterministic for a given seed and options. Throws `SeedError`
 * for bad options or a region that already has organisations; database errors pass through (and
 * nothing is written).
 */
export async function seedRegion(pool: DatabasePool, options: SeedOptions): Promise<SeedReport> {
  const started = Date.now();
  const o = checkOptions(options);
  const region = REGIONS[o.region]!;
  const Y = Number(o.academicYear.slice(0, 4));
  const clock = new SeedClock(loadCalendar(), region.timezone, `${Y - 1}-01-01`, `${Y + 2}-06-30`);
  const plan = planRegion(o.region, o.organisations, o.students, o.seed);
  const hash = createHash('sha256');
  const [regionCode, areaCode] = REGION_CODES[o.region] ?? ['99', '800'];

  const rows = await pool.transaction(async (tx) => {
    // The data is regenerable: a crash loses nothing that matters, so skip waiting for the WAL flush.
    await tx.query(sql.unsafe`SET LOCAL synchronous_commit = off`);
    if (await regionHasData(tx, o.region)) {
      throw new SeedError(`В базе уже есть организации региона «${o.region}»: seed создаёт регион с нуля. Используйте другой регион или чистую базу.`);
    }
    const pipeline = new Pipeline(tx);
    const w = new Writers(pipeline, hash, o.batchRows);
    const ctx: SeedContext = {
      seed: o.seed, region: o.region, regionName: region.name, regionCode, areaCode, year: Y, yearId: o.academicYear, clock, w,
      journalDays: [], journalClasses: o.journalClasses,
    };
    ctx.journalDays = journalDays(ctx, o.journalDays);

    seedTerritory(ctx, plan);
    await w.flushAll();
    const campaigns = await seedCampaigns(ctx, plan, pipeline);
    const { classIds, programmes, classGroups } = await seedStructure(ctx, plan, pipeline);

    for (const org of plan.organisations) {
      const skeleton = orgSkeleton(org, o.seed);
      const ids = classIds.get(org.id) ?? new Map<string, number>();
      seedStaff(ctx, org);
      const members = seedStudents(ctx, org, skeleton, ids, journaledClasses(ctx, org, skeleton));
      seedOrgYear(ctx, org, skeleton, ids);
      seedJournal(ctx, org, skeleton, ids, members);
      seedAdmissions(ctx, org, skeleton, campaigns);
      seedNavigator(ctx, org, skeleton);
      seedEserviceCard(ctx, org);
      classIds.delete(org.id);
      await w.flushIfFull();
      o.onProgress?.(org.index + 1, plan.organisations.length);
    }
    seedOperators(ctx, plan);
    seedNavigatorRegion(ctx, plan);
    seedEserviceMunicipalities(ctx, plan);
    seedOperatorControls(ctx);
    seedProfdev(ctx, plan);
    seedOrganisationExports(ctx, plan);
    await w.flushAll();
    await pipeline.drain();
    // Attendance sheets are generated in the database, from the classes and pupils just written.
    const attendanceSheets = await seedAttendance(tx, ctx);
    const followUps = await seedOperatorFacts(tx, ctx);
    const written = w.written();
    const generated = w.generated();
    for (const table of Object.keys(written) as (keyof typeof written)[]) {
      // Rows join to their student or lesson by natural key; a lost row is a generator bug.
      if (written[table] !== generated[table]) throw new Error(`seed: в таблицу ${table} записано ${written[table]} строк из ${generated[table]}`);
    }
    return { ...written, ...followUps, attendance_sheets: attendanceSheets, programmes, class_groups: classGroups, admission_campaigns: campaigns.size };
  });

  return {
    region: o.region, academicYear: o.academicYear, seed: o.seed, municipalities: plan.municipalities.length,
    organisations: plan.organisations.length, organisationTypes: typeCounts(plan.organisations), students: o.students,
    rows, checksum: hash.digest('hex'), elapsedMs: Date.now() - started,
  };
}

function checkOptions(options: SeedOptions): Required<Omit<SeedOptions, 'onProgress'>> & Pick<SeedOptions, 'onProgress'> {
  const o = { academicYear: DEFAULT_ACADEMIC_YEAR, journalDays: 12, journalClasses: 1, batchRows: 5000, ...options };
  if (!REGIONS[o.region]) throw new SeedError(`Неизвестный регион «${o.region}»: известны ${Object.keys(REGIONS).join(', ')}`);
  const whole = (v: number, min: number, max: number, what: string) => {
    if (!Number.isInteger(v) || v < min || v > max) throw new SeedError(`${what} должно быть целым числом от ${min} до ${max}, а не «${v}»`);
  };
  whole(o.organisations, 1, LIMITS.organisations, 'Число организаций (--orgs)');
  whole(o.students, 0, LIMITS.students, 'Число обучающихся (--students)');
  whole(o.seed, 0, 2 ** 32 - 1, 'Зерно генератора (--seed)');
  whole(o.journalDays, 0, 200, 'Число дней журнала (--journal-days)');
  whole(o.journalClasses, 0, 50, 'Число классов с журналом (--journal-classes)');
  whole(o.batchRows, 100, 100_000, 'Размер пакета');
  const m = /^(\d{4})\/(\d{4})$/.exec(o.academicYear);
  if (!m || Number(m[2]) !== Number(m[1]) + 1) throw new SeedError(`Учебный год пишется как 2024/2025 (два соседних года), а не «${o.academicYear}»`);
  if (Number(m[1]) < 2019 || Number(m[1]) > 2030) throw new SeedError(`Учебный год ${o.academicYear} вне поддерживаемого диапазона 2019/2020 – 2030/2031`);
  return o;
}

async function regionHasData(tx: DatabaseTransactionConnection, region: string): Promise<boolean> {
  return tx.exists(sql.type(z.object({ x: z.number() }))`SELECT 1 AS x FROM organisations WHERE region = ${region}`);
}
