import { sql, type DatabasePool, type SerializableValue } from 'slonik';
import { z } from 'zod';
import { appendAudit, type AuditEntry } from '../audit/appendAudit.js';
import type { Mailer, OutgoingMail } from './mailer.js';
import { markSent } from './notificationStore.js';

/**
 * How notices reach people: each one at once (`immediate`), or gathered into one digest per
 * recipient per day sent at `hour` local time (`daily`), so that a head of school with twelve
 * overdue cards under five rules gets one e-mail, not sixty.
 */
export type DigestMode = { mode: 'immediate' } | { mode: 'daily'; hour: number };

/** The digest mode from `REGLAMENT_DIGEST` (`immediate` or `daily`) and `REGLAMENT_DIGEST_HOUR` (default 9). */
export function digestModeFromEnv(env: NodeJS.ProcessEnv = process.env): DigestMode {
  if ((env.REGLAMENT_DIGEST ?? 'daily') === 'immediate') return { mode: 'immediate' };
  const hour = Number(env.REGLAMENT_DIGEST_HOUR ?? 9);
  return { mode: 'daily', hour: Number.isInteger(hour) && hour >= 0 && hour <= 23 ? hour : 9 };
}

/** A rendered notice for one recipient, carrying the pending notifications it settles. */
export interface Notice {
  region: string;
  /** The moment the notice is about (the step's or sweep's `asOf`): a queued notice belongs to that day's digest. */
  at: string;
  mail: OutgoingMail;
  notificationIds: number[];
  /** Audit records to append once it is sent; the message id is added to their details. */
  audit: AuditEntry[];
}

/** What a dispatcher needs. */
export interface DispatchDeps {
  pool: DatabasePool;
  mailer: Mailer;
  clock: () => Date;
  digest?: DigestMode;
}

/**
 * Sends a notice now (`immediate`, the default) or queues it for the recipient's daily digest. Sent:
 * the notifications are marked sent with the message id and the audit records appended, in one
 * transaction. Queued: the rendered notice is stored as an outbox part, its notifications point at
 * it and leave the pending state (so a retry does not render them again), and a
 * `notification_queued` record says so. Rejects when the mail server refuses (nothing is marked).
 */
export async function dispatchNotice(deps: DispatchDeps, notice: Notice): Promise<'sent' | 'queued'> {
  if ((deps.digest?.mode ?? 'immediate') === 'immediate') {
    const messageId = await deps.mailer.send(notice.mail);
    const sentAt = deps.clock().toISOString();
    await deps.pool.transaction(async (tx) => {
      await markSent(tx, notice.notificationIds, messageId, sentAt);
      await appendAudit(tx, notice.audit.map((a) => ({ ...a, details: { ...a.details, messageId } })));
    });
    return 'sent';
  }
  const queuedAt = notice.at;
  await deps.pool.transaction(async (tx) => {
    const partId = await tx.oneFirst(sql.type(z.object({ id: z.number() }))`
      INSERT INTO outbox_parts (region, recipient_email, subject, text_body, html_body, attachments, headers, audit, queued_at)
      VALUES (${notice.region}, ${notice.mail.to}, ${notice.mail.subject}, ${notice.mail.text}, ${notice.mail.html},
              ${sql.jsonb((notice.mail.attachments ?? []) as unknown as SerializableValue)}, ${sql.jsonb((notice.mail.headers ?? {}) as SerializableValue)},
              ${sql.jsonb(JSON.parse(JSON.stringify(notice.audit)) as SerializableValue)}, ${queuedAt}::timestamptz)
      RETURNING id`);
    await tx.query(sql.unsafe`
      UPDATE notifications SET status = 'queued', part_id = ${partId}
      WHERE id = ANY(${sql.array(notice.notificationIds, 'int8')}) AND status = 'pending'`);
    await appendAudit(tx, notice.audit.map((a) => ({
      ...a, kind: 'notification_queued', details: { ...a.details, sentAs: a.kind, partId },
    })));
  });
  return 'queued';
}
