import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths.js';
import { calendarCatalog } from '../../src/regulation/calendarCatalog.js';
import { loadRegulations, type LoadResult } from '../../src/regulation/loadRegulations.js';
import type { Lang } from '../../src/regulation/problem.js';

export const ROOT = projectRoot();
export const REGULATIONS = join(ROOT, 'regulations');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'regulations');
export const MESSAGE_FIXTURES = join(ROOT, 'test', 'fixtures', 'messages');
export const GOLDEN = join(ROOT, 'test', 'golden');

let calendars: ReturnType<typeof calendarCatalog> | undefined;

/** Loads regulation files the way `reglament validate` does; problem paths are relative to `cwd`. */
export function load(paths: string[], opts: { lang?: Lang; cwd?: string } = {}): LoadResult {
  calendars ??= calendarCatalog();
  return loadRegulations(paths, { calendars, lang: opts.lang ?? 'ru', cwd: opts.cwd ?? ROOT });
}

/** Every file under `dir` (recursively) whose name ends with `suffix`, sorted. */
export function filesUnder(dir: string, suffix: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full, suffix));
    else if (name.endsWith(suffix)) out.push(full);
  }
  return out.sort();
}

/** JSON with object keys sorted at every level, two-space indented, ending in a newline. */
export function stableJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]));
    return v;
  };
  return JSON.stringify(sort(value), null, 2) + '\n';
}
