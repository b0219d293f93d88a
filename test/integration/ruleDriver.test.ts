import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'slonik';
import { z } from 'zod';
import { createActivities } from '../../activities/index.js';
import { createWorker } from '../../src/execution/createWorker.js';
import { listCapturedMail } from '../../src/infra/mailStore.js';
import { startSmtpCapture, type RunningSmtpCapture } from '../../src/infra/smtpCapture.js';
import { createMailer, type Mailer } from '../../src/notify/mailer.js';
import { projectRoot } from '../../src/paths.js';
import { calendarCatalog } from '../../src/regulation/calendarCatalog.js';
import { loadRegulations } from '../../src/regulation/loadRegulations.js';
import type { CompiledRegulation } from '../../src/regulation/model.js';
import { loadCalendar } from '../../src/time/calendarFile.js';
import type { RuleDriverInput } from '../../workflows/ruleDriver.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { FIXTURE, insertFixtureRegion } from '../support/fixtures.js';
import { timeSkippingEnvironment } from '../support/temporal.js';

// The period-rule driver over a simulated year: the real cyclogram rule of order № 216 (МО by the
// 10th, РО by the 15th of the month after each quarter), occurrences started one per quarter.
describe('rule driver: the two-tier quarterly cyclogram over a year', () => {
  let db: TestDatabase;
  let env: TestWorkflowEnvironment;
  let smtp: RunningSmtpCapture;
  let mailer: Mailer;
  let worker: Worker;
  let running: Promise<void>;
  let mailDir: string;
  let regulation: CompiledRegulation;
  const taskQueue = 'test-driver';

  beforeAll(async () => {
    regulation = loadRegulations([join(projectRoot(), 'regulations', 'yanao-2018-216.yaml')], { calendars: calendarCatalog() }).regulations[0]!;
    db = await freshDatabase('driver');
    await insertFixtureRegion(db.pool);
    await db.pool.query(sql.unsafe`INSERT INTO organisations (id, region, municipality_id, type, name) VALUES ('mouo-test', 'yanao', ${FIXTURE.municipality}, 'МОУО', 'Управление образования Тестового района')`);
    mailDir = mkdtempSync(join(tmpdir(), 'reglament-mail-'));
    smtp = await startSmtpCapture({ dir: mailDir, port: 0 });
    mailer = createMailer(smtp.url);
    env = await timeSkippingEnvironment();
    worker = await createWorker({
      connection: env.nativeConnection, namespace: 'default', taskQueue,
      activities: createActivities({ pool: db.pool, mailer, calendars: { 'ru-federal': loadCalendar() }, clock: () => new Date() }),
    });
    running = worker.run();
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    mailer?.close();
    await smtp?.stop();
    await db?.close();
  });

  test('starts one occurrence per quarter, named <regulation>/<rule>/<period>, and each checks the municipal tier', async () => {
    const { rules, ...header } = regulation;
    const rule = rules.find((r) => r.id === 'cyc-journals')!;
    expect(rule.deadlines.map((d) => d.role.scope)).toEqual(['municipality', 'region']);
    const input: RuleDriverInput = {
      regulation: header, rule, calendar: loadCalendar(), maxOccurrences: 3,
      clockOffsetMs: Date.parse('2024-09-20T00:00:00Z') - (await env.currentTimeMs()),
    };
    const started = (await env.client.workflow.execute('ruleDriverWorkflow', { workflowId: 'yanao-2018-216/cyc-journals/driver', taskQueue, args: [input] })) as string[];
    expect(started).toHaveLength(3);
    expect(started.every((id) => id.startsWith('yanao-2018-216/cyc-journals/'))).toBe(true);
    // Each occurrence outlives the driver; wait for all of them to finish.
    for (const id of started) await env.client.workflow.getHandle(id).result();
    const periods = await db.pool.anyFirst(sql.type(z.object({ period_id: z.string() }))`
      SELECT DISTINCT period_id FROM obligation_cases WHERE rule_id = 'cyc-journals' ORDER BY period_id`);
    expect(periods.length).toBeGreaterThanOrEqual(3);
    for (const id of periods) {
      const d = await env.client.workflow.getHandle(`yanao-2018-216/cyc-journals/${id}`).describe();
      expect(d.type).toBe('occurrenceWorkflow');
    }
    // Nobody confirmed anything: the МОУО is reminded/told, and its municipal operator hears of it.
    const mails = listCapturedMail(mailDir);
    expect(mails.some((m) => m.to.includes(FIXTURE.municipalOperator) && m.headers['x-reglament-rule'] === 'cyc-journals')).toBe(true);
  });
});
