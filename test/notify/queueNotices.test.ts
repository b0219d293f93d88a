import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'slonik';
import { z } from 'zod';
import { dispatchNotices, type Notice } from '../../src/notify/dispatchNotice.js';
import type { Mailer } from '../../src/notify/mailer.js';
import { recordDueNotifications } from '../../src/notify/notificationStore.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';

let db: TestDatabase;
let caseIds: number[] = [];
let notificationIds: number[] = [];
// Queued notices are never handed to a mail server.
const noMail: Mailer = { send: async () => { throw new Error('a queued notice must not be sent'); }, close: () => {} };

beforeAll(async () => {
  db = await freshDatabase('notify_queue');
  await db.pool.query(sql.unsafe`INSERT INTO municipalities (id, region, name) VALUES ('qm1', 'yanao', 'Район')`);
  await db.pool.query(sql.unsafe`INSERT INTO organisations (id, region, municipality_id, type, name) VALUES ('q-s1', 'yanao', 'qm1', 'ООО', 'Школа 1'), ('q-s2', 'yanao', 'qm1', 'ООО', 'Школа 2')`);
  caseIds = [...await db.pool.anyFirst(sql.type(z.object({ id: z.number() }))`
    INSERT INTO obligation_cases (regulation_id, rule_id, subject_kind, subject_id, organisation_id, municipality_id,
                                  event_date, due_at, last_day, status, detected_at, version_hash)
    SELECT 'reg', 'rule', 'order', g::text, CASE WHEN g <= 2 THEN 'q-s1' ELSE 'q-s2' END, 'qm1',
           '2024-09-02', '2024-09-05T19:00:00Z', '2024-09-05', 'open', '2024-09-06T00:00:00Z', 'v1'
    FROM generate_series(1, 3) g ORDER BY g RETURNING id`)];
  await recordDueNotifications(db.pool, [
    { caseId: caseIds[0]!, step: 0, role: 'organisation_head', email: 'head1@example.org' },
    { caseId: caseIds[1]!, step: 0, role: 'organisation_head', email: 'head1@example.org' },
    { caseId: caseIds[2]!, step: 1, role: 'municipal_operator', email: 'mo@example.org' },
  ]);
  notificationIds = [...await db.pool.anyFirst(sql.type(z.object({ id: z.number() }))`SELECT id FROM notifications ORDER BY case_id`)];
});
afterAll(async () => {
  await db?.close();
});

const notice = (to: string, subject: string, ids: number[], cases: number[], kind: string): Notice => ({
  region: 'yanao', at: '2024-09-06T00:00:00.000Z', mail: { to, subject, text: `${subject}: текст`, html: `<p>${subject}</p>` }, notificationIds: ids,
  audit: cases.map((caseId) => ({ actor: 'reglament', kind, regulationId: 'reg', ruleId: 'rule', caseId, organisationId: 'q-s1', details: { recipient: to, subject } })),
});

describe('queueing notices for the daily digest', () => {
  it('stores each notice as a part its notifications and queued records name, in one go', async () => {
    const outcomes = await dispatchNotices({ pool: db.pool, mailer: noMail, clock: () => new Date(), digest: { mode: 'daily', hour: 9 } }, [
      notice('head1@example.org', 'Срок истёк (2)', notificationIds.slice(0, 2), caseIds.slice(0, 2), 'notification_sent'),
      notice('mo@example.org', 'Эскалация', notificationIds.slice(2), caseIds.slice(2), 'escalation_sent'),
    ]);
    expect(outcomes).toEqual(['queued', 'queued']);

    const parts = await db.pool.any(sql.type(z.object({ id: z.number(), recipient_email: z.string(), subject: z.string(), status: z.string(), audit: z.array(z.unknown()) }))`
      SELECT id, recipient_email, subject, status, audit FROM outbox_parts ORDER BY id`);
    expect(parts.map((p) => [p.recipient_email, p.subject, p.status, p.audit.length])).toEqual([
      ['head1@example.org', 'Срок истёк (2)', 'queued', 2], ['mo@example.org', 'Эскалация', 'queued', 1],
    ]);
    const notifications = await db.pool.any(sql.type(z.object({ case_id: z.number(), status: z.string(), part_id: z.number().nullable() }))`
      SELECT case_id, status, part_id FROM notifications ORDER BY case_id`);
    expect(notifications).toEqual([
      { case_id: caseIds[0], status: 'queued', part_id: parts[0]!.id },
      { case_id: caseIds[1], status: 'queued', part_id: parts[0]!.id },
      { case_id: caseIds[2], status: 'queued', part_id: parts[1]!.id },
    ]);
    const records = await db.pool.any(sql.type(z.object({ kind: z.string(), case_id: z.number(), part: z.number(), sent_as: z.string(), subject: z.string() }))`
      SELECT kind, case_id, (details->>'partId')::bigint AS part, details->>'sentAs' AS sent_as, details->>'subject' AS subject
      FROM audit_events ORDER BY id`);
    expect(records).toEqual([
      { kind: 'notification_queued', case_id: caseIds[0], part: parts[0]!.id, sent_as: 'notification_sent', subject: 'Срок истёк (2)' },
      { kind: 'notification_queued', case_id: caseIds[1], part: parts[0]!.id, sent_as: 'notification_sent', subject: 'Срок истёк (2)' },
      { kind: 'notification_queued', case_id: caseIds[2], part: parts[1]!.id, sent_as: 'escalation_sent', subject: 'Эскалация' },
    ]);
  });

  it('queues nothing twice: notifications no longer pending keep their part', async () => {
    const before = await db.pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM notifications WHERE status = 'queued'`);
    await dispatchNotices({ pool: db.pool, mailer: noMail, clock: () => new Date(), digest: { mode: 'daily', hour: 9 } }, [
      notice('head1@example.org', 'Повтор', notificationIds.slice(0, 1), caseIds.slice(0, 1), 'notification_sent'),
    ]);
    const kept = await db.pool.oneFirst(sql.type(z.object({ subject: z.string() }))`
      SELECT p.subject FROM notifications n JOIN outbox_parts p ON p.id = n.part_id WHERE n.id = ${notificationIds[0]!}`);
    expect(kept).toBe('Срок истёк (2)');
    expect(await db.pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM notifications WHERE status = 'queued'`)).toBe(before);
  });
});
