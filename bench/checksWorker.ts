import { openPool } from '../src/db/pool.js';
import { DEFAULT_ACTIVITY_SLOTS } from '../src/execution/activitySlots.js';
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
  /** The day's sweeps one after another: what each rule costs alone. */
  serialSweep: DailySweep;
  /** The day's sweeps in the worker's activity slots, as the worker runs them. */
  dailySweep: DailySweep;
  /** The full evaluation one check at a time. */
  serialFull: FullEvaluation;
  /** The full evaluation in the worker's activity slots. */
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
 * sweep three times (the first run warms the database's caches; then one rule at a time, then as
 * many at once as the worker has activity slots), then the full evaluation one at a time and in
 * the activity slots — and reports
 * the figures and its own peak RSS to its parent. Every row it judges is read by PostgreSQL; only
 * results cross into Node, which is what the RSS figure checks.
 */
async function main(): Promise<void> {
  const task = JSON.parse(process.argv[2]!) as WorkerTask;
  const pool = await openPool(task.databaseUrl, DEFAULT_ACTIVITY_SLOTS);
  const mailer = timedMailer(createMailer(task.smtpUrl));
  try {
    const bench = benchRegulations(task.region);
    const baselineRssMb = process.resourceUsage().maxRSS / 1024;
    // Notices are delivered as the production worker delivers them (`REGLAMENT_DIGEST`, daily digests by default).
    const deps = { pool, mailer, calendars: bench.calendars, clock: () => new Date(), digest: digestModeFromEnv() };
    const sweep = async (what: string, slots: number) => {
      progress(what);
      await clearEngineState(pool);
      const measured = await measureDailySweep(deps, bench, task.day, task.checks, slots);
      await clearEngineState(pool);
      return measured;
    };
    const coldSweep = await sweep('daily sweep (warm-up)', 1);
    const serialSweep = await sweep('daily sweep, one rule at a time', 1);
    const dailySweep = await sweep(`daily sweep, ${DEFAULT_ACTIVITY_SLOTS} activity slots`, DEFAULT_ACTIVITY_SLOTS);
    const afterSweepRssMb = process.resourceUsage().maxRSS / 1024;
    progress('full evaluation, one check at a time');
    const serialFull = await measureFullEvaluation(pool, bench, task.range, task.checks, 1);
    progress(`full evaluation, ${DEFAULT_ACTIVITY_SLOTS} activity slots`);
    const full = await measureFullEvaluation(pool, bench, task.range, task.checks, DEFAULT_ACTIVITY_SLOTS);
    const report: WorkerReport = { digest: deps.digest.mode, coldSweep, serialSweep, dailySweep, serialFull, full, peakRssMb: process.resourceUsage().maxRSS / 1024, baselineRssMb, afterSweepRssMb };
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
