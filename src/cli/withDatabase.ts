import { join } from 'node:path';
import pg from 'pg';
import type { DatabasePool } from 'slonik';
import { migrate } from '../db/migrate.js';
import { openPool } from '../db/pool.js';
import { startEmbeddedPostgres } from '../infra/embeddedPostgres.js';
import { dataDir } from '../paths.js';
import { defaultPorts } from '../stack.js';

const EMBEDDED_URL = (port: number) => `postgres://postgres:reglament@127.0.0.1:${port}/reglament`;

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `fn` with the URL of the engine's database: `DATABASE_URL`, else the embedded server of a
 * running `reglament start`, else the embedded server started just for this command (and stopped
 * after). Throws what `fn` throws.
 */
export async function withDatabaseServer<T>(fn: (databaseUrl: string) => Promise<T>): Promise<T> {
  let url = process.env.DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!url) {
    const port = defaultPorts().postgres;
    url = EMBEDDED_URL(port);
    if (!(await reachable(url))) {
      const started = await startEmbeddedPostgres({ dir: join(dataDir(), 'postgres'), port });
      stop = started.stop;
    }
  }
  try {
    return await fn(url);
  } finally {
    await stop?.();
  }
}

/**
 * Runs `fn` with a pool on the engine's database (see `withDatabaseServer`), the schema brought up
 * to date first. Throws what `fn` throws.
 */
export async function withDatabase<T>(fn: (pool: DatabasePool) => Promise<T>): Promise<T> {
  return withDatabaseServer(async (url) => {
    await migrate(url);
    const pool = await openPool(url, 2);
    try {
      return await fn(pool);
    } finally {
      await pool.end();
    }
  });
}
