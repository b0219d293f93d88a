import { DEFAULT_ACTIVITY_SLOTS } from './activitySlots.js';
import { DefaultLogger, NativeConnection, Runtime, Worker, bundleWorkflowCode, type LogLevel, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../paths.js';

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/**
 * The workflow bundle, built once per process: from `dist/workflows` when compiled, else from the
 * TypeScript sources (tests), where `.js` import specifiers must resolve to `.ts` files.
 */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= (async () => {
    const root = projectRoot();
    const compiled = join(root, 'dist', 'workflows', 'index.js');
    const fromSource = !existsSync(compiled) || process.env.REGLAMENT_WORKFLOWS_FROM_SOURCE === '1';
    return bundleWorkflowCode({
      workflowsPath: fromSource ? join(root, 'workflows', 'index.ts') : compiled,
      logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } as never,
      webpackConfigHook: (config) => {
        config.resolve = { ...config.resolve, extensionAlias: { '.js': ['.ts', '.js'] } };
        return config;
      },
    });
  })();
  return bundle;
}

let runtimeReady = false;

/**
 * Installs the Temporal runtime once per process with a quieter logger (`REGLAMENT_TEMPORAL_LOG`,
 * default WARN): worker state changes at INFO would drown the engine's own output.
 */
export function ensureRuntime(): void {
  if (runtimeReady) return;
  runtimeReady = true;
  try {
    Runtime.install({ logger: new DefaultLogger((process.env.REGLAMENT_TEMPORAL_LOG ?? 'WARN') as LogLevel) });
  } catch {
    // Already installed by the embedding application: keep its settings.
  }
}

/**
 * Creates a worker on `taskQueue` that runs Reglament's workflows and the given activities over
 * `connection`. The caller runs it (`worker.run()`) and shuts it down.
 */
export async function createWorker(opts: { connection: NativeConnection; namespace: string; taskQueue: string; activities: object; maxCachedWorkflows?: number; maxConcurrentActivities?: number }): Promise<Worker> {
  ensureRuntime();
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    workflowBundle: await workflowBundle(),
    activities: opts.activities,
    maxConcurrentActivityTaskExecutions: opts.maxConcurrentActivities ?? DEFAULT_ACTIVITY_SLOTS,
    ...(opts.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: opts.maxCachedWorkflows } : {}),
  });
}
