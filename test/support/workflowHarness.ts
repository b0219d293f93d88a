import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createActivities } from '../../activities/index.js';
import { createWorker } from '../../src/execution/createWorker.js';
import { startSmtpCapture, type RunningSmtpCapture } from '../../src/infra/smtpCapture.js';
import type { DigestMode } from '../../src/notify/dispatchNotice.js';
import { createMailer, type Mailer } from '../../src/notify/mailer.js';
import { loadCalendar } from '../../src/time/calendarFile.js';
import { freshDatabase, type TestDatabase } from './database.js';
import { insertFixtureRegion } from './fixtures.js';
import { timeSkippingEnvironment } from './temporal.js';

/** Real parts for a workflow test: a fresh database with the fixture region, a mail capture, the time-skipping server and a running worker. */
export interface WorkflowHarness {
  db: TestDatabase;
  env: TestWorkflowEnvironment;
  mailDir: string;
  /** The capture's SMTP URL, for a second mailer in a test. */
  smtpUrl: string;
  taskQueue: string;
  stop(): Promise<void>;
}

/** Starts a harness whose worker polls `taskQueue` (notices sent at once unless `opts.digest` says daily); `stop` tears everything down in order. */
export async function startWorkflowHarness(label: string, taskQueue: string, opts: { digest?: DigestMode } = {}): Promise<WorkflowHarness> {
  const db = await freshDatabase(label);
  await insertFixtureRegion(db.pool);
  const mailDir = mkdtempSync(join(tmpdir(), 'reglament-mail-'));
  const smtp: RunningSmtpCapture = await startSmtpCapture({ dir: mailDir, port: 0 });
  const mailer: Mailer = createMailer(smtp.url);
  const env = await timeSkippingEnvironment();
  const worker: Worker = await createWorker({
    connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue,
    activities: createActivities({ pool: db.pool, mailer, calendars: { 'ru-federal': loadCalendar() }, clock: () => new Date(), client: env.client, digest: opts.digest }),
  });
  const running = worker.run();
  return {
    db, env, mailDir, smtpUrl: smtp.url, taskQueue,
    stop: async () => {
      worker.shutdown();
      await running;
      await env.teardown();
      mailer.close();
      await smtp.stop();
      await db.close();
    },
  };
}
