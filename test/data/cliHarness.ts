import { jest } from '@jest/globals';
import { Command } from 'commander';

/** What a CLI run printed and the exit code it set. */
export interface CliRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * Runs one of our commands in-process against `databaseUrl` (through `withDatabase`), capturing
 * stdout and stderr, and restores the exit code and environment afterwards.
 */
export async function runCli(register: (program: Command) => void, args: string[], databaseUrl: string): Promise<CliRun> {
  const program = new Command('reglament').exitOverride();
  register(program);
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  const savedUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = databaseUrl;
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'reglament', ...args]);
    return { stdout, stderr, exitCode: Number(process.exitCode ?? 0) };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = 0;
    if (savedUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = savedUrl;
  }
}
