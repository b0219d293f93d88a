import { Connection } from '@temporalio/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { log } from './log.js';
import { findTool, TEMPORAL_CLI } from './toolBinaries.js';

/** A Temporal dev server started by Reglament. */
export interface RunningTemporal {
  address: string;
  uiUrl: string;
  /** The server process, when Reglament spawned the CLI itself. */
  child?: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Waits until a Temporal frontend at `address` answers a health check, polling every 250 ms up
 * to `timeoutMs`. Exists because the SDK's own start-up wait (5 s) is too short on small machines.
 * Throws with the last connection error when the deadline passes.
 */
export async function waitForTemporal(address: string, timeoutMs = 120_000, isDead?: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const dead = isDead?.();
    if (dead) throw new Error(dead);
    try {
      const conn = await Connection.connect({ address, connectTimeout: 2000 });
      try {
        await conn.workflowService.getSystemInfo({});
        return;
      } finally {
        await conn.close();
      }
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`Temporal at ${address} did not become healthy within ${timeoutMs} ms: ${String(lastError)}`);
}

/**
 * Starts `temporal server start-dev` with its SQLite state under `dir`, on 127.0.0.1:`port` with
 * the web UI on `uiPort`, and resolves once the frontend is healthy. The binary is found by
 * `findTool(TEMPORAL_CLI)`; throws when there is none (run `reglament tools install`).
 */
export async function startTemporalDevServer(opts: { dir: string; port: number; uiPort: number; namespace: string }): Promise<RunningTemporal> {
  const bin = findTool(TEMPORAL_CLI);
  if (!bin) return startWithSdkDownload(opts);
  mkdirSync(opts.dir, { recursive: true });
  const logFd = openSync(join(opts.dir, 'temporal.log'), 'a');
  const args = [
    'server', 'start-dev',
    '--db-filename', join(opts.dir, 'temporal.sqlite'),
    '--ip', '127.0.0.1',
    '--port', String(opts.port),
    '--ui-port', String(opts.uiPort),
    '--ui-disable-news-fetch',
    '--log-level', 'warn',
  ];
  if (opts.namespace !== 'default') args.push('--namespace', opts.namespace);
  const child = spawn(bin, args, { stdio: ['ignore', logFd, logFd] });
  let exitInfo: string | undefined;
  child.on('exit', (code, signal) => {
    exitInfo = `temporal dev server exited (code ${code}, signal ${signal}); see ${join(opts.dir, 'temporal.log')}`;
  });
  const address = `127.0.0.1:${opts.port}`;
  try {
    await waitForTemporal(address, 120_000, () => exitInfo);
  } catch (err) {
    child.kill('SIGTERM');
    throw err;
  }
  log('temporal.started', { address, pid: child.pid });
  return {
    address,
    uiUrl: `http://127.0.0.1:${opts.uiPort}`,
    child,
    stop: () => stopChild(child),
  };
}

/** Sends SIGTERM, then SIGKILL after 10 s, and resolves when the process has exited. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    child.kill('SIGTERM');
  });
}

/**
 * Last resort when no Temporal CLI is installed: the SDK downloads the CLI itself and runs the
 * same dev server (with the SDK's own, shorter start-up wait).
 */
async function startWithSdkDownload(opts: { dir: string; port: number; uiPort: number; namespace: string }): Promise<RunningTemporal> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  mkdirSync(opts.dir, { recursive: true });
  log('temporal.sdk-download', { reason: 'no temporal CLI on TEMPORAL_CLI, PATH or .tools/' });
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'cached-download' },
      dbFilename: join(opts.dir, 'temporal.sqlite'),
      ip: '127.0.0.1',
      port: opts.port,
      ui: true,
      uiPort: opts.uiPort,
      namespace: opts.namespace,
    },
  });
  const address = `127.0.0.1:${opts.port}`;
  await waitForTemporal(address);
  return { address, uiUrl: `http://127.0.0.1:${opts.uiPort}`, child: undefined, stop: () => env.teardown() };
}
