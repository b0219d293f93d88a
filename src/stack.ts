import { join } from 'node:path';
import { startEmbeddedPostgres } from './infra/embeddedPostgres.js';
import { log } from './infra/log.js';
import { startSmtpCapture } from './infra/smtpCapture.js';
import { startTemporalDevServer, waitForTemporal } from './infra/temporalDevServer.js';

/** Where the running services are, and how to stop the ones Reglament started. */
export interface Stack {
  databaseUrl: string;
  temporalAddress: string;
  /** Temporal web UI, when Reglament started the dev server. */
  temporalUiUrl?: string;
  smtpUrl: string;
  /** Folder of captured mail, when Reglament started the capture. */
  mailDir?: string;
  stop(): Promise<void>;
}

/** Ports of the embedded services (overridable by environment for side-by-side stacks). */
export function defaultPorts() {
  const n = (name: string, dflt: number) => Number(process.env[name] ?? dflt);
  return {
    postgres: n('REGLAMENT_PG_PORT', 54329),
    temporal: n('REGLAMENT_TEMPORAL_PORT', 7233),
    temporalUi: n('REGLAMENT_TEMPORAL_UI_PORT', 8233),
    smtp: n('REGLAMENT_SMTP_PORT', 2525),
  };
}

/** The folder of captured mail under a data folder. */
export function mailDirOf(dataDir: string): string {
  return join(dataDir, 'mail');
}

/**
 * Starts what is not configured: embedded PostgreSQL unless `DATABASE_URL`, the Temporal dev
 * server unless `TEMPORAL_ADDRESS`, the SMTP capture unless `SMTP_URL`. State lives in `dataDir`
 * and is reused by the next start. On failure, stops whatever it had started before rethrowing.
 */
export async function startStack(dataDir: string, ports = defaultPorts()): Promise<Stack> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const s of stops.reverse()) await s().catch((err: unknown) => log('stop.failed', { error: String(err) }));
  };
  try {
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({ dir: join(dataDir, 'postgres'), port: ports.postgres });
      stops.push(pg.stop);
      databaseUrl = pg.url;
      log('postgres.started', { port: ports.postgres });
    }
    let temporalAddress = process.env.TEMPORAL_ADDRESS;
    let temporalUiUrl: string | undefined;
    if (temporalAddress) {
      await waitForTemporal(temporalAddress);
    } else {
      const t = await startTemporalDevServer({ dir: join(dataDir, 'temporal'), port: ports.temporal, uiPort: ports.temporalUi, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
      stops.push(t.stop);
      temporalAddress = t.address;
      temporalUiUrl = t.uiUrl;
    }
    let smtpUrl = process.env.SMTP_URL;
    let mailDir: string | undefined;
    if (!smtpUrl) {
      mailDir = mailDirOf(dataDir);
      const smtp = await startSmtpCapture({ dir: mailDir, port: ports.smtp });
      stops.push(smtp.stop);
      smtpUrl = smtp.url;
    }
    return { databaseUrl, temporalAddress, temporalUiUrl, smtpUrl, mailDir, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
