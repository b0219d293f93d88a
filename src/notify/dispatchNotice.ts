import { sql, type DatabasePool } from 'slonik';
import { appendAudit, AUDIT_COLUMNS, AUDIT_ENTRY_RECORD, type AuditEntry } from '../audit/appendAudit.js';
import { jsonValue } from '../db/jsonValue.js';
import type { Mailer, OutgoingMail } from './mailer.js';
import { markFailed, markSent } from './notificationStore.js';

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
  const [outcome] = await dispatchNotices(deps, [notice]);
  if (outcome instanceof Error) throw outcome;
  return outcome!;
}

/**
 * `dispatchNotice` for many notices, each outcome in order: `sent`, `queued`, or the mail server's
 * error (that notice is left pending). Sent mail is marked one notice at a time, right after its
 * SMTP hand-over, so a crash can repeat at most one message. Queued notices are stored together
 * in one transaction (a sweep queues hundreds, one per organisation): all or none of them.
 */
export async function dispatchNotices(deps: DispatchDeps, notices: readonly Notice[]): Promise<('sent' | 'queued' | Error)[]> {
  if (notices.length === 0) return [];
  if ((deps.digest?.mode ?? 'immediate') === 'immediate') {
    const outcomes: ('sent' | Error)[] = [];
    for (const notice of notices) {
      try {
        const messageId = await deps.mailer.send(notice.mail);
        const sentAt = deps.clock().toISOString();
        await deps.pool.transaction(async (tx) => {
          await markSent(tx, notice.notificationIds, messageId, sentAt);
          await appendAudit(tx, notice.audit.map((a) => ({ ...a, details: { ...a.details, messageId } })));
        });
        outcomes.push('sent');
      } catch (err) {
        outcomes.push(err instanceof Error ? err : new Error(String(err)));
      }
    }
    return outcomes;
  }
  // One statement, so all parts or none: each part takes its id as it is read, and its
  // notifications and audit records name it.
  await deps.pool.query(sql.unsafe`
    WITH input AS MATERIALIZED (
      SELECT x.*, nextval(pg_get_serial_sequence('outbox_parts', 'id')) AS id
      FROM jsonb_to_recordset(${jsonValue(notices.map((n, i) => ({
        ord: i, region: n.region, recipient_email: n.mail.to, subject: n.mail.subject, text_body: n.mail.text, html_body: n.mail.html,
        attachments: n.mail.attachments ?? [], headers: n.mail.headers ?? {}, audit: n.audit, queued_at: n.at, notification_ids: n.notificationIds,
      })))}) AS x(ord int, region text, recipient_email text, subject text, text_body text, html_body text, attachments jsonb, headers jsonb,
                  audit jsonb, queued_at timestamptz, notification_ids bigint[])
      ORDER BY x.ord
    ),
    parts AS (
      INSERT INTO outbox_parts (id, region, recipient_email, subject, text_body, html_body, attachments, headers, audit, queued_at)
      SELECT id, region, recipient_email, subject, text_body, html_body, attachments, headers, audit, queued_at FROM input
    ),
    queued AS (
      UPDATE notifications n SET status = 'queued', part_id = i.id
      FROM input i, unnest(i.notification_ids) AS u(id)
      WHERE n.id = u.id AND n.status = 'pending'
    )
    INSERT INTO audit_events (${AUDIT_COLUMNS})
    -- The part's own records, each as queued: what it will be once sent, and in which part.
    SELECT coalesce(r.at, now()), r.actor, 'notification_queued', r.regulation_id, r.rule_id, r.version_hash, r.case_id, r.organisation_id,
           r.workflow_id, r.run_id, coalesce(r.details, '{}') || jsonb_build_object('sentAs', r.kind, 'partId', i.id)
    FROM input i CROSS JOIN LATERAL ROWS FROM (jsonb_to_recordset(i.audit) AS (${AUDIT_ENTRY_RECORD})) WITH ORDINALITY AS r(${AUDIT_COLUMNS}, k)
    ORDER BY i.ord, r.k`);
  return notices.map(() => 'queued');
}

/** What `deliverNotices` did. */
export interface Delivery {
  mailsSent: number;
  queued: number;
  /** Notifications settled by the notices sent or queued. */
  notificationsSent: number;
  /** One message per notice the mail server refused (its notifications stay pending). */
  failures: string[];
}

/**
 * Dispatches `notices` (`dispatchNotices`) and settles what was refused: the notifications of a
 * refused notice are marked failed (they stay pending for the next try) and `failureAudit` says so
 * in the audit trail. Adds the counts to `into`, which it returns.
 */
export async function deliverNotices(deps: DispatchDeps, notices: readonly Notice[], failureAudit: (notice: Notice, error: string) => AuditEntry, into: Delivery): Promise<Delivery> {
  const outcomes = await dispatchNotices(deps, notices);
  for (const [k, outcome] of outcomes.entries()) {
    const notice = notices[k]!;
    if (outcome instanceof Error) {
      into.failures.push(outcome.message);
      await markFailed(deps.pool, notice.notificationIds, outcome.message);
      await appendAudit(deps.pool, [failureAudit(notice, outcome.message)]);
      continue;
    }
    if (outcome === 'sent') into.mailsSent++;
    else into.queued++;
    into.notificationsSent += notice.notificationIds.length;
  }
  return into;
}
