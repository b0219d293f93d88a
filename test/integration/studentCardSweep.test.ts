import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { join } from 'node:path';
import { sql } from 'slonik';
import { z } from 'zod';
import type { SweepResult } from '../../activities/sweepEventRule.js';
import { listCapturedMail } from '../../src/infra/mailStore.js';
import { auditTimeline } from '../../src/audit/auditTimeline.js';
import { describeAuditRow } from '../../src/audit/describeAuditRow.js';
import { projectRoot } from '../../src/paths.js';
import { calendarCatalog } from '../../src/regulation/calendarCatalog.js';
import { loadRegulations } from '../../src/regulation/loadRegulations.js';
import type { CompiledRegulation } from '../../src/regulation/model.js';
import type { EventSweepInput } from '../../workflows/eventSweep.js';
import { type TestDatabase } from '../support/database.js';
import { allFilledAt, filledExcept, FIXTURE, insertEnrollment } from '../support/fixtures.js';
import { startWorkflowHarness, type WorkflowHarness } from '../support/workflowHarness.js';

// The slice rule, end to end on real parts: the YAML file, PostgreSQL, the Temporal test server
// (time-skipping) running the real workflow and activities, and the loopback SMTP capture.
describe('student cards within 3 working days of the enrollment order (ЯНАО № 216, п. 1.4.3)', () => {
  let h: WorkflowHarness;
  let db: TestDatabase;
  let env: TestWorkflowEnvironment;
  let mailDir: string;
  let regulation: CompiledRegulation;
  const taskQueue = 'test-student-cards';

  beforeAll(async () => {
    const loaded = loadRegulations([join(projectRoot(), 'regulations', 'yanao-2018-216.yaml')], { calendars: calendarCatalog() });
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
    regulation = loaded.regulations[0]!;
    h = await startWorkflowHarness('cards', taskQueue);
    ({ db, env, mailDir } = h);
  });

  afterAll(async () => {
    await h?.stop();
  });

  /** Runs the sweep workflow whose clock reads `at` (UTC) at its start, for `sweeps` sweeps `intervalMs` apart. */
  async function sweepAt(at: string, sweeps = 1, intervalMs = 60_000): Promise<SweepResult> {
    const offset = Date.parse(at) - (await env.currentTimeMs());
    const { rules, ...header } = regulation;
    const input: EventSweepInput = { regulation: header, rule: rules[0]!, intervalMs, clockOffsetMs: offset, backfillDays: 30, maxSweeps: sweeps };
    const result = await env.client.workflow.execute('eventSweepWorkflow', {
      workflowId: `${regulation.id}/${rules[0]!.id}/test-${at}-${sweeps}`, taskQueue, args: [input],
    });
    return result as SweepResult;
  }

  test('an order of Friday 26 April 2024 is not reported before the end of 3 May local time, and is reported after it', async () => {
    // Saturday 27 April 2024 was a working day; 29 April – 1 May were days off. Asia/Yekaterinburg is UTC+5.
    await insertEnrollment(db.pool, { number: '45-з', orderDate: '2024-04-26', lastName: 'Просроченный', filledAt: filledExcept('2024-04-27T06:00:00Z', 'health_group', 'personal_file_no') });
    await insertEnrollment(db.pool, { number: '46-з', orderDate: '2024-04-26', lastName: 'Своевременный', filledAt: allFilledAt('2024-05-03T18:30:00Z') });

    const before = await sweepAt('2024-05-03T18:58:00Z'); // 23:58 local on the last day
    expect(before).toMatchObject({ opened: 0, mailsSent: 0 });
    expect(listCapturedMail(mailDir)).toHaveLength(0);

    const after = await sweepAt('2024-05-03T19:01:00Z'); // 00:01 local on 4 May
    expect(after).toMatchObject({ met: 1, opened: 1, mailsSent: 1, notificationsSent: 1 });
    const mails = listCapturedMail(mailDir);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.to).toEqual([FIXTURE.head]);
    expect(mail.subject).toBe(`Срок истёк (1): ${regulation.rules[0]!.title} — МБОУ «Тестовая СОШ № 1»`);
    expect(mail.text).toContain('Приказ о зачислении № 45-з от 26.04.2024 — Просроченный Иван');
    expect(mail.text).toContain('Просроченный');
    expect(mail.text).toContain('03.05.2024 24:00 (Asia/Yekaterinburg, UTC+5)');
    expect(mail.text).toContain('п. 1.4.3');
    expect(mail.text).toContain('Не хватает: номер личного дела, группа здоровья');
    // The card completed in time produces nothing.
    expect(mail.text).not.toContain('46-з');
    expect(mail.headers['x-reglament-rule']).toBe('student-card-3wd');
  });

  test('a repeated sweep does not send the same e-mail twice', async () => {
    const again = await sweepAt('2024-05-03T20:00:00Z', 3, 10 * 60_000);
    expect(again).toMatchObject({ opened: 0, notificationsRecorded: 0, mailsSent: 0 });
    expect(listCapturedMail(mailDir)).toHaveLength(1);
  });

  test('escalates to the municipal operator two working days after the deadline, with counts only', async () => {
    // 2 working days after Friday 3 May: Monday 6 and Tuesday 7 May → end of 7 May local (19:00 UTC).
    const notYet = await sweepAt('2024-05-07T18:55:00Z');
    expect(notYet.mailsSent).toBe(0);
    // Hourly sweeps over the next day: the time-skipping server jumps over the timers.
    const escalated = await sweepAt('2024-05-07T18:30:00Z', 4, 3600_000);
    expect(escalated.open).toBe(1);
    const mails = listCapturedMail(mailDir);
    expect(mails).toHaveLength(2);
    const mo = mails[1]!;
    expect(mo.to).toEqual([FIXTURE.municipalOperator]);
    expect(mo.subject).toContain('Эскалация');
    expect(mo.text).toContain('МБОУ «Тестовая СОШ № 1»: 1');
    expect(mo.text).not.toContain('Просроченный'); // no personal data above the organisation

    const audit = await db.pool.any(sql.type(z.object({ kind: z.string(), as_of: z.string().nullable() }))`
      SELECT kind, details ->> 'asOf' AS as_of FROM audit_events WHERE kind IN ('notification_sent', 'escalation_sent') ORDER BY id`);
    expect(audit.map((a) => a.kind)).toEqual(['notification_sent', 'escalation_sent']);
    // The escalation went out on the first sweep after the end of 7 May local time, not before.
    expect(Date.parse(audit[1]!.as_of!)).toBeGreaterThan(Date.parse('2024-05-07T19:00:00Z'));
    expect(Date.parse(audit[1]!.as_of!)).toBeLessThan(Date.parse('2024-05-07T20:31:00Z'));
  });

  test('the audit trail answers why the school was escalated: deadline with its calendar, notice, escalation', async () => {
    const rows = await auditTimeline(db.pool, { rule: 'student-card-3wd', org: FIXTURE.school });
    const kinds = rows.map((r) => r.kind);
    expect(kinds).toEqual(['case_opened', 'notification_sent', 'escalation_sent']);
    const opened = rows[0]!;
    expect(opened.details).toMatchObject({ eventDate: '2024-04-26', lastDay: '2024-05-03', term: '3 рабочих дня' });
    const explanation = describeAuditRow(opened);
    expect(explanation).toContain('2024-05-03');
    expect(explanation).toMatch(/27\.04\.2024|2024-04-27/); // the working Saturday is part of the explanation
    expect(rows.every((r) => r.version_hash === regulation.versionHash && r.workflow_id?.startsWith('yanao-2018-216/student-card-3wd/'))).toBe(true);
    expect(describeAuditRow(rows[2]!)).toContain(FIXTURE.municipalOperator);
  });

  test('the calendar explanation is stored once per deadline, and the case record names it', async () => {
    const stored = await db.pool.any(sql.type(z.object({ id: z.number(), kind: z.string(), details: z.record(z.unknown()) }))`
      SELECT id, kind, details FROM audit_events WHERE kind IN ('deadline_computed', 'case_opened') ORDER BY id`);
    expect(stored.map((r) => r.kind)).toEqual(['deadline_computed', 'case_opened']);
    const [deadline, opened] = stored as [typeof stored[number], typeof stored[number]];
    expect(deadline.details).toMatchObject({ eventDate: '2024-04-26', lastDay: '2024-05-03', term: '3 рабочих дня' });
    expect(Array.isArray(deadline.details.explain)).toBe(true);
    expect(opened.details.explain).toBeUndefined();
    expect(opened.details.deadlineRecord).toBe(deadline.id);
    // The rule's own timeline shows the calculation as a record of its own.
    const rows = await auditTimeline(db.pool, { rule: 'student-card-3wd' });
    const computed = rows.find((r) => r.kind === 'deadline_computed')!;
    expect(describeAuditRow(computed)).toMatch(/^Расчёт срока для событий 2024-04-26: срок «3 рабочих дня» → последний день 2024-05-03.*27\.04\.2024/);
  });

  test('a card completed late closes its case as met late and stops escalation', async () => {
    await db.pool.query(sql.unsafe`UPDATE students SET health_group = 'I', personal_file_no = 'ЛД-45', updated_at = '2024-05-08T05:00:00Z' WHERE last_name = 'Просроченный'`);
    const result = await sweepAt('2024-05-08T06:00:00Z');
    expect(result).toMatchObject({ closedLate: 1, open: 0, mailsSent: 0 });
    const status = await db.pool.oneFirst(sql.type(z.object({ status: z.string() }))`SELECT status FROM obligation_cases`);
    expect(status).toBe('met_late');
  });

  test('with no case open, none opened and nothing pending, a sweep records itself and nothing else', async () => {
    const before = await db.pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT max(id)::int AS n FROM audit_events`);
    const result = await sweepAt('2024-05-09T06:00:00Z');
    expect(result).toMatchObject({ opened: 0, open: 0, escalated: 0, notificationsRecorded: 0, mailsSent: 0 });
    const written = await db.pool.any(sql.type(z.object({ kind: z.string(), as_of: z.string().nullable() }))`
      SELECT kind, details ->> 'asOf' AS as_of FROM audit_events WHERE id > ${before} ORDER BY id`);
    expect(written.map((r) => r.kind)).toEqual(['sweep']);
    // The workflow's clock starts at the given moment and has moved on by a few milliseconds.
    expect(Math.abs(Date.parse(written[0]!.as_of!) - Date.parse('2024-05-09T06:00:00Z'))).toBeLessThan(60_000);
  });

  test('a notice left pending for a case closed since is cancelled by the next sweep, not left behind', async () => {
    // As a send cut short would leave it: recorded, never sent, and the case completed meanwhile.
    await db.pool.query(sql.unsafe`
      INSERT INTO notifications (case_id, notice, step, repeat, role, recipient_email, status)
      SELECT id, 'escalation', 1, 1, 'municipal_operator', ${FIXTURE.municipalOperator}, 'pending' FROM obligation_cases`);
    const result = await sweepAt('2024-05-10T06:00:00Z');
    expect(result).toMatchObject({ opened: 0, open: 0, mailsSent: 0 });
    const statuses = await db.pool.anyFirst(sql.type(z.object({ status: z.string() }))`
      SELECT status FROM notifications WHERE repeat = 1 AND step = 1`);
    expect(statuses).toEqual(['cancelled']);
    expect(listCapturedMail(mailDir)).toHaveLength(2);
  });
});
