/**
 * Table-driven fixture tests: every `*.bad.yaml` under test/fixtures/regulations has rows in
 * `expected.json` giving the exact problems it must produce (code, 1-based line and column where
 * an editor puts the cursor, severity, a fragment of the Russian message and hint), and produces
 * nothing else. Rows with a `bug` note describe the correct behaviour of a known defect; they run
 * as `test.failing`, so fixing the defect turns them red until the note is removed.
 */
import { describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CHECKS } from '../../src/checks/catalog.js';
import { formatProblem, type Problem } from '../../src/regulation/problem.js';
import { FIXTURES, ROOT, filesUnder, load } from './support.js';

interface Row {
  file: string;
  /** Files loaded together with `file`, before it (a duplicate document id needs two files). */
  with?: string[];
  code: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: string;
  hint?: string;
  bug?: string;
}

const rows = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Row[];
const byFile = new Map<string, Row[]>();
for (const r of rows) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);

const badFiles = filesUnder(FIXTURES, '.bad.yaml').map((f) => relative(FIXTURES, f));
const hasMetricCheck = Object.values(CHECKS).some((c) => c.metric);

const where = (p: Pick<Problem, 'code' | 'line' | 'column' | 'severity'>) => `${p.line}:${p.column} ${p.code} ${p.severity}`;

describe('the fixture table', () => {
  test('has rows for every bad fixture and names only existing files', () => {
    expect(badFiles.length).toBeGreaterThanOrEqual(45);
    expect(badFiles.filter((f) => !byFile.has(f))).toEqual([]);
    expect([...byFile.keys()].filter((f) => !existsSync(join(FIXTURES, f)))).toEqual([]);
    expect(rows.flatMap((r) => r.with ?? []).filter((f) => !existsSync(join(FIXTURES, f)))).toEqual([]);
  });

  test('covers every code the loader emits', () => {
    // Codes are read from the sources so that a new code cannot be added without a fixture.
    const semantic = readFileSync(join(ROOT, 'src/regulation/semanticChecks.ts'), 'utf8');
    const schema = readFileSync(join(ROOT, 'src/regulation/schemaValidator.ts'), 'utf8');
    const codes = new Set<string>(['YAML_SYNTAX']);
    for (const m of semantic.matchAll(/'([A-Z][A-Z_]+[A-Z])'/g)) codes.add(m[1]!);
    const map = /const CODES[^{]*\{([^}]*)\}/.exec(schema)?.[1] ?? '';
    for (const m of map.matchAll(/:\s*'([A-Z][A-Z_]+[A-Z])'/g)) codes.add(m[1]!);
    // Only metric checks take levels; without one in the catalog these two cannot be reached.
    if (!hasMetricCheck) {
      codes.delete('LEVELS_ORDER');
      codes.delete('LEVELS_GAP');
    }
    const covered = new Set(rows.filter((r) => !r.bug).map((r) => r.code));
    expect([...codes].filter((c) => !covered.has(c)).sort()).toEqual([]);
    const doc = readFileSync(join(ROOT, 'docs/regulation-format.md'), 'utf8');
    // INTERNAL (an exception in the checks) has no fixture: every fixture that reached it is a bug.
    expect({ undocumented: [...codes, 'INTERNAL'].filter((c) => !doc.includes(`| \`${c}\` |`)).sort() }).toEqual({ undocumented: [] });
  });
});

describe('bad fixtures', () => {
  for (const file of badFiles) {
    const expected = byFile.get(file) ?? [];
    const bugs = expected.filter((r) => r.bug).map((r) => r.bug);
    const run = bugs.length ? test.failing : test;
    run(`${file}${bugs.length ? ` (known bug: ${bugs.join('; ')})` : ''}`, () => {
      const extra = expected.flatMap((r) => r.with ?? []).map((f) => join(FIXTURES, f));
      const result = load([...new Set(extra), join(FIXTURES, file)], { cwd: FIXTURES });
      const mine = result.problems.filter((p) => p.file === file);
      // The whole list in the failure message shows at once what moved where.
      const shown = mine.map((p) => formatProblem(p)).join('\n');
      expect({ file, problems: mine.map(where).sort() }).toEqual({ file, problems: expected.map(where).sort() });
      for (const row of expected) {
        const p = mine.find((q) => where(q) === where(row))!;
        expect({ shown, message: p.message.includes(row.message) }).toEqual({ shown, message: true });
        if (row.hint !== undefined) expect({ shown, hint: p.hint ?? '' }).toEqual({ shown, hint: expect.stringContaining(row.hint) });
        expect(p.line).toBeGreaterThanOrEqual(1);
        expect(p.column).toBeGreaterThanOrEqual(1);
      }
      const compiled = result.regulations.filter((r) => r.sourcePath === file);
      expect(compiled).toHaveLength(expected.some((r) => r.severity === 'error') ? 0 : 1);
    });
  }
});

describe('good fixtures', () => {
  const good = filesUnder(FIXTURES, '.good.yaml');

  test('validate without a single problem and compile', () => {
    expect(good.length).toBeGreaterThanOrEqual(2);
    const result = load(good, { cwd: FIXTURES });
    expect(result.problems.map((p) => formatProblem(p))).toEqual([]);
    expect(result.regulations.map((r) => r.sourcePath)).toEqual(good.map((f) => relative(FIXTURES, f)));
  });

  test('every-feature uses every trigger kind and every due kind', () => {
    const result = load([join(FIXTURES, 'good', 'every-feature.good.yaml')]);
    const rules = result.regulations[0]!.rules;
    expect(new Set(rules.map((r) => r.trigger.kind))).toEqual(new Set(['annual', 'once', 'recurring', 'after_event', 'before_event', 'after_rule', 'campaign']));
    const dues = rules.flatMap((r) => [...r.deadlines.map((d) => d.due), ...(r.window ? [r.window] : [])]);
    expect(new Set(dues.map((d) => d.kind))).toEqual(new Set(['date', 'term', 'same_day', 'day_of_next_period', 'day_of_period', 'last_working_day', 'last_day', 'period_end']));
    expect(dues.some((d) => d.until === 'exclusive')).toBe(true);
    expect(dues.some((d) => !d.moveToWorkingDay)).toBe(true);
    expect(rules.some((r) => r.check.levels?.length)).toBe(true);
    const periods = rules.flatMap((r) => (r.trigger.kind === 'recurring' ? [r.trigger.period] : []));
    expect(new Set(periods)).toEqual(new Set(['day', 'iso_week', 'month', 'quarter', 'academic_quarter', 'semester', 'academic_year', 'year']));
  });
});
