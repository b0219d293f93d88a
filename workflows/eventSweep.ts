import { continueAsNew, defineQuery, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { Activities, RegulationHeader, SweepResult } from '../activities/index.js';
import type { CompiledRule } from '../src/regulation/model.js';

/** Input of the sweep driver of one event-relative rule. */
export interface EventSweepInput {
  regulation: RegulationHeader;
  rule: CompiledRule;
  /** Pause between sweeps. */
  intervalMs: number;
  /**
   * Added to the workflow clock to get the evaluation time. Zero in production; simulations and
   * tests set it to replay a past academic year on the time-skipping server.
   */
  clockOffsetMs: number;
  /** How far back the very first sweep looks, in days. */
  backfillDays: number;
  /** Stop after this many sweeps in total (simulations, tests); unbounded when absent. */
  maxSweeps?: number;
  /** Stop once the next sweep would be after this instant (simulations); unbounded when absent. */
  until?: string;
  /**
   * Sweep at `alignTo + k × intervalMs` instead of `intervalMs` after the previous sweep ended, so
   * that every rule's sweeps fall on the same instants (a simulation's local midnights) and run side
   * by side rather than one after another.
   */
  alignTo?: string;
  /** Sweeps done by earlier runs of this workflow (carried across continue-as-new). */
  sweepsDone?: number;
}

/** Returns the result of the most recent sweep, for the UI and the CLI. */
export const lastSweepQuery = defineQuery<SweepResult | undefined>('lastSweep');

/** The first instant `anchor + k × interval` strictly after `now`. */
const nextAligned = (now: number, anchor: number, interval: number) => anchor + (Math.floor((now - anchor) / interval) + 1) * interval;

/** Sweeps per run before continuing as new, so the history never grows without bound. */
const SWEEPS_PER_RUN = 200;

/**
 * The driver of one event-relative rule: sweeps now, then every `intervalMs`, for as long as the
 * rule is applied. Each sweep is one activity (evaluate, escalate, notify); the workflow holds no
 * data but the last result, and continues as new every `SWEEPS_PER_RUN` sweeps. Returns the last
 * result only when `maxSweeps` or `until` is reached.
 */
export async function eventSweepWorkflow(input: EventSweepInput): Promise<SweepResult | undefined> {
  const { sweepEventRule } = proxyActivities<Activities>({
    startToCloseTimeout: '10 minutes',
    retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '15 minutes' },
  });
  let last: SweepResult | undefined;
  setHandler(lastSweepQuery, () => last);
  let done = input.sweepsDone ?? 0;
  for (let i = 0; i < SWEEPS_PER_RUN; i++) {
    const asOf = new Date(Date.now() + input.clockOffsetMs).toISOString();
    last = await sweepEventRule({ regulation: input.regulation, rule: input.rule, asOf, backfillDays: input.backfillDays });
    done++;
    if (input.maxSweeps !== undefined && done >= input.maxSweeps) return last;
    const now = Date.now() + input.clockOffsetMs;
    const wait = input.alignTo === undefined ? input.intervalMs : nextAligned(now, Date.parse(input.alignTo), input.intervalMs) - now;
    if (input.until && now + wait > Date.parse(input.until)) return last;
    if (workflowInfo().continueAsNewSuggested) break;
    await sleep(wait);
  }
  return continueAsNew<typeof eventSweepWorkflow>({ ...input, sweepsDone: done });
}
