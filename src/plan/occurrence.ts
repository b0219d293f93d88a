import type { CompiledRule, PeriodKind, RoleRef } from '../regulation/model.js';
import type { ExplainStep } from '../time/term.js';

/**
 * The planner's output: one occurrence per rule × period (or campaign phase), plain JSON data.
 *
 * These field names are the stable JSON of `reglament plan --format json` (an array of
 * `Occurrence`); add fields rather than rename them. Instants are ISO 8601 with the offset of the
 * regulation's zone (`2024-09-06T00:00:00.000+05:00`); days are local `YYYY-MM-DD`.
 */

/** What an occurrence stands for. */
export type OccurrenceKind =
  /** One period of an annual, one-off or recurring rule. */
  | 'period'
  /** A campaign opens: a moment (`windowOpens`), no deadline. */
  | 'campaign_opening'
  /** A campaign closes: the rule's deadlines counted from the closing date. */
  | 'campaign_closing'
  /** The end of a campaign's extension: only if the extension check holds (`conditional`). */
  | 'campaign_extension'
  /** An event-relative rule (after_event, before_event, after_rule): no dates without data, listed once. */
  | 'event';

/** Period kinds of occurrences: the rule language's periods plus one-off years, campaigns and events. */
export type OccurrencePeriodKind = PeriodKind | 'once' | 'campaign' | 'event';

/**
 * The period an occurrence belongs to. `id` is the last part of the occurrence id: `2024-09`,
 * `2024-W36`, `2024-Q3`, `2024/2025`, `2024/2025-Q1`, `2024/2025-S1`, `2024`, `2024-09-05` (day),
 * `2025` (a one-off year or a campaign), `2025-opening`, `2025-extension`, `event`.
 */
export interface OccurrencePeriod {
  kind: OccurrencePeriodKind;
  id: string;
  /** Russian: «2024/2025 учебный год», «3 квартал 2024», «сентябрь 2024», «неделя 2024-W36». */
  label: string;
  /** First local day, inclusive. */
  start: string;
  /** Last local day, inclusive. */
  end: string;
}

/** A responsible role at one tier of a rule (tier = index into `CompiledRule.deadlines`). */
export interface TierRole extends RoleRef {
  tier: number;
}

/** One tier's deadline in one occurrence. */
export interface PlannedDeadline {
  tier: number;
  role: RoleRef;
  /** The day the rule names (the 10th of the next month, 5 September, the term's end), before `until` and moving. */
  namedDay: string;
  /** The last local day on which the obligation can be met, after `until` and moving (art. 193). */
  lastDay: string;
  /** The instant the deadline passes: 24:00 of `lastDay` local time (for hour terms, the exact instant). */
  due: string;
  until: 'inclusive' | 'exclusive';
  /** True when a non-working last day was moved to the next working day. */
  moved: boolean;
  /** True when a year involved has no approved production calendar. */
  provisional: boolean;
  /** The computation step by step, in Russian (the calendar days counted and skipped). */
  explain: ExplainStep[];
}

/** A reminder before one tier's deadline. */
export interface PlannedReminder {
  tier: number;
  /** Index into `CompiledRule.reminders`. */
  index: number;
  /** The reminder term in Russian, e.g. «3 рабочих дня». */
  term: string;
  /** When to remind: the start (00:00 local) of the day that many (working) days before `lastDay`; for hours, exactly that many hours before `due`. */
  at: string;
  provisional: boolean;
}

/** One step of the escalation ladder after one tier's deadline (or a repeat of the last step). */
export interface PlannedEscalation {
  tier: number;
  /** 0-based ladder step; step 0 is usually the deadline notice itself (`after: 0 часов`). */
  step: number;
  role: RoleRef;
  /** The delay after the deadline in Russian, e.g. «2 рабочих дня»; for repeats, the repeat term. */
  after: string;
  /** 0 for the step itself; 1, 2, … for the repeats of the last step while unmet. */
  repeat: number;
  at: string;
  /** The local day `at` falls at the end of (or in, for hour terms). */
  lastDay: string;
  provisional: boolean;
}

/** How an event-relative rule's deadlines are counted, in Russian, since they have no dates without data. */
export interface EventTerm {
  trigger: 'after_event' | 'before_event' | 'after_rule';
  /** The event name for after_event / before_event (`enrollment_order`). */
  event?: string;
  /** The preceding rule for after_rule. */
  rule?: string;
  /** The first tier's term: «3 рабочих дня после события «приказ о зачислении»». */
  text: string;
  tiers: { tier: number; role: RoleRef; text: string }[];
  /** «за 1 рабочий день до срока», … */
  reminders: string[];
  /** «Руководитель … — в момент истечения срока», «Муниципальный оператор — через 2 рабочих дня после срока», … */
  escalation: string[];
}

/** One occurrence of a rule. */
export interface Occurrence {
  /** `<regulation>/<rule>/<period>`: the workflow id of this occurrence. */
  id: string;
  kind: OccurrenceKind;
  regulationId: string;
  regulationTitle: string;
  /** The legal act in one line: «Приказ № 216 от 01.03.2018, Приложение 1 (Департамент образования …)». */
  basis: string;
  ruleId: string;
  title: string;
  citation: { clause: string; text: string };
  region: string;
  timezone: string;
  /** Production calendar id the dates were computed on. */
  calendar: string;
  scope: CompiledRule['scope'];
  period: OccurrencePeriod;
  /** Responsible role per tier. */
  who: TierRole[];
  /** When the obligation opens (start of the window's day, local time), if the rule has a window or the occurrence is a campaign opening. */
  windowOpens?: string;
  /** One per tier, in tier order; empty for campaign openings and event rules. */
  deadlines: PlannedDeadline[];
  /** Sorted by time. */
  reminders: PlannedReminder[];
  /** Per tier, in ladder order, repeats last. */
  escalations: PlannedEscalation[];
  /** True when any date here lies in a year without an approved production calendar. */
  provisional: boolean;
  /** Present when the occurrence exists only if a check holds (a campaign extension). */
  conditional?: { check: string; text: string };
  /** Present for event-relative rules. */
  event?: EventTerm;
}
