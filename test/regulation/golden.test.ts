/**
 * Golden files of the compiled form of every regulation (and of the every-feature fixture): what
 * the planner and the workflows will receive. A change to the compiler or to a regulation that
 * changes the compiled data fails here with a diff; regenerate on purpose with
 *
 *   UPDATE_GOLDEN=1 node --experimental-vm-modules node_modules/jest/bin/jest.js test/regulation/golden
 *
 * and review the diff of test/golden/ before committing.
 *
 * `sourcePath` is dropped (it depends on the working directory) and `versionHash` is replaced by a
 * placeholder: the hash covers the file's bytes, so keeping it would make every comment or
 * whitespace edit a golden change and bury the edits that matter. The hash is checked here
 * separately against the file itself, so it is not left untested.
 */
import { describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CompiledRegulation } from '../../src/regulation/model.js';
import { formatProblem } from '../../src/regulation/problem.js';
import { FIXTURES, GOLDEN, REGULATIONS, ROOT, load, stableJson } from './support.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const HASH_PLACEHOLDER = '<sha256 of the source file, checked separately>';

const sources = [REGULATIONS, join(FIXTURES, 'good', 'every-feature.good.yaml')];
const result = load(sources);

function goldenOf(reg: CompiledRegulation): string {
  const { sourcePath: _sourcePath, versionHash: _versionHash, ...rest } = reg;
  return stableJson({ ...rest, versionHash: HASH_PLACEHOLDER });
}

/** A short unified-style diff: the first differing region with context, and the size of the change. */
function lineDiff(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length - 1;
  let endB = b.length - 1;
  while (endA >= start && endB >= start && a[endA] === b[endB]) {
    endA--;
    endB--;
  }
  const context = 3;
  const out: string[] = [];
  for (let i = Math.max(0, start - context); i < start; i++) out.push(`  ${a[i]}`);
  const removed = a.slice(start, endA + 1);
  const added = b.slice(start, endB + 1);
  const limit = 40;
  out.push(...removed.slice(0, limit).map((l) => `- ${l}`));
  if (removed.length > limit) out.push(`- … ${removed.length - limit} more lines`);
  out.push(...added.slice(0, limit).map((l) => `+ ${l}`));
  if (added.length > limit) out.push(`+ … ${added.length - limit} more lines`);
  for (let i = endA + 1; i < Math.min(a.length, endA + 1 + context); i++) out.push(`  ${a[i]}`);
  return `@@ line ${start + 1}: ${removed.length} line(s) golden, ${added.length} line(s) now @@\n${out.join('\n')}`;
}

describe('golden compiled regulations', () => {
  test('the sources compile without errors', () => {
    expect(result.problems.filter((p) => p.severity === 'error').map((p) => formatProblem(p))).toEqual([]);
  });

  for (const reg of result.regulations) {
    const file = join(GOLDEN, `${reg.id}.json`);
    test(`${reg.id} (${reg.sourcePath})`, () => {
      expect(reg.versionHash).toBe(createHash('sha256').update(readFileSync(join(ROOT, reg.sourcePath), 'utf8')).digest('hex'));
      const actual = goldenOf(reg);
      if (UPDATE) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(file, actual);
        return;
      }
      if (!existsSync(file)) {
        throw new Error(`no golden file ${relative(ROOT, file)} for ${reg.sourcePath}; create it with UPDATE_GOLDEN=1`);
      }
      const expected = readFileSync(file, 'utf8');
      if (expected !== actual) {
        throw new Error(
          `the compiled form of ${reg.sourcePath} differs from ${relative(ROOT, file)}.\n` +
            `If the change is intended, regenerate with UPDATE_GOLDEN=1 and review the diff.\n\n${lineDiff(expected, actual)}`,
        );
      }
    });
  }

  test('no golden file is left without its regulation', () => {
    const ids = new Set(result.regulations.map((r) => `${r.id}.json`));
    const orphans = existsSync(GOLDEN) ? readdirSync(GOLDEN).filter((f) => f.endsWith('.json') && !ids.has(f)) : [];
    if (UPDATE) {
      for (const f of orphans) unlinkSync(join(GOLDEN, f));
      return;
    }
    expect(orphans).toEqual([]);
  });
});
