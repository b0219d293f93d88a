import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { join } from 'node:path';
import { sql } from 'slonik';
import { z } from 'zod';
import { listCapturedMail } from '../../src/infra/mailStore.js';
import { projectRoot } from '../../src/paths.js';
import { calendarCatalog } from '../../src/regulation/calendarCatalog.js';
import { loadRegulations } from '../../src/regulation/loadRegulations.js';
import type { CompiledRegulation } from '../../src/regulation/model.js';
import { loadCalendar } from '../../src/time/calendarFile.js';
import type { RuleDriverInput } from '../../workflows/ruleDriver.js';
import { type TestDatabase } from '../support/database.js';
import { FIXTURE } from '../support/fixtures.js';
import { startWorkflowHarness, type WorkflowHarness } from '../support/workflowHarness.js';

// The period-rule driver over a simulated year: the real cyclogram rule of order № 216 (МО by the
// 10th, РО by the 15th of the month after each quarter), occurrences started one per quarter.
describe('rule driver: the two-tier quarterly cyclogram over a year', () => {
  let h: WorkflowHarness;
  let db: TestDatabase;
  let env: TestWorkflowEnvironment;
  let mailDir: string;
  let regulation: CompiledRegulation;
  const taskQueue = 'test-driver';

  beforeAll(async () => {
    regulation = loadRegulations([join(projectRoot(), 'regulations', 'yanao-2018-216.yaml')], { calendars: calendarCatalog() }).regulations[0]!;
    h = await startWorkflowHarness('driver', taskQueue);
    ({ db, env, mailDir } = h);
    await db.pool.query(sql.unsafe`INSERT INTO organisations (id, region, municipality_id, type, name) VALUES ('mouo-test', 'yanao', ${FIXTURE.municipality}, 'МОУО', 'Управление образования Тестового района')`);
  });

  afterAll(async () => {
    await h?.stop();
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
