import { openPool } from '../src/db/pool.js';
import { digestModeFromEnv } from '../src/notify/dispatchNotice.js';
import { createMailer } from '../src/notify/mailer.js';
import { benchRegulations } from './benchRegulations.js';
import { clearEngineState, measureDailySweep, timedMailer, type DailySweep } from './measureDailySweep.js';
import { measureFullEvaluation, type FullEvaluation } from './measureFullEvaluation.js';

/** What the orchestrating benchmark asks the worker to measure (passed as JSON in argv[2]). */
export interface WorkerTask {
  databaseUrl: string;
  smtpUrl: string;
  region: string;
  /** The day whose events the daily sweep judges. */
  day: string;
  range: { from: string; to: string };
  /** Only these check names (all registered checks when absent). */
  checks?: string[];
}

/** What the worker reports back over IPC. */
export interface WorkerReport {
  /** How notices were delivered: `immediate`, or `daily` digests (queued by the sweep, sent once a day). */
  digest: string;
  coldSweep: DailySweep;
  dailySweep: DailySweep;
  full: FullEvaluation;
  /** Peak resident set size of the worker process, MiB (`process.resourceUsage().maxRSS`). */
  peakRssMb: number;
  /** Peak RSS after start-up and loading the regulations, before any evaluation, MiB. */
  baselineRssMb: number;
  /** Peak RSS after the daily sweeps, before the full evaluation, MiB. */
  afterSweepRssMb: number;
}

/**
 * The benchmark's stand-in for the Temporal worker: a separate Node process (forked by
 * `checks.bench.ts`) that runs the activities' code against the benchmark database — the daily
 * sweep twice (the first run warms the database's caches), then the full evaluation — and reports
 * the figures and its own peak RSS to its parent. Every row it judges is read by PostgreSQL; only
 * results cross into Node, which is what the RSS figure checks.
 */
async function main(): Promise<void> {
  const task = JSON.parse(process.argv[2]!) as WorkerTask;
  const pool = await openPool(task.databaseUrl, 4);
  const mailer = timedMailer(createMailer(task.smtpUrl));
  try {
    const bench = benchRegulations(task.region);
    const baselineRssMb = process.resourceUsage().maxRSS / 1024;
    // Notices are delivered as the production worker delivers them (`REGLAMENT_DIGEST`, daily digests by default).
    const deps = { pool, mailer, calendars: bench.calendars, clock: () => new Date(), digest: digestModeFromEnv() };
    progress('daily sweep (warm-up)');
    await clearEngineState(pool);
    const coldSweep = await measureDailySweep(deps, bench, task.day, task.checks);
    await clearEngineState(pool);
    progress('daily sweep');
    const dailySweep = await measureDailySweep(deps, bench, task.day, task.checks);
    await clearEngineState(pool);
    const afterSweepRssMb = process.resourceUsage().maxRSS / 1024;
    progress('full evaluation');
    const full = await measureFullEvaluation(pool, bench, task.range, task.checks);
    const report: WorkerReport = { digest: deps.digest.mode, coldSweep, dailySweep, full, peakRssMb: process.resourceUsage().maxRSS / 1024, baselineRssMb, afterSweepRssMb };
    await new Promise<void>((resolve, reject) => process.send!(report, (err: Error | null) => (err ? reject(err) : resolve())));
  } finally {
    mailer.close();
    await pool.end();
  }
}

function progress(what: string): void {
  process.stderr.write(`  [worker ${new Date().toISOString().slice(11, 19)}] ${what}\n`);
}

if (process.send) {
  main().catch((err: unknown) => {
    process.stderr.write(`worker failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  });
}
