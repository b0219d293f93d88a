// Starts one real PostgreSQL server for the whole test run (unless DATABASE_URL names one); each
// test file creates its own database on it. Plain ESM over the compiled code, because Jest loads
// global setup outside its module transform (`npm test` builds first).
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../dist/src/infra/embeddedPostgres.js';
import { projectRoot } from '../../dist/src/paths.js';

export default async function globalSetup() {
  process.env.REGLAMENT_QUIET = '1';
  if (process.env.DATABASE_URL) {
    process.env.REGLAMENT_TEST_ADMIN_URL = process.env.DATABASE_URL;
    return;
  }
  const port = Number(process.env.REGLAMENT_TEST_PG_PORT ?? 54339);
  const pg = await startEmbeddedPostgres({ dir: join(projectRoot(), '.data', 'test', `postgres-${port}`), port, database: 'postgres' });
  process.env.REGLAMENT_TEST_ADMIN_URL = pg.url;
  globalThis.__reglamentPg = pg;
}
