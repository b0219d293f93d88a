import type { Hash } from 'node:crypto';
import { BulkWriter, type Cell, type Pipeline } from './bulkWriter.js';
import { int, type Rng } from './prng.js';
import type { SeedClock } from './seedClock.js';
import { BULK_SPECS, type BulkTable } from './seedTables.js';

/** Buffered writers of every bulk table, flushed together so that referenced rows are written first. */
export class Writers {
  private readonly writers: Record<BulkTable, BulkWriter>;

  constructor(pipeline: Pipeline, private readonly hash: Hash, batchRows: number) {
    this.writers = Object.fromEntries(
      (Object.keys(BULK_SPECS) as BulkTable[]).map((t) => [t, new BulkWriter(BULK_SPECS[t], pipeline, hash, batchRows)]),
    ) as Record<BulkTable, BulkWriter>;
  }

  /** Feeds a row written outside the writers (programmes, classes, campaigns) to the checksum. */
  note(table: string, row: readonly Cell[]): void {
    this.hash.update(table);
    this.hash.update(JSON.stringify(row));
  }

  /** Buffers one row of `table`. */
  add(table: BulkTable, row: readonly Cell[]): void {
    this.writers[table].add(row);
  }

  /**
   * Flushes every writer (in reference order) when any of them holds a full batch: a parent row
   * must reach the database before the rows that join to it.
   */
  async flushIfFull(): Promise<void> {
    if (Object.values(this.writers).some((w) => w.full)) await this.flushAll();
  }

  /** Flushes every writer in reference order. */
  async flushAll(): Promise<void> {
    for (const w of Object.values(this.writers)) await w.flush();
  }

  /** Rows generated per table. */
  generated(): Record<BulkTable, number> {
    return Object.fromEntries(Object.entries(this.writers).map(([t, w]) => [t, w.generated])) as Record<BulkTable, number>;
  }

  /** Rows written per table, as the database reported them. */
  written(): Record<BulkTable, number> {
    return Object.fromEntries(Object.entries(this.writers).map(([t, w]) => [t, w.written])) as Record<BulkTable, number>;
  }
}

/** Everything a generator needs: the seed, the region, the year, the clock and the writers. */
export interface SeedContext {
  seed: number;
  region: string;
  regionName: string;
  /** Two-digit subject code (ИНН, passport series). */
  regionCode: string;
  /** Telephone area code of the regional centre. */
  areaCode: string;
  /** First calendar year of the academic year. */
  year: number;
  /** `2024/2025`. */
  yearId: string;
  clock: SeedClock;
  w: Writers;
  /** Working days (day indices) whose lessons are journaled. */
  journalDays: number[];
  /** Classes journaled per school and college. */
  journalClasses: number;
}

/** Day index of `MM-DD` in the calendar year `ctx.year + offset`. */
export function dayOf(ctx: SeedContext, monthDay: string, offset = 0): number {
  return ctx.clock.day(`${ctx.year + offset}-${monthDay}`);
}

/** Minutes after midnight within office hours (09:00–18:00). */
export function officeMinutes(rnd: Rng): number {
  return int(rnd, 9 * 60, 18 * 60);
}

/** Minutes after midnight between `fromHour` and `toHour`. */
export function minutesBetween(rnd: Rng, fromHour: number, toHour: number): number {
  return int(rnd, fromHour * 60, toHour * 60 - 1);
}

/** Field-fill stamps as JSON: every key of `fields` whose value is not null, stamped with its time. */
export function stampsJson(stamps: Record<string, string | null>): string {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(stamps)) if (v !== null) out[k] = v;
  return JSON.stringify(out);
}

/** The latest of some ISO instants (nulls ignored). */
export function latest(...instants: (string | null)[]): string {
  let best = '';
  for (const t of instants) if (t !== null && t > best) best = t;
  return best;
}
