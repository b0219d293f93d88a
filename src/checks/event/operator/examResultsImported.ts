import { sql, type CommonQueryMethods, type FragmentSqlToken } from 'slonik';
import { z } from 'zod';
import type { DueByDate, EventCheck, NewCases, OpenCase, SweepWindow } from '../eventCheck.js';
import { caseFields, caseIdsFilter, duesRelation, newCasesRow, openCaseRow, zoneOf } from '../sweepEvents.js';

const SUBJECT_KIND = 'exam_result_import';

const examsOf = (params: Record<string, unknown>): string[] =>
  (Array.isArray(params.exams) ? params.exams : []).filter((e): e is string => typeof e === 'string');


/**
 * The local date-time of a publication, `2025-06-20T15:00:00`: the "date" this check's events are
 * keyed by. The term is in hours, and `computeDue` takes a local date-time as well as a date, so
 * each publication gets a deadline counted from its own minute rather than from its day's midnight.
 */
const localKey = (zone: string) => sql.fragment`to_char(p.published_at AT TIME ZONE ${zone}, 'YYYY-MM-DD"T"HH24:MI:SS')`;

const inScope = (w: SweepWindow) => sql.fragment`
  g.region = ${w.region}
  AND g.type = ANY(${sql.array(w.organisationTypes, 'text')})
  AND (${w.municipalities ? sql.fragment`g.municipality_id = ANY(${sql.array(w.municipalities, 'text')})` : sql.fragment`TRUE`})`;

/** SQL condition: organisation `g` had a class of the publication's grade in the academic year of the publication. */
const satTheExam = (zone: string): FragmentSqlToken => sql.fragment`EXISTS (
  SELECT 1 FROM class_groups cg
  WHERE cg.organisation_id = g.id AND cg.grade = p.grade
    AND cg.academic_year = (SELECT fy || '/' || (fy + 1) FROM (SELECT extract(year FROM (p.published_at AT TIME ZONE ${zone}) - interval '8 months')::int AS fy) y))`;

async function candidateDates(db: CommonQueryMethods, w: SweepWindow, earliestDate: string, params: Record<string, unknown>): Promise<string[]> {
  const zone = zoneOf(w.region);
  const rows = await db.any(sql.type(z.object({ key: z.string() }))`
    SELECT DISTINCT ${localKey(zone)} AS key
    FROM exam_result_publications p
    WHERE p.region = ${w.region} AND p.exam = ANY(${sql.array(examsOf(params), 'text')})
      AND (p.published_at AT TIME ZONE ${zone})::date >= ${w.effectiveFrom}::date
      AND p.published_at <= ${w.asOf}::timestamptz
      AND ((p.published_at AT TIME ZONE ${zone})::date >= ${earliestDate}::date OR p.published_at > ${w.watermark}::timestamptz)
    ORDER BY 1`);
  return rows.map((r) => r.key);
}

/**
 * Judges, set-based, each publication due in the sweep window for each organisation in scope whose
 * pupils sat the exam: imported by the deadline → met (counted only); imported later → a case
 * closed as met late at the import; not imported by `asOf` → an open case. Idempotent (a case per
 * publication and organisation).
 */
async function evaluateNew(db: CommonQueryMethods, w: SweepWindow, dues: DueByDate[], params: Record<string, unknown>): Promise<NewCases> {
  const zone = zoneOf(w.region);
  return db.one(sql.type(newCasesRow)`
    WITH dues AS (
      SELECT * FROM ${duesRelation(dues, 'd', 'event_key', 'text')}
    ),
    judged AS (
      SELECT p.id || ':' || g.id AS subject_id, g.id AS organisation_id, g.municipality_id, d.event_key,
             (p.published_at AT TIME ZONE ${zone})::date AS event_date, d.due_at, d.last_day, i.done_at
      FROM exam_result_publications p
      JOIN dues d ON d.event_key = ${localKey(zone)}
      JOIN organisations g ON ${inScope(w)} AND ${satTheExam(zone)}
      LEFT JOIN LATERAL (
        SELECT min(x.imported_at) AS done_at FROM exam_result_imports x
        WHERE x.publication_id = p.id AND x.organisation_id = g.id AND x.imported_at <= ${w.asOf}::timestamptz
      ) i ON TRUE
      WHERE p.region = ${w.region} AND p.exam = ANY(${sql.array(examsOf(params), 'text')})
        AND (p.published_at AT TIME ZONE ${zone})::date >= ${w.effectiveFrom}::date
        AND p.published_at <= ${w.asOf}::timestamptz
        AND d.due_at <= ${w.asOf}::timestamptz
        AND (d.due_at > ${w.watermark}::timestamptz OR p.published_at > ${w.watermark}::timestamptz)
    ),
    inserted AS (
      INSERT INTO obligation_cases (regulation_id, rule_id, subject_kind, subject_id, organisation_id, municipality_id,
                                    event_date, due_at, last_day, status, detected_at, closed_at, version_hash)
      SELECT ${w.ruleKey.regulationId}, ${w.ruleKey.ruleId}, ${SUBJECT_KIND}, j.subject_id, j.organisation_id, j.municipality_id,
             j.event_date, j.due_at, j.last_day, CASE WHEN j.done_at IS NULL THEN 'open' ELSE 'met_late' END,
             ${w.asOf}::timestamptz, j.done_at, ${w.versionHash}
      FROM judged j
      WHERE j.done_at IS NULL OR j.done_at > j.due_at
      ON CONFLICT (regulation_id, rule_id, period_id, tier, subject_kind, subject_id) DO NOTHING
      RETURNING id, subject_id, organisation_id, status
    )
    SELECT (SELECT count(*)::int FROM judged WHERE done_at <= due_at) AS met,
           (SELECT count(*)::int FROM inserted WHERE status = 'met_late') AS met_late,
           (SELECT count(*)::int FROM inserted WHERE status = 'open') AS opened`);
}

/** Closes as met late the rule's open cases whose results were imported by `asOf`, at the first import. */
async function closeCompleted(db: CommonQueryMethods, ruleKey: SweepWindow['ruleKey'], asOf: string): Promise<number[]> {
  const rows = await db.any(sql.type(z.object({ id: z.number() }))`
    UPDATE obligation_cases c
    SET status = 'met_late', closed_at = i.done_at
    FROM (
      SELECT x.publication_id, x.organisation_id, min(x.imported_at) AS done_at
      FROM exam_result_imports x WHERE x.imported_at <= ${asOf}::timestamptz
      GROUP BY x.publication_id, x.organisation_id
    ) i
    WHERE c.status = 'open' AND c.regulation_id = ${ruleKey.regulationId} AND c.rule_id = ${ruleKey.ruleId}
      AND c.subject_kind = ${SUBJECT_KIND}
      AND i.organisation_id = c.organisation_id AND i.publication_id::text = split_part(c.subject_id, ':', 1)
    RETURNING c.id`);
  return rows.map((r) => r.id);
}

const openCase = openCaseRow.extend({
  event_date: z.string(), exam: z.string(), subject: z.string().nullable(),
});

/** The rule's open cases, labelled by exam, subject and publication time (no personal data). */
async function openCases(db: CommonQueryMethods, ruleKey: SweepWindow['ruleKey'], ids?: readonly number[]): Promise<readonly OpenCase[]> {
  const rows = await db.any(sql.type(openCase)`
    SELECT c.id, c.organisation_id, g.name AS organisation_name, c.municipality_id, c.due_at, c.last_day, c.event_date,
           p.exam, p.subject
    FROM obligation_cases c
    JOIN exam_result_publications p ON p.id::text = split_part(c.subject_id, ':', 1)
    JOIN organisations g ON g.id = c.organisation_id
    WHERE c.status = 'open' AND c.regulation_id = ${ruleKey.regulationId} AND c.rule_id = ${ruleKey.ruleId}
      AND c.subject_kind = ${SUBJECT_KIND} AND ${caseIdsFilter(ids)}
    ORDER BY c.organisation_id, c.due_at, c.id`);
  return rows.map((r) => ({
    ...caseFields(r), event_date: r.event_date,
    subject_label: `Результаты ${r.exam}${r.subject ? ` по предмету «${r.subject}»` : ''}, поступившие ${r.event_date.split('-').reverse().join('.')}`,
    person_name: null,
    missing: ['результаты не импортированы в региональную систему'],
  }));
}

/**
 * `exam_results_imported`: the officially received results of each publication of `params.exams`
 * (`exam_result_publications`, per exam and subject) are imported (`exam_result_imports`) for every
 * organisation in scope whose pupils sat the exam (a class of the publication's grade in that
 * academic year) within the rule's term of the publication — an hour term counts from the
 * publication's minute. The subject of a case is the publication for one organisation; a late
 * import closes it as met late.
 */
export const examResultsImported: EventCheck = {
  name: 'exam_results_imported',
  subjectKind: SUBJECT_KIND,
  candidateEventDates: (db, w, earliest, params) => candidateDates(db, w, earliest, params),
  evaluateNew: (db, w, dues, params) => evaluateNew(db, w, dues, params),
  closeCompleted: (db, ruleKey, _params, asOf) => closeCompleted(db, ruleKey, asOf),
  openCases: (db, ruleKey, _params, _asOf, ids) => openCases(db, ruleKey, ids),
};
