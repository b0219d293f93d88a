import { sql, type CommonQueryMethods } from 'slonik';
import { z } from 'zod';

const row = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  kind: z.string(),
  regulation_id: z.string().nullable(),
  rule_id: z.string().nullable(),
  version_hash: z.string().nullable(),
  case_id: z.number().nullable(),
  organisation_id: z.string().nullable(),
  workflow_id: z.string().nullable(),
  run_id: z.string().nullable(),
  details: z.record(z.unknown()),
  subject_kind: z.string().nullable(),
  subject_id: z.string().nullable(),
  due_at: z.string().nullable(),
  last_day: z.string().nullable(),
  case_status: z.string().nullable(),
});
export type AuditRow = z.infer<typeof row>;

/** Filters of an audit query; all optional. `period` is a month (`YYYY-MM`) of the deadline or of the event time. */
export interface AuditFilter {
  rule?: string;
  org?: string;
  period?: string;
}

/**
 * The audit trail in time order, joined with each record's obligation case (subject, deadline,
 * current status), filtered by rule, organisation and month. Sweep summaries are included only
 * when no organisation is asked for (they concern every organisation). A case record that names
 * the `deadline_computed` record of its deadline (`deadlineRecord`) gets that record's calendar
 * explanation back in its details, so each case reads whole.
 */
export async function auditTimeline(db: CommonQueryMethods, f: AuditFilter): Promise<readonly AuditRow[]> {
  const conditions = [sql.fragment`TRUE`];
  if (f.rule) conditions.push(sql.fragment`a.rule_id = ${f.rule}`);
  if (f.org) conditions.push(sql.fragment`(a.organisation_id = ${f.org} OR c.organisation_id = ${f.org})`);
  if (f.period) {
    conditions.push(sql.fragment`(to_char(c.due_at, 'YYYY-MM') = ${f.period} OR to_char(a.at, 'YYYY-MM') = ${f.period} OR a.details ->> 'asOf' LIKE ${f.period + '%'})`);
  }
  return db.any(sql.type(row)`
    SELECT a.id, a.at, a.actor, a.kind, a.regulation_id, a.rule_id, a.version_hash, a.case_id, a.organisation_id,
           a.workflow_id, a.run_id,
           CASE WHEN x.id IS NULL THEN a.details ELSE a.details || jsonb_build_object('explain', x.details -> 'explain') END AS details,
           c.subject_kind, c.subject_id, c.due_at, c.last_day, c.status AS case_status
    FROM audit_events a
    LEFT JOIN obligation_cases c ON c.id = a.case_id
    LEFT JOIN audit_events x ON x.id = (a.details ->> 'deadlineRecord')::bigint AND x.kind = 'deadline_computed'
    WHERE ${sql.join(conditions, sql.fragment` AND `)}
    ORDER BY coalesce((a.details ->> 'asOf')::timestamptz, a.at), a.id`);
}
