import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'slonik';
import { z } from 'zod';
import type { AuditRow } from '../../src/audit/auditTimeline.js';
import { describeAuditRow } from '../../src/audit/describeAuditRow.js';
import { listCapturedMail } from '../../src/infra/mailStore.js';
import { calendarCatalog } from '../../src/regulation/calendarCatalog.js';
import { loadRegulations } from '../../src/regulation/loadRegulations.js';
import type { CompiledRegulation } from '../../src/regulation/model.js';
import type { OccurrenceInput, OccurrenceOutcome } from '../../workflows/occurrence.js';
import { type TestDatabase } from '../support/database.js';
import { FIXTURE } from '../support/fixtures.js';
import { startWorkflowHarness, type WorkflowHarness } from '../support/workflowHarness.js';

const REGULATION = `
id: test-annual
title: Тестовый регламент
source: { issuer: Тестовый орган, act: Приказ, number: "1", date: 2024-01-10 }
region: yanao
timezone: Asia/Yekaterinburg
calendar: ru-federal
effective: { from: 2024-01-10 }
version: 1
roles:
  organisation_head: { title: Руководитель организации, scope: organisation }
  municipal_operator: { title: Муниципальный оператор, scope: municipality }
ladders:
  school:
    steps:
      - { to: organisation_head, after: 0 часов }
      - { to: municipal_operator, after: 2 рабочих дня }
default_escalation: school
rules:
  - id: open-year
    title: Открыть новый учебный год
    citation: { clause: "1.1", text: Открыть новый учебный год до 5 сентября. }
    scope: { organisation_types: [ООО] }
    when: { annual: { year: academic } }
    window: { opens: { date: "08-25" } }
    due: { date: "09-05" }
    reminders: [2 рабочих дня]
    check: { name: manual }
`;

// A period rule on real parts: the occurrence workflow on the time-skipping server, its activity
// against PostgreSQL, mail to the loopback capture. Two schools: one confirms early, one late.
describe('occurrence of an annual rule: window, reminder, deadline, escalation', () => {
  let h: WorkflowHarness;
  let db: TestDatabase;
  let env: TestWorkflowEnvironment;
  let mailDir: string;
  let regulation: CompiledRegulation;
  const taskQueue = 'test-occurrence';
  const schoolB = 'org-school-2';
  const headB = 'head@school2.test';

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reglament-reg-'));
    writeFileSync(join(dir, 'test-annual.yaml'), REGULATION);
    const loaded = loadRegulations([dir], { calendars: calendarCatalog() });
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
    regulation = loaded.regulations[0]!;
    h = await startWorkflowHarness('occurrence', taskQueue);
    ({ db, env, mailDir } = h);
    await db.pool.query(sql.unsafe`INSERT INTO organisations (id, region, municipality_id, type, name) VALUES (${schoolB}, 'yanao', ${FIXTURE.municipality}, 'ООО', 'МБОУ «Тестовая СОШ № 2»')`);
    await db.pool.query(sql.unsafe`INSERT INTO responsible_people (full_name, email, role, organisation_id) VALUES ('Второва Вера', ${headB}, 'organisation_head', ${schoolB})`);
    // School 1 confirms on 30 August; school 2 only on 6 September, after its deadline.
    await db.pool.query(sql.unsafe`INSERT INTO manual_confirmations (regulation_id, rule_id, period_id, organisation_id, confirmed_by, confirmed_at)
      VALUES ('test-annual', 'open-year', '2024/2025', ${FIXTURE.school}, 'Директорова', '2024-08-30T06:00:00Z'),
             ('test-annual', 'open-year', '2024/2025', ${schoolB}, 'Второва', '2024-09-06T05:00:00Z')`);
  });

  afterAll(async () => {
    await h?.stop();
  });

  test('only those not yet compliant are told; no escalation once the late school has confirmed', async () => {
    const { rules, ...header } = regulation;
    const due = { dueAt: '2024-09-05T19:00:00.000Z', lastDay: '2024-09-05' };
    const input: OccurrenceInput = {
      regulation: header, rule: rules[0]!,
      period: { id: '2024/2025', start: '2024-09-01', end: '2025-08-31', label: '2024/2025 учебный год' },
      windowOpensAt: '2024-08-24T19:00:00.000Z',
      moments: [
        { at: '2024-08-24T19:00:00.000Z', tier: 0, notice: 'window', step: 0, repeat: 0, ...due },
        { at: '2024-09-02T19:00:00.000Z', tier: 0, notice: 'reminder', step: 0, repeat: 0, ...due }, // 2 working days before: start of 3 Sep local
        { at: '2024-09-05T19:00:00.000Z', tier: 0, notice: 'due', step: 0, repeat: 0, ...due },
        { at: '2024-09-09T19:00:00.000Z', tier: 0, notice: 'escalation', step: 1, repeat: 0, ...due },
      ],
      clockOffsetMs: Date.parse('2024-08-20T00:00:00Z') - (await env.currentTimeMs()),
    };
    const outcome = (await env.client.workflow.execute('occurrenceWorkflow', {
      workflowId: 'test-annual/open-year/2024/2025', taskQueue, args: [input],
    })) as OccurrenceOutcome;

    const mails = listCapturedMail(mailDir).map((m) => ({ to: m.to[0], notice: m.headers['x-reglament-notice'], subject: m.subject }));
    expect(mails.filter((m) => m.notice === 'window').map((m) => m.to).sort()).toEqual([FIXTURE.head, headB].sort());
    expect(mails.filter((m) => m.notice === 'reminder').map((m) => m.to)).toEqual([headB]);
    expect(mails.filter((m) => m.notice === 'due').map((m) => m.to)).toEqual([headB]);
    expect(mails.filter((m) => m.notice === 'escalation')).toEqual([]);
    expect(mails).toHaveLength(4);
    // Notices of an upcoming deadline carry it as a calendar entry; the missed-deadline notice does not.
    const captured = listCapturedMail(mailDir);
    const reminder = captured.find((m) => m.headers['x-reglament-notice'] === 'reminder')!;
    const ics = reminder.attachments.find((a) => a.filename === 'srok.ics')!;
    expect(ics.content).toContain('BEGIN:VEVENT');
    expect(ics.content).toContain('DTSTART:20240905T190000Z');
    expect(ics.content).toContain('UID:test-annual/open-year/2024/2025/0@reglament');
    expect(captured.find((m) => m.headers['x-reglament-notice'] === 'due')!.attachments).toEqual([]);
    expect(mails.find((m) => m.notice === 'due')!.subject).toBe('Срок истёк: Открыть новый учебный год (2024/2025 учебный год) — МБОУ «Тестовая СОШ № 2»');

    expect(outcome.tiers).toEqual([{ tier: 0, subjects: 2, met: 1, metLate: 1, missed: 0, pending: 0, waived: 0 }]);
    const statuses = await db.pool.any(sql.type(z.object({ subject_id: z.string(), status: z.string() }))`
      SELECT subject_id, status FROM obligation_cases WHERE rule_id = 'open-year' ORDER BY subject_id`);
    expect(statuses).toEqual([{ subject_id: FIXTURE.school, status: 'met' }, { subject_id: schoolB, status: 'met_late' }]);
  });

  test('a school whose obligation was waived is judged waived and told nothing; the other is told and escalated', async () => {
    const { rules, ...header } = regulation;
    const due = { dueAt: '2024-09-05T19:00:00.000Z', lastDay: '2024-09-05' };
    const before = listCapturedMail(mailDir).length;
    await db.pool.query(sql.unsafe`INSERT INTO waivers (regulation_id, rule_id, period_id, organisation_id, waived_by, waived_at, reason)
      VALUES ('test-annual', 'open-year', '2024/2025-w', ${schoolB}, 'Начальникова', '2024-09-01T04:00:00Z', 'капитальный ремонт здания')`);
    const input: OccurrenceInput = {
      regulation: header, rule: rules[0]!,
      period: { id: '2024/2025-w', start: '2024-09-01', end: '2025-08-31', label: '2024/2025 учебный год' },
      moments: [
        { at: '2024-09-05T19:00:00.000Z', tier: 0, notice: 'due', step: 0, repeat: 0, ...due },
        { at: '2024-09-09T19:00:00.000Z', tier: 0, notice: 'escalation', step: 1, repeat: 0, ...due },
      ],
      clockOffsetMs: Date.parse('2024-09-02T00:00:00Z') - (await env.currentTimeMs()),
    };
    const outcome = (await env.client.workflow.execute('occurrenceWorkflow', {
      workflowId: 'test-annual/open-year/2024/2025-w', taskQueue, args: [input],
    })) as OccurrenceOutcome;
    expect(outcome.tiers).toEqual([{ tier: 0, subjects: 2, met: 0, metLate: 0, missed: 1, pending: 0, waived: 1 }]);
    const mails = listCapturedMail(mailDir).slice(before).map((m) => [m.to[0], m.headers['x-reglament-notice']]);
    expect(mails).toEqual([[FIXTURE.head, 'due'], [FIXTURE.municipalOperator, 'escalation']]);
    const waived = await db.pool.one(sql.type(z.object({ status: z.string(), closed_at: z.string() }))`
      SELECT status, closed_at FROM obligation_cases WHERE period_id = '2024/2025-w' AND subject_id = ${schoolB}`);
    expect(waived).toEqual({ status: 'waived', closed_at: '2024-09-01T04:00:00.000Z' });
  });

  test('started after its deadline and first escalation (applied mid-period): the deadline notice and the step reached, no stale window or reminder', async () => {
    const { rules, ...header } = regulation;
    const due = { dueAt: '2024-09-05T19:00:00.000Z', lastDay: '2024-09-05' };
    const before = listCapturedMail(mailDir).length;
    const input: OccurrenceInput = {
      regulation: header, rule: rules[0]!,
      // A period nobody confirmed: both schools are missing.
      period: { id: '2024/2025-late', start: '2024-09-01', end: '2025-08-31', label: '2024/2025 учебный год' },
      windowOpensAt: '2024-08-24T19:00:00.000Z',
      moments: [
        { at: '2024-08-24T19:00:00.000Z', tier: 0, notice: 'window', step: 0, repeat: 0, ...due },
        { at: '2024-09-02T19:00:00.000Z', tier: 0, notice: 'reminder', step: 0, repeat: 0, ...due },
        { at: '2024-09-05T19:00:00.000Z', tier: 0, notice: 'due', step: 0, repeat: 0, ...due },
        { at: '2024-09-09T19:00:00.000Z', tier: 0, notice: 'escalation', step: 1, repeat: 0, ...due },
      ],
      clockOffsetMs: Date.parse('2024-09-12T00:00:00Z') - (await env.currentTimeMs()),
    };
    const outcome = (await env.client.workflow.execute('occurrenceWorkflow', {
      workflowId: 'test-annual/open-year/2024/2025-late', taskQueue, args: [input],
    })) as OccurrenceOutcome;
    const mails = listCapturedMail(mailDir).slice(before).map((m) => ({ to: m.to[0], notice: m.headers['x-reglament-notice'] }));
    expect(mails.filter((m) => m.notice === 'due').map((m) => m.to).sort()).toEqual([FIXTURE.head, headB].sort());
    expect(mails.filter((m) => m.notice === 'escalation').map((m) => m.to)).toEqual([FIXTURE.municipalOperator]);
    expect(mails).toHaveLength(3);
    expect(outcome).toMatchObject({ skippedOnStart: 2, tiers: [{ tier: 0, subjects: 2, missed: 2 }] });
    // The audit trail says what the late start left out.
    const skipped = await db.pool.one(sql.type(z.object({ details: z.record(z.string(), z.unknown()) }))`
      SELECT details FROM audit_events WHERE kind = 'moments_skipped' AND details ->> 'periodId' = '2024/2025-late'`);
    expect((skipped.details.moments as { notice: string }[]).map((m) => m.notice)).toEqual(['window', 'reminder']);
    expect(describeAuditRow({ kind: 'moments_skipped', details: skipped.details } as unknown as AuditRow)).toBe(
      'Запущено после наступления сроков: пропущено прошедших моментов 2 (открытие срока — 2024-08-24T19:00:00.000Z; напоминание — 2024-09-02T19:00:00.000Z)');
  });
});
