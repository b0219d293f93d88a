/**
 * The real regulation files: all of `regulations/` validates without errors, every file tells the
 * editor its schema, and the names the files and the schema use exist in code (events, checks).
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { CHECKS } from '../../src/checks/catalog.js';
import { EVENTS } from '../../src/checks/events.js';
import { formatProblem } from '../../src/regulation/problem.js';
import { REGULATIONS, ROOT, filesUnder, load } from './support.js';

const files = filesUnder(REGULATIONS, '.yaml');
const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'regulation.schema.json'), 'utf8')) as {
  $defs: Record<string, { enum?: string[]; description?: string }>;
};

describe('regulations/', () => {
  test('validates as a whole without errors', () => {
    expect(files.length).toBeGreaterThanOrEqual(1);
    const result = load([REGULATIONS]);
    const errors = result.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => formatProblem(p))).toEqual([]);
    expect(result.regulations).toHaveLength(files.length);
  });

  test.each(files.map((f) => [basename(f), f]))('%s starts with the yaml-language-server schema line', (_, file) => {
    const first = readFileSync(file, 'utf8').split('\n')[0];
    expect(first).toBe('# yaml-language-server: $schema=../schemas/regulation.schema.json');
  });

  test('every check a file names exists in the catalog', () => {
    const used = new Map<string, string[]>();
    // Checks sit under `check` of a rule and under `while` of a campaign extension.
    const walk = (node: unknown, file: string, key?: string): void => {
      if (Array.isArray(node)) node.forEach((n) => walk(n, file));
      else if (node && typeof node === 'object') {
        const name = (node as { name?: unknown }).name;
        if ((key === 'check' || key === 'while') && typeof name === 'string') used.set(name, [...(used.get(name) ?? []), basename(file)]);
        for (const [k, v] of Object.entries(node)) walk(v, file, k);
      }
    };
    for (const f of files) walk(parse(readFileSync(f, 'utf8')), f);
    expect(used.size).toBeGreaterThan(0);
    const unknown = [...used].filter(([name]) => !Object.hasOwn(CHECKS, name)).map(([name, where]) => `${name} (${[...new Set(where)].join(', ')})`);
    expect(unknown).toEqual([]);
  });
});

describe('schema and code agree', () => {
  test('the event enum equals the keys of EVENTS', () => {
    expect([...schema.$defs.event!.enum!].sort()).toEqual(Object.keys(EVENTS).sort());
  });

  test('the event description explains every event', () => {
    const missing = Object.keys(EVENTS).filter((e) => !schema.$defs.event!.description!.includes(`${e} — `));
    expect(missing).toEqual([]);
  });
});
