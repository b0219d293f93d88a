import type { CompiledRegulation } from '../regulation/model.js';
import { formatRu } from '../time/isoDate.js';
import type { Occurrence } from './occurrence.js';
import { ruleInForce, type PlanRange } from './planRegulation.js';

/** A rule with no occurrence in a plan, and why. */
export interface IdleRule {
  regulationId: string;
  ruleId: string;
  title: string;
  /**
   * `not_in_force`: the rule or its regulation is not in force in the range; `one_off_elsewhere`: a
   * one-off rule or campaign of a year whose dates fall outside the range; `no_dates`: in force, yet
   * nothing is due or opens in the range (worth a look).
   */
  reason: 'not_in_force' | 'one_off_elsewhere' | 'no_dates';
  /** Russian explanation for operators. */
  text: string;
}

/**
 * The rules of `regulations` that have no occurrence in `occurrences` (a plan over `range`), so that
 * a plan says what it leaves out instead of silently dropping rules. Never throws.
 */
export function idleRules(regulations: CompiledRegulation[], occurrences: Occurrence[], range: PlanRange): IdleRule[] {
  const seen = new Set(occurrences.map((o) => `${o.regulationId}/${o.ruleId}`));
  const out: IdleRule[] = [];
  for (const regulation of regulations) {
    for (const rule of regulation.rules) {
      if (seen.has(`${regulation.id}/${rule.id}`)) continue;
      const force = ruleInForce(regulation, rule);
      const inForce = force.from <= range.to && (force.to === undefined || force.to >= range.from);
      const when = `действует с ${formatRu(force.from)}${force.to ? ` по ${formatRu(force.to)}` : ''}`;
      const t = rule.trigger;
      const oneOffYear = t.kind === 'once' ? t.year : t.kind === 'campaign' && typeof t.year === 'number' ? t.year : undefined;
      const base = { regulationId: regulation.id, ruleId: rule.id, title: rule.title };
      if (!inForce) out.push({ ...base, reason: 'not_in_force', text: `не действует в этом периоде (${when})` });
      else if (oneOffYear !== undefined) out.push({ ...base, reason: 'one_off_elsewhere', text: `разовое правило ${oneOffYear} года: его сроки вне этого периода` });
      else out.push({ ...base, reason: 'no_dates', text: `в этом периоде сроков нет (${when})` });
    }
  }
  return out;
}
