import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { sql, type DatabasePool } from 'slonik';
import { readFileSync } from 'node:fs';
import type { CompiledRegulation } from '../regulation/model.js';
import { driverStart } from './driverStart.js';
import { eventCheckForRule } from '../checks/event/register/eventCheckForRule.js';
import type { CompiledRule } from '../regulation/model.js';
import type { CalendarData } from '../time/calendarData.js';

/** How the drivers of applied rules run. */
export interface ApplyOptions {
  client: Client;
  pool: DatabasePool;
  regulations: CompiledRegulation[];
  appliedBy: string;
  taskQueue: string;
  /** Pause between sweeps of event-relative rules. */
  sweepIntervalMs: number;
  backfillDays: number;
  clockOffsetMs?: number;
  /** Production calendars by id: period-rule drivers plan with them. */
  calendars: Record<string, CalendarData>;
}

/**
 * How a rule runs: swept (event-relative rules — after or before an event, or after a predecessor
 * rule — with a term and an event check: `manual` rules always have one, see `eventCheckForRule`),
 * driven (period rules), or not yet runnable.
 */
export function driverKind(rule: CompiledRule): 'sweep' | 'driver' | { skip: string } {
  const t = rule.trigger.kind;
  if (t === 'annual' || t === 'once' || t === 'recurring' || t === 'campaign') return 'driver';
  if (!['term', 'same_day'].includes(rule.deadlines[0]?.due.kind ?? '')) return { skip: `событийное правило: срок не отсчитывается от события (${rule.deadlines[0]?.due.kind ?? 'нет срока'})` };
  if (eventCheckForRule(rule)) return 'sweep';
  return { skip: `событийное правило: проверка «${rule.check.name}» для ${t} ещё не реализована` };
}

/** What `applyRegulations` changed, per workflow id. */
export interface ApplyReport {
  started: string[];
  refreshed: string[];
  unchanged: string[];
  stopped: string[];
  /** Rules that cannot run yet, with the reason. */
  skipped: { rule: string; reason: string }[];
}

/**
 * Applies compiled regulations: stores each version (content hash, who, when) in PostgreSQL in one
 * transaction, then starts the driver workflow of every rule (a sweep for event-relative rules, a
 * planning driver for period rules; rules whose check cannot run yet are reported as skipped), restarts a driver whose regulation
 * changed (its memo holds the version hash), and stops drivers of rules no longer present.
 * The caller validates first: only fully valid sets are applied.
 */
export async function applyRegulations(opts: ApplyOptions): Promise<ApplyReport> {
  const report: ApplyReport = { started: [], refreshed: [], unchanged: [], stopped: [], skipped: [] };
  await opts.pool.transaction(async (tx) => {
    for (const r of opts.regulations) {
      await tx.query(sql.unsafe`
        INSERT INTO regulation_versions (regulation_id, content_hash, source_path, content, applied_by)
        VALUES (${r.id}, ${r.versionHash}, ${r.sourcePath}, ${readFileSync(r.sourcePath, 'utf8')}, ${opts.appliedBy})
        ON CONFLICT (regulation_id, content_hash) DO NOTHING`);
    }
  });

  const wanted = new Set<string>();
  for (const regulation of opts.regulations) {
    for (const rule of regulation.rules) {
      const kind = driverKind(rule);
      if (typeof kind === 'object') {
        report.skipped.push({ rule: `${regulation.id}/${rule.id}`, reason: kind.skip });
        continue;
      }
      const calendar = opts.calendars[regulation.calendar];
      if (!calendar) throw new Error(`production calendar ${regulation.calendar} is not loaded`);
      const start = driverStart(regulation, rule, kind, calendar, { sweepIntervalMs: opts.sweepIntervalMs, backfillDays: opts.backfillDays, clockOffsetMs: opts.clockOffsetMs });
      const workflowId = start.workflowId;
      wanted.add(workflowId);
      const handle = opts.client.workflow.getHandle(workflowId);
      let running = false;
      let sameVersion = false;
      let finished = false;
      try {
        const d = await handle.describe();
        running = d.status.name === 'RUNNING';
        // A driver that completed has nothing left to do for this version (e.g. a one-off year is over).
        finished = d.status.name === 'COMPLETED';
        sameVersion = d.memo?.versionHash === regulation.versionHash;
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
      if ((running || finished) && sameVersion) {
        report.unchanged.push(workflowId);
        continue;
      }
      if (running) await handle.terminate(`refreshed: regulation ${regulation.id} version ${regulation.versionHash.slice(0, 12)} applied by ${opts.appliedBy}`);
      await opts.client.workflow.start(start.workflowType, {
        workflowId,
        taskQueue: opts.taskQueue,
        args: start.args,
        memo: { versionHash: regulation.versionHash, appliedBy: opts.appliedBy },
        typedSearchAttributes: start.typedSearchAttributes,
      });
      (running ? report.refreshed : report.started).push(workflowId);
    }
  }

  for await (const wf of opts.client.workflow.list({ query: `WorkflowType IN ('eventSweepWorkflow', 'ruleDriverWorkflow') AND ExecutionStatus = 'Running'` })) {
    if (!wanted.has(wf.workflowId)) {
      await opts.client.workflow.getHandle(wf.workflowId).terminate(`rule removed from the applied regulations by ${opts.appliedBy}`);
      report.stopped.push(wf.workflowId);
    }
  }
  return report;
}
