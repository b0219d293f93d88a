import { sql, type CommonQueryMethods } from 'slonik';
import { z } from 'zod';
import { STUDENT_CARD_FIELD_TITLES } from '../definitions/cards.js';
import type { DueByDate, EventCheck, NewCases, OpenCase, SweepWindow } from './eventCheck.js';

/**
 * Distinct enrollment-order dates that may hold orders due after `watermark` (order date on or
 * after `earliestDate`) or entered since it. The caller computes each date's deadline on the
 * production calendar, which keeps the working-day arithmetic in one place (TypeScript).
 */
async function candidateOrderDates(db: CommonQueryMethods, w: SweepWindow, earliestDate: string): Promise<string[]> {
  const rows = await db.any(sql.type(z.object({ order_date: z.string() }))`
    SELECT DISTINCT o.order_date
    FROM movement_orders o
    JOIN organisations g ON g.id = o.organisation_id
    WHERE o.kind = 'enrollment'
      AND o.order_date >= ${w.effectiveFrom}::date
      AND g.region = ${w.region}
      AND g.type = ANY(${sql.array(w.organisationTypes, 'text')})
      AND (${w.municipalities ? sql.fragment`g.municipality_id = ANY(${sql.array(w.municipalities, 'text')})` : sql.fragment`TRUE`})
      AND (o.order_date >= ${earliestDate}::date OR o.entered_at > ${w.watermark}::timestamptz)
    ORDER BY o.order_date`);
  return rows.map((r) => r.order_date);
}

const evaluated = z.object({
  met: z.number(),
  met_late: z.number(),
  opened: z.number(),
  cases: z.array(z.object({ id: z.number(), organisation_id: z.string(), event_date: z.string(), status: z.string() })),
});

/**
 * Evaluates, set-based, every enrollment order whose deadline fell in the sweep window: a card
 * whose `fields` were all filled by the deadline is met (counted only); one filled later is
 * recorded as met late; one still incomplete opens a case. Idempotent (cases are unique per
 * order). Returns the counts and the cases it created (few: only unmet deadlines make cases).
 */
async function evaluateNewOrders(db: CommonQueryMethods, w: SweepWindow, dues: DueByDate[], fields: string[]): Promise<NewCases> {
  return db.one(sql.type(evaluated)`
    WITH dues AS (
      SELECT * FROM unnest(${sql.array(dues.map((d) => d.eventDate), 'date')}, ${sql.array(dues.map((d) => d.dueAt), 'timestamptz')},
                           ${sql.array(dues.map((d) => d.lastDay), 'date')}) AS d(order_date, due_at, last_day)
    ),
    judged AS (
      SELECT o.id, o.organisation_id, g.municipality_id, o.order_date, d.due_at, d.last_day,
             s.field_filled_at ?& ${sql.array(fields, 'text')} AS complete,
             (SELECT max((s.field_filled_at ->> f)::timestamptz) FROM unnest(${sql.array(fields, 'text')}) AS f) AS completed_at
      FROM movement_orders o
      JOIN dues d ON d.order_date = o.order_date
      JOIN organisations g ON g.id = o.organisation_id
      JOIN students s ON s.id = o.student_id
      WHERE o.kind = 'enrollment'
        AND o.order_date >= ${w.effectiveFrom}::date
        AND g.region = ${w.region}
        AND g.type = ANY(${sql.array(w.organisationTypes, 'text')})
        AND (${w.municipalities ? sql.fragment`g.municipality_id = ANY(${sql.array(w.municipalities, 'text')})` : sql.fragment`TRUE`})
        AND d.due_at <= ${w.asOf}::timestamptz
        AND (d.due_at > ${w.watermark}::timestamptz OR o.entered_at > ${w.watermark}::timestamptz)
    ),
    inserted AS (
      INSERT INTO obligation_cases (regulation_id, rule_id, subject_kind, subject_id, organisation_id, municipality_id,
                                    event_date, due_at, last_day, status, detected_at, closed_at, version_hash)
      SELECT ${w.ruleKey.regulationId}, ${w.ruleKey.ruleId}, 'enrollment_order', j.id::text, j.organisation_id, j.municipality_id,
             j.order_date, j.due_at, j.last_day, CASE WHEN j.complete THEN 'met_late' ELSE 'open' END,
             ${w.asOf}::timestamptz, CASE WHEN j.complete THEN j.completed_at END, ${w.versionHash}
      FROM judged j
      WHERE NOT (j.complete AND j.completed_at <= j.due_at)
      ON CONFLICT (regulation_id, rule_id, period_id, tier, subject_kind, subject_id) DO NOTHING
      RETURNING id, organisation_id, event_date, status
    )
    SELECT (SELECT count(*)::int FROM judged WHERE complete AND completed_at <= due_at) AS met,
           (SELECT count(*)::int FROM inserted WHERE status = 'met_late') AS met_late,
           (SELECT count(*)::int FROM inserted WHERE status = 'open') AS opened,
           coalesce((SELECT json_agg(json_build_object('id', id, 'organisation_id', organisation_id, 'event_date', event_date, 'status', status) ORDER BY id)
                     FROM inserted), '[]'::json) AS cases`);
}

/**
 * Closes as "met late" every open case of the rule whose card now has all `fields` filled, with
 * the time the last of them was filled. Returns the closed case ids.
 */
async function closeCompletedCases(db: CommonQueryMethods, ruleKey: SweepWindow['ruleKey'], fields: string[]): Promise<number[]> {
  const rows = await db.any(sql.type(z.object({ id: z.number() }))`
    UPDATE obligation_cases c
    SET status = 'met_late',
        closed_at = (SELECT max((s.field_filled_at ->> f)::timestamptz) FROM unnest(${sql.array(fields, 'text')}) AS f)
    FROM movement_orders o
    JOIN students s ON s.id = o.student_id
    WHERE c.status = 'open'
      AND c.regulation_id = ${ruleKey.regulationId} AND c.rule_id = ${ruleKey.ruleId}
      AND c.subject_kind = 'enrollment_order' AND o.id = c.subject_id::bigint
      AND s.field_filled_at ?& ${sql.array(fields, 'text')}
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
  order_number: z.string(),
  order_date: z.string(),
  student_id: z.number(),
  student_name: z.string(),
  missing_fields: z.array(z.string()),
});

/**
 * The rule's open cases with what a notice needs: the order, the organisation, the student's name
 * (shown only to the organisation's own staff) and the card fields still empty.
 */
async function openCardCases(db: CommonQueryMethods, ruleKey: SweepWindow['ruleKey'], fields: string[]): Promise<readonly OpenCase[]> {
  const rows = await db.any(sql.type(openCase)`
    SELECT c.id, c.organisation_id, g.name AS organisation_name, c.municipality_id, c.due_at, c.last_day,
           o.number AS order_number, o.order_date, s.id AS student_id,
           concat_ws(' ', s.last_name, s.first_name, s.middle_name) AS student_name,
           ARRAY(SELECT f FROM unnest(${sql.array(fields, 'text')}) AS f WHERE NOT s.field_filled_at ? f) AS missing_fields
    FROM obligation_cases c
    JOIN movement_orders o ON o.id = c.subject_id::bigint
    JOIN students s ON s.id = o.student_id
    JOIN organisations g ON g.id = c.organisation_id
    WHERE c.status = 'open' AND c.regulation_id = ${ruleKey.regulationId} AND c.rule_id = ${ruleKey.ruleId}
      AND c.subject_kind = 'enrollment_order'
    ORDER BY c.organisation_id, c.due_at, c.id`);
  return rows.map((r) => ({
    id: r.id, organisation_id: r.organisation_id, organisation_name: r.organisation_name, municipality_id: r.municipality_id,
    due_at: r.due_at, last_day: r.last_day, event_date: r.order_date,
    subject_label: `Приказ о зачислении № ${r.order_number} от ${r.order_date.split('-').reverse().join('.')}`,
    person_name: r.student_name,
    missing: r.missing_fields.map((f) => STUDENT_CARD_FIELD_TITLES[f] ?? f),
  }));
}

const fieldsOf = (params: Record<string, unknown>) => params.fields as string[];

/**
 * `student_card_complete`: a student's card has every field in `params.fields` filled within the
 * rule's term of the enrollment order. Completion time is when the last of those fields was first
 * filled (from `students.field_filled_at`).
 */
export const studentCardComplete: EventCheck = {
  name: 'student_card_complete',
  subjectKind: 'enrollment_order',
  candidateEventDates: (db, w, earliest) => candidateOrderDates(db, w, earliest),
  evaluateNew: (db, w, dues, params) => evaluateNewOrders(db, w, dues, fieldsOf(params)),
  closeCompleted: (db, ruleKey, params) => closeCompletedCases(db, ruleKey, fieldsOf(params)),
  openCases: (db, ruleKey, params) => openCardCases(db, ruleKey, fieldsOf(params)),
};
