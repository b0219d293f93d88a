import { sql, type CommonQueryMethods } from 'slonik';
import { z } from 'zod';
import { insertAudit, type AuditEntry } from '../audit/appendAudit.js';
import { planEscalations } from '../plan/planEscalations.js';
import type { PlannedEscalation } from '../plan/occurrence.js';
import type { CompiledLadder } from '../regulation/model.js';
import type { CalendarData } from '../time/calendarData.js';
import { insertDueNotifications, type DueNotification } from './notificationStore.js';
import type { Directory } from './recipients.js';

/** Open cases are read and escalated this many at a time, so memory stays flat however many are due. */
export const ESCALATION_PAGE = 2000;

const dueCase = z.object({
  id: z.number(),
  organisation_id: z.string(),
  municipality_id: z.string(),
  due_at: z.string(),
  last_day: z.string(),
});
type DueCase = z.infer<typeof dueCase>;
/** A row of the first page: the open count, with a due case's columns (all null when none is due). */
const firstPageRow = z.object({
  open: z.number(),
  id: z.number().nullable(),
  organisation_id: z.string().nullable(),
  municipality_id: z.string().nullable(),
  due_at: z.string().nullable(),
  last_day: z.string().nullable(),
});

/** What escalating one rule's due cases needs. */
export interface EscalationInput {
  ruleKey: { regulationId: string; ruleId: string };
  region: string;
  /** The ladder's schedule after a deadline (`ladderSchedules`), shared with whoever opened the cases. */
  schedule: (dueAt: string, lastDay: string) => PlannedEscalation[];
  /** The holders of the ladder's roles for these organisations (and above them). */
  people: (organisations: readonly string[]) => Promise<Directory>;
  asOf: string;
  /** Builds an audit entry with the sweep's actor, rule, version and workflow filled in. */
  audit: (e: Pick<AuditEntry, 'kind' | 'caseId' | 'organisationId' | 'details'>) => AuditEntry;
  /** Audit entries to append in the statement that reads the first page (the sweep's own record). */
  alongside?: AuditEntry[];
}

/** What escalation recorded. */
export interface EscalationResult {
  /** Notifications newly recorded as pending. */
  recorded: number;
  /** Cases looked at (their next step was due). */
  cases: number;
  /** The rule's cases still open. */
  open: number;
  /** Steps nobody holds the role for (each audited as `no_recipient`). */
  noRecipient: number;
}

/**
 * The escalation schedule of a deadline under `ladder` (`planEscalations`, repeats unbounded),
 * memoised: cases sharing a deadline share a schedule, and a sweep sees a handful of deadlines.
 */
export function ladderSchedules(ladder: CompiledLadder, calendar: CalendarData, zone: string): (dueAt: string, lastDay: string) => PlannedEscalation[] {
  const schedules = new Map<string, PlannedEscalation[]>();
  return (dueAt, lastDay) => {
    const key = `${dueAt}/${lastDay}`;
    let s = schedules.get(key);
    if (!s) {
      s = planEscalations(ladder, { tier: 0, due: dueAt, lastDay }, calendar, zone, '9999-12-31');
      schedules.set(key, s);
    }
    return s;
  };
}

/** The first step of `schedule` after `asOf` ('infinity' when none is left). */
export function nextStepAfter(schedule: readonly PlannedEscalation[], asOf: string): string {
  const asOfMs = Date.parse(asOf);
  return schedule.find((s) => Date.parse(s.at) > asOfMs)?.at ?? 'infinity';
}

/**
 * Records, idempotently, the ladder steps (and repeats of the last step) that are due by `asOf`
 * for the rule's open cases whose next step has come (`next_step_at`, or the deadline for a case
 * not escalated yet) and for the cases opened at `asOf` with their next step already set, then
 * moves each case's `next_step_at` to its next step ('infinity' when none is left) where it is not
 * there yet. Only due cases are read, a page at a time: the cost
 * follows the steps due, not the open backlog. Steps count from the case's deadline exactly as the
 * plan counts them (`planEscalations`). Callers close completed cases first, so only cases still
 * open are escalated. Also counts the rule's cases still open. (Notifications already pending
 * before it are counted where the sweep starts, `advanceWatermark`.)
 */
export async function escalateDueCases(db: CommonQueryMethods, input: EscalationInput): Promise<EscalationResult> {
  const { ruleKey, asOf } = input;
  const asOfMs = Date.parse(asOf);
  const scheduleOf = (c: DueCase) => input.schedule(c.due_at, c.last_day);
  const result: EscalationResult = { recorded: 0, cases: 0, noRecipient: 0, open: 0 };
  let afterId = 0;
  for (let first = true; ; first = false) {
    // Cases whose next step has come, and cases opened by this very sweep with their next step
    // already in place (`DueByDate.nextStepAt`): their steps due now are still to be recorded.
    const dueCases = sql.fragment`
      SELECT * FROM (
        SELECT id, organisation_id, municipality_id, due_at, last_day FROM obligation_cases
        WHERE regulation_id = ${ruleKey.regulationId} AND rule_id = ${ruleKey.ruleId} AND status = 'open'
          AND coalesce(next_step_at, due_at) <= ${asOf}::timestamptz AND id > ${afterId}
        UNION ALL
        SELECT id, organisation_id, municipality_id, due_at, last_day FROM obligation_cases
        WHERE regulation_id = ${ruleKey.regulationId} AND rule_id = ${ruleKey.ruleId} AND status = 'open'
          AND detected_at = ${asOf}::timestamptz AND next_step_at > ${asOf}::timestamptz AND id > ${afterId}
      ) due
      ORDER BY id LIMIT ${ESCALATION_PAGE}`;
    let page: readonly DueCase[];
    if (first) {
      // The first page comes with the count of open cases, and writes the caller's audit entries:
      // most sweeps that have open cases have no step due, and then this is their only statement
      // after judging.
      const rows = await db.any(sql.type(firstPageRow)`
        WITH alongside AS (${insertAudit(input.alongside ?? [])})
        SELECT n.open, p.* FROM (
          SELECT (SELECT count(*)::int FROM obligation_cases
                  WHERE regulation_id = ${ruleKey.regulationId} AND rule_id = ${ruleKey.ruleId} AND status = 'open') AS open) n
        LEFT JOIN LATERAL (${dueCases}) p ON TRUE`);
      result.open = rows[0]?.open ?? 0;
      page = rows.filter((r) => r.id !== null).map((r) => dueCase.parse(r));
    } else {
      page = await db.any(sql.type(dueCase)`${dueCases}`);
    }
    if (page.length === 0) break;
    afterId = page.at(-1)!.id;
    result.cases += page.length;
    const due: DueNotification[] = [];
    // 'infinity' once no step is left (NULL would mean "not scheduled yet: at the deadline").
    const next: string[] = [];
    const noRecipient: AuditEntry[] = [];
    const people = await input.people(page.map((c) => c.organisation_id));
    for (const c of page) {
      const subject = { organisationId: c.organisation_id, municipalityId: c.municipality_id, region: input.region };
      const schedule = scheduleOf(c);
      for (const s of schedule) {
        if (Date.parse(s.at) > asOfMs) break;
        const holders = people.holders(s.role, subject);
        if (holders.length === 0 && s.repeat === 0) {
          noRecipient.push(input.audit({ kind: 'no_recipient', caseId: c.id, organisationId: c.organisation_id, details: { step: s.step, role: s.role.id } }));
        }
        for (const h of holders) due.push({ caseId: c.id, step: s.step, repeat: s.repeat, role: s.role.id, email: h.email });
      }
      next.push(nextStepAfter(schedule, asOf));
    }
    // The page's notices, its unheld steps and its cases' next steps are written in one statement:
    // all of them or none, and one round trip instead of three.
    result.recorded += await db.oneFirst(sql.type(z.object({ recorded: z.number() }))`
      WITH recorded AS (${insertDueNotifications(due)}),
      unheld AS (${insertAudit(noRecipient)}),
      moved AS (
        UPDATE obligation_cases c SET next_step_at = n.next_step_at
        FROM unnest(${sql.array(page.map((c) => c.id), 'int8')}, ${sql.array(next, 'timestamptz')}) AS n(id, next_step_at)
        -- A new case's next step is already in place: writing it again would copy the row.
        WHERE c.id = n.id AND c.next_step_at IS DISTINCT FROM n.next_step_at
      )
      SELECT count(*)::int AS recorded FROM recorded`);
    result.noRecipient += noRecipient.length;
    // A short page is the last one.
    if (page.length < ESCALATION_PAGE) break;
  }
  return result;
}
