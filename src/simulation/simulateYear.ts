import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import type { DatabasePool } from 'slonik';
import { createActivities } from '../../activities/index.js';
import type { DigestInput } from '../../workflows/digest.js';
import { createWorker } from '../execution/createWorker.js';
import { driverKind } from '../execution/applyRegulations.js';
import { driverStart } from '../execution/driverStart.js';
import type { Mailer } from '../notify/mailer.js';
import { REGIONS } from '../regions.js';
import type { CompiledRegulation } from '../regulation/model.js';
import type { CalendarData } from '../time/calendarData.js';
import { simulatedClock } from './simulatedClock.js';

/** What a simulation runs: regulations over the data in `pool`, from one local date to another. */
export interface SimulationInput {
  env: TestWorkflowEnvironment;
  pool: DatabasePool;
  mailer: Mailer;
  regulations: CompiledRegulation[];
  calendars: Record<string, CalendarData>;
  /** First and last local day, ISO dates. */
  from: string;
  to: string;
  /** Local hour of the daily digests. */
  digestHour: number;
  taskQueue: string;
  onProgress?: (message: string) => void;
}

/** What ran. */
export interface SimulationRun {
  from: string;
  to: string;
  startsAt: string;
  endsAt: string;
  drivers: number;
  sweeps: number;
  occurrences: number;
  digests: number;
  skipped: { rule: string; reason: string }[];
  elapsedMs: number;
}

/**
 * Plays the regulations over [from, to] on the time-skipping server: the real drivers, sweeps,
 * occurrences and daily digests, with the workflows' clock shifted to `from` (local midnight of the
 * easternmost region) and every workflow stopping at the end of `to` (local). Activities run
 * against `pool` and deliver through `mailer`, with a clock on simulated time. Resolves once every
 * driver, sweep, occurrence and digest workflow has finished.
 */
export async function simulateYear(input: SimulationInput): Promise<SimulationRun> {
  const began = Date.now();
  const zones = [...new Set(input.regulations.map((r) => r.timezone))];
  const startsAtMs = Math.min(...zones.map((z) => DateTime.fromISO(input.from, { zone: z }).startOf('day').toMillis()));
  const endsAtMs = Math.max(...zones.map((z) => DateTime.fromISO(input.to, { zone: z }).endOf('day').toMillis()));
  const until = new Date(endsAtMs).toISOString();
  const clockOffsetMs = startsAtMs - (await input.env.currentTimeMs());
  const client = input.env.client;

  const worker = await createWorker({
    connection: input.env.nativeConnection, namespace: input.env.namespace ?? 'default', taskQueue: input.taskQueue,
    // Hundreds of drivers and occurrences each hold their plan and calendar; a small cache keeps the
    // worker's memory flat, at the cost of replaying the (short) histories of evicted workflows.
    maxCachedWorkflows: 100,
    // Simulated days are short: the day's sweeps and steps, all due at the same instants, run side by side.
    maxConcurrentActivities: 12,
    activities: createActivities({
      pool: input.pool, mailer: input.mailer, calendars: input.calendars,
      clock: simulatedClock(clockOffsetMs), digest: { mode: 'daily', hour: input.digestHour }, client: input.env.client,
    }),
  });
  const running = worker.run();
  try {
    const drivers: WorkflowHandle[] = [];
    const sweeps: WorkflowHandle[] = [];
    const skipped: SimulationRun['skipped'] = [];
    for (const regulation of input.regulations) {
      const calendar = input.calendars[regulation.calendar];
      if (!calendar) throw new Error(`production calendar ${regulation.calendar} is not loaded`);
      for (const rule of regulation.rules) {
        const kind = driverKind(rule);
        if (typeof kind === 'object') {
          skipped.push({ rule: `${regulation.id}/${rule.id}`, reason: kind.skip });
          continue;
        }
        // Sweeps run once a simulated day, an hour before the digests, so a deadline missed
        // yesterday is in today's digest.
        const start = driverStart(regulation, rule, kind, calendar, { sweepIntervalMs: 24 * 3600_000, backfillDays: 31, clockOffsetMs, until, alignTo: new Date(startsAtMs).toISOString() });
        const handle = await client.workflow.start(start.workflowType, {
          workflowId: start.workflowId, taskQueue: input.taskQueue, args: start.args, typedSearchAttributes: start.typedSearchAttributes,
        });
        (kind === 'sweep' ? sweeps : drivers).push(handle);
      }
    }
    const digests: WorkflowHandle[] = [];
    for (const region of [...new Set(input.regulations.map((r) => r.region))]) {
      const args: [DigestInput] = [{ region, zone: REGIONS[region]?.timezone ?? 'UTC', hour: input.digestHour, clockOffsetMs, until }];
      digests.push(await client.workflow.start('digestWorkflow', { workflowId: `digest/${region}`, taskQueue: input.taskQueue, args }));
    }
    input.onProgress?.(`запущено: драйверов ${drivers.length}, проверок событий ${sweeps.length}, сводок ${digests.length}`);

    // One result awaited at a time: the test server skips time while a client waits on a result,
    // and overlapping waits would lock and unlock its skipping out of step. Every workflow keeps
    // running meanwhile, so the later waits are mostly for workflows already done.
    const occurrenceIds: string[] = [];
    for (const h of drivers) occurrenceIds.push(...((await h.result()) as string[]));
    input.onProgress?.(`драйверы завершены: вхождений ${occurrenceIds.length}`);
    for (const h of [...digests, ...sweeps, ...occurrenceIds.map((id) => client.workflow.getHandle(id))]) await h.result();
    return {
      from: input.from, to: input.to, startsAt: new Date(startsAtMs).toISOString(), endsAt: until,
      drivers: drivers.length, sweeps: sweeps.length, occurrences: occurrenceIds.length, digests: digests.length, skipped,
      elapsedMs: Date.now() - began,
    };
  } finally {
    worker.shutdown();
    await running;
  }
}
