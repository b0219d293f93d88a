import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { join } from 'node:path';
import { sql } from 'slonik';
import { z } from 'zod';
import type { SweepResult } from '../../activities/sweepEventRule.js';
import { listCapturedMail } from '../../src/infra/mailStore.js';
import { createMailer } from '../../src/notify/mailer.js';
import { sendDigests } from '../../src/notify/sendDigests.js';
import { projectRoot } from '../../src/paths.js';
import { calendarCatalog } from '../../src/regulation/calendarCatalog.js';
import { loadRegulations } from '../../src/regulation/loadRegulations.js';
import type { CompiledRegulation } from '../../src/regulation/model.js';
import type { DigestInput } from '../../workflows/digest.js';
import type { EventSweepInput } from '../../workflows/eventSweep.js';
import { filledExcept, FIXTURE, insertEnrollment } from '../support/fixtures.js';
import { startWorkflowHarness, type WorkflowHarness } from '../support/workflowHarness.js';

const REGIONAL_OPERATOR = 'ro@region.test';
const ZONE = 'Asia/Yekaterinburg';

// Daily digests and ladder repeats on real parts: the ЯНАО student-card rule swept on the
// time-skipping server in daily-digest mode, PostgreSQL, and the loopback SMTP capture.
describe('daily digests and repeats of the last ladder step (ЯНАО № 216, п. 1.4.3, ladder «organisation»)', () => {
  let h: WorkflowHarness;
  let env: TestWorkflowEnvironment;
  let regulation: CompiledRegulation;
  const taskQueue = 'test-digests';

  beforeAll(async () => {
    const loaded = loadRegulations([join(projectRoot(), 'regulations', 'yanao-2018-216.yaml')], { calendars: calendarCatalog() });
    regulation = loaded.regulations[0]!;
    h = await startWorkflowHarness('digests', taskQueue, { digest: { mode: 'daily', hour: 9 } });
    env = h.env;
    await h.db.pool.query(sql.unsafe`INSERT INTO responsible_people (full_name, email, role, region)
      VALUES ('Регионов Олег Петрович', ${REGIONAL_OPERATOR}, 'regional_operator', ${FIXTURE.region})`);
    // Order of Mon 2 Sep 2024: 3 working days → due at the end of Thu 5 Sep (19:00Z). Never completed.
    await insertEnrollment(h.db.pool, { number: '7-з', orderDate: '2024-09-02', lastName: 'Незаполненный', filledAt: filledExcept('2024-09-02T06:00:00Z', 'health_group') });
    await insertEnrollment(h.db.pool, { number: '8-з', orderDate: '2024-09-02', lastName: 'Второй', filledAt: filledExcept('2024-09-02T06:00:00Z', 'home_phone') });
  });

  afterAll(async () => {
    await h?.stop();
  });

  /** Sweeps the rule daily at local midnight from `from` (local date) for `days` days. */
  async function sweepDaily(from: string, days: number): Promise<SweepResult> {
    const offset = Date.parse(`${from}T00:00:00+05:00`) - (await env.currentTimeMs());
    const { rules, ...header } = regulation;
    const input: EventSweepInput = { regulation: header, rule: rules[0]!, intervalMs: 24 * 3600_000, clockOffsetMs: offset, backfillDays: 30, maxSweeps: days };
    return (await env.client.workflow.execute('eventSweepWorkflow', { workflowId: `digest-test/${from}/${days}`, taskQueue, args: [input] })) as SweepResult;
  }

  const notices = () => h.db.pool.any(sql.type(z.object({ step: z.number(), repeat: z.number(), recipient_email: z.string(), status: z.string(), n: z.number() }))`
    SELECT step, repeat, recipient_email, status, count(*)::int AS n FROM notifications GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`);

  test('notices are queued, not sent, until the digest: one e-mail per recipient per day carrying every notice', async () => {
    const r = await sweepDaily('2024-09-06', 1); // 00:00 local on Fri 6 Sep: both cards overdue
    expect(r).toMatchObject({ opened: 2, mailsSent: 0, queued: 1 });
    expect(listCapturedMail(h.mailDir)).toHaveLength(0);
    expect(await notices()).toEqual([{ step: 0, repeat: 0, recipient_email: FIXTURE.head, status: 'queued', n: 2 }]);

    // The digest of Fri 6 Sep at 09:00 local: one e-mail to the head with both overdue cards (names: the organisation's own head).
    const digest: DigestInput = { region: FIXTURE.region, zone: ZONE, hour: 9, clockOffsetMs: Date.parse('2024-09-06T03:00:00Z') - (await env.currentTimeMs()), until: '2024-09-06T12:00:00Z' };
    expect(await env.client.workflow.execute('digestWorkflow', { workflowId: 'digest/test-1', taskQueue, args: [digest] })).toBe(1);
    const mails = listCapturedMail(h.mailDir);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual([FIXTURE.head]);
    expect(mails[0]!.subject).toContain('Срок истёк (2)');
    expect(mails[0]!.headers['x-reglament-digest']).toBe('06.09.2024');
    expect(mails[0]!.text).toContain('Незаполненный');
    expect(await notices()).toEqual([{ step: 0, repeat: 0, recipient_email: FIXTURE.head, status: 'sent', n: 2 }]);
    const audited = await h.db.pool.oneFirst(sql.type(z.object({ n: z.number() }))`
      SELECT count(*)::int AS n FROM audit_events WHERE kind = 'notification_sent' AND details->>'messageId' IS NOT NULL AND details->>'digest' = '06.09.2024'`);
    expect(audited).toBe(2);
  });

  test('the ladder climbs and its last step repeats every 5 working days, each repeat recorded and sent once', async () => {
    // Deadline Thu 5 Sep. МО after 2 working days: end of Mon 9 Sep. РО after 5 working days: end
    // of Thu 12 Sep. Repeats every 5 working days from there: Thu 19 Sep, Thu 26 Sep, Thu 3 Oct.
    await sweepDaily('2024-09-07', 28); // daily through 4 Oct
    expect((await notices()).filter((n) => n.status === 'queued')).toEqual([
      { step: 1, repeat: 0, recipient_email: FIXTURE.municipalOperator, status: 'queued', n: 2 },
      { step: 2, repeat: 0, recipient_email: REGIONAL_OPERATOR, status: 'queued', n: 2 },
      { step: 2, repeat: 1, recipient_email: REGIONAL_OPERATOR, status: 'queued', n: 2 },
      { step: 2, repeat: 2, recipient_email: REGIONAL_OPERATOR, status: 'queued', n: 2 },
      { step: 2, repeat: 3, recipient_email: REGIONAL_OPERATOR, status: 'queued', n: 2 },
    ]);
    const queuedDays = await h.db.pool.any(sql.type(z.object({ repeat: z.number(), day: z.string() }))`
      SELECT n.repeat, to_char(p.queued_at AT TIME ZONE ${ZONE}, 'YYYY-MM-DD') AS day
      FROM notifications n JOIN outbox_parts p ON p.id = n.part_id
      WHERE n.step = 2 GROUP BY 1, 2 ORDER BY 1`);
    // Each is found by the first sweep after it falls due: 00:00 local the next day.
    expect(queuedDays).toEqual([
      { repeat: 0, day: '2024-09-13' }, { repeat: 1, day: '2024-09-20' }, { repeat: 2, day: '2024-09-27' }, { repeat: 3, day: '2024-10-04' },
    ]);
    // Sweeping the same days again records nothing new.
    await sweepDaily('2024-09-20', 3);
    expect((await notices()).reduce((a, n) => a + n.n, 0)).toBe(12);
  });

  test('a digest that cannot be sent stays queued and goes out exactly once when the server is back', async () => {
    const down = createMailer('smtp://127.0.0.1:9');
    const deps = { pool: h.db.pool, mailer: down, clock: () => new Date('2024-10-04T04:00:00Z') };
    await expect(sendDigests(deps, { region: FIXTURE.region, zone: ZONE, asOf: '2024-10-04T04:00:00Z' })).rejects.toThrow(/stay queued/);
    down.close();
    expect((await notices()).filter((n) => n.status === 'queued').length).toBe(5);
    const failed = await h.db.pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM outbox_parts WHERE status = 'queued' AND attempts = 1 AND last_error IS NOT NULL`);
    expect(failed).toBeGreaterThan(0);

    const before = listCapturedMail(h.mailDir).length;
    const up = createMailer(h.smtpUrl);
    const sent = await sendDigests({ ...deps, mailer: up }, { region: FIXTURE.region, zone: ZONE, asOf: '2024-10-04T04:00:00Z' });
    up.close();
    // Two recipients (МО, РО): one digest each, the РО's carrying its step and three repeats.
    expect(sent).toMatchObject({ recipients: 2, mailsSent: 2, parts: 5, failedRecipients: 0 });
    const mails = listCapturedMail(h.mailDir).slice(before);
    expect(mails.map((m) => m.to[0]).sort()).toEqual([FIXTURE.municipalOperator, REGIONAL_OPERATOR]);
    const ro = mails.find((m) => m.to[0] === REGIONAL_OPERATOR)!;
    expect(ro.subject).toBe('Reglament: сводка уведомлений за 04.10.2024 — 4');
    expect(ro.text).toContain('повторно');
    // Counts only for the operators: the students' names stay with the organisation's head.
    expect(ro.text).not.toContain('Незаполненный');
    expect((await notices()).every((n) => n.status === 'sent')).toBe(true);
    const again = await sendDigests({ ...deps, mailer: createMailer('smtp://127.0.0.1:9') }, { region: FIXTURE.region, zone: ZONE, asOf: '2024-10-05T04:00:00Z' });
    expect(again).toMatchObject({ recipients: 0, mailsSent: 0 });
  });
});

