import type { CommonQueryMethods } from 'slonik';

/** One deadline for every event that happened on a given local date. */
export interface DueByDate {
  eventDate: string;
  dueAt: string;
  lastDay: string;
  /**
   * The first escalation step after the sweep's `asOf` of a case opened against this deadline
   * ('infinity' when none is left). A check that stores it with the cases it opens spares the
   * escalation an update of every new case: the steps due by `asOf` are recorded, the next one is
   * already in place.
   */
  nextStepAt?: string;
}

/** How a deadline counts from its event: back from it, within its own day, or a term after it. */
export type TermShape = 'before' | 'same_day' | 'term';

/** Which events a sweep looks at: those due in (watermark, asOf], or entered since the watermark. */
export interface SweepWindow {
  ruleKey: { regulationId: string; ruleId: string };
  region: string;
  organisationTypes: string[];
  municipalities?: string[];
  /** Events before this date are outside the regulation (its `effective.from` or the rule's `active.from`). */
  effectiveFrom: string;
  watermark: string;
  asOf: string;
  /** When known: events dated after this local date are not due by `asOf`, and need not be read. */
  lastEventDate?: string;
  /**
   * How the rule's deadline counts from its event (before it, the same day, or a term after it);
   * checks whose rules share params tell them apart by it. Inferred from the deadlines when absent.
   */
  termShape?: TermShape;
  versionHash: string;
}

/**
 * What `evaluateNew` found, as counts. The cases it created (only unmet deadlines make cases) carry
 * the sweep's `asOf` as `detected_at`, which is how the sweep finds them to audit, without carrying
 * them back to the worker.
 */
export interface NewCases {
  met: number;
  met_late: number;
  opened: number;
}

/** An open case with what a notice needs. `detail` and `personName` go only to the organisation's own staff. */
export interface OpenCase {
  id: number;
  organisation_id: string;
  organisation_name: string;
  municipality_id: string;
  due_at: string;
  last_day: string;
  event_date: string;
  /** What the case is about, in Russian, without personal data: "Приказ № 45-з от 26.04.2024". */
  subject_label: string;
  /** The person concerned (student, employee, parent): personal data. */
  person_name: string | null;
  /** What is still missing, in Russian (e.g. card fields). */
  missing: string[];
}

/**
 * A check of an event-relative obligation ("within 3 working days of the order"), evaluated by
 * sweeps from a watermark so that a sweep costs what the new events cost, not the registry's size.
 * Each method is one set-based query; the working-day arithmetic stays in TypeScript (the caller
 * computes each event date's deadline and passes them in).
 */
export interface EventCheck {
  name: string;
  /** `subject_kind` of the cases it opens. */
  subjectKind: string;
  /**
   * Distinct local dates of events that may be due after the watermark (on or after `earliestDate`)
   * or were entered since it.
   */
  candidateEventDates(db: CommonQueryMethods, w: SweepWindow, earliestDate: string, params: Record<string, unknown>): Promise<string[]>;
  /** Judges the events due in the window against their deadlines; opens cases for unmet ones (idempotent). */
  evaluateNew(db: CommonQueryMethods, w: SweepWindow, dues: DueByDate[], params: Record<string, unknown>): Promise<NewCases>;
  /**
   * Closes as "met late" the rule's open cases done by `asOf` (facts recorded later are not seen, so
   * a simulation of a past year closes each case on the day it was done); returns their ids.
   */
  closeCompleted(db: CommonQueryMethods, ruleKey: SweepWindow['ruleKey'], params: Record<string, unknown>, asOf: string): Promise<number[]>;
  /**
   * The rule's open cases as of `asOf` (what is missing then), ordered by organisation and
   * deadline; only those of `ids` when given (a sweep reads the cases it is about to notify).
   */
  openCases(db: CommonQueryMethods, ruleKey: SweepWindow['ruleKey'], params: Record<string, unknown>, asOf: string, ids?: readonly number[]): Promise<readonly OpenCase[]>;
}
