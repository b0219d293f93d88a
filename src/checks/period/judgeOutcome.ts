import type { SubjectOutcome } from './periodCheck.js';

/** The verdict on one subject for one deadline. */
export type ComplianceStatus = 'met' | 'met_late' | 'missed' | 'pending';

/** A subject's verdict with its metric level, if graded. */
export interface Judgement {
  status: ComplianceStatus;
  level?: string;
}

/**
 * Judges an outcome against a deadline at `asOf`: done by the deadline → met; done after it →
 * met late; not done and the deadline passed → missed; otherwise pending. For metric checks the
 * level is the first of `levels` (ordered by decreasing lower bound) whose `min` the metric reaches;
 * for a lower-is-better metric the levels are read the other way (`min` is then an upper bound
 * exceeded, e.g. discrepancy over 10 % → группа риска).
 */
export function judgeOutcome(o: SubjectOutcome, dueAt: string, asOf: string, levels?: { name: string; min: number }[], higherIsBetter = true): Judgement {
  const due = Date.parse(dueAt);
  const now = Date.parse(asOf);
  let status: ComplianceStatus;
  if (o.completed_at !== null) status = Date.parse(o.completed_at) <= due ? 'met' : 'met_late';
  else status = now >= due ? 'missed' : 'pending';
  if (o.metric === null || !levels?.length) return { status };
  const metric = o.metric;
  const level = higherIsBetter ? levels.find((l) => metric >= l.min) : levels.find((l) => metric > l.min) ?? levels[levels.length - 1];
  return { status, ...(level ? { level: level.name } : {}) };
}
