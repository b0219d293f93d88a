import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../paths.js';
import { loadCalendar } from '../time/calendarFile.js';
import type { SemanticContext } from './semanticChecks.js';

/**
 * The production calendars a regulation may name (`calendars/*.yaml`), each with the years that
 * have approved (decree-backed) data; provisional years are left out so validation warns of them.
 */
export function calendarCatalog(dir = join(projectRoot(), 'calendars')): SemanticContext['calendars'] {
  const out: SemanticContext['calendars'] = {};
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml')).sort()) {
    const id = f.replace(/\.yaml$/, '');
    const cal = loadCalendar({ id, dir });
    out[id] = { years: Object.values(cal.years).filter((y) => y.status === 'approved').map((y) => y.year).sort((a, b) => a - b) };
  }
  return out;
}
