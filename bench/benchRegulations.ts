import { join } from 'node:path';
import { projectRoot } from '../src/paths.js';
import { REGIONS } from '../src/regions.js';
import { calendarCatalog } from '../src/regulation/calendarCatalog.js';
import { loadRegulations } from '../src/regulation/loadRegulations.js';
import type { CompiledRegulation } from '../src/regulation/model.js';
import type { CalendarData } from '../src/time/calendarData.js';
import { loadCalendar } from '../src/time/calendarFile.js';

/** Regulations retargeted at the benchmark's generated region, with their production calendars by id. */
export interface BenchRegulations {
  regulations: CompiledRegulation[];
  calendars: Record<string, CalendarData>;
}

/**
 * Loads every file of `regulations/` (files with errors are left out, as the plan benchmark does)
 * and points each at `region`: the generated region stands in for the region of every regulation,
 * so that every rule has data to judge. The time zone follows the region, since the data's local
 * dates are that region's.
 */
export function benchRegulations(region: string): BenchRegulations {
  const loaded = loadRegulations([join(projectRoot(), 'regulations')], { calendars: calendarCatalog() });
  const zone = REGIONS[region]?.timezone;
  if (!zone) throw new Error(`unknown region ${region}`);
  const calendars: Record<string, CalendarData> = {};
  for (const r of loaded.regulations) calendars[r.calendar] ??= loadCalendar({ id: r.calendar });
  return { regulations: loaded.regulations.map((r) => ({ ...r, region, timezone: zone })), calendars };
}
