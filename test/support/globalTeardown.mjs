// Stops the PostgreSQL server started by globalSetup.mjs.
export default async function globalTeardown() {
  await globalThis.__reglamentPg?.stop();
}
