import { Context } from '@temporalio/activity';
import { occurrenceStep, type OccurrenceStepInput, type OccurrenceStepResult } from './occurrenceStep.js';
import { sweepEventRule, type SweepDeps, type SweepInput, type SweepResult } from './sweepEventRule.js';

export type { SweepInput, SweepResult, RegulationHeader } from './sweepEventRule.js';
export type { OccurrenceStepInput, OccurrenceStepResult } from './occurrenceStep.js';

/**
 * Builds the activity functions the worker registers, closed over injected dependencies (pool,
 * mailer, calendar, clock) so that tests and the production worker wire the same code to
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
  };
}

/** The activity interface workflows proxy. */
export type Activities = ReturnType<typeof createActivities>;
