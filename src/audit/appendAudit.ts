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
    SELECT coalesce(at, now()), actor, kind, regulation_id, rule_id, version_hash, case_id, organisation_id, workflow_id, run_id, coalesce(details, '{}')
    FROM ROWS FROM (jsonb_to_recordset(${jsonValue(entries)}) AS (${AUDIT_ENTRY_RECORD})) AS x(${AUDIT_COLUMNS})`;
}

/** The columns of `audit_events` an entry fills, in the order of `AUDIT_ENTRY_RECORD`. */
export const AUDIT_COLUMNS = sql.fragment`at, actor, kind, regulation_id, rule_id, version_hash, case_id, organisation_id, workflow_id, run_id, details`;

/**
 * The column definition of `AuditEntry` objects as JSON (absent fields read as null), in
 * `AUDIT_COLUMNS` order: alias them with `AUDIT_COLUMNS`. Outbox parts keep entries in this form
 * too, to be written once their digest is sent.
 */
export const AUDIT_ENTRY_RECORD = sql.fragment`at timestamptz, actor text, kind text, "regulationId" text, "ruleId" text, "versionHash" text,
                "caseId" bigint, "organisationId" text, "workflowId" text, "runId" text, details jsonb`;
