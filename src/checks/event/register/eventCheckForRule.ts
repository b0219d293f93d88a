import type { CompiledRule } from '../../../regulation/model.js';
import type { EventCheck } from '../eventCheck.js';
import { EVENT_CHECKS } from '../eventChecks.js';
import { manualEventCheck } from './manualEventCheck.js';

const EVENT_RELATIVE = new Set(['after_event', 'before_event', 'after_rule']);

/**
 * The event check a rule is swept with; undefined for period rules. For a check registered under
 * its name (`EVENT_CHECKS`), that check, whose own event source yields the right events for the
 * rule's trigger. Otherwise — a `manual` rule, or a check with no event SQL — the generic check of
 * its trigger (register events, or the predecessor's fulfilments for `after_rule`) built for that
 * rule, judged by manual confirmation, as period rules without SQL are (`isManualFallback`).
 */
export function eventCheckForRule(rule: CompiledRule): EventCheck | undefined {
  if (!EVENT_RELATIVE.has(rule.trigger.kind)) return undefined;
  return (rule.check.name === 'manual' ? undefined : EVENT_CHECKS[rule.check.name]) ?? manualEventCheck(rule);
}

/** True when a rule names a data check that has no event SQL, so it is judged by manual confirmation instead. */
export function isManualFallback(rule: CompiledRule): boolean {
  return EVENT_RELATIVE.has(rule.trigger.kind) && rule.check.name !== 'manual' && !EVENT_CHECKS[rule.check.name];
}
