import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { sql, type DatabasePool } from 'slonik';
import { readFileSync } from 'node:fs';
import type { CompiledRegulation } from '../regulation/model.js';
import { SA_PERIOD, SA_REGION, SA_REGULATION, SA_RULE, SA_STATUS } from './searchAttributes.js';
import { sweepWorkflowId } from './taskQueue.js';
import type { EventSweepInput } from '../../workflows/eventSweep.js';

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
}

/** What `applyRegulations` changed, per workflow id. */
export interface ApplyReport {
  started: string[];
  refreshed: string[];
  unchanged: string[];
  stopped: string[];
}

/**
 * Applies compiled regulations: stores each version (content hash, who, when) in PostgreSQL in one
 * transaction, then starts the driver workflow of every rule, restarts a driver whose regulation
 * changed (its memo holds the version hash), and stops drivers of rules no longer present.
 * The caller validates first: only fully valid sets are applied.
 */
export async function applyRegulations(opts: ApplyOptions): Promise<ApplyReport> {
  const report: ApplyReport = { started: [], refreshed: [], unchanged: [], stopped: [] };
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
      const workflowId = sweepWorkflowId(regulation.id, rule.id);
      wanted.add(workflowId);
      const handle = opts.client.workflow.getHandle(workflowId);
      let running = false;
      let sameVersion = false;
      try {
        const d = await handle.describe();
        running = d.status.name === 'RUNNING';
        sameVersion = d.memo?.versionHash === regulation.versionHash;
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
      if (running && sameVersion) {
        report.unchanged.push(workflowId);
        continue;
      }
      if (running) await handle.terminate(`refreshed: regulation ${regulation.id} version ${regulation.versionHash.slice(0, 12)} applied by ${opts.appliedBy}`);
      const input: EventSweepInput = {
        regulation: header, rule, intervalMs: opts.sweepIntervalMs, clockOffsetMs: opts.clockOffsetMs ?? 0, backfillDays: opts.backfillDays,
      };
      await opts.client.workflow.start('eventSweepWorkflow', {
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

  for await (const wf of opts.client.workflow.list({ query: `WorkflowType = 'eventSweepWorkflow' AND ExecutionStatus = 'Running'` })) {
    if (!wanted.has(wf.workflowId)) {
      await opts.client.workflow.getHandle(wf.workflowId).terminate(`rule removed from the applied regulations by ${opts.appliedBy}`);
      report.stopped.push(wf.workflowId);
    }
  }
  return report;
}
