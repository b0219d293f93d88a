import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { DigestInput } from '../../workflows/digest.js';
import { REGIONS } from '../regions.js';

/**
 * Starts the daily digest workflow `digest/<region>` of each region (sending what is already queued
 * at once); one already running is left alone. Returns the ids started.
 */
export async function startDigests(client: Client, regions: string[], hour: number, taskQueue: string): Promise<string[]> {
  const started: string[] = [];
  for (const region of regions) {
    const args: [DigestInput] = [{ region, zone: REGIONS[region]?.timezone ?? 'UTC', hour, clockOffsetMs: 0, sendNow: true }];
    try {
      await client.workflow.start('digestWorkflow', { workflowId: `digest/${region}`, taskQueue, args });
      started.push(`digest/${region}`);
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }
  return started;
}
