import type { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { addSearchAttributes } from '../infra/temporalNamespace.js';
import { findTool, TEMPORAL_TEST_SERVER } from '../infra/toolBinaries.js';
import { ensureRuntime } from './createWorker.js';

/**
 * A time-skipping Temporal test server from the project's own install (`reglament tools install`),
 * with Reglament's search attributes registered: timers inside workflows are skipped, not waited
 * for, which is what `simulate` and the workflow tests run on. Without a local install the SDK
 * downloads the server itself. The caller tears it down.
 */
export async function timeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const path = findTool(TEMPORAL_TEST_SERVER);
  ensureRuntime();
  const env = await TestWorkflowEnvironment.createTimeSkipping(path ? { server: { executable: { type: 'existing-path', path } } } : {});
  // The test server has no ListSearchAttributes, but accepts registrations.
  await addSearchAttributes(env.connection as Connection, env.namespace ?? 'default');
  return env;
}
