import { sql, type CommonQueryMethods } from 'slonik';
import { z } from 'zod';
import type { ComplianceStatus } from './judgeOutcome.js';

/** A judged subject of one occurrence, ready to be stored as a case. */
export interface PeriodCaseRow {
  subjectId: string;
  /** `waived`: the obligation was lifted for the subject (`completedAt` is then the waiver's time). */
  status: ComplianceStatus | 'waived';
  completedAt: string | null;
  metric: number | null;
  level?: string;
  evidence: Record<string, unknown>;
}

/** The occurrence and tier the cases belong to. */
export interface PeriodCaseKey {
  regulationId: string;
  ruleId: string;
  periodId: string;
  periodStart: string;
  tier: number;
  dueAt: string;
  lastDay: string;
  versionHash: string;
  asOf: string;
}

/**
 * Stores the verdict on every subject of one occurrence tier (set-based upsert): the latest check
 * result wins, except that a case already closed as met or met late stays closed. Returns each
 * subject's case id and status as stored.
 */
export async function upsertPeriodCases(db: CommonQueryMethods, key: PeriodCaseKey, rows: PeriodCaseRow[]): Promise<readonly { id: number; subject_id: string; status: string }[]> {
  if (rows.length === 0) return [];
  const status = (s: PeriodCaseRow['status']) => (s === 'pending' ? 'open' : s);
  return db.any(sql.type(z.object({ id: z.number(), subject_id: z.string(), status: z.string() }))`
    INSERT INTO obligation_cases (regulation_id, rule_id, period_id, tier, subject_kind, subject_id, organisation_id, municipality_id,
                                  event_date, due_at, last_day, status, detected_at, closed_at, metric, level, evidence, version_hash)
    SELECT ${key.regulationId}, ${key.ruleId}, ${key.periodId}, ${key.tier}, 'organisation', r.subject_id, g.id, g.municipality_id,
           ${key.periodStart}::date, ${key.dueAt}::timestamptz, ${key.lastDay}::date, r.status, ${key.asOf}::timestamptz,
           r.completed_at, r.metric, r.level, r.evidence, ${key.versionHash}
    FROM jsonb_to_recordset(${sql.jsonb(rows.map((r) => ({
      subject_id: r.subjectId, status: status(r.status), completed_at: r.completedAt, metric: r.metric, level: r.level ?? null, evidence: r.evidence,
    })) as never)}) AS r(subject_id text, status text, completed_at timestamptz, metric numeric, level text, evidence jsonb)
    JOIN organisations g ON g.id = r.subject_id
    ON CONFLICT (regulation_id, rule_id, period_id, tier, subject_kind, subject_id) DO UPDATE
      SET status = CASE WHEN obligation_cases.status IN ('met', 'met_late') THEN obligation_cases.status ELSE excluded.status END,
          closed_at = coalesce(obligation_cases.closed_at, excluded.closed_at),
          metric = excluded.metric, level = excluded.level, evidence = excluded.evidence
    RETURNING id, subject_id, status`);
}
