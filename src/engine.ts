import type { Worker } from '@temporalio/worker';
import { join } from 'node:path';
import type { DatabasePool } from 'slonik';
import { createActivities } from '../activities/index.js';
import { migrate } from './db/migrate.js';
import { openPool } from './db/pool.js';
import { applyRegulations, type ApplyReport } from './execution/applyRegulations.js';
import { connectTemporal, type TemporalConnections } from './execution/connectTemporal.js';
import { createWorker } from './execution/createWorker.js';
import { namespace, taskQueue } from './execution/taskQueue.js';
import type { DigestMode } from './notify/dispatchNotice.js';
import { createMailer, type Mailer } from './notify/mailer.js';
import { projectRoot } from './paths.js';
import { calendarCatalog } from './regulation/calendarCatalog.js';
import { loadRegulations, type LoadResult } from './regulation/loadRegulations.js';
import type { CalendarData } from './time/calendarData.js';
import { loadCalendar } from './time/calendarFile.js';

/** A connected engine: database, Temporal, mail, and a worker that runs the regulations. */
export interface Engine {
  pool: DatabasePool;
  temporal: TemporalConnections;
  mailer: Mailer;
  worker: Worker;
  /** Resolves when the worker has shut down. */
  running: Promise<void>;
  stop(): Promise<void>;
}

/** Every production calendar in `calendars/`, built for the five-day week, keyed by id. */
export function loadAllCalendars(): Record<string, CalendarData> {
  return Object.fromEntries(Object.keys(calendarCatalog()).map((id) => [id, loadCalendar({ id })]));
}

/**
 * Connects to the given services, brings the schema up to date, and starts a worker with the
 * activities wired to them (notices sent at once unless `opts.digest` says daily). The caller applies regulations and, at the end, calls `stop`.
 */
export async function startEngine(services: { databaseUrl: string; temporalAddress: string; smtpUrl: string }, opts: { digest?: DigestMode } = {}): Promise<Engine> {
  await migrate(services.databaseUrl);
  const pool = await openPool(services.databaseUrl);
  const temporal = await connectTemporal(services.temporalAddress, namespace());
  const mailer = createMailer(services.smtpUrl);
  const activities = createActivities({ pool, mailer, calendars: loadAllCalendars(), clock: () => new Date(), digest: opts.digest, client: temporal.client });
  const worker = await createWorker({ connection: temporal.native, namespace: namespace(), taskQueue: taskQueue(), activities });
  const running = worker.run();
  return {
    pool, temporal, mailer, worker, running,
    stop: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => {});
      mailer.close();
      await pool.end();
      await temporal.close();
    },
  };
}

/** Loads `paths` (default `regulations/`) and reports problems; compiled regulations only when all are valid. */
export function loadForApply(paths: string[] = []): LoadResult {
  return loadRegulations(paths.length ? paths : [join(projectRoot(), 'regulations')], { calendars: calendarCatalog() });
}

/** Applies valid regulations with the engine's client, as `appliedBy`. */
export async function applyWithEngine(engine: { pool: DatabasePool; temporal: Pick<TemporalConnections, 'client'> }, loaded: LoadResult, appliedBy: string, sweepIntervalMs: number): Promise<ApplyReport> {
  return applyRegulations({
    calendars: loadAllCalendars(),
    client: engine.temporal.client, pool: engine.pool, regulations: loaded.regulations, appliedBy, taskQueue: taskQueue(),
    sweepIntervalMs, backfillDays: Number(process.env.REGLAMENT_BACKFILL_DAYS ?? 60),
  });
}
