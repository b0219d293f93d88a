import { int, outcomeOf, shuffled, type Fate, type Rng } from './prng.js';
import { officeMinutes, type SeedContext } from './seedContext.js';

/**
 * When each requirement on a record was first met, as the JSON of a `requirements_met_at` column
 * (key → ISO instant), played out by `fate` for a record created on `createdDay`: on time, every
 * requirement is met between the creation and `dueDay` (or on the creation day, if that is already
 * past it); late, 1–25 days after `dueDay`; never, one or two requirements stay unmet (absent) and
 * the rest are met on time. Stamps are never before `createdAt`.
 */
export function requirementsMetAt(ctx: SeedContext, rnd: Rng, fate: Fate, keys: readonly string[], createdDay: number, createdAt: string, dueDay: number): string {
  const outcome = outcomeOf(rnd, fate);
  const unmet = new Set(outcome === 'never' ? shuffled(rnd, keys).slice(0, int(rnd, 1, Math.min(2, keys.length))) : []);
  const out: Record<string, string> = {};
  for (const key of keys) {
    if (unmet.has(key)) continue;
    const day = outcome === 'late' ? Math.max(createdDay, dueDay) + int(rnd, 1, 25) : int(rnd, createdDay, Math.max(createdDay, dueDay));
    const at = ctx.clock.at(day, officeMinutes(rnd));
    out[key] = at < createdAt ? createdAt : at;
  }
  return JSON.stringify(out);
}
