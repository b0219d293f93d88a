import { Context } from '@temporalio/activity';
import type { OccurrenceInput } from '../workflows/occurrence.js';
import { sendDigests, type DigestResult } from '../src/notify/sendDigests.js';
import { startOccurrence } from './startOccurrence.js';
import { occurrenceStep, type OccurrenceStepInput, type OccurrenceStepResult } from './occurrenceStep.js';
import { sweepEventRule, type SweepDeps, type SweepInput, type SweepResult } from './sweepEventRule.js';

export type { SweepInput, SweepResult, RegulationHeader } from './sweepEventRule.js';
export type { OccurrenceStepInput, OccurrenceStepResult } from './occurrenceStep.js';
export type { DigestResult } from '../src/notify/sendDigests.js';

/**
 * Builds the activity functions the worker registers, closed over injected dependencies (pool,
 * mailer, calendar, clock, digest mode, and the Temporal client that starts occurrences) so that tests and the production worker wire the same code to
 * different infrastructure. Each activity stamps its audit records with the calling workflow's ids.
 */
export function createActivities(deps: SweepDeps) {
  return {
    async sweepEventRule(input: Omit<SweepInput, 'workflowId' | 'runId'>): Promise<SweepResult> {
      const info = Context.current().info;
      return sweepEventRule(deps, { ...input, workflowId: info.workflowExecution?.workflowId, runId: info.workflowExecution?.runId });
    },
    async occurrenceStep(input: Omit<OccurrenceStepInput, 'workflowId' | 'runId'>): Promise<OccurrenceStepResult> {
      const info = Context.current().info;
      return occurrenceStep(deps, { ...input, workflowId: info.workflowExecution?.workflowId, runId: info.workflowExecution?.runId });
    },
    async sendDigests(input: { region: string; zone: string; asOf: string }): Promise<DigestResult> {
      return sendDigests(deps, input);
    },
    async startOccurrence(input: { workflowId: string; occurrence: OccurrenceInput }): Promise<'started' | 'already_started'> {
      return startOccurrence(deps.client, input.workflowId, input.occurrence);
    },
  };
}

/** The activity interface workflows proxy. */
export type Activities = ReturnType<typeof createActivities>;
