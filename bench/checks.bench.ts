import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPool } from '../src/db/pool.js';
import { seedRegion } from '../src/data/seed/seedRegion.js';
import { startSmtpCapture } from '../src/infra/smtpCapture.js';
import { preparedDatabase, startBenchPostgres } from './benchDatabase.js';
import { round, type Benchmark, type Figures } from './benchmark.js';
import { benchSettings, scaled } from './benchSettings.js';
import type { WorkerReport, WorkerTask } from './checksWorker.js';
import { formatChecksTable, type TargetRow } from './formatChecksTable.js';
import { generateCardsRegion } from './generateCardsRegion.js';

const here = dirname(fileURLToPath(import.meta.url));
const REGION = 'altai-krai';
const SEED = 2024;
const RANGE = { from: '2024-09-01', to: '2025-08-31' };
/** A Tuesday of the main intake: the daily sweep judges the enrollment orders of the week before. */
const DAY = process.env.BENCH_DAY ?? '2024-09-10';
/** Targets of the product requirement. */
const TARGETS = { dailySweepMs: 1000, fullEvaluationMs: 30_000, workerRssMb: 300 };
/** The checks measured on 5,000,000 students. */
const CARD_CHECKS = ['student_card_complete', 'card_fill_rate'];

/** sha256 of the compiled files of a folder: a changed generator means the data must be generated again. */
function codeHash(dir: string, only?: (f: string) => boolean): string {
  const hash = createHash('sha256');
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.js') && (!only || only(f))).sort()) hash.update(f).update(readFileSync(join(dir, f)));
  return hash.digest('hex').slice(0, 16);
}

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

/**
 * The worker's V8 heap limit, MiB. Everything the checks hold at once fits in it at any data size
 * (rows stay in PostgreSQL; cases, notices and audit records go in pages), and the limit keeps V8
 * from growing the heap lazily: without one, garbage it has not collected yet makes the RSS follow
 * the amount of work done rather than what is live.
 */
export const WORKER_HEAP_MB = 128;

/** Forks the worker on `task` with the heap limit and waits for its report; rejects if it exits without one. */
function runWorker(task: WorkerTask): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    const child = fork(join(here, 'checksWorker.js'), [JSON.stringify(task)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [...process.execArgv, `--max-old-space-size=${WORKER_HEAP_MB}`],
    });
    let report: WorkerReport | undefined;
    child.on('message', (m) => (report = m as WorkerReport));
    child.on('error', reject);
    child.on('exit', (code) => (report ? resolve(report) : reject(new Error(`worker exited with ${code} without a report`))));
  });
}

/** Starts the cluster, prepares the database, runs the worker against it with a loopback SMTP capture, and stops everything. */
async function withWorker(name: string, marker: Record<string, string | number>, generate: (url: string) => Promise<unknown>, checks?: string[]) {
  const settings = benchSettings();
  const pg = await startBenchPostgres(settings);
  try {
    say(`  database ${name}: ${JSON.stringify(marker)}`);
    const db = await preparedDatabase(pg, name, marker, settings.fresh, generate);
    say(db.generated ? `  generated in ${round(db.generateMs / 1000)} s` : '  reused (same parameters; BENCH_FRESH=1 regenerates)');
    const mailDir = join(settings.dir, 'mail');
    rmSync(mailDir, { recursive: true, force: true });
    const smtp = await startSmtpCapture({ dir: mailDir, port: 0 });
    try {
      const report = await runWorker({ databaseUrl: db.url, smtpUrl: smtp.url, region: REGION, day: DAY, range: RANGE, checks });
      return { report, db };
    } finally {
      await smtp.stop();
    }
  } finally {
    await pg.stop();
  }
}

const ratio = (measured: number, target: number) => Math.round((measured / target) * 100) / 100;
const perSecond = (n: number, ms: number) => (ms > 0 ? Math.round(n / (ms / 1000)) : 0);
const top = (rows: { name: string; ms: number }[], n: number) => Object.fromEntries(rows.slice(0, n).map((r) => [r.name, round(r.ms)]));

/** Figures of one run, and the table rows comparing them with the targets. */
function figuresOf(report: WorkerReport, db: { generated: boolean; generateMs: number }, size: Record<string, number>, label: string, withTargets: { sweep: boolean; full: boolean }): { figures: Figures; rows: TargetRow[] } {
  // Per-rule and per-check costs come from the runs one at a time, where nothing else shares their time.
  const { serialSweep: s, dailySweep: d, serialFull: sf, full: f } = report;
  const judged = f.periodSubjects + f.eventSubjects;
  const figures: Figures = {
    ...size,
    data: db.generated ? `generated in ${round(db.generateMs / 1000)} s` : 'reused',
    sweepDay: d.day,
    noticeDelivery: report.digest,
    activitySlots: d.slots,
    dailySweepMs: round(d.totalMs),
    dailySweepSerialMs: round(s.totalMs),
    dailySweepSpeedup: ratio(s.totalMs, d.totalMs),
    dailySweepColdMs: round(report.coldSweep.totalMs),
    dailySweepMailMs: round(s.mailMs),
    dailySweepJudgingMs: round(s.totalMs - s.mailMs),
    dailySweepMails: d.rules.reduce((n, r) => n + r.mails, 0),
    dailySweepFailedRules: d.rules.filter((r) => r.error).length,
    dailySweepRules: d.rules.length,
    dailySweepEvents: d.events,
    dailySweepEventsPerSecond: perSecond(d.events, d.totalMs),
    dailySweepByRule: Object.fromEntries(s.rules.map((r) => [r.rule, round(r.ms)])),
    fullEvaluationMs: round(f.totalMs),
    fullEvaluationSerialMs: round(sf.totalMs),
    fullEvaluationSpeedup: ratio(sf.totalMs, f.totalMs),
    periodEvaluationMs: round(sf.periodMs),
    eventEvaluationMs: round(sf.eventMs),
    periodEvaluations: f.periodEvaluations,
    periodSubjects: f.periodSubjects,
    eventSubjects: f.eventSubjects,
    subjectsPerSecond: perSecond(judged, f.totalMs),
    slowestChecks: top(sf.byCheck, 10),
    slowestRules: top(sf.byRule, 10),
    workerBaselineRssMb: round(report.baselineRssMb),
    workerAfterSweepRssMb: round(report.afterSweepRssMb),
    workerHeapLimitMb: WORKER_HEAP_MB,
    workerPeakRssMb: round(report.peakRssMb),
    workerRssRatio: ratio(report.peakRssMb, TARGETS.workerRssMb),
  };
  const slots = `${d.slots} activity slots, as the worker runs them`;
  const sweepTarget = withTargets.sweep ? TARGETS.dailySweepMs : undefined;
  const fullTarget = withTargets.full ? TARGETS.fullEvaluationMs : undefined;
  const rows: TargetRow[] = [
    { what: `${label}: daily sweep (${d.rules.length} rules, ${d.events} events), ${slots}`, measured: d.totalMs, unit: 'ms', target: sweepTarget, rate: `${perSecond(d.events, d.totalMs)} events/s` },
    { what: `${label}: daily sweep, one rule at a time`, measured: s.totalMs, unit: 'ms', target: sweepTarget, rate: `${perSecond(s.events, s.totalMs)} events/s` },
    { what: `${label}: daily sweep, one at a time, without mail delivery`, measured: s.totalMs - s.mailMs, unit: 'ms', target: sweepTarget, rate: `${round(s.mailMs)} ms in ${s.rules.reduce((n, r) => n + r.mails, 0)} mails` },
    { what: `${label}: full evaluation (${f.periodEvaluations} period evaluations + event sweeps), ${slots}`, measured: f.totalMs, unit: 'ms', target: fullTarget, rate: `${perSecond(judged, f.totalMs)} subjects/s` },
    { what: `${label}: full evaluation, one check at a time`, measured: sf.totalMs, unit: 'ms', target: fullTarget, rate: `${perSecond(judged, sf.totalMs)} subjects/s` },
    { what: `${label}: worker peak RSS`, measured: report.peakRssMb, unit: 'MB', target: TARGETS.workerRssMb, rate: `heap limit ${WORKER_HEAP_MB} MB; baseline ${round(report.baselineRssMb)} MB, after daily sweep ${round(report.afterSweepRssMb)} MB` },
  ];
  say(formatChecksTable(rows, sf.byCheck.slice(0, 10), s.rules));
  if (withTargets.sweep) figures.dailySweepRatio = ratio(d.totalMs, TARGETS.dailySweepMs);
  if (withTargets.sweep) figures.dailySweepSerialRatio = ratio(s.totalMs, TARGETS.dailySweepMs);
  const failures = [...d.rules.filter((r) => r.error).map((r) => [`sweep ${r.rule}`, r.error!]), ...f.byCheck.filter((c) => c.error).map((c) => [`check ${c.name}`, c.error!])];
  if (failures.length) {
    figures.failures = failures.length;
    say(`\n  failed (reported, not measured):\n${failures.map(([w, e]) => `    ${w}: ${e}`).join('\n')}`);
  }
  if (withTargets.full) figures.fullEvaluationRatio = ratio(f.totalMs, TARGETS.fullEvaluationMs);
  if (withTargets.full) figures.fullEvaluationSerialRatio = ratio(sf.totalMs, TARGETS.fullEvaluationMs);
  figures.targets = { dailySweepMs: TARGETS.dailySweepMs, fullEvaluationMs: TARGETS.fullEvaluationMs, workerRssMb: TARGETS.workerRssMb };
  return { figures, rows };
}

/**
 * Check benchmarks on the benchmark's own embedded PostgreSQL (port 54360, `.data/bench/`):
 * a region seeded by `seedRegion` (2,500 organisations, 300,000 students, one academic year), and a
 * region of 5,000,000 students generated in SQL for the card checks. The measured work runs in a
 * forked worker process, whose peak RSS is reported against the target. `BENCH_SCALE` scales both.
 */
export const benchmarks: Benchmark[] = [
  {
    name: 'checks-region-300k',
    description: 'daily incremental sweep of every swept event rule, and a full evaluation of every check, on a seeded region of 2,500 organisations / 300,000 students (worker in a child process)',
    async run() {
      const settings = benchSettings();
      const organisations = scaled(2500, settings);
      const students = scaled(300_000, settings);
      const marker = { kind: 'seedRegion', region: REGION, organisations, students, seed: SEED, academicYear: '2024/2025', generator: codeHash(join(here, '..', 'src', 'data', 'seed')) };
      const { report, db } = await withWorker(`bench_region_${organisations}_${students}`, marker, async (url) => {
        const pool = await openPool(url, 2);
        try {
          let last = 0;
          await seedRegion(pool, {
            region: REGION, organisations, students, seed: SEED,
            onProgress: (done, total) => { if (done === total || Date.now() - last > 10_000) (last = Date.now()), say(`  seeding: ${done}/${total} organisations`); },
          });
        } finally {
          await pool.end();
        }
      });
      return figuresOf(report, db, { organisations, students }, `${students} students`, { sweep: true, full: true }).figures;
    },
  },
  {
    name: 'checks-cards-5m',
    description: 'student_card_complete (daily three-working-day sweep and a full sweep) and card_fill_rate on 5,000,000 students generated set-based in SQL (worker in a child process)',
    async run() {
      const settings = benchSettings();
      const organisations = scaled(2500, settings);
      const students = scaled(5_000_000, settings);
      const marker = { kind: 'generateCardsRegion', region: REGION, organisations, students, generator: codeHash(here, (f) => f === 'generateCardsRegion.js') };
      const { report, db } = await withWorker(`bench_cards_${organisations}_${students}`, marker, (url) => generateCardsRegion(url, { region: REGION, organisations, students }), CARD_CHECKS);
      return figuresOf(report, db, { organisations, students }, `${students} students, card checks`, { sweep: false, full: false }).figures;
    },
  },
];
