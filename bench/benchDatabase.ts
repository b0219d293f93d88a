import { join } from 'node:path';
import pg from 'pg';
import { migrate } from '../src/db/migrate.js';
import { ensureDatabase, startEmbeddedPostgres, type RunningPostgres } from '../src/infra/embeddedPostgres.js';
import type { BenchSettings } from './benchSettings.js';

/** The benchmark's embedded PostgreSQL, with helpers to address its databases. */
export interface BenchPostgres {
  /** Connection string of database `name` on the benchmark cluster. */
  urlOf(name: string): string;
  stop(): Promise<void>;
}

/**
 * Starts the benchmark's own PostgreSQL cluster (`<settings.dir>/pg`, port `settings.pgPort`),
 * tuned for bulk loading and analytic queries on a throw-away cluster: no fsync, a larger work_mem.
 */
export async function startBenchPostgres(settings: BenchSettings): Promise<BenchPostgres> {
  const running: RunningPostgres = await startEmbeddedPostgres({ dir: join(settings.dir, 'pg'), port: settings.pgPort, database: 'postgres' });
  const base = running.url.replace(/\/postgres$/, '');
  const admin = new pg.Client({ connectionString: running.url });
  await admin.connect();
  try {
    // The cluster holds only regenerable benchmark data: durability buys nothing here.
    for (const [k, v] of [['fsync', 'off'], ['synchronous_commit', 'off'], ['full_page_writes', 'off'], ['work_mem', "'64MB'"], ['maintenance_work_mem', "'512MB'"], ['shared_buffers', "'1GB'"], ['max_wal_size', "'8GB'"]] as const) {
      await admin.query(`ALTER SYSTEM SET ${k} = ${v}`);
    }
    await admin.query('SELECT pg_reload_conf()');
  } finally {
    await admin.end();
  }
  return { urlOf: (name) => `${base}/${name}`, stop: () => running.stop() };
}

/** What a benchmark database was generated from; compared as JSON to decide whether to re-generate. */
export type SeedMarker = Record<string, string | number>;

/**
 * Makes database `name` hold the data `marker` describes: when its `bench_seed` marker table
 * already records exactly `marker` (and `fresh` is false) it is reused as it is; otherwise it is
 * dropped, re-created, migrated, filled by `generate`, analysed and marked. Always migrates, so a
 * reused database has the newest schema. Returns whether it was (re)generated and how long it took.
 */
export async function preparedDatabase(
  bench: BenchPostgres, name: string, marker: SeedMarker, fresh: boolean, generate: (url: string) => Promise<unknown>,
): Promise<{ url: string; generated: boolean; generateMs: number }> {
  const url = bench.urlOf(name);
  const adminUrl = bench.urlOf('postgres');
  await ensureDatabase(adminUrl, name);
  if (!fresh && canonical(await readMarker(url)) === canonical(marker) && (await migratedInPlace(url, name))) {
    return { url, generated: false, generateMs: 0 };
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  await migrate(url);
  const started = Date.now();
  await generate(url);
  const generateMs = Date.now() - started;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('VACUUM ANALYZE');
    await client.query('CREATE TABLE bench_seed (marker jsonb NOT NULL, generated_at timestamptz NOT NULL DEFAULT now(), generate_ms bigint NOT NULL)');
    await client.query('INSERT INTO bench_seed (marker, generate_ms) VALUES ($1, $2)', [JSON.stringify(marker), generateMs]);
  } finally {
    await client.end();
  }
  return { url, generated: true, generateMs };
}

/**
 * Brings a reused database to the newest schema; false when that cannot be done in place (a
 * migration added with an earlier timestamp than one already run is refused by node-pg-migrate),
 * and the data is then generated again on a fresh schema.
 */
async function migratedInPlace(url: string, name: string): Promise<boolean> {
  try {
    const ran = await migrate(url);
    // A migration that adds a column rewrites its table: vacuumed again, the new indexes can be
    // read index-only (migrations run in transactions, where VACUUM cannot).
    if (ran.length > 0) await vacuum(url);
    return true;
  } catch (err) {
    process.stderr.write(`  ${name}: cannot migrate in place (${(err instanceof Error ? err.message : String(err)).split('\n')[0]}), generating again\n`);
    return false;
  }
}

async function vacuum(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
}

/** JSON with sorted keys: jsonb does not keep the key order. */
function canonical(m: SeedMarker | null): string {
  return m ? JSON.stringify(Object.fromEntries(Object.entries(m).sort(([a], [b]) => a.localeCompare(b)))) : '';
}

async function readMarker(url: string): Promise<SeedMarker | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const exists = await client.query(`SELECT to_regclass('bench_seed') IS NOT NULL AS ok`);
    if (!exists.rows[0].ok) return null;
    const r = await client.query('SELECT marker FROM bench_seed ORDER BY generated_at DESC LIMIT 1');
    return (r.rows[0]?.marker as SeedMarker | undefined) ?? null;
  } finally {
    await client.end();
  }
}
