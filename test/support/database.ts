import { randomBytes } from 'node:crypto';
import type { DatabasePool } from 'slonik';
import { migrate } from '../../src/db/migrate.js';
import { openPool } from '../../src/db/pool.js';
import { ensureDatabase } from '../../src/infra/embeddedPostgres.js';

/** A migrated, empty database of its own for one test file. */
export interface TestDatabase {
  url: string;
  pool: DatabasePool;
  close(): Promise<void>;
}

/** Creates a fresh database on the test server, migrates it and opens a pool. */
export async function freshDatabase(label: string): Promise<TestDatabase> {
  const admin = process.env.REGLAMENT_TEST_ADMIN_URL;
  if (!admin) throw new Error('REGLAMENT_TEST_ADMIN_URL is unset: run the tests through jest (globalSetup)');
  const name = `t_${label.replace(/\W/g, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(admin, name);
  const url = admin.replace(/\/[^/?]+(\?|$)/, `/${name}$1`);
  await migrate(url);
  const pool = await openPool(url);
  return { url, pool, close: () => pool.end() };
}
