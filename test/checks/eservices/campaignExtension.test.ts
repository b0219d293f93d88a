import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'slonik';
import { z } from 'zod';
import { mainCampaignCloses } from '../../../src/checks/period/eservices/campaignExtension.js';
import { listCapturedMail } from '../../../src/infra/mailStore.js';
import { calendarCatalog } from '../../../src/regulation/calendarCatalog.js';
import { loadRegulations } from '../../../src/regulation/loadRegulations.js';
import type { CompiledRegulation } from '../../../src/regulation/model.js';
import { loadCalendar } from '../../../src/time/calendarFile.js';
import type { RuleDriverInput } from '../../../workflows/ruleDriver.js';
import { FIXTURE } from '../../support/fixtures.js';
import { startWorkflowHarness, type WorkflowHarness } from '../../support/workflowHarness.js';
import { insertApplication, insertCampaign, insertUnit } from './support.js';

const REGULATION = `
id: test-spo
title: Тестовый регламент приёма
source: { issuer: Тестовый орган, act: Приказ, number: "2", date: 2024-01-10 }
region: yanao
timezone: Asia/Yekaterinburg
calendar: ru-federal
effective: { from: 2024-01-10 }
version: 1
roles:
  organisation_head: { title: Руководитель организации, scope: organisation }
ladders:
  poo:
    steps:
      - { to: organisation_head, after: 0 часов }
default_escalation: poo
rules:
  - id: spo-applications
    title: Рассмотреть заявления на СПО в ходе приёмной кампании
    citation: { clause: "2.4.4", text: Работа с заявлениями на зачисление в течение приёмной кампании. }
    scope: { organisation_types: [ПОО] }
    when:
      campaign:
        year: 2024
        opens: 2024-06-20
        closes: 2024-08-15
        extension:
          until: 2024-11-25
          while: { name: eservice_free_places, params: { service: spo } }
    due: { period_end: true }
    reminders: [1 рабочий день]
    check: { name: eservice_applications_processed, params: { service: spo } }
`;

test('the main campaign closes on the day the planner gives', () => {
  expect(mainCampaignCloses('2024-08-15', '2024-06-20')).toBe('2024-08-15');
  expect(mainCampaignCloses('08-15', '2024-06-20')).toBe('2024-08-15');
  expect(mainCampaignCloses('02-15', '2024-06-20')).toBe('2025-02-15');
});

// The rule driver on the time-skipping server starts the campaign's closing and its extension; the
// extension judges only the college that still had free places when the main campaign ended.
describe('campaign extension: only organisations with free places at the main campaign’s end', () => {
  let h: WorkflowHarness;
  let env: TestWorkflowEnvironment;
  let regulation: CompiledRegulation;
  const taskQueue = 'test-spo-extension';
  const heads = { 'poo-free': 'head@poo-free.test', 'poo-full': 'head@poo-full.test' };

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reglament-reg-'));
    writeFileSync(join(dir, 'test-spo.yaml'), REGULATION);
    const loaded = loadRegulations([dir], { calendars: calendarCatalog() });
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
    regulation = loaded.regulations[0]!;
    h = await startWorkflowHarness('eservices_extension', taskQueue);
    env = h.env;
    const pool = h.db.pool;
    for (const [org, email] of Object.entries(heads)) {
      await pool.query(sql.unsafe`INSERT INTO organisations (id, region, municipality_id, type, name) VALUES (${org}, 'yanao', ${FIXTURE.municipality}, 'ПОО', ${'Колледж ' + org})`);
      await pool.query(sql.unsafe`INSERT INTO responsible_people (full_name, email, role, organisation_id) VALUES ('Директоров', ${email}, 'organisation_head', ${org})`);
      const campaign = await insertCampaign(pool, { kind: 'spo', organisation: org, configuredAt: '2024-06-01T05:00:00Z', opensOn: '2024-06-20' });
      await insertUnit(pool, campaign, org, { createdAt: '2024-06-01T05:00:00Z', total: 25, taken: org === 'poo-free' ? 20 : 25 });
      // An application nobody decides on: both colleges miss the main campaign's deadline.
      await insertApplication(pool, { organisation: org, kind: 'spo', submittedAt: '2024-07-01T05:00:00Z' });
    }
  });

  afterAll(async () => {
    await h?.stop();
  });

  test('the college without free places gets no notice of the extension; the other is reminded and told', async () => {
    const { rules, ...header } = regulation;
    const input: RuleDriverInput = {
      regulation: header, rule: rules[0]!, calendar: loadCalendar(), maxOccurrences: 2,
      clockOffsetMs: Date.parse('2024-08-01T00:00:00Z') - (await env.currentTimeMs()),
    };
    const started = (await env.client.workflow.execute('ruleDriverWorkflow', { workflowId: 'test-spo/spo-applications/driver', taskQueue, args: [input] })) as string[];
    expect(started).toEqual(['test-spo/spo-applications/2024', 'test-spo/spo-applications/2024-extension']);
    for (const id of started) await env.client.workflow.getHandle(id).result();

    const mails = listCapturedMail(h.mailDir).map((m) => ({ to: m.to[0], notice: m.headers['x-reglament-notice'], extension: m.subject.includes('продление') }));
    const main = mails.filter((m) => !m.extension);
    const extension = mails.filter((m) => m.extension);
    // The main campaign: both colleges are reminded and told of the missed deadline.
    expect(main.filter((m) => m.notice === 'due').map((m) => m.to).sort()).toEqual(Object.values(heads).sort());
    // The extension: only the college with places left.
    expect(extension.length).toBeGreaterThan(0);
    expect([...new Set(extension.map((m) => m.to))]).toEqual([heads['poo-free']]);
    expect(extension.map((m) => m.notice)).toContain('due');

    const cases = await h.db.pool.any(sql.type(z.object({ period_id: z.string(), subject_id: z.string(), status: z.string() }))`
      SELECT period_id, subject_id, status FROM obligation_cases WHERE rule_id = 'spo-applications' ORDER BY period_id, subject_id`);
    expect(cases).toEqual([
      { period_id: '2024', subject_id: 'poo-free', status: 'missed' },
      { period_id: '2024', subject_id: 'poo-full', status: 'missed' },
      { period_id: '2024-extension', subject_id: 'poo-free', status: 'missed' },
    ]);
  });
});
