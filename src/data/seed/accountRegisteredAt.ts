import { int, outcomeOf, type Fate, type Rng } from './prng.js';
import { officeMinutes, type SeedContext } from './seedContext.js';

/**
 * When a person's user account was registered (login and temporary password issued), counted from
 * the day of the event that calls for it (`eventDay`: the hire, or the personal-data consent) by
 * `fate`: within 10 days, 11–60 days after, or never (null; also null when there was no event).
 * Never earlier than `notBefore`, the moment the person's record was entered: an account cannot
 * precede its person. Draws from `rnd` only when there is an event.
 */
export function accountRegisteredAt(ctx: SeedContext, rnd: Rng, fate: Fate, eventDay: number | null, notBefore: string): string | null {
  if (eventDay === null) return null;
  const outcome = outcomeOf(rnd, fate);
  if (outcome === 'never') return null;
  const at = ctx.clock.at(eventDay + (outcome === 'onTime' ? int(rnd, 0, 9) : int(rnd, 11, 60)), officeMinutes(rnd));
  return at < notBefore ? notBefore : at;
}
