import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { sql, type DatabasePool } from 'slonik';
import { readFileSync } from 'node:fs';
import type { CompiledRegulation } from '../regulation/model.js';
import { SA_PERIOD, SA_REGION, SA_REGULATION, SA_RULE, SA_STATUS } from './searchAttributes.js';
import { driverWorkflowId, sweepWorkflowId } from './taskQueue.js';
import type { EventSweepInput } from '../../workflows/eventSweep.js';
import type { RuleDriverInput } from '../../workflows/ruleDriver.js';
import { EVENT_CHECKS } from '../checks/event/eventChecks.js';
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

/** How a rule runs: swept (event-relative rules with an event check), driven (period rules), or not yet runnable. */
export function driverKind(rule: CompiledRule): 'sweep' | 'driver' | { skip: string } {
  const t = rule.trigger.kind;
  if (t === 'annual' || t === 'once' || t === 'recurring' || t === 'campaign') return 'driver';
  if (t === 'after_event' && ['term', 'same_day'].includes(rule.deadlines[0]?.due.kind ?? '') && EVENT_CHECKS[rule.check.name]) return 'sweep';
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
    const { rules, ...header } = regulation;
    for (const rule of rules) {
      const kind = driverKind(rule);
      if (typeof kind === 'object') {
        report.skipped.push({ rule: `${regulation.id}/${rule.id}`, reason: kind.skip });
        continue;
      }
      const calendar = opts.calendars[regulation.calendar];
      if (!calendar) throw new Error(`production calendar ${regulation.calendar} is not loaded`);
      const workflowId = kind === 'sweep' ? sweepWorkflowId(regulation.id, rule.id) : driverWorkflowId(regulation.id, rule.id);
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
      const input: EventSweepInput | RuleDriverInput = kind === 'sweep'
        ? { regulation: header, rule, intervalMs: opts.sweepIntervalMs, clockOffsetMs: opts.clockOffsetMs ?? 0, backfillDays: opts.backfillDays }
        : { regulation: header, rule, calendar, clockOffsetMs: opts.clockOffsetMs ?? 0 };
      await opts.client.workflow.start(kind === 'sweep' ? 'eventSweepWorkflow' : 'ruleDriverWorkflow', {
        workflowId,
        taskQueue: opts.taskQueue,
        args: [input],
        memo: { versionHash: regulation.versionHash, appliedBy: opts.appliedBy },
        typedSearchAttributes: [
          { key: SA_REGULATION, value: regulation.id },
          { key: SA_RULE, value: rule.id },
          { key: SA_REGION, value: regulation.region },
          { key: SA_PERIOD, value: 'continuous' },
          { key: SA_STATUS, value: 'active' },
        ],
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
