import type { Term } from '../time/term.js';

/** The legal act a regulation encodes. */
export interface LegalSource {
  issuer: string;
  act: string;
  number?: string;
  date: string;
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

/** An obligation that arises with each event of a kind and is due a term later. */
export interface AfterEventTrigger {
  kind: 'after_event';
  event: string;
  term: Term;
  termText: string;
  moveToWorkingDay: boolean;
}

/** A rule compiled to plain data: safe to pass into Temporal workflows as input. */
export interface CompiledRule {
  regulationId: string;
  id: string;
  title: string;
  citation: { clause: string; text: string };
  scope: { organisationTypes: string[]; municipalities?: string[] };
  trigger: AfterEventTrigger;
  check: { name: string; params: Record<string, unknown> };
  escalation: CompiledEscalationStep[];
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
