import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ensureRuntime } from '../../src/execution/createWorker.js';
import type { Connection } from '@temporalio/client';
import { addSearchAttributes } from '../../src/infra/temporalNamespace.js';
import { findTool, TEMPORAL_TEST_SERVER } from '../../src/infra/toolBinaries.js';

/**
 * A time-skipping Temporal test server from the project's own install (`reglament tools install`),
 * so tests never depend on a download. Timers inside workflows are skipped, not waited for.
 */
export async function timeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const path = findTool(TEMPORAL_TEST_SERVER);
  ensureRuntime();
  // Without a local install the SDK downloads the test server itself.
  const env = await TestWorkflowEnvironment.createTimeSkipping(path ? { server: { executable: { type: 'existing-path', path } } } : {});
  // The test server has no ListSearchAttributes, but accepts registrations.
  await addSearchAttributes(env.connection as Connection, env.namespace ?? 'default');
  return env;
}
