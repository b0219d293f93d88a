import { proxyActivities, sleep, upsertSearchAttributes } from '@temporalio/workflow';
import type { Activities, OccurrenceStepResult, RegulationHeader } from '../activities/index.js';
import type { OccurrenceKind } from '../src/plan/occurrence.js';
import { catchUpMoments } from '../src/plan/catchUpMoments.js';
import type { PlannedMoment } from '../src/plan/occurrenceMoments.js';
import type { CompiledRule } from '../src/regulation/model.js';
import { SA_STATUS } from '../src/execution/searchAttributes.js';

/** A moment of an occurrence: when, which tier, and what kind of notice it may send (made by the planner). */
export type OccurrenceMoment = PlannedMoment;

/** Input of one occurrence: a rule, one of its periods, and the moments planned for it. */
export interface OccurrenceInput {
  regulation: RegulationHeader;
  rule: CompiledRule;
  period: { id: string; start: string; end: string; label: string };
  windowOpensAt?: string;
  /** The planner's kind of occurrence: a campaign extension judges only the subjects it is extended for. */
  kind?: OccurrenceKind;
  moments: OccurrenceMoment[];
  /** Added to the workflow clock (simulations of past years on the time-skipping server). */
  clockOffsetMs: number;
  /** Moments after this instant are not run (the end of a simulation); unbounded when absent. */
  until?: string;
}

/** How an occurrence ended, per tier: the last verdict counts. */
export interface OccurrenceOutcome {
  periodId: string;
  tiers: { tier: number; subjects: number; met: number; metLate: number; missed: number; pending: number; waived: number }[];
  stoppedEarly: boolean;
  /** Moments already past when the occurrence started and left out (`catchUpMoments`). */
  skippedOnStart: number;
}

/**
 * One occurrence of a period rule (e.g. "open the new academic year, 2024/2025"): sleeps until each
 * planned moment — window opening, reminders, each tier's deadline, escalation steps — and runs it
 * as one activity that re-checks the data first, so only those not yet compliant are told. Once
 * every tier's deadline has been checked and nothing is missing, it stops: no escalation after
 * compliance. Started late, it catches up on the moments already past (`catchUpMoments`). Returns
 * the final verdict counts per tier.
 */
export async function occurrenceWorkflow(input: OccurrenceInput): Promise<OccurrenceOutcome> {
  const { occurrenceStep } = proxyActivities<Activities>({
    startToCloseTimeout: '10 minutes',
    retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '15 minutes' },
  });
  // Started late (applied mid-period): the moments already past are caught up, not replayed one by one.
  const { run, skipped } = catchUpMoments(input.moments, Date.now() + input.clockOffsetMs);
  const moments = [...run].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.tier - b.tier);
  const tiers = [...new Set(moments.map((m) => m.tier))];
  const last = new Map<number, OccurrenceStepResult>();
  const settled = new Set<number>();
  let stoppedEarly = false;
  for (const [i, m] of moments.entries()) {
    if (settled.has(m.tier)) continue;
    if (input.until && Date.parse(m.at) > Date.parse(input.until)) break;
    const wait = Date.parse(m.at) - (Date.now() + input.clockOffsetMs);
    if (wait > 0) await sleep(wait);
    const asOf = new Date(Date.now() + input.clockOffsetMs).toISOString();
    const result = await occurrenceStep({
      regulation: input.regulation, rule: input.rule, period: input.period, tier: m.tier, dueAt: m.dueAt, lastDay: m.lastDay,
      windowOpensAt: input.windowOpensAt, kind: input.kind, notice: m.notice, step: m.step, repeat: m.repeat ?? 0, asOf,
      // The first step audits what the late start left out, so an auditor sees why nobody was reminded.
      ...(i === 0 && skipped.length ? { skippedOnStart: skipped.map(({ at, tier, notice, step, repeat }) => ({ at, tier, notice, step, repeat })) } : {}),
    });
    last.set(m.tier, result);
    const pastDue = m.notice === 'due' || m.notice === 'escalation';
    if (pastDue && result.missed === 0 && result.pending === 0) settled.add(m.tier);
    if (tiers.every((t) => settled.has(t))) {
      stoppedEarly = i < moments.length - 1;
      break;
    }
  }
  const tierOutcomes = tiers.map((tier) => {
    const r = last.get(tier);
    return { tier, subjects: r?.subjects ?? 0, met: r?.met ?? 0, metLate: r?.metLate ?? 0, missed: r?.missed ?? 0, pending: r?.pending ?? 0, waived: r?.waived ?? 0 };
  });
  upsertSearchAttributes([{ key: SA_STATUS, value: tierOutcomes.some((t) => t.missed > 0) ? 'missed' : 'met' }]);
  return { periodId: input.period.id, tiers: tierOutcomes, stoppedEarly, skippedOnStart: skipped.length };
}
