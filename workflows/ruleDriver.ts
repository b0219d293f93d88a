import { continueAsNew, proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities, RegulationHeader } from '../activities/index.js';
import { occurrenceMoments } from '../src/plan/occurrenceMoments.js';
import { planRegulation } from '../src/plan/planRegulation.js';
import type { CompiledRule } from '../src/regulation/model.js';
import type { CalendarData } from '../src/time/calendarData.js';

/** Input of the driver of one period rule. The plan and the calendar are input: replays are deterministic. */
export interface RuleDriverInput {
  regulation: RegulationHeader;
  rule: CompiledRule;
  calendar: CalendarData;
  /** Added to the workflow clock (simulations of past years on the time-skipping server). */
  clockOffsetMs: number;
  /** The first moment of the last occurrence started; later occurrences are still to come. */
  startedThrough?: string;
  /** Stop after starting this many occurrences (simulations); unbounded when absent. */
  maxOccurrences?: number;
  /** Start no occurrence whose first moment is after this instant, and return (simulations); unbounded when absent. */
  until?: string;
  startedCount?: number;
  /** Ids started by earlier runs, carried only by bounded runs (`until`), whose result lists them all. */
  startedIds?: string[];
}

const DAY = 24 * 3600_000;
/** How far ahead the driver plans; a year and a bit covers every annual rule. */
const HORIZON_DAYS = 400;
/** Occurrences started per run before continuing as new, so the history stays small. */
const PER_RUN = 20;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The driver of one period rule: plans the rule ahead from the compiled plan, sleeps until the first
 * moment of the next occurrence (its window, first reminder or deadline), starts that occurrence (an
 * activity starts workflow `<regulation>/<rule>/<period>`, independent of the driver), and continues as new
 * every few occurrences. On its first run it skips occurrences whose last moment is already past,
 * so applying a regulation does not replay history. Returns the ids of the occurrences started (by
 * this run; by every run when `until` bounds it), only when `maxOccurrences` or `until` is reached
 * or the rule has nothing left in force.
 */
export async function ruleDriverWorkflow(input: RuleDriverInput): Promise<string[]> {
  const { startOccurrence } = proxyActivities<Activities>({
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
  });
  let startedThrough = input.startedThrough;
  let started = input.startedCount ?? 0;
  // A bounded run (a simulation) reports every occurrence it started, across continue-as-new.
  const startedIds: string[] = input.until ? [...(input.startedIds ?? [])] : [];
  // Planned once per run: planning a year of a daily rule is the costliest thing a driver does, and
  // a replay repeats whatever the run did.
  const planFrom = Date.now() + input.clockOffsetMs;
  const planned = planRegulation({ ...input.regulation, rules: [input.rule] }, input.calendar, { from: isoDay(planFrom - 60 * DAY), to: isoDay(planFrom + HORIZON_DAYS * DAY) })
    .map((o) => ({ o, moments: occurrenceMoments(o) }))
    .filter(({ moments }) => moments.length > 0)
    .sort((a, b) => Date.parse(a.moments[0]!.at) - Date.parse(b.moments[0]!.at));
  for (let i = 0; i < PER_RUN; i++) {
    const now = Date.now() + input.clockOffsetMs;
    const next = planned.find(({ moments }) => (startedThrough ? Date.parse(moments[0]!.at) > Date.parse(startedThrough) : Date.parse(moments[moments.length - 1]!.at) > now));
    if (input.until && (next ? Date.parse(next.moments[0]!.at) : now + 30 * DAY) > Date.parse(input.until)) return startedIds;
    if (!next) {
      if (input.rule.active?.to && isoDay(now) > input.rule.active.to) return startedIds;
      if (input.regulation.effective.to && isoDay(now) > input.regulation.effective.to) return startedIds;
      // Nothing within the horizon: look again in a month, with a fresh plan.
      await sleep(30 * DAY);
      break;
    }
    const wait = Date.parse(next.moments[0]!.at) - now;
    if (wait > 0) await sleep(wait);
    await startOccurrence({
      workflowId: next.o.id,
      occurrence: {
        regulation: input.regulation, rule: input.rule,
        period: { id: next.o.period.id, start: next.o.period.start, end: next.o.period.end, label: next.o.period.label },
        windowOpensAt: next.o.windowOpens, moments: next.moments, clockOffsetMs: input.clockOffsetMs, until: input.until, kind: next.o.kind,
      },
    });
    startedThrough = next.moments[0]!.at;
    started++;
    startedIds.push(next.o.id);
    if (input.maxOccurrences !== undefined && started >= input.maxOccurrences) return startedIds;
  }
  return continueAsNew<typeof ruleDriverWorkflow>({ ...input, startedThrough, startedCount: started, ...(input.until ? { startedIds } : {}) });
}
