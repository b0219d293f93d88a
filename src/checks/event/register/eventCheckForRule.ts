import type { CompiledRule } from '../../../regulation/model.js';
import type { EventCheck } from '../eventCheck.js';
import { EVENT_CHECKS } from '../eventChecks.js';
import { manualEventCheck } from './manualEventCheck.js';

const EVENT_RELATIVE = new Set(['after_event', 'before_event', 'after_rule']);

/**
 * The event check a rule is swept with, or undefined when none exists yet: for a `manual` rule the
 * generic check of its trigger (register events, or the predecessor's fulfilments for `after_rule`),
 * built for that rule; for any other check the registered one of its name (`EVENT_CHECKS`), whose
 * own event source yields the right events for the rule's trigger. Period rules have none.
 */
export function eventCheckForRule(rule: CompiledRule): EventCheck | undefined {
  if (!EVENT_RELATIVE.has(rule.trigger.kind)) return undefined;
  if (rule.check.name === 'manual') return manualEventCheck(rule);
  return EVENT_CHECKS[rule.check.name];
}
