import type { CommonQueryMethods } from 'slonik';

/** One occurrence of a period rule to evaluate, for one tier of responsibility. */
export interface PeriodCheckInput {
  ruleKey: { regulationId: string; ruleId: string };
  region: string;
  params: Record<string, unknown>;
  organisationTypes: string[];
  municipalities?: string[];
  /** Who is judged: each organisation in scope, each municipality, or the region. */
  subjectScope: 'organisation' | 'municipality' | 'region';
  period: { id: string; start: string; end: string };
  dueAt: string;
  asOf: string;
  windowOpensAt?: string;
  /** IANA zone of the regulation's region: local dates of instants are taken in it. */
  timezone: string;
  /**
   * Local ISO dates of the period's working days by the rule's production calendar (absent when the
   * calendar is not loaded: a check needing them then falls back to Monday–Friday).
   */
  workingDays?: string[];
}

/** What a check found for one subject; the status is derived from it by `judgeOutcome`. */
export interface SubjectOutcome {
  subject_kind: 'organisation' | 'municipality' | 'region';
  subject_id: string;
  /** When the obligation was fulfilled, or null if it is not (yet). */
  completed_at: string | null;
  /** The metric in percent, for metric checks. */
  metric: number | null;
  counts: Record<string, number>;
  /** Ids of offending records, shown only to the organisation's own responsible person. */
  offending: string[];
}

/**
 * A check of a period obligation ("open the new academic year by 5 September", "МО by the 10th of
 * the month after the quarter"): one set-based query returning one outcome per subject in scope.
 * It sees only facts recorded at or before `asOf`, so that a simulation of a past year, or a replay,
 * judges each moment by what was known then.
 */
export interface PeriodCheck {
  name: string;
  evaluate(db: CommonQueryMethods, input: PeriodCheckInput): Promise<readonly SubjectOutcome[]>;
}

/**
 * The outcome of one organisation from a check's row (`subject_id`, `completed_at`): the counts,
 * the offending record ids (as text) and the metric, if the check has one.
 */
export function organisationOutcome(row: { subject_id: string; completed_at: string | null }, counts: Record<string, number>, offending: readonly (string | number)[] = [], metric: number | null = null): SubjectOutcome {
  return { subject_kind: 'organisation', subject_id: row.subject_id, completed_at: row.completed_at, metric, counts, offending: offending.map(String) };
}
