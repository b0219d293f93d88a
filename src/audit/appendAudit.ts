import { sql, type CommonQueryMethods, type FragmentSqlToken } from 'slonik';
import { jsonValue } from '../db/jsonValue.js';

/** One entry of the append-only audit trail. */
export interface AuditEntry {
  actor: string;
  kind: string;
  regulationId?: string;
  ruleId?: string;
  versionHash?: string;
  caseId?: number;
  organisationId?: string;
  workflowId?: string;
  runId?: string;
  details?: Record<string, unknown>;
  /** Event time; the database's clock when omitted. */
  at?: string;
}

/** Appends audit entries in one statement. The table rejects updates and deletes. */
export async function appendAudit(db: CommonQueryMethods, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.query(sql.unsafe`${insertAudit(entries)}`);
}

/**
 * SQL: the INSERT that appends `entries` (none: an INSERT of no rows), for a caller that writes
 * them in the same statement as what they record.
 */
export function insertAudit(entries: readonly AuditEntry[]): FragmentSqlToken {
  return sql.fragment`
    INSERT INTO audit_events (${AUDIT_COLUMNS})
    SELECT coalesce(at, now()), actor, kind, regulation_id, rule_id, version_hash, case_id, organisation_id, workflow_id, run_id, details
    FROM jsonb_to_recordset(${jsonValue(entries.map(auditRow))}) AS x(${AUDIT_RECORD})`;
}

/** The columns of `audit_events` an entry fills, in the order of `auditRow`'s record. */
export const AUDIT_COLUMNS = sql.fragment`at, actor, kind, regulation_id, rule_id, version_hash, case_id, organisation_id, workflow_id, run_id, details`;

/** The column definition of `auditRow` objects in `jsonb_to_recordset(...) AS x(…)`. */
export const AUDIT_RECORD = sql.fragment`at timestamptz, actor text, kind text, regulation_id text, rule_id text, version_hash text, case_id bigint,
                organisation_id text, workflow_id text, run_id text, details jsonb`;

/** An entry as a record of `audit_events` columns (absent fields null; the time null for the database's clock). */
export function auditRow(e: AuditEntry): Record<string, unknown> {
  return {
    at: e.at ?? null, actor: e.actor, kind: e.kind, regulation_id: e.regulationId ?? null, rule_id: e.ruleId ?? null,
    version_hash: e.versionHash ?? null, case_id: e.caseId ?? null, organisation_id: e.organisationId ?? null,
    workflow_id: e.workflowId ?? null, run_id: e.runId ?? null, details: e.details ?? {},
  };
}
