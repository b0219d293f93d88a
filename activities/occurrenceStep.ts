import { appendAudit, type AuditEntry } from '../src/audit/appendAudit.js';
import { CHECKS } from '../src/checks/catalog.js';
import { judgeOutcome, type Judgement } from '../src/checks/period/judgeOutcome.js';
import { waivedOrganisations } from '../src/checks/period/waivedOrganisations.js';
import { periodCasesByIds } from '../src/checks/period/periodCasesByIds.js';
import { keepExtendedSubjects } from '../src/checks/period/eservices/campaignExtension.js';
import { PERIOD_CHECKS } from '../src/checks/period/periodChecks.js';
import { periodWorkingDays } from '../src/checks/period/records/periodWorkingDays.js';
import { upsertPeriodCases } from '../src/checks/period/upsertPeriodCases.js';
import { deliverNotices, type Notice } from '../src/notify/dispatchNotice.js';
import { pendingNotifications, recordDueNotifications, type DueNotification } from '../src/notify/notificationStore.js';
import { renderPeriodNotice, type PeriodNoticeKind } from '../src/notify/periodNotice.js';
import { responsibleDirectory } from '../src/notify/recipients.js';
import type { OccurrenceKind } from '../src/plan/occurrence.js';
import { firstLadderStep } from '../src/plan/planEscalations.js';
import type { CompiledRule, RoleRef } from '../src/regulation/model.js';
import type { RegulationHeader, SweepDeps } from './sweepEventRule.js';

/** One moment of one occurrence: its window opening, a reminder, its deadline or an escalation step. */
export interface OccurrenceStepInput {
  regulation: RegulationHeader;
  rule: CompiledRule;
  period: { id: string; start: string; end: string; label: string };
  /** Index into `rule.deadlines`. */
  tier: number;
  dueAt: string;
  lastDay: string;
  windowOpensAt?: string;
  /** The planner's kind of occurrence: a campaign extension judges only the subjects its `while` check holds for. */
  kind?: OccurrenceKind;
  notice: PeriodNoticeKind;
  /** Reminder index for reminders; ladder step for escalations (the deadline notice is step 0). */
  step: number;
  /** Repeat of the ladder's last step (0: the step itself). */
  repeat?: number;
  asOf: string;
  /** Moments already past when the occurrence started and left out (given with its first step, audited). */
  skippedOnStart?: { at: string; tier: number; notice: string; step: number; repeat: number }[];
  workflowId?: string;
  runId?: string;
}

/** What one step found and did. */
export interface OccurrenceStepResult {
  asOf: string;
  subjects: number;
  met: number;
  metLate: number;
  missed: number;
  pending: number;
  /** Subjects whose obligation was lifted (`reglament waive`): nobody is told about them. */
  waived: number;
  notificationsRecorded: number;
  mailsSent: number;
  /** Notices queued for the recipients' daily digests instead of sent now. */
  queued: number;
}

/** Which subjects a notice of each kind goes about. */
const NOTIFY: Record<PeriodNoticeKind, (status: string) => boolean> = {
  window: (s) => s !== 'met' && s !== 'met_late',
  reminder: (s) => s === 'open' || s === 'pending',
  due: (s) => s === 'missed',
  escalation: (s) => s === 'missed',
};

/**
 * Runs one moment of an occurrence: evaluates the rule's check for every subject of the tier (set-based),
 * stores the verdicts as cases, records the notices this moment calls for — only to subjects not yet
 * compliant — idempotently, and sends one digest per recipient. A rule whose check has no SQL yet is
 * judged by manual confirmation, and the audit says so. Throws (so Temporal retries) if mail fails;
 * unsent notices stay pending and go out on the retry.
 */
export async function occurrenceStep(deps: SweepDeps, input: OccurrenceStepInput): Promise<OccurrenceStepResult> {
  const { regulation, rule, period, tier, asOf } = input;
  const deadline = rule.deadlines[tier];
  if (!deadline) throw new Error(`rule ${rule.id} has no deadline tier ${tier}`);
  const implemented = PERIOD_CHECKS[rule.check.name];
  const check = implemented ?? PERIOD_CHECKS.manual!;
  const audit = (e: Omit<AuditEntry, 'actor' | 'regulationId' | 'ruleId' | 'versionHash' | 'workflowId' | 'runId'>): AuditEntry => ({
    actor: 'reglament', at: deps.clock().toISOString(), regulationId: regulation.id, ruleId: rule.id, versionHash: regulation.versionHash, workflowId: input.workflowId, runId: input.runId, ...e,
  });

  const outcomes = await keepExtendedSubjects(deps.pool, input, await check.evaluate(deps.pool, {
    ruleKey: { regulationId: regulation.id, ruleId: rule.id }, region: regulation.region, params: rule.check.params,
    organisationTypes: rule.scope.organisationTypes, municipalities: rule.scope.municipalities, subjectScope: deadline.role.scope,
    period, dueAt: input.dueAt, asOf, windowOpensAt: input.windowOpensAt,
    timezone: regulation.timezone, workingDays: periodWorkingDays(deps.calendars[regulation.calendar], period.start, period.end),
  }));
  const higherIsBetter = CHECKS[rule.check.name]?.higherIsBetter ?? true;
  // A waiver lifts what is still owed; a subject that complied keeps its verdict.
  const waivers = await waivedOrganisations(deps.pool, { regulationId: regulation.id, ruleId: rule.id }, period.id, asOf);
  const judged = outcomes.map((o) => {
    const j: Omit<Judgement, 'status'> & { status: Judgement['status'] | 'waived' } = judgeOutcome(o, input.dueAt, asOf, rule.check.levels, higherIsBetter);
    return { o, j: waivers.has(o.subject_id) && j.status !== 'met' && j.status !== 'met_late' ? { ...j, status: 'waived' as const } : j };
  });
  const cases = await upsertPeriodCases(deps.pool, {
    regulationId: regulation.id, ruleId: rule.id, periodId: period.id, periodStart: period.start, tier, dueAt: input.dueAt, lastDay: input.lastDay,
    versionHash: regulation.versionHash, asOf,
  }, judged.map(({ o, j }) => ({
    subjectId: o.subject_id, status: j.status, completedAt: j.status === 'waived' ? waivers.get(o.subject_id)! : o.completed_at, metric: o.metric, level: j.level,
    evidence: { counts: o.counts, offending: o.offending.slice(0, 200) },
  })));
  const count = (s: string) => judged.filter(({ j }) => j.status === s).length;
  await appendAudit(deps.pool, [audit({
    kind: 'check', details: {
      asOf, periodId: period.id, tier, notice: input.notice, step: input.step, dueAt: input.dueAt, lastDay: input.lastDay,
      check: check.name, ...(implemented ? {} : { fallback: `проверка «${rule.check.name}» ещё не реализована: исполнение подтверждается вручную` }),
      subjects: judged.length, met: count('met'), metLate: count('met_late'), missed: count('missed'), pending: count('pending'), waived: count('waived'),
    },
  }), ...(input.skippedOnStart?.length ? [audit({ kind: 'moments_skipped', details: { asOf, periodId: period.id, moments: input.skippedOnStart } })] : [])]);

  const role: RoleRef = input.notice === 'escalation' ? rule.escalation.steps[input.step]!.role : deadline.role;
  const people = await responsibleDirectory(deps.pool, [role.id]);
  const organisations = new Map(outcomes.map((o) => [o.subject_id, o]));
  const due: DueNotification[] = [];
  const caseMunicipality = await periodCasesByIds(deps.pool, cases.map((c) => c.id));
  const muniOf = new Map(caseMunicipality.map((c) => [c.id, c.municipality_id]));
  for (const c of cases) {
    if (!NOTIFY[input.notice](c.status) || !organisations.has(c.subject_id)) continue;
    for (const h of people.holders(role, { organisationId: c.subject_id, municipalityId: muniOf.get(c.id) ?? '', region: regulation.region })) {
      due.push({ caseId: c.id, notice: input.notice === 'window' ? 'window' : input.notice === 'reminder' ? 'reminder' : 'escalation', step: input.step, repeat: input.repeat ?? 0, role: role.id, email: h.email });
    }
  }
  const recorded = await recordDueNotifications(deps.pool, due);

  const pending = await pendingNotifications(deps.pool, { regulationId: regulation.id, ruleId: rule.id }, period.id);
  const groups = new Map<string, typeof pending[number][]>();
  for (const p of pending) {
    const k = `${p.recipient_email}\u0000${p.notice}\u0000${p.step}\u0000${p.repeat}`;
    const g = groups.get(k);
    if (g) g.push(p);
    else groups.set(k, [p]);
  }
  // Pending notices may be for earlier steps' roles: look their holders up once, and read every
  // case they are about in one query, not per notice.
  const holders = await responsibleDirectory(deps.pool, [...new Set(pending.map((p) => p.role))]);
  const read = await periodCasesByIds(deps.pool, [...new Set(pending.map((p) => p.case_id))]);
  const views = new Map(read.map((v, position) => [v.id, { v, position }]));
  const notices: Notice[] = [...groups.values()].map((items) => {
    const first = items[0]!;
    // In the organisations' order, as the case views come.
    const about = items.map((i) => views.get(i.case_id)).filter((x) => x !== undefined).sort((a, b) => a.position - b.position).map((x) => x.v);
    const noticeKind: PeriodNoticeKind = first.notice === 'escalation'
      ? (first.step === firstLadderStep(rule.escalation, tier, deadline.role) && first.repeat === 0 ? 'due' : 'escalation')
      : (first.notice as PeriodNoticeKind);
    const recipientRole = noticeKind === 'escalation' ? rule.escalation.steps[first.step]!.role : deadline.role;
    const holder = holders.holder(first.recipient_email, first.role);
    const mail = renderPeriodNotice({
      kind: noticeKind, regulation, rule, periodLabel: period.label, periodId: period.id, lastDay: input.lastDay, tierRole: deadline.role,
      recipient: { email: first.recipient_email, fullName: holder?.full_name ?? recipientRole.title, role: recipientRole }, step: first.step,
      dueAt: input.dueAt, tier, now: deps.clock(), repeat: first.repeat,
      subjects: about.map((v) => ({
        organisationId: v.organisation_id, organisationName: v.organisation_name, status: v.status, level: v.level ?? undefined, metric: v.metric,
        counts: ((v.evidence as { counts?: Record<string, number> }).counts) ?? {}, offending: ((v.evidence as { offending?: string[] }).offending) ?? [],
      })),
    });
    return {
      region: regulation.region, at: asOf, mail, notificationIds: items.map((i) => i.id),
      audit: about.map((v) => audit({
        kind: noticeKind === 'escalation' ? 'escalation_sent' : 'notification_sent', caseId: v.id, organisationId: v.organisation_id,
        details: { asOf, periodId: period.id, notice: noticeKind, step: first.step, repeat: first.repeat, role: first.role, recipient: first.recipient_email, subject: mail.subject },
      })),
    };
  });
  const { mailsSent, queued, failures } = await deliverNotices(deps, notices, (notice, error) =>
    audit({ kind: 'notification_failed', details: { asOf, periodId: period.id, recipient: notice.mail.to, error } }),
  { mailsSent: 0, queued: 0, notificationsSent: 0, failures: [] });
  if (failures.length) throw new Error(`${failures.length} notice(s) could not be sent; they stay pending: ${failures[0]}`);
  return {
    asOf, subjects: judged.length, met: count('met'), metLate: count('met_late'), missed: count('missed'), pending: count('pending'), waived: count('waived'),
    notificationsRecorded: recorded, mailsSent, queued,
  };
}
