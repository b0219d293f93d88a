import { DateTime } from 'luxon';
import { sql } from 'slonik';
import { z } from 'zod';
import { appendAudit, type AuditEntry } from '../audit/appendAudit.js';
import { formatRu } from '../time/isoDate.js';
import type { DispatchDeps } from './dispatchNotice.js';
import { renderDigest } from './renderDigest.js';

/** What one digest run did. */
export interface DigestResult {
  asOf: string;
  recipients: number;
  parts: number;
  mailsSent: number;
  cancelledParts: number;
  failedRecipients: number;
}

/** Recipients whose digests are sent side by side. */
const DIGESTS_AT_ONCE = 4;

const partRow = z.object({
  id: z.number(), subject: z.string(), text_body: z.string(), html_body: z.string(),
  attachments: z.array(z.object({ filename: z.string(), content: z.string(), contentType: z.string() })),
  headers: z.record(z.string()), audit: z.array(z.record(z.unknown())), still_open: z.boolean(),
});

/**
 * Sends the daily digests of one region at `asOf`: for each recipient with notices queued by then,
 * one e-mail carrying all of them (`renderDigest`). A notice whose cases were all fulfilled or
 * waived since it was queued is cancelled instead of sent. Sent parts, their notifications (with the
 * digest's message id) and their audit records are written in one transaction per recipient. A
 * recipient whose mail fails keeps everything queued; the call then throws after trying the others,
 * so the caller's retry sends exactly what is left.
 */
export async function sendDigests(deps: DispatchDeps, input: { region: string; zone: string; asOf: string }): Promise<DigestResult> {
  const recipients = await deps.pool.anyFirst(sql.type(z.object({ recipient_email: z.string() }))`
    SELECT DISTINCT recipient_email FROM outbox_parts
    WHERE status = 'queued' AND region = ${input.region} AND queued_at <= ${input.asOf}::timestamptz
    ORDER BY recipient_email`);
  const dayRu = formatRu(DateTime.fromISO(input.asOf, { zone: input.zone }).toISODate()!);
  const result: DigestResult = { asOf: input.asOf, recipients: recipients.length, parts: 0, mailsSent: 0, cancelledParts: 0, failedRecipients: 0 };
  const failures: string[] = [];
  const deliverTo = async (to: string): Promise<void> => {
    const rows = await deps.pool.any(sql.type(partRow)`
      SELECT p.id, p.subject, p.text_body, p.html_body, p.attachments, p.headers, p.audit,
             coalesce(bool_or(c.status NOT IN ('met', 'met_late', 'waived')), true) AS still_open
      FROM outbox_parts p
      LEFT JOIN notifications n ON n.part_id = p.id
      LEFT JOIN obligation_cases c ON c.id = n.case_id
      WHERE p.status = 'queued' AND p.region = ${input.region} AND p.recipient_email = ${to} AND p.queued_at <= ${input.asOf}::timestamptz
      GROUP BY p.id ORDER BY p.id`);
    const done = rows.filter((r) => !r.still_open).map((r) => r.id);
    if (done.length) {
      // Fulfilled before the digest went out: nothing to say any more.
      await deps.pool.transaction(async (tx) => {
        await tx.query(sql.unsafe`UPDATE outbox_parts SET status = 'cancelled' WHERE id = ANY(${sql.array(done, 'int8')})`);
        await tx.query(sql.unsafe`UPDATE notifications SET status = 'cancelled' WHERE part_id = ANY(${sql.array(done, 'int8')}) AND status = 'queued'`);
      });
      result.cancelledParts += done.length;
    }
    const parts = rows.filter((r) => r.still_open);
    if (parts.length === 0) return;
    const ids = parts.map((p) => p.id);
    const mail = renderDigest(to, dayRu, parts.map((p) => ({ id: p.id, subject: p.subject, text: p.text_body, html: p.html_body, attachments: p.attachments, headers: p.headers })));
    try {
      const messageId = await deps.mailer.send(mail);
      const sentAt = deps.clock().toISOString();
      await deps.pool.transaction(async (tx) => {
        await tx.query(sql.unsafe`
          UPDATE outbox_parts SET status = 'sent', message_id = ${messageId}, sent_at = ${sentAt}::timestamptz, attempts = attempts + 1
          WHERE id = ANY(${sql.array(ids, 'int8')})`);
        await tx.query(sql.unsafe`
          UPDATE notifications SET status = 'sent', message_id = ${messageId}, sent_at = ${sentAt}::timestamptz, attempts = attempts + 1
          WHERE part_id = ANY(${sql.array(ids, 'int8')}) AND status = 'queued'`);
        await appendAudit(tx, parts.flatMap((p) => (p.audit as unknown as AuditEntry[]).map((a) => ({
          ...a, at: sentAt, details: { ...a.details, messageId, digest: dayRu, digestParts: parts.length, subject: mail.subject },
        }))));
      });
      result.mailsSent++;
      result.parts += parts.length;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      failures.push(message);
      result.failedRecipients++;
      await deps.pool.query(sql.unsafe`
        UPDATE outbox_parts SET attempts = attempts + 1, last_error = ${message.slice(0, 1000)} WHERE id = ANY(${sql.array(ids, 'int8')})`);
      await appendAudit(deps.pool, [{ actor: 'reglament', kind: 'notification_failed', at: deps.clock().toISOString(), details: { digest: dayRu, recipient: to, parts: ids.length, error: message } }]);
    }
  };
  // A few recipients at a time: each digest is its own transaction and message.
  for (let i = 0; i < recipients.length; i += DIGESTS_AT_ONCE) await Promise.all(recipients.slice(i, i + DIGESTS_AT_ONCE).map(deliverTo));
  if (failures.length) throw new Error(`${failures.length} digest(s) could not be sent; they stay queued: ${failures[0]}`);
  return result;
}
