import pg from 'pg';

/**
 * Drops `database` on the server of `serverUrl` (any database URL on it) and creates it afresh,
 * empty or as a copy of `template`; returns the new database's URL. Connections to the old database
 * are closed first. The name is quoted, so any name is safe. A `scratch` database commits without
 * waiting for the disk.
 */
export async function recreateDatabase(serverUrl: string, database: string, template?: string, opts: { scratch?: boolean } = {}): Promise<string> {
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  await client.connect();
  try {
    await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ANY($1) AND pid <> pg_backend_pid()', [[database, template].filter(Boolean)]);
    await client.query(`DROP DATABASE IF EXISTS ${quote(database)}`);
    await client.query(`CREATE DATABASE ${quote(database)}${template ? ` TEMPLATE ${quote(template)}` : ''}`);
    // A scratch database need not wait for each commit to reach the disk: losing its last moments
    // in a crash costs nothing, while a flush per commit would dominate a simulation's run time.
    if (opts.scratch) await client.query(`ALTER DATABASE ${quote(database)} SET synchronous_commit = off`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
