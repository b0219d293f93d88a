import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { OccurrenceInput } from '../workflows/occurrence.js';
import { SA_PERIOD, SA_REGION, SA_REGULATION, SA_RULE, SA_STATUS } from '../src/execution/searchAttributes.js';

/**
 * Starts the occurrence workflow `workflowId` (`<regulation>/<rule>/<period>`) on the calling
 * activity's task queue, with the search attributes an auditor filters by. An occurrence already
 * started (by an earlier run of the driver, or an earlier attempt) is left as it is. Started here
 * rather than as a child workflow, so it is independent of the driver's runs (continue-as-new,
 * refresh on a new regulation version) and of the parent-child bookkeeping.
 */
export async function startOccurrence(client: Client | undefined, workflowId: string, input: OccurrenceInput): Promise<'started' | 'already_started'> {
  if (!client) throw new Error('this worker has no Temporal client to start occurrences with');
  try {
    await client.workflow.start('occurrenceWorkflow', {
      workflowId, taskQueue: Context.current().info.taskQueue, args: [input],
      typedSearchAttributes: [
        { key: SA_REGULATION, value: input.regulation.id },
        { key: SA_RULE, value: input.rule.id },
        { key: SA_REGION, value: input.regulation.region },
        { key: SA_PERIOD, value: input.period.id },
        { key: SA_STATUS, value: 'running' },
      ],
    });
    return 'started';
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return 'already_started';
    throw err;
  }
}
