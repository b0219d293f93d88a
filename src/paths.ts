import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding Reglament's package.json, found by walking up from this module, so that the
 * same code works from the TypeScript sources (tests) and from the compiled `dist/` tree.
 */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'regulations'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Reglament package root not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

/** Where Reglament keeps its embedded state (PostgreSQL, Temporal, captured mail): `REGLAMENT_DATA_DIR` or `<root>/.data`. */
export function dataDir(): string {
  return resolve(process.env.REGLAMENT_DATA_DIR ?? join(projectRoot(), '.data'));
}

/** Where project-local binaries (the Temporal CLI and test server) are installed: `<root>/.tools`. */
export function toolsDir(): string {
  return join(projectRoot(), '.tools');
}
