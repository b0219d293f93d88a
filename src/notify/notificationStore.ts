import { sql, type CommonQueryMethods, type FragmentSqlToken } from 'slonik';
import { z } from 'zod';

/** A notice that is due: one case, one escalation step, one recipient. */
export interface DueNotification {
  caseId: number;
  /** Window notice, reminder, or (the default) a deadline notice / escalation step. */
  notice?: 'window' | 'reminder' | 'escalation';
  step: number;
  /** Repeat of the ladder's last step: 0 for the step itself, 1, 2, … for its repeats. */
  repeat?: number;
  role: string;
  email: string;
}

/**
 * Records due notifications as pending. The unique key (case, kind, step, repeat, recipient) makes this
 * idempotent: a notice recorded once is never recorded — or sent — again. Returns how many were new.
 */
export async function recordDueNotifications(db: CommonQueryMethods, items: DueNotification[]): Promise<number> {
  if (items.length === 0) return 0;
  const rows = await db.any(sql.type(z.object({ id: z.number() }))`${insertDueNotifications(items)}`);
  return rows.length;
}

/** SQL: the INSERT of `recordDueNotifications`, returning the id of each notification new to the table. */
export function insertDueNotifications(items: readonly DueNotification[]): FragmentSqlToken {
  return sql.fragment`
    INSERT INTO notifications (case_id, notice, step, repeat, role, recipient_email, status)
    SELECT *, 'pending' FROM unnest(${sql.array(items.map((i) => i.caseId), 'int8')}, ${sql.array(items.map((i) => i.notice ?? 'escalation'), 'text')},
                         ${sql.array(items.map((i) => i.step), 'int4')}, ${sql.array(items.map((i) => i.repeat ?? 0), 'int4')},
                         ${sql.array(items.map((i) => i.role), 'text')}, ${sql.array(items.map((i) => i.email), 'text')})
    ON CONFLICT (case_id, notice, step, repeat, recipient_email) DO NOTHING
    RETURNING id`;
}

const pending = z.object({ id: z.number(), case_id: z.number(), notice: z.string(), step: z.number(), repeat: z.number(), role: z.string(), recipient_email: z.string() });
export type PendingNotification = z.infer<typeof pending>;

/**
 * SQL: the pending notifications `n` of one rule's cases (of one period, if given), including ones
 * whose earlier sending failed. Driven by the pending ones, which are few at any time, each looking
 * its case up by key (OFFSET 0 keeps that lookup apart): planned as a join, a sweep that has just
 * recorded a thousand notices over a case table the statistics still think empty is matched
 * pairwise, a thousand by a thousand. The rule is checked outside the lookup, so that the key is
 * the only index the lookup can use.
 */
export function pendingOfRule(ruleKey: { regulationId: string; ruleId: string }, periodId?: string): FragmentSqlToken {
  return sql.fragment`
    notifications n
    CROSS JOIN LATERAL (SELECT c.regulation_id, c.rule_id, c.period_id FROM obligation_cases c WHERE c.id = n.case_id OFFSET 0) c
    WHERE n.status = 'pending' AND c.regulation_id = ${ruleKey.regulationId} AND c.rule_id = ${ruleKey.ruleId}
      AND (${periodId === undefined ? sql.fragment`TRUE` : sql.fragment`c.period_id = ${periodId}`})`;
}

/** Pending notifications of one rule's cases (of one period, if given), including ones whose earlier sending failed. */
export async function pendingNotifications(db: CommonQueryMethods, ruleKey: { regulationId: string; ruleId: string }, periodId?: string): Promise<readonly PendingNotification[]> {
  return db.any(sql.type(pending)`
    SELECT n.id, n.case_id, n.notice, n.step, n.repeat, n.role, n.recipient_email
    FROM ${pendingOfRule(ruleKey, periodId)}
    ORDER BY n.recipient_email, n.notice, n.step, n.repeat, n.case_id`);
}

/** Marks notifications sent with the message that carried them. */
export async function markSent(db: CommonQueryMethods, ids: number[], messageId: string, sentAt: string): Promise<void> {
  await db.query(sql.unsafe`
    UPDATE notifications SET status = 'sent', message_id = ${messageId}, sent_at = ${sentAt}::timestamptz, attempts = attempts + 1
    WHERE id = ANY(${sql.array(ids, 'int8')}) AND status = 'pending'`);
}

/** Records a failed sending attempt; the notifications stay pending for the next try. */
export async function markFailed(db: CommonQueryMethods, ids: number[], error: string): Promise<void> {
  await db.query(sql.unsafe`
    UPDATE notifications SET attempts = attempts + 1, last_error = ${error.slice(0, 1000)}
    WHERE id = ANY(${sql.array(ids, 'int8')}) AND status = 'pending'`);
}

/** Cancels pending notifications whose case was closed before they went out. */
export async function markCancelled(db: CommonQueryMethods, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query(sql.unsafe`
    UPDATE notifications SET status = 'cancelled' WHERE id = ANY(${sql.array(ids, 'int8')}) AND status = 'pending'`);
}
