import { describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths.js';
import { idleRules } from '../../src/plan/idleRules.js';
import { planRegulation } from '../../src/plan/planRegulation.js';
import { calendarCatalog } from '../../src/regulation/calendarCatalog.js';
import { loadRegulations } from '../../src/regulation/loadRegulations.js';
import type { CompiledRegulation } from '../../src/regulation/model.js';
import type { CalendarData } from '../../src/time/calendarData.js';
import { loadCalendar } from '../../src/time/calendarFile.js';

// The regulations are being encoded while this runs elsewhere: files with errors are the
// validator's business, so only the ones that compile are planned here.
const loaded = loadRegulations([join(projectRoot(), 'regulations')], { calendars: calendarCatalog() });
const calendars = new Map<string, CalendarData>();
const calendarOf = (r: CompiledRegulation) => calendars.get(r.calendar) ?? calendars.set(r.calendar, loadCalendar({ id: r.calendar })).get(r.calendar)!;
const YEAR = { from: '2024-09-01', to: '2025-08-31' };

describe('plan over the academic year 2024/2025 covers every rule in regulations/', () => {
  test('there are regulations to plan', () => {
    expect(loaded.regulations.length).toBeGreaterThan(0);
  });

  test.each(loaded.regulations.map((r) => [r.id, r] as const))('%s: every rule appears, dated or as an event rule', (_id, regulation) => {
    const occurrences = planRegulation(regulation, calendarOf(regulation), YEAR);
    const idle = idleRules([regulation], occurrences, YEAR);
    // Only rules not in force this year, or one-off rules of another year, may be missing…
    expect(idle.filter((r) => r.reason === 'no_dates')).toEqual([]);
    // …and a one-off rule of another year appears in its own year.
    for (const r of idle.filter((x) => x.reason === 'one_off_elsewhere')) {
      const rule = regulation.rules.find((x) => x.id === r.ruleId)!;
      const year = rule.trigger.kind === 'once' || rule.trigger.kind === 'campaign' ? Number(rule.trigger.year) : NaN;
      const own = planRegulation({ ...regulation, rules: [rule] }, calendarOf(regulation), { from: `${year - 1}-01-01`, to: `${year + 1}-12-31` });
      expect([r.ruleId, own.length > 0]).toEqual([r.ruleId, true]);
    }
    const planned = new Set(occurrences.map((o) => o.ruleId));
    const notInForce = new Set(idle.filter((r) => r.reason !== 'no_dates').map((r) => r.ruleId));
    expect(regulation.rules.filter((r) => !planned.has(r.id) && !notInForce.has(r.id)).map((r) => r.id)).toEqual([]);
  });

  test.each(loaded.regulations.map((r) => [r.id, r] as const))('%s: occurrences are consistent', (_id, regulation) => {
    for (const o of planRegulation(regulation, calendarOf(regulation), YEAR)) {
      const where = `${o.id} (${o.kind})`;
      expect([where, o.id.startsWith(`${regulation.id}/${o.ruleId}/`) && o.id.endsWith(`/${o.period.id}`)]).toEqual([where, true]);
      if (o.kind === 'event') {
        expect([where, o.event?.text.length ?? 0]).not.toEqual([where, 0]);
        continue;
      }
      if (o.kind === 'campaign_opening') {
        expect([where, typeof o.windowOpens]).toEqual([where, 'string']);
        continue;
      }
      expect([where, o.deadlines.length > 0]).toEqual([where, true]);
      const touches = o.deadlines.some((d) => d.lastDay >= YEAR.from && d.lastDay <= YEAR.to) || (o.windowOpens !== undefined && o.windowOpens.slice(0, 10) >= YEAR.from && o.windowOpens.slice(0, 10) <= YEAR.to);
      expect([where, touches]).toEqual([where, true]);
      for (const d of o.deadlines) {
        expect([where, Number.isNaN(Date.parse(d.due))]).toEqual([where, false]);
        expect([where, d.explain.at(-1)!.kind === 'due' || d.explain.some((s) => s.kind === 'due')]).toEqual([where, true]);
        for (const r of o.reminders.filter((x) => x.tier === d.tier)) expect([where, Date.parse(r.at) <= Date.parse(d.due)]).toEqual([where, true]);
        for (const e of o.escalations.filter((x) => x.tier === d.tier)) expect([where, Date.parse(e.at) >= Date.parse(d.due)]).toEqual([where, true]);
      }
    }
  });
});
