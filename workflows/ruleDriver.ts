import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, continueAsNew, sleep, startChild } from '@temporalio/workflow';
import type { RegulationHeader } from '../activities/index.js';
import { occurrenceMoments } from '../src/plan/occurrenceMoments.js';
import { planRegulation } from '../src/plan/planRegulation.js';
import type { CompiledRule } from '../src/regulation/model.js';
import type { CalendarData } from '../src/time/calendarData.js';
import { occurrenceWorkflow } from './occurrence.js';

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
  startedCount?: number;
}

const DAY = 24 * 3600_000;
/** How far ahead the driver plans; a year and a bit covers every annual rule. */
const HORIZON_DAYS = 400;
/** Occurrences started per run before continuing as new, so the history stays small. */
const PER_RUN = 20;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The driver of one period rule: plans the rule ahead from the compiled plan, sleeps until the first
 * moment of the next occurrence (its window, first reminder or deadline), starts that occurrence as
 * a child workflow `<regulation>/<rule>/<period>` that outlives the driver, and continues as new
 * every few occurrences. On its first run it skips occurrences whose last moment is already past,
 * so applying a regulation does not replay history. Returns the ids of the occurrences this run
 * started, only when `maxOccurrences` is reached or the rule has nothing left in force.
 */
export async function ruleDriverWorkflow(input: RuleDriverInput): Promise<string[]> {
  let startedThrough = input.startedThrough;
  let started = input.startedCount ?? 0;
  const startedIds: string[] = [];
  for (let i = 0; i < PER_RUN; i++) {
    const now = Date.now() + input.clockOffsetMs;
    const occurrences = planRegulation({ ...input.regulation, rules: [input.rule] }, input.calendar, { from: isoDay(now - 60 * DAY), to: isoDay(now + HORIZON_DAYS * DAY) });
    const next = occurrences
      .map((o) => ({ o, moments: occurrenceMoments(o) }))
      .filter(({ moments }) => moments.length > 0)
      .filter(({ moments }) => (startedThrough ? Date.parse(moments[0]!.at) > Date.parse(startedThrough) : Date.parse(moments[moments.length - 1]!.at) > now))
      .sort((a, b) => Date.parse(a.moments[0]!.at) - Date.parse(b.moments[0]!.at))[0];
    if (!next) {
      if (input.rule.active?.to && isoDay(now) > input.rule.active.to) return startedIds;
      if (input.regulation.effective.to && isoDay(now) > input.regulation.effective.to) return startedIds;
      await sleep(30 * DAY);
      continue;
    }
    const wait = Date.parse(next.moments[0]!.at) - now;
    if (wait > 0) await sleep(wait);
    try {
      await startChild(occurrenceWorkflow, {
        workflowId: next.o.id,
        parentClosePolicy: ParentClosePolicy.ABANDON,
        args: [{
          regulation: input.regulation, rule: input.rule,
          period: { id: next.o.period.id, start: next.o.period.start, end: next.o.period.end, label: next.o.period.label },
          windowOpensAt: next.o.windowOpens, moments: next.moments, clockOffsetMs: input.clockOffsetMs,
        }],
      });
    } catch (err) {
      // Started by an earlier run of this driver (or an earlier apply): it is already under way.
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    startedThrough = next.moments[0]!.at;
    started++;
    startedIds.push(next.o.id);
    if (input.maxOccurrences !== undefined && started >= input.maxOccurrences) return startedIds;
  }
  return continueAsNew<typeof ruleDriverWorkflow>({ ...input, startedThrough, startedCount: started });
}
