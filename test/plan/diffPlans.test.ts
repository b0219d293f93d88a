import { describe, expect, test } from '@jest/globals';
import { diffPlans } from '../../src/plan/diffPlans.js';
import { planRegulation } from '../../src/plan/planRegulation.js';
import { calendarCatalog } from '../../src/regulation/calendarCatalog.js';
import { loadRegulations } from '../../src/regulation/loadRegulations.js';
import { loadCalendar } from '../../src/time/calendarFile.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths.js';

// What `apply --dry-run` prints: the plan of the current file against an edited copy.
describe('diffPlans', () => {
  const original = readFileSync(join(projectRoot(), 'regulations', 'yanao-2018-216.yaml'), 'utf8');
  const plan = (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'reglament-diff-'));
    writeFileSync(join(dir, 'r.yaml'), text);
    const loaded = loadRegulations([dir], { calendars: calendarCatalog() });
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
    return planRegulation(loaded.regulations[0]!, loadCalendar(), { from: '2024-09-01', to: '2025-08-31' });
  };

  test('an unchanged file changes nothing', () => {
    expect(diffPlans(plan(original), plan(original))).toEqual({ added: [], removed: [], moved: [] });
  });

  test('moving the МО day of the cyclogram from the 10th to the 12th moves every quarterly occurrence', () => {
    const edited = original.replace(/(- id: cyc-journals[\s\S]*?day_of_next_period:) 10/, '$1 12');
    expect(edited).not.toBe(original);
    const diff = diffPlans(plan(original), plan(edited));
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.moved.length).toBeGreaterThan(0);
    expect(diff.moved.every((m) => m.id.startsWith('yanao-2018-216/cyc-journals/'))).toBe(true);
    // Only the МО tier moved (12th, or the next working day); the РО tier keeps its 15th.
    for (const m of diff.moved) {
      expect(m.to[0]! > m.from[0]!).toBe(true);
      expect(m.to[1]).toBe(m.from[1]);
    }
  });

  test('removing a rule removes its occurrences', () => {
    const without = original.replace(/\n  - id: cyc-journals\n[\s\S]*?(?=\n  - id: )/, '');
    const diff = diffPlans(plan(original), plan(without));
    expect(diff.removed.map((r) => r.id).every((id) => id.startsWith('yanao-2018-216/cyc-journals/'))).toBe(true);
    expect(diff.removed.length).toBeGreaterThan(0);
  });
});
