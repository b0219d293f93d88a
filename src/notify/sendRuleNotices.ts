import type { AuditEntry } from '../audit/appendAudit.js';
import type { EventCheck, OpenCase } from '../checks/event/eventCheck.js';
import type { CompiledRegulation, CompiledRule } from '../regulation/model.js';
import { deliverNotices, type Delivery, type DispatchDeps, type Notice } from './dispatchNotice.js';
import { ESCALATION_PAGE } from './escalateDueCases.js';
import { markCancelled, pendingNotifications, type PendingNotification } from './notificationStore.js';
import { renderOverdueNotice } from './overdueNotice.js';
import type { Directory } from './recipients.js';

/** What sending one rule's pending notices needs. */
export interface RuleNoticesInput {
  regulation: Omit<CompiledRegulation, 'rules'>;
  rule: CompiledRule;
  check: EventCheck;
  /** The holders of the ladder's roles with these e-mail addresses. */
  people: (emails: readonly string[]) => Promise<Directory>;
  asOf: string;
  /** Builds an audit entry with the sweep's actor, rule, version and workflow filled in. */
  audit: (e: Pick<AuditEntry, 'kind' | 'caseId' | 'organisationId' | 'details'>) => AuditEntry;
}

/** What was sent. */
export type RuleNoticesResult = Delivery;

/**
 * Sends (or queues for the digest) the rule's pending event notices: one notice per recipient,
 * step and repeat, carrying every case pending for them, lower steps first so the organisation
 * hears before its operator does. Each notice is rendered from the cases as they are at `asOf`,
 * read `ESCALATION_PAGE` at a time (a recipient with more cases gets them in one notice, read
 * alone); a case closed in the meantime has its notice cancelled. A refused notice is audited
 * and stays pending for the next try.
 */
export async function sendRuleNotices(deps: DispatchDeps, input: RuleNoticesInput): Promise<RuleNoticesResult> {
  const { regulation, rule, asOf } = input;
  const ruleKey = { regulationId: regulation.id, ruleId: rule.id };
  const pending = await pendingNotifications(deps.pool, ruleKey);
  const groups = new Map<string, PendingNotification[]>();
  for (const p of pending) {
    const k = `${p.recipient_email}\u0000${p.step}\u0000${p.repeat}`;
    const g = groups.get(k);
    if (g) g.push(p);
    else groups.set(k, [p]);
  }
  const ordered = [...groups.values()].sort((a, b) => a[0]!.step - b[0]!.step);
  const result: RuleNoticesResult = { mailsSent: 0, queued: 0, notificationsSent: 0, failures: [] };
  // Batches of whole groups, so that one query reads the cases of many small notices.
  for (let i = 0; i < ordered.length;) {
    const batch: PendingNotification[][] = [];
    let size = 0;
    while (i < ordered.length && (batch.length === 0 || size + ordered[i]!.length <= ESCALATION_PAGE)) {
      size += ordered[i]!.length;
      batch.push(ordered[i++]!);
    }
    const ids = [...new Set(batch.flat().map((p) => p.case_id))];
    const open = await input.check.openCases(deps.pool, ruleKey, rule.check.params, asOf, ids);
    const byCase = new Map(open.map((c) => [c.id, c]));
    // A case completed before its notice went out: nothing to say about it any more.
    await markCancelled(deps.pool, batch.flat().filter((p) => !byCase.has(p.case_id)).map((p) => p.id));
    const people = await input.people(batch.map((items) => items[0]!.recipient_email));
    const notices = batch.map((items) => noticeFor(input, people, items, byCase)).filter((n): n is Notice => n !== null);
    await deliverNotices(deps, notices, (notice, error) => {
      const first = notice.audit[0]!.details!;
      return input.audit({ kind: 'notification_failed', details: { step: first.step, role: first.role, recipient: notice.mail.to, error, cases: notice.notificationIds.length } });
    }, result);
  }
  return result;
}

/** The notice for one recipient, step and repeat about its cases still open, or null when none is. */
function noticeFor(input: RuleNoticesInput, people: Directory, items: PendingNotification[], byCase: Map<number, OpenCase>): Notice | null {
  const { regulation, rule, asOf, audit } = input;
  const first = items[0]!;
  const step = rule.escalation.steps[first.step]!;
  const live = items.filter((i) => byCase.has(i.case_id));
  if (live.length === 0) return null;
  const cases = live.map((i) => byCase.get(i.case_id)!);
  const holder = people.holder(first.recipient_email, first.role);
  const mail = renderOverdueNotice({
    regulation, rule, step: first.step, repeat: first.repeat, role: step.role,
    recipient: { email: first.recipient_email, fullName: holder?.full_name ?? step.role.title },
    cases,
  });
  return {
    region: regulation.region, at: asOf, mail, notificationIds: live.map((i) => i.id),
    audit: cases.map((c) => audit({
      kind: first.step === 0 && first.repeat === 0 ? 'notification_sent' : 'escalation_sent',
      caseId: c.id, organisationId: c.organisation_id,
      details: { step: first.step, repeat: first.repeat, role: first.role, recipient: first.recipient_email, subject: mail.subject, asOf },
    })),
  };
}
