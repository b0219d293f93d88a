import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'slonik';
import { z } from 'zod';
import { createActivities } from '../../activities/index.js';
import type { SweepResult } from '../../activities/sweepEventRule.js';
import { migrate } from '../../src/db/migrate.js';
import { openPool } from '../../src/db/pool.js';
import { createWorker } from '../../src/execution/createWorker.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../../src/infra/embeddedPostgres.js';
import { listCapturedMail } from '../../src/infra/mailStore.js';
import { startSmtpCapture, type RunningSmtpCapture } from '../../src/infra/smtpCapture.js';
import { createMailer } from '../../src/notify/mailer.js';
import { projectRoot } from '../../src/paths.js';
import { calendarCatalog } from '../../src/regulation/calendarCatalog.js';
import { loadRegulations } from '../../src/regulation/loadRegulations.js';
import type { CompiledRegulation } from '../../src/regulation/model.js';
import type { CalendarData } from '../../src/time/calendarData.js';
import { loadCalendar } from '../../src/time/calendarFile.js';
import type { EventSweepInput } from '../../workflows/eventSweep.js';
import type { OccurrenceInput, OccurrenceOutcome } from '../../workflows/occurrence.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { filledExcept, FIXTURE, insertEnrollment, insertFixtureRegion } from '../support/fixtures.js';
import { timeSkippingEnvironment } from '../support/temporal.js';

// Faults on real parts: SMTP down then back, a worker killed between sweeps (and in the middle of
// an occurrence) and replaced, and PostgreSQL restarted under a running sweep. Each must deliver
// every notice exactly once.
describe('faults', () => {
  let env: TestWorkflowEnvironment;
  let regulation: CompiledRegulation;
  let calendars: Record<string, CalendarData>;
  const smtpPort = 2591;

  beforeAll(async () => {
    regulation = loadRegulations([join(projectRoot(), 'regulations', 'yanao-2018-216.yaml')], { calendars: calendarCatalog() }).regulations[0]!;
    calendars = { 'ru-federal': loadCalendar() };
    env = await timeSkippingEnvironment();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  function sweepInput(at: string, sweeps: number, now: number, intervalMs = 3600_000): EventSweepInput {
    const { rules, ...header } = regulation;
    return { regulation: header, rule: rules.find((r) => r.id === 'student-card-3wd')!, intervalMs, clockOffsetMs: Date.parse(at) - now, backfillDays: 30, maxSweeps: sweeps };
  }

  async function waitFor(what: () => Promise<boolean>, ms = 30_000): Promise<void> {
    const end = Date.now() + ms;
    while (!(await what())) {
      if (Date.now() > end) throw new Error('condition not reached in time');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  test('SMTP down, then back: the notice is retried and delivered exactly once', async () => {
    const db = await freshDatabase('smtp_down');
    await insertFixtureRegion(db.pool);
    await insertEnrollment(db.pool, { number: '1-з', orderDate: '2024-04-26', lastName: 'Первый', filledAt: filledExcept('2024-04-27T06:00:00Z', 'health_group') });
    const mailDir = mkdtempSync(join(tmpdir(), 'reglament-mail-'));
    const mailer = createMailer(`smtp://127.0.0.1:${smtpPort}`); // nothing listens yet
    const worker = await createWorker({
      connection: env.nativeConnection, namespace: 'default', taskQueue: 'faults-smtp',
      activities: createActivities({ pool: db.pool, mailer, calendars, clock: () => new Date() }),
    });
    let smtp: RunningSmtpCapture | undefined;
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('eventSweepWorkflow', {
        workflowId: 'faults/smtp', taskQueue: 'faults-smtp', args: [sweepInput('2024-05-03T20:00:00Z', 1, await env.currentTimeMs())],
      });
      await waitFor(async () => (await db.pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM audit_events WHERE kind = 'notification_failed'`)) > 0);
      const pending = await db.pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM notifications WHERE status = 'pending' AND attempts > 0`);
      expect(pending).toBe(1);
      smtp = await startSmtpCapture({ dir: mailDir, port: smtpPort });
      const result = (await handle.result()) as SweepResult;
      expect(result.mailsSent).toBe(1);
    });
    expect(listCapturedMail(mailDir)).toHaveLength(1);
    const sent = await db.pool.one(sql.type(z.object({ status: z.string(), attempts: z.number() }))`SELECT status, attempts FROM notifications`);
    expect(sent.status).toBe('sent');
    expect(sent.attempts).toBeGreaterThanOrEqual(2);
    mailer.close();
    await smtp?.stop();
    await db.close();
  });

  test('a worker killed between sweeps and replaced: the driver carries on, nothing lost or sent twice', async () => {
    const db = await freshDatabase('worker_kill');
    await insertFixtureRegion(db.pool);
    await insertEnrollment(db.pool, { number: '2-з', orderDate: '2024-04-26', lastName: 'Второй', filledAt: filledExcept('2024-04-27T06:00:00Z', 'health_group') });
    const mailDir = mkdtempSync(join(tmpdir(), 'reglament-mail-'));
    const smtp = await startSmtpCapture({ dir: mailDir, port: 0 });
    const mailer = createMailer(smtp.url);
    const activities = createActivities({ pool: db.pool, mailer, calendars, clock: () => new Date() });
    // Daily sweeps from the evening of 3 May (UTC): the first sends the notice at once, the escalation is due on 7 May.
    const input = sweepInput('2024-05-03T20:00:00Z', 6, await env.currentTimeMs(), 24 * 3600_000);
    // No workflow cache: the test server does not time out tasks stuck on a dead worker's sticky queue.
    const first = await createWorker({ connection: env.nativeConnection, namespace: 'default', taskQueue: 'faults-kill', activities, maxCachedWorkflows: 0 });
    const handle = await first.runUntil(async () => {
      const h = await env.client.workflow.start('eventSweepWorkflow', { workflowId: 'faults/kill', taskQueue: 'faults-kill', args: [input] });
      await waitFor(async () => listCapturedMail(mailDir).length >= 1);
      return h;
    }); // the first worker is gone here, with the driver asleep between sweeps
    const second = await createWorker({ connection: env.nativeConnection, namespace: 'default', taskQueue: 'faults-kill', activities });
    await second.runUntil(handle.result());
    const mails = listCapturedMail(mailDir);
    expect(mails.map((m) => m.to[0])).toEqual([FIXTURE.head, FIXTURE.municipalOperator]);
    const unsent = await db.pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM notifications WHERE status <> 'sent'`);
    expect(unsent).toBe(0);
    mailer.close();
    await smtp.stop();
    await db.close();
  });

  test('a worker killed in the middle of an occurrence and replaced: the deadline notice and the escalation each go out once', async () => {
    const db = await freshDatabase('occurrence_kill');
    await insertFixtureRegion(db.pool);
    const annual = loadRegulations([join(projectRoot(), 'regulations', 'yanao-2018-216.yaml')], { calendars: calendarCatalog() }).regulations[0]!;
    const { rules, ...header } = annual;
    const rule = rules.find((r) => r.id === 'schedule-by-sep-5')!;
    const mailDir = mkdtempSync(join(tmpdir(), 'reglament-mail-'));
    const smtp = await startSmtpCapture({ dir: mailDir, port: 0 });
    const mailer = createMailer(smtp.url);
    const activities = createActivities({ pool: db.pool, mailer, calendars, clock: () => new Date() });
    // Due at the end of Thu 5 Sep 2024 (UTC+5); the municipal operator is told 2 working days later.
    const due = { dueAt: '2024-09-05T19:00:00.000Z', lastDay: '2024-09-05' };
    const input: OccurrenceInput = {
      regulation: header, rule, period: { id: '2024/2025', start: '2024-09-01', end: '2025-08-31', label: '2024/2025 учебный год' },
      moments: [
        { at: '2024-09-05T19:00:00.000Z', tier: 0, notice: 'due', step: 0, repeat: 0, ...due },
        { at: '2024-09-09T19:00:00.000Z', tier: 0, notice: 'escalation', step: 1, repeat: 0, ...due },
      ],
      // Started a minute after the deadline, so its check runs at once: the test server skips time only while a result is awaited.
      clockOffsetMs: Date.parse('2024-09-05T19:01:00Z') - (await env.currentTimeMs()),
    };
    const first = await createWorker({ connection: env.nativeConnection, namespace: 'default', taskQueue: 'faults-occurrence', activities, maxCachedWorkflows: 0 });
    const handle = await first.runUntil(async () => {
      const h = await env.client.workflow.start('occurrenceWorkflow', { workflowId: 'faults/occurrence', taskQueue: 'faults-occurrence', args: [input] });
      await waitFor(async () => listCapturedMail(mailDir).length >= 1);
      return h;
    }); // the first worker is gone here, with the occurrence asleep between its deadline and the escalation
    const second = await createWorker({ connection: env.nativeConnection, namespace: 'default', taskQueue: 'faults-occurrence', activities });
    const outcome = (await second.runUntil(handle.result())) as OccurrenceOutcome;
    expect(outcome.tiers).toEqual([{ tier: 0, subjects: 1, met: 0, metLate: 0, missed: 1, pending: 0, waived: 0 }]);
    const mails = listCapturedMail(mailDir).map((m) => [m.to[0], m.headers['x-reglament-notice']]);
    expect(mails).toEqual([[FIXTURE.head, 'due'], [FIXTURE.municipalOperator, 'escalation']]);
    const unsent = await db.pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM notifications WHERE status <> 'sent'`);
    expect(unsent).toBe(0);
    mailer.close();
    await smtp.stop();
    await db.close();
  });

  test('PostgreSQL restarted while the driver runs: the sweep completes after the restart', async () => {
    const dir = join(projectRoot(), '.data', 'test', `pg-restart-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    let pg: RunningPostgres = await startEmbeddedPostgres({ dir: join(dir, 'pg'), port: 54358 });
    await migrate(pg.url);
    const pool = await openPool(pg.url);
    await insertFixtureRegion(pool);
    await insertEnrollment(pool, { number: '3-з', orderDate: '2024-04-26', lastName: 'Третий', filledAt: filledExcept('2024-04-27T06:00:00Z', 'health_group') });
    const mailDir = mkdtempSync(join(tmpdir(), 'reglament-mail-'));
    const smtp = await startSmtpCapture({ dir: mailDir, port: 0 });
    const mailer = createMailer(smtp.url);
    const worker = await createWorker({
      connection: env.nativeConnection, namespace: 'default', taskQueue: 'faults-pg',
      activities: createActivities({ pool, mailer, calendars, clock: () => new Date() }),
    });
    await pg.stop(); // the database goes away before the first sweep
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('eventSweepWorkflow', {
        workflowId: 'faults/pg', taskQueue: 'faults-pg', args: [sweepInput('2024-05-03T20:00:00Z', 1, await env.currentTimeMs())],
      });
      await new Promise((r) => setTimeout(r, 1500)); // let the first attempt fail against the stopped server
      pg = await startEmbeddedPostgres({ dir: join(dir, 'pg'), port: 54358 });
      const result = (await handle.result()) as SweepResult;
      expect(result).toMatchObject({ opened: 1, mailsSent: 1 });
    });
    expect(listCapturedMail(mailDir)).toHaveLength(1);
    mailer.close();
    await smtp.stop();
    await pool.end();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  });
});
