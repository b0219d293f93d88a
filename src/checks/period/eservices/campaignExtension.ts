import type { CommonQueryMethods } from 'slonik';
import { endOfLocalDay } from '../../../plan/localDay.js';
import { monthDayIn } from '../../../plan/resolveDue.js';
import type { CompiledRule } from '../../../regulation/model.js';
import { yearOf } from '../../../time/isoDate.js';
import type { SubjectOutcome } from '../periodCheck.js';
import { PERIOD_CHECKS } from '../periodChecks.js';

/** What of an occurrence step the extension filter reads. */
export interface ExtensionStep {
  /** The occurrence kind the planner gave (`campaign_extension` for an extension's end). */
  kind?: string;
  regulation: { id: string; region: string; timezone: string };
  rule: CompiledRule;
  period: { id: string; start: string; end: string };
  tier: number;
  asOf: string;
}

/**
 * The last local day of the main campaign whose extension `period` is: the campaign's `closes`
 * as the planner resolves it — a full date as is, an `MM-DD` the first such day on or after the
 * opening (`period.start`).
 */
export function mainCampaignCloses(closes: string, opens: string): string {
  if (/^\d{4}-/.test(closes)) return closes;
  const d = monthDayIn(yearOf(opens), closes);
  return d >= opens ? d : monthDayIn(yearOf(opens) + 1, closes);
}

/**
 * Narrows an extension occurrence's outcomes to the subjects for which the campaign is extended:
 * the extension's `while` check (e.g. `eservice_free_places`), evaluated as of the main campaign's
 * end (24:00 of its closing day in the regulation's zone, or the step's `asOf` if earlier), holds
 * for them. Outcomes of any other occurrence pass unchanged, and so do all of them when the
 * condition has no SQL check (nobody can be told apart then).
 */
export async function keepExtendedSubjects(db: CommonQueryMethods, step: ExtensionStep, outcomes: readonly SubjectOutcome[]): Promise<readonly SubjectOutcome[]> {
  const trigger = step.rule.trigger;
  if (step.kind !== 'campaign_extension' || trigger.kind !== 'campaign' || !trigger.extension) return outcomes;
  const condition = PERIOD_CHECKS[trigger.extension.while.name];
  const deadline = step.rule.deadlines[step.tier];
  if (!condition || !deadline) return outcomes;
  const closes = mainCampaignCloses(trigger.closes, step.period.start);
  const end = endOfLocalDay(closes, step.regulation.timezone);
  const at = Date.parse(step.asOf) < Date.parse(end) ? step.asOf : end;
  const held = await condition.evaluate(db, {
    ruleKey: { regulationId: step.regulation.id, ruleId: step.rule.id }, region: step.regulation.region, params: trigger.extension.while.params,
    organisationTypes: step.rule.scope.organisationTypes, municipalities: step.rule.scope.municipalities, subjectScope: deadline.role.scope,
    period: { id: step.period.id.replace(/-extension$/, ''), start: step.period.start, end: closes }, dueAt: end, asOf: at, timezone: step.regulation.timezone,
  });
  const extended = new Set(held.filter((o) => o.completed_at !== null && Date.parse(o.completed_at) <= Date.parse(end)).map((o) => o.subject_id));
  return outcomes.filter((o) => extended.has(o.subject_id));
}
