import { sql, type CommonQueryMethods, type SerializableValue } from 'slonik';
import { z } from 'zod';
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
 * detected at `asOf` (new cases, and cases moved to a later event), with `common` details and
 * the calculation of its deadline, in one INSERT … SELECT — nothing per case passes through the
 * worker. A case moved to a later event has its escalation reset to its new deadline. Run
 * in the sweep's transaction, right after `evaluateNew`. Returns how many records were appended.
 */
export async function auditDetectedCases(
  db: CommonQueryMethods,
  base: Required<Pick<AuditEntry, 'at' | 'actor' | 'regulationId' | 'ruleId' | 'versionHash'>> & Pick<AuditEntry, 'workflowId' | 'runId'>,
  asOf: string,
  common: Record<string, unknown>,
  explanations: readonly DeadlineExplanation[],
): Promise<number> {
  // A case moved to a later event starts its ladder again from the new deadline.
  await db.query(sql.unsafe`
    UPDATE obligation_cases SET next_step_at = NULL
    WHERE regulation_id = ${base.regulationId} AND rule_id = ${base.ruleId} AND detected_at = ${asOf}::timestamptz AND status = 'open'
      AND next_step_at IS NOT NULL`);
  // One explanation per (date, deadline): keys finer than a day could otherwise match a case twice.
  const unique = new Map(explanations.map((e) => [`${e.eventKey.slice(0, 10)}/${Date.parse(e.dueAt)}`, e]));
  const rows = JSON.parse(JSON.stringify([...unique.values()].map((e) => ({ event_date: e.eventKey.slice(0, 10), due_at: e.dueAt, details: { eventDate: e.eventKey, ...e.details } }))));
  return db.oneFirst(sql.type(z.object({ n: z.number() }))`
    WITH appended AS (
      INSERT INTO audit_events (at, actor, kind, regulation_id, rule_id, version_hash, case_id, organisation_id, workflow_id, run_id, details)
      SELECT ${base.at}::timestamptz, ${base.actor}, CASE WHEN c.status = 'open' THEN 'case_opened' ELSE 'case_met_late' END,
             c.regulation_id, c.rule_id, ${base.versionHash}, c.id, c.organisation_id, ${base.workflowId ?? null}, ${base.runId ?? null},
             ${sql.jsonb(common as SerializableValue)} || coalesce(x.details, jsonb_build_object('eventDate', c.event_date))
      FROM obligation_cases c
      LEFT JOIN jsonb_to_recordset(${sql.jsonb(rows as SerializableValue)}) AS x(event_date date, due_at timestamptz, details jsonb)
        ON x.event_date = c.event_date AND x.due_at = c.due_at
      WHERE c.regulation_id = ${base.regulationId} AND c.rule_id = ${base.ruleId} AND c.detected_at = ${asOf}::timestamptz
        AND c.status IN ('open', 'met_late')
      ORDER BY c.id
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM appended`);
}
