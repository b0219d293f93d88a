import type { Term } from '../time/term.js';

/** The legal act a regulation encodes. */
export interface LegalSource {
  issuer: string;
  act: string;
  number?: string;
  date?: string;
  appendix?: string;
  url?: string;
}

/** A responsible role and the level its holders sit at. */
export interface RoleRef {
  id: string;
  title: string;
  scope: 'organisation' | 'municipality' | 'region';
}

/** One step of an escalation ladder: whom to notify, how long after the deadline. */
export interface CompiledEscalationStep {
  /** 0-based position in the ladder. */
  step: number;
  role: RoleRef;
  after: Term;
  afterText: string;
}

/** An escalation ladder; the last step repeats every `repeat` while the obligation stays unmet. */
export interface CompiledLadder {
  name?: string;
  steps: CompiledEscalationStep[];
  repeat?: Term;
}

/** Period kinds a recurring rule can repeat over. */
export type PeriodKind = 'day' | 'iso_week' | 'month' | 'quarter' | 'academic_quarter' | 'semester' | 'academic_year' | 'year';

/** What creates a rule's occurrences. */
export type Trigger =
  | { kind: 'annual'; year: 'calendar' | 'academic' }
  | { kind: 'once'; year: number }
  | { kind: 'recurring'; period: PeriodKind; months?: number[] }
  | { kind: 'after_event'; event: string }
  | { kind: 'before_event'; event: string }
  | { kind: 'after_rule'; rule: string }
  | { kind: 'campaign'; year: number | 'annual'; opens: string; closes: string; extension?: { until: string; while: CompiledCheck } };

/** How a deadline is anchored; `until` and `moveToWorkingDay` refine every kind. */
export type DueAnchor =
  | { kind: 'date'; date: string }
  | { kind: 'term'; term: Term; termText: string }
  | { kind: 'same_day' }
  | { kind: 'day_of_next_period'; day: number }
  | { kind: 'day_of_period'; day: number }
  | { kind: 'last_working_day' }
  | { kind: 'last_day' }
  | { kind: 'period_end' };

/** A compiled deadline rule. */
export type DueSpec = DueAnchor & { until: 'inclusive' | 'exclusive'; moveToWorkingDay: boolean };

/** A deadline for one tier of responsibility (e.g. МО by the 10th, РО by the 15th). */
export interface CompiledDeadline {
  role: RoleRef;
  due: DueSpec;
}

/** A compliance check: a catalog name with validated parameters and optional metric levels. */
export interface CompiledCheck {
  name: string;
  params: Record<string, unknown>;
  levels?: { name: string; min: number }[];
}

/** A rule compiled to plain data: safe to pass into Temporal workflows as input. */
export interface CompiledRule {
  regulationId: string;
  id: string;
  title: string;
  citation: { clause: string; text: string };
  scope: { organisationTypes: string[]; municipalities?: string[]; regions?: string[] };
  active?: { from?: string; to?: string };
  trigger: Trigger;
  window?: DueSpec;
  /** At least one; ordered as written (lower tiers first). */
  deadlines: CompiledDeadline[];
  reminders: Term[];
  check: CompiledCheck;
  escalation: CompiledLadder;
  notes?: string;
}

/** A regulation compiled to plain data, identified by the hash of its source text. */
export interface CompiledRegulation {
  id: string;
  title: string;
  source: LegalSource;
  region: string;
  timezone: string;
  calendar: string;
  effective: { from: string; to?: string };
  version: number;
  /** sha256 of the file's bytes: the version an occurrence records. */
  versionHash: string;
  sourcePath: string;
  rules: CompiledRule[];
}
