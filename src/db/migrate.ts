import { runner } from 'node-pg-migrate';
import { join } from 'node:path';
import { projectRoot } from '../paths.js';

/**
 * Brings the database behind `databaseUrl` to the newest schema by running the SQL migrations in
 * `migrations/` with node-pg-migrate (each in its own transaction, under an advisory lock so
 * concurrent starters do not race). Returns the names of the migrations it ran.
 */
export async function migrate(databaseUrl: string): Promise<string[]> {
  const ran = await runner({
    databaseUrl,
    dir: join(projectRoot(), 'migrations'),
    direction: 'up',
    migrationsTable: 'pgmigrations',
    count: Infinity,
    log: () => {},
    verbose: false,
  });
  return ran.map((m) => m.name);
}
