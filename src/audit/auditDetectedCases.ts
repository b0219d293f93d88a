import { sql, type CommonQueryMethods, type FragmentSqlToken } from 'slonik';
import { z } from 'zod';
import { jsonValue } from '../db/jsonValue.js';
import type { AuditEntry } from './appendAudit.js';

/** How one event key's deadline was computed, for the audit records of the cases judged against it. */
export interface DeadlineExplanation {
  /** The event key the deadline counts from (a local date, or a local date-time for hour terms). */
  eventKey: string;
  dueAt: string;
  details: Record<string, unknown>;
}

/**
 * Appends a `case_opened` (or `case_met_late`) audit record for each case of the rule a sweep
 * detected at `asOf` (new cases, and cases moved to a later event), with `common` details and its
 * deadline, in one INSERT … SELECT — nothing per case passes through the worker. The calendar
 * explanation of each deadline is written once, as a `deadline_computed` record per event date
 * and deadline, and each case record names it (`deadlineRecord`): a day's cases share a handful of
 * deadlines, and the explanation is most of a record's size. `auditTimeline` joins it back. Run in
 * the sweep's transaction, right after `evaluateNew`. Returns how many case records were appended.
 */
export async function auditDetectedCases(
  db: CommonQueryMethods,
  base: Required<Pick<AuditEntry, 'at' | 'actor' | 'regulationId' | 'ruleId' | 'versionHash'>> & Pick<AuditEntry, 'workflowId' | 'runId'>,
  asOf: string,
  common: Record<string, unknown>,
  explanations: readonly DeadlineExplanation[],
): Promise<number> {
  // One explanation per (date, deadline): keys finer than a day could otherwise match a case twice.
  const unique = new Map(explanations.map((e) => [`${e.eventKey.slice(0, 10)}/${Date.parse(e.dueAt)}`, e]));
  const rows = [...unique.values()].map((e) => ({ event_date: e.eventKey.slice(0, 10), due_at: e.dueAt, details: { eventDate: e.eventKey, ...e.details } }));
  const audit = (kind: FragmentSqlToken, caseId: FragmentSqlToken, organisationId: FragmentSqlToken, details: FragmentSqlToken) => sql.fragment`
      SELECT ${base.at}::timestamptz, ${base.actor}, ${kind}, ${base.regulationId}, ${base.ruleId}, ${base.versionHash}, ${caseId}, ${organisationId},
             ${base.workflowId ?? null}, ${base.runId ?? null}, ${details}`;
  return db.oneFirst(sql.type(z.object({ n: z.number() }))`
    WITH deadlines AS (
      SELECT x.event_date, x.due_at, x.details, nextval(pg_get_serial_sequence('audit_events', 'id')) AS record_id
      FROM jsonb_to_recordset(${jsonValue(rows)}) AS x(event_date date, due_at timestamptz, details jsonb)
    ),
    explained AS (
      INSERT INTO audit_events (id, at, actor, kind, regulation_id, rule_id, version_hash, case_id, organisation_id, workflow_id, run_id, details)
      SELECT d.record_id, a.*
      FROM deadlines d
      CROSS JOIN LATERAL (${audit(sql.fragment`'deadline_computed'`, sql.fragment`NULL::bigint`, sql.fragment`NULL::text`, sql.fragment`${jsonValue(common)} || d.details`)}) a
      -- Only the deadlines some detected case counts from (dates whose events were all met on time need none).
      WHERE EXISTS (SELECT FROM obligation_cases c
                    WHERE c.regulation_id = ${base.regulationId} AND c.rule_id = ${base.ruleId} AND c.detected_at = ${asOf}::timestamptz
                      AND c.status IN ('open', 'met_late') AND c.event_date = d.event_date AND c.due_at = d.due_at)
      ORDER BY d.event_date, d.due_at
    ),
    appended AS (
      INSERT INTO audit_events (at, actor, kind, regulation_id, rule_id, version_hash, case_id, organisation_id, workflow_id, run_id, details)
      ${audit(sql.fragment`CASE WHEN c.status = 'open' THEN 'case_opened' ELSE 'case_met_late' END`, sql.fragment`c.id`, sql.fragment`c.organisation_id`,
        sql.fragment`${jsonValue(common)} || coalesce((d.details - 'explain') || jsonb_build_object('deadlineRecord', d.record_id), jsonb_build_object('eventDate', c.event_date))`)}
      FROM obligation_cases c
      LEFT JOIN deadlines d ON d.event_date = c.event_date AND d.due_at = c.due_at
      WHERE c.regulation_id = ${base.regulationId} AND c.rule_id = ${base.ruleId} AND c.detected_at = ${asOf}::timestamptz
        AND c.status IN ('open', 'met_late')
      ORDER BY c.id
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM appended`);
}
