import { sql, type CommonQueryMethods, type FragmentSqlToken } from 'slonik';
import { z } from 'zod';
import { formatRu } from '../../time/isoDate.js';
import type { DueByDate, EventCheck, NewCases, OpenCase, SweepWindow } from './eventCheck.js';
import { candidateDatesOf, caseFields, caseIdsFilter, duesRelation, newCasesRow, openCaseRow, sweepScope, zoneOf } from './sweepEvents.js';

/** What an event source is built for: the rule's params, the moment judged, the region's zone. */
export interface EventRowsContext {
  params: Record<string, unknown>;
  /** Facts recorded after this instant are not seen (`'infinity'`: everything known now). */
  asOf: string;
  /** IANA zone for events stored as instants (a consent) whose local date is the event date. */
  zone: string;
  /** Which events the caller needs; a source may add conditions its indexes serve (`instantWindow`). */
  window?: EventWindow;
}

/**
 * The events a query needs: entered by `enteredBy`, dated on or before `to` (if given), and either
 * dated on or after `from` or entered after `enteredAfter`. A hint: the caller filters anyway.
 */
export interface EventWindow {
  from?: string;
  to?: string;
  enteredAfter?: string;
  enteredBy: string;
}

/**
 * SQL condition for an event source whose event is the instant `at` (its local date in `zone` is
 * the event date) and which was entered at `greatest(at, stamp)`: true for the rows of `window`
 * (for every row without one), written as ranges on `at` and `stamp` so their indexes serve it.
 */
export function instantWindow(window: EventWindow | undefined, zone: string, at: FragmentSqlToken, stamp: FragmentSqlToken): FragmentSqlToken {
  if (!window) return sql.fragment`TRUE`;
  const since: FragmentSqlToken[] = [];
  if (window.from) since.push(sql.fragment`${at} >= (${window.from}::date::timestamp AT TIME ZONE ${zone})`);
  if (window.enteredAfter) {
    since.push(sql.fragment`${at} > ${window.enteredAfter}::timestamptz`,
      sql.fragment`(${stamp} > ${window.enteredAfter}::timestamptz AND ${stamp} <= ${window.enteredBy}::timestamptz)`);
  }
  const to = window.to ? sql.fragment`${at} < ((${window.to}::date + 1)::timestamp AT TIME ZONE ${zone})` : sql.fragment`TRUE`;
  // Entered by then means the event itself (never later than its entry) happened by then too.
  // Entered by then: written as the entry time itself (`greatest` ignores a missing stamp), which no
  // index serves, so that the planner reads the ranges below and filters by it.
  return sql.fragment`(${at} <= ${window.enteredBy}::timestamptz AND greatest(${stamp}, ${at}) <= ${window.enteredBy}::timestamptz AND ${to}
    AND (${since.length ? sql.join(since, sql.fragment` OR `) : sql.fragment`TRUE`}))`;
}

/**
 * One kind of event-relative obligation about people: a SELECT yielding one row per event, with the
 * columns `kind` (case subject_kind), `id` (bigint subject id), `organisation_id`, `event_date`
 * (local date), `entered_at` (when the event became known), `done_at` (when the obligation was
 * fulfilled, null if not; later than `asOf` counts as not yet), `ref` (order number or null),
 * `person_name` and `missing` (text[] of keys of what is still missing at `asOf`).
 */
export interface EventObligationSpec {
  name: string;
  subjectKind: string;
  events(ctx: EventRowsContext): FragmentSqlToken;
  /**
   * Whether judging should read `events` as one window (the days judged, and what was entered since
   * the watermark) and join the deadlines to it, rather than look the events up one deadline date
   * at a time. For a source that restricts itself to `ctx.window` by index ranges and reads nothing
   * else per event: one date at a time reads every event of every date that only late entries
   * bring in. A source that joins a large table per event (a student's card) is better left per
   * date: read as a window, the planner, misjudging the window's size, may scan the whole table.
   */
  windowed?(params: Record<string, unknown>): boolean;
  /** Russian label of a case without personal data, e.g. «Приказ о приёме на работу № 12-к от 02.09.2024». */
  label(kind: string, ref: string | null, eventDate: string): string;
  /** Russian wording of the `missing` keys. */
  describeMissing(keys: readonly string[], params: Record<string, unknown>): string[];
}

// closeCompleted/openCases join on the subject id; the event date is taken from the case, so the zone is irrelevant there.
const CASE_ZONE = 'UTC';

/**
 * The events `evaluate` judges: those of the dates whose deadline passed since the watermark, and
 * those of earlier dates entered since the watermark. A date that is only there for its late
 * entries (its deadline passed before the watermark) sets no lower bound: its other events were
 * judged before, and on the day after a mass enrollment they are thousands.
 */
function judgedWindow(w: SweepWindow, dues: readonly DueByDate[], newlyDue: readonly DueByDate[]): EventWindow {
  const dates = dues.map((d) => d.eventDate.slice(0, 10)).sort();
  const from = newlyDue.map((d) => d.eventDate.slice(0, 10)).sort()[0];
  return { ...(from ? { from } : {}), to: dates.at(-1), enteredAfter: w.watermark, enteredBy: w.asOf };
}

/** The deadlines that passed since the watermark (`newlyDue`), and those that passed before it (`lateOnly`: judged for late entries). */
function splitDues(w: SweepWindow, dues: readonly DueByDate[]): { newlyDue: DueByDate[]; lateOnly: DueByDate[] } {
  const watermark = Date.parse(w.watermark);
  return { newlyDue: dues.filter((d) => Date.parse(d.dueAt) > watermark), lateOnly: dues.filter((d) => Date.parse(d.dueAt) <= watermark) };
}

/**
 * The events judged against `dues`, one row per event with its deadline. A date whose deadline
 * passed before the watermark (`lateOnly`) is there for its events entered since alone: bounding
 * the entry time lets an index on (date, entry time) read just those.
 */
function judgedAgainst(w: SweepWindow, source: FragmentSqlToken, dues: readonly DueByDate[], bound: FragmentSqlToken): FragmentSqlToken {
  return sql.fragment`
      SELECT e.kind, e.id, e.organisation_id, g.municipality_id, e.event_date, d.due_at, d.last_day, d.next_step_at, e.done_at
      FROM (${source}) e
      JOIN ${duesRelation(dues, 'd')} ON d.event_date = e.event_date
      JOIN organisations g ON g.id = e.organisation_id
      WHERE ${sweepScope(w)}
        AND e.event_date >= ${w.effectiveFrom}::date
        AND e.entered_at <= ${w.asOf}::timestamptz
        AND d.due_at <= ${w.asOf}::timestamptz
        AND ${bound}`;
}

async function evaluate(db: CommonQueryMethods, spec: EventObligationSpec, w: SweepWindow, dues: DueByDate[], params: Record<string, unknown>): Promise<NewCases> {
  const { newlyDue, lateOnly } = splitDues(w, dues);
  const events = spec.events({ params, asOf: w.asOf, zone: zoneOf(w.region), window: judgedWindow(w, dues, newlyDue) });
  const since = sql.fragment`e.entered_at > ${w.watermark}::timestamptz`;
  let judged: FragmentSqlToken;
  if (spec.windowed?.(params)) {
    // OFFSET 0 keeps a windowed source's ranges together (one bitmap OR of both indexes) instead
    // of letting the planner push each deadline date into it; it is read once, for every date.
    judged = judgedAgainst(w, sql.fragment`SELECT * FROM (${events}) x OFFSET 0`, dues, sql.fragment`(d.due_at > ${w.watermark}::timestamptz OR ${since})`);
  } else {
    // Newly due dates and late-only dates apart: each date's events are looked up by date, and a
    // late-only date's by date and entry time. One join bounding each date's entry time by a
    // per-date value would read both kinds through the (date, entry time) index in its order,
    // which at millions of students visits the rows of a newly due date (all of them) at random
    // instead of in table order.
    judged = sql.fragment`${sql.join([
      ...(newlyDue.length ? [judgedAgainst(w, events, newlyDue, sql.fragment`TRUE`)] : []),
      ...(lateOnly.length ? [judgedAgainst(w, events, lateOnly, since)] : []),
    ], sql.fragment` UNION ALL `)}`;
  }
  return db.one(sql.type(newCasesRow)`
    -- Materialized with done_at alone: an event source's done_at is often a subquery (the last of
    -- a card's fields), which the planner would evaluate once more for every further use if this
    -- were inlined into the verdicts.
    WITH judged AS MATERIALIZED (${judged}),
    verdicts AS (
      SELECT j.*, coalesce(j.done_at <= ${w.asOf}::timestamptz, false) AS complete FROM judged j
    ),
    inserted AS (
      INSERT INTO obligation_cases (regulation_id, rule_id, subject_kind, subject_id, organisation_id, municipality_id,
                                    event_date, due_at, last_day, status, detected_at, closed_at, version_hash, next_step_at)
      SELECT ${w.ruleKey.regulationId}, ${w.ruleKey.ruleId}, j.kind, j.id::text, j.organisation_id, j.municipality_id,
             j.event_date, j.due_at, j.last_day, CASE WHEN j.complete THEN 'met_late' ELSE 'open' END,
             ${w.asOf}::timestamptz, CASE WHEN j.complete THEN j.done_at END, ${w.versionHash}, CASE WHEN NOT j.complete THEN j.next_step_at END
      FROM verdicts j
      WHERE NOT (j.complete AND j.done_at <= j.due_at)
      ON CONFLICT (regulation_id, rule_id, period_id, tier, subject_kind, subject_id) DO NOTHING
      RETURNING id, organisation_id, event_date, status
    )
    SELECT (SELECT count(*)::int FROM verdicts WHERE complete AND done_at <= due_at) AS met,
           (SELECT count(*)::int FROM inserted WHERE status = 'met_late') AS met_late,
           (SELECT count(*)::int FROM inserted WHERE status = 'open') AS opened`);
}

async function closeCompleted(db: CommonQueryMethods, spec: EventObligationSpec, ruleKey: SweepWindow['ruleKey'], params: Record<string, unknown>, asOf: string): Promise<number[]> {
  // Driven by the open cases: each looks up its own event, so the cost follows the open cases, not
  // the size of the registry. OFFSET 0 keeps the planner from flattening the lateral subquery,
  // which is what lets the case's kind and id reach into each branch of the event source as an
  // index lookup (flattened, it sorts or hashes the whole source instead).
  const rows = await db.any(sql.type(z.object({ id: z.number() }))`
    WITH open AS MATERIALIZED (
      SELECT c.id, c.subject_kind, c.subject_id::bigint AS subject_id FROM obligation_cases c
      WHERE c.status = 'open' AND c.regulation_id = ${ruleKey.regulationId} AND c.rule_id = ${ruleKey.ruleId}
    ),
    done AS (
      SELECT o.id, e.done_at FROM open o
      CROSS JOIN LATERAL (SELECT x.done_at FROM (${spec.events({ params, asOf, zone: CASE_ZONE })}) x
                          WHERE x.kind = o.subject_kind AND x.id = o.subject_id OFFSET 0) e
      WHERE e.done_at <= ${asOf}::timestamptz
    )
    UPDATE obligation_cases c
    SET status = 'met_late', closed_at = d.done_at
    FROM done d
    WHERE c.id = d.id
    RETURNING c.id`);
  return rows.map((r) => r.id);
}

const openCase = openCaseRow.extend({
  event_date: z.string(),
  kind: z.string(),
  ref: z.string().nullable(),
  person_name: z.string().nullable(),
  missing: z.array(z.string()),
});

async function openCases(db: CommonQueryMethods, spec: EventObligationSpec, ruleKey: SweepWindow['ruleKey'], params: Record<string, unknown>, asOf: string, ids?: readonly number[]): Promise<readonly OpenCase[]> {
  const rows = await db.any(sql.type(openCase)`
    -- Per case, as in closeCompleted.
    WITH open AS MATERIALIZED (
      SELECT c.* FROM obligation_cases c
      WHERE c.status = 'open' AND c.regulation_id = ${ruleKey.regulationId} AND c.rule_id = ${ruleKey.ruleId} AND ${caseIdsFilter(ids)}
    )
    SELECT c.id, c.organisation_id, g.name AS organisation_name, c.municipality_id, c.due_at, c.last_day, c.event_date,
           e.kind, e.ref, nullif(e.person_name, '') AS person_name, e.missing
    FROM open c
    CROSS JOIN LATERAL (SELECT x.kind, x.ref, x.person_name, x.missing FROM (${spec.events({ params, asOf, zone: CASE_ZONE })}) x
                        WHERE x.kind = c.subject_kind AND x.id = c.subject_id::bigint OFFSET 0) e
    JOIN organisations g ON g.id = c.organisation_id
    ORDER BY c.organisation_id, c.due_at, c.id`);
  return rows.map((r) => ({
    ...caseFields(r), event_date: r.event_date,
    subject_label: spec.label(r.kind, r.ref, r.event_date),
    person_name: r.person_name,
    missing: spec.describeMissing(r.missing, params),
  }));
}

/**
 * Builds an `EventCheck` from an event source: candidate dates from the watermark, set-based
 * judgement against the caller's per-date deadlines (only facts recorded by `asOf` count), cases
 * for unmet deadlines (idempotent on the case key), closing of cases done since, and open cases
 * with what a notice needs. Each method is one query and sees only facts recorded by `asOf`.
 */
export function eventObligationCheck(spec: EventObligationSpec): EventCheck {
  return {
    name: spec.name,
    subjectKind: spec.subjectKind,
    candidateEventDates: (db, w, earliest, params) =>
      candidateDatesOf(db, spec.events({ params, asOf: w.asOf, zone: zoneOf(w.region), window: { from: earliest, to: w.lastEventDate, enteredAfter: w.watermark, enteredBy: w.asOf } }), w, earliest),
    evaluateNew: (db, w, dues, params) => evaluate(db, spec, w, dues, params),
    closeCompleted: (db, ruleKey, params, asOf) => closeCompleted(db, spec, ruleKey, params, asOf),
    openCases: (db, ruleKey, params, asOf, ids) => openCases(db, spec, ruleKey, params, asOf, ids),
  };
}

/** «№ 12-к от 02.09.2024», or «от 02.09.2024» without a number. */
export function orderRef(ref: string | null, eventDate: string): string {
  return `${ref ? `№ ${ref} ` : ''}от ${formatRu(eventDate)}`;
}
