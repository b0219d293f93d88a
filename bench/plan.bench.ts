import { join } from 'node:path';
import { projectRoot } from '../src/paths.js';
import { expandForOrganisations, indexOrganisations, type PlanOrganisation } from '../src/plan/expandForOrganisations.js';
import type { Occurrence } from '../src/plan/occurrence.js';
import { planRegulation } from '../src/plan/planRegulation.js';
import { calendarCatalog } from '../src/regulation/calendarCatalog.js';
import { loadRegulations } from '../src/regulation/loadRegulations.js';
import type { CompiledRegulation } from '../src/regulation/model.js';
import type { CalendarData } from '../src/time/calendarData.js';
import { loadCalendar } from '../src/time/calendarFile.js';
import { liveHeapMb, measure, peakRssMb, round, type Benchmark } from './benchmark.js';

const RANGE = { from: '2024-09-01', to: '2025-08-31' };
const RUNS = 7;

/** Altai krai's registry: 984 schools, 923 kindergartens, 277 supplementary, 57 colleges. */
const ALTAI_MIX: Record<string, number> = { ООО: 984, ДОО: 923, ОДО: 277, ПОО: 57 };
const MUNICIPALITIES = 69;
const ORGANISATIONS = 2500;

/**
 * A synthetic region of 2,500 organisations: one МОУО per municipality (69) and one РО, the rest
 * split between schools, kindergartens, supplementary-education organisations and colleges in
 * Altai krai's proportions (largest remainder), spread over the municipalities round-robin.
 */
export function syntheticRegion(): { organisations: PlanOrganisation[]; mix: Record<string, number> } {
  const rest = ORGANISATIONS - MUNICIPALITIES - 1;
  const total = Object.values(ALTAI_MIX).reduce((a, b) => a + b, 0);
  const shares = Object.entries(ALTAI_MIX).map(([type, n]) => ({ type, exact: (rest * n) / total }));
  const mix: Record<string, number> = Object.fromEntries(shares.map((s) => [s.type, Math.floor(s.exact)]));
  let left = rest - Object.values(mix).reduce((a, b) => a + b, 0);
  for (const s of [...shares].sort((a, b) => (b.exact % 1) - (a.exact % 1))) if (left-- > 0) mix[s.type]!++;
  mix['МОУО'] = MUNICIPALITIES;
  mix['РО'] = 1;
  const organisations: PlanOrganisation[] = [];
  for (const [type, n] of Object.entries(mix)) {
    for (let i = 0; i < n; i++) {
      organisations.push({ id: `org-${String(organisations.length + 1).padStart(5, '0')}`, type, municipality: `mun-${String((type === 'МОУО' ? i : organisations.length) % MUNICIPALITIES + 1).padStart(2, '0')}` });
    }
  }
  return { organisations, mix };
}

function loadAll(): { regulations: CompiledRegulation[]; calendars: Map<string, CalendarData>; rules: number } {
  const loaded = loadRegulations([join(projectRoot(), 'regulations')], { calendars: calendarCatalog() });
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  if (errors.length) process.stderr.write(`plan bench: ${errors.length} error(s) in regulations/, those files are left out\n`);
  const calendars = new Map<string, CalendarData>();
  for (const r of loaded.regulations) if (!calendars.has(r.calendar)) calendars.set(r.calendar, loadCalendar({ id: r.calendar }));
  return { regulations: loaded.regulations, calendars, rules: loaded.regulations.reduce((n, r) => n + r.rules.length, 0) };
}

function planAll(regulations: CompiledRegulation[], calendars: Map<string, CalendarData>): Occurrence[] {
  return regulations.flatMap((r) => planRegulation(r, calendars.get(r.calendar)!, RANGE));
}

/** Planning benchmarks: the regulations alone, and expanded per organisation of a synthetic region. */
export const benchmarks: Benchmark[] = [
  {
    name: 'plan-regulations-year',
    description: 'every rule of every file in regulations/ planned over the academic year 2024/2025 (rule × period)',
    async run() {
      const loadStart = process.hrtime.bigint();
      const { regulations, calendars, rules } = loadAll();
      const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;
      const t = await measure(RUNS, () => planAll(regulations, calendars));
      const occurrences = t.last.length;
      return {
        range: `${RANGE.from}..${RANGE.to}`,
        regulations: regulations.length,
        rules,
        occurrences,
        deadlines: t.last.reduce((n, o) => n + o.deadlines.length, 0),
        loadMs: round(loadMs),
        repetitions: RUNS,
        wallMsMin: round(t.min),
        wallMsMedian: round(t.median),
        occurrencesPerSecond: Math.round(occurrences / (t.median / 1000)),
        peakRssMb: peakRssMb(),
        liveHeapMb: liveHeapMb(),
      };
    },
  },
  {
    name: 'plan-region-2500',
    description: 'the same plan expanded per organisation in scope for a synthetic region of 2,500 organisations (rule × period × organisation)',
    async run() {
      const { regulations, calendars } = loadAll();
      const { organisations, mix } = syntheticRegion();
      // The synthetic registry stands in for the region of each regulation.
      const indexes = new Map([...new Set(regulations.map((r) => r.region))].map((region) => [region, indexOrganisations(region, organisations)]));
      let ruleOccurrences = 0;
      let eventRules = 0;
      const t = await measure(RUNS, () => {
        const planned = planAll(regulations, calendars);
        ruleOccurrences = planned.length;
        eventRules = planned.filter((o) => o.kind === 'event').length;
        return [...indexes.values()].flatMap((index) => expandForOrganisations(planned, index));
      });
      const occurrences = t.last.length;
      return {
        range: `${RANGE.from}..${RANGE.to}`,
        organisations: organisations.length,
        mix,
        ruleOccurrences,
        eventRules,
        occurrences,
        repetitions: RUNS,
        wallMsMin: round(t.min),
        wallMsMedian: round(t.median),
        occurrencesPerSecond: Math.round(occurrences / (t.median / 1000)),
        peakRssMb: peakRssMb(),
        liveHeapMb: liveHeapMb(),
      };
    },
  },
];
