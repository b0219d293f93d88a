import { sql, type CommonQueryMethods, type FragmentSqlToken } from 'slonik';
import { z } from 'zod';
import { formatRu } from '../../time/isoDate.js';
import type { DueByDate, EventCheck, NewCases, OpenCase, SweepWindow } from './eventCheck.js';
import { candidateDatesOf, duesRelation, newCasesRow, sweepScope, zoneOf } from './sweepEvents.js';

/** What an event source is built for: the rule's params, the moment judged, the region's zone. */
export interface EventRowsContext {
  params: Record<string, unknown>;
  /** Facts recorded after this instant are not seen (`'infinity'`: everything known now). */
  asOf: string;
  /** IANA zone for events stored as instants (a consent) whose local date is the event date. */
  zone: string;
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
  /** Russian label of a case without personal data, e.g. «Приказ о приёме на работу № 12-к от 02.09.2024». */
  label(kind: string, ref: string | null, eventDate: string): string;
  /** Russian wording of the `missing` keys. */
  describeMissing(keys: readonly string[], params: Record<string, unknown>): string[];
}

// closeCompleted/openCases join on the subject id; the event date is taken from the case, so the zone is irrelevant there.
const CASE_ZONE = 'UTC';

async function evaluate(db: CommonQueryMethods, spec: EventObligationSpec, w: SweepWindow, dues: DueByDate[], params: Record<string, unknown>): Promise<NewCases> {
  return db.one(sql.type(newCasesRow)`
    WITH dues AS (
      SELECT * FROM ${duesRelation(dues, 'd')}
    ),
    judged AS (
      SELECT e.kind, e.id, e.organisation_id, g.municipality_id, e.event_date, d.due_at, d.last_day, e.done_at,
             coalesce(e.done_at <= ${w.asOf}::timestamptz, false) AS complete
      FROM (${spec.events({ params, asOf: w.asOf, zone: zoneOf(w.region) })}) e
      JOIN dues d ON d.event_date = e.event_date
      JOIN organisations g ON g.id = e.organisation_id
      WHERE ${sweepScope(w)}
        AND e.event_date >= ${w.effectiveFrom}::date
        AND e.entered_at <= ${w.asOf}::timestamptz
        AND d.due_at <= ${w.asOf}::timestamptz
        AND (d.due_at > ${w.watermark}::timestamptz OR e.entered_at > ${w.watermark}::timestamptz)
    ),
    inserted AS (
      INSERT INTO obligation_cases (regulation_id, rule_id, subject_kind, subject_id, organisation_id, municipality_id,
                                    event_date, due_at, last_day, status, detected_at, closed_at, version_hash)
      SELECT ${w.ruleKey.regulationId}, ${w.ruleKey.ruleId}, j.kind, j.id::text, j.organisation_id, j.municipality_id,
             j.event_date, j.due_at, j.last_day, CASE WHEN j.complete THEN 'met_late' ELSE 'open' END,
             ${w.asOf}::timestamptz, CASE WHEN j.complete THEN j.done_at END, ${w.versionHash}
      FROM judged j
      WHERE NOT (j.complete AND j.done_at <= j.due_at)
      ON CONFLICT (regulation_id, rule_id, period_id, tier, subject_kind, subject_id) DO NOTHING
      RETURNING id, organisation_id, event_date, status
    )
    SELECT (SELECT count(*)::int FROM judged WHERE complete AND done_at <= due_at) AS met,
           (SELECT count(*)::int FROM inserted WHERE status = 'met_late') AS met_late,
           (SELECT count(*)::int FROM inserted WHERE status = 'open') AS opened,
           coalesce((SELECT json_agg(json_build_object('id', id, 'organisation_id', organisation_id, 'event_date', event_date, 'status', status) ORDER BY id)
                     FROM inserted), '[]'::json) AS cases`);
}

async function closeCompleted(db: CommonQueryMethods, spec: EventObligationSpec, ruleKey: SweepWindow['ruleKey'], params: Record<string, unknown>, asOf: string): Promise<number[]> {
  const rows = await db.any(sql.type(z.object({ id: z.number() }))`
    UPDATE obligation_cases c
    SET status = 'met_late', closed_at = e.done_at
    FROM (${spec.events({ params, asOf, zone: CASE_ZONE })}) e
    WHERE c.status = 'open'
      AND c.regulation_id = ${ruleKey.regulationId} AND c.rule_id = ${ruleKey.ruleId}
      AND c.subject_kind = e.kind AND e.id = c.subject_id::bigint
      AND e.done_at <= ${asOf}::timestamptz
    RETURNING c.id`);
  return rows.map((r) => r.id);
}

const openCase = z.object({
  id: z.number(),
  organisation_id: z.string(),
  organisation_name: z.string(),
  municipality_id: z.string(),
  due_at: z.string(),
  last_day: z.string(),
  event_date: z.string(),
  kind: z.string(),
  ref: z.string().nullable(),
  person_name: z.string().nullable(),
  missing: z.array(z.string()),
});

async function openCases(db: CommonQueryMethods, spec: EventObligationSpec, ruleKey: SweepWindow['ruleKey'], params: Record<string, unknown>, asOf: string): Promise<readonly OpenCase[]> {
  const rows = await db.any(sql.type(openCase)`
    SELECT c.id, c.organisation_id, g.name AS organisation_name, c.municipality_id, c.due_at, c.last_day, c.event_date,
           e.kind, e.ref, nullif(e.person_name, '') AS person_name, e.missing
    FROM obligation_cases c
    JOIN (${spec.events({ params, asOf, zone: CASE_ZONE })}) e ON e.kind = c.subject_kind AND e.id = c.subject_id::bigint
    JOIN organisations g ON g.id = c.organisation_id
    WHERE c.status = 'open' AND c.regulation_id = ${ruleKey.regulationId} AND c.rule_id = ${ruleKey.ruleId}
    ORDER BY c.organisation_id, c.due_at, c.id`);
  return rows.map((r) => ({
    id: r.id, organisation_id: r.organisation_id, organisation_name: r.organisation_name, municipality_id: r.municipality_id,
    due_at: r.due_at, last_day: r.last_day, event_date: r.event_date,
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
    candidateEventDates: (db, w, earliest, params) => candidateDatesOf(db, spec.events({ params, asOf: w.asOf, zone: zoneOf(w.region) }), w, earliest),
    evaluateNew: (db, w, dues, params) => evaluate(db, spec, w, dues, params),
    closeCompleted: (db, ruleKey, params, asOf) => closeCompleted(db, spec, ruleKey, params, asOf),
    openCases: (db, ruleKey, params, asOf) => openCases(db, spec, ruleKey, params, asOf),
  };
}

/** «№ 12-к от 02.09.2024», or «от 02.09.2024» without a number. */
export function orderRef(ref: string | null, eventDate: string): string {
  return `${ref ? `№ ${ref} ` : ''}от ${formatRu(eventDate)}`;
}
