/** How a deadline is written in a regulation file (exactly one of the kind keys). */
export interface RawDue {
  date?: string;
  term?: string;
  same_day?: true;
  day_of_next_period?: number;
  day_of_period?: number;
  last_working_day?: true;
  last_day?: true;
  period_end?: true;
  until?: 'inclusive' | 'exclusive';
  move_to_working_day?: boolean;
}

/** A check as written: a catalog name with parameters, and levels for metric checks. */
export interface RawCheck {
  name: string;
  params?: Record<string, unknown>;
  levels?: { name: string; min: number }[];
}

/** An escalation ladder as written. */
export interface RawLadder {
  steps: { to: string; after: string }[];
  repeat?: string;
}

/** What creates a rule's occurrences, as written (exactly one key). */
export interface RawWhen {
  annual?: { year?: 'calendar' | 'academic' };
  once?: { year: number };
  recurring?: { period: string; months?: number[] };
  after_event?: { event: string };
  before_event?: { event: string };
  after_rule?: { rule: string };
  campaign?: { year?: number | 'annual'; opens: string; closes: string; extension?: { until: string; while: RawCheck } };
}

/** One rule as written. */
export interface RawRule {
  id: string;
  title: string;
  citation: { clause: string; text: string };
  scope: { organisation_types: string[]; municipalities?: string[]; regions?: string[] };
  active?: { from?: string; to?: string };
  when: RawWhen;
  window?: { opens: RawDue };
  due?: RawDue;
  deadlines?: { role: string; due: RawDue }[];
  reminders?: string[];
  check: RawCheck;
  escalation?: string | RawLadder;
  notes?: string;
}

/** The shape of a regulation file as written, once it has passed the JSON Schema. */
export interface RawRegulation {
  id: string;
  title: string;
  source: { issuer: string; act: string; number?: string; date?: string; appendix?: string; url?: string };
  region: string;
  timezone: string;
  calendar: string;
  effective: { from: string; to?: string };
  version: number;
  roles: Record<string, { title: string; scope: 'organisation' | 'municipality' | 'region' }>;
  ladders?: Record<string, RawLadder>;
  default_escalation?: string;
  rules: RawRule[];
}
