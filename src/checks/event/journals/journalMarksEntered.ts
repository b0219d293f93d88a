import { sql, type CommonQueryMethods } from 'slonik';
import { z } from 'zod';
import type { DueByDate, EventCheck, NewCases, OpenCase, SweepWindow } from '../eventCheck.js';
import { caseFields, caseIdsFilter, duesRelation, newCasesRow, openCaseRow, sweepScope } from '../sweepEvents.js';

type LessonKind = 'lesson' | 'assessment';

const kindOf = (params: Record<string, unknown>): LessonKind => (params.after === 'assessment' ? 'assessment' : 'lesson');

/**
 * Distinct dates of lessons of `kind` that may be due after the watermark (dated on or after
 * `earliestDate`), plus the dates of older lessons that got a mark since the watermark: such a
 * mark is late and must still be recorded.
 */
async function candidateLessonDates(db: CommonQueryMethods, w: SweepWindow, earliestDate: string, kind: LessonKind): Promise<string[]> {
  const rows = await db.any(sql.type(z.object({ lesson_date: z.string() }))`
    SELECT l.lesson_date
    FROM lessons l JOIN organisations g ON g.id = l.organisation_id
    WHERE l.kind = ${kind} AND l.lesson_date >= ${w.effectiveFrom}::date AND l.lesson_date >= ${earliestDate}::date AND ${sweepScope(w)}
    UNION
    SELECT l.lesson_date
    FROM marks mk JOIN lessons l ON l.id = mk.lesson_id JOIN organisations g ON g.id = l.organisation_id
    WHERE mk.entered_at > ${w.watermark}::timestamptz AND mk.entered_at <= ${w.asOf}::timestamptz
      AND l.kind = ${kind} AND l.lesson_date >= ${w.effectiveFrom}::date AND ${sweepScope(w)}
    ORDER BY 1`);
  return rows.map((r) => r.lesson_date);
}

/**
 * Judges, set-based, the lessons of `kind` whose deadline fell in the sweep window, and older ones
 * that got a mark since the watermark, by the marks entered up to `asOf`: every mark entered by the
 * deadline → met (counted only); any mark entered after it → a case closed as met late at the last
 * mark's entry. A lesson without marks is no breach (not every lesson is marked), except an
 * assessment, which every pupil writes: it opens a case. Idempotent (a case per lesson).
 */
async function evaluateNewLessons(db: CommonQueryMethods, w: SweepWindow, dues: DueByDate[], kind: LessonKind): Promise<NewCases> {
  return db.one(sql.type(newCasesRow)`
    WITH dues AS (
      SELECT * FROM ${duesRelation(dues, 'd', 'lesson_date')}
    ),
    judged AS (
      SELECT l.id, l.organisation_id, g.municipality_id, l.lesson_date, d.due_at, d.last_day,
             count(mk.id) AS marks, max(mk.entered_at) AS last_entered,
             coalesce(bool_or(mk.entered_at > d.due_at), false) AS late
      FROM lessons l
      JOIN dues d ON d.lesson_date = l.lesson_date
      JOIN organisations g ON g.id = l.organisation_id
      LEFT JOIN marks mk ON mk.lesson_id = l.id AND mk.entered_at <= ${w.asOf}::timestamptz
      WHERE l.kind = ${kind}
        AND l.lesson_date >= ${w.effectiveFrom}::date
        AND ${sweepScope(w)}
        AND d.due_at <= ${w.asOf}::timestamptz
      GROUP BY l.id, g.municipality_id, d.due_at, d.last_day
      HAVING d.due_at > ${w.watermark}::timestamptz OR coalesce(bool_or(mk.entered_at > ${w.watermark}::timestamptz), false)
    ),
    verdicts AS (
      SELECT j.*, CASE WHEN j.marks = 0 THEN ${kind === 'assessment' ? 'open' : 'none'}::text
                       WHEN j.late THEN 'met_late' ELSE 'met' END AS verdict
      FROM judged j
    ),
    inserted AS (
      INSERT INTO obligation_cases (regulation_id, rule_id, subject_kind, subject_id, organisation_id, municipality_id,
                                    event_date, due_at, last_day, status, detected_at, closed_at, version_hash)
      SELECT ${w.ruleKey.regulationId}, ${w.ruleKey.ruleId}, 'lesson', v.id::text, v.organisation_id, v.municipality_id,
             v.lesson_date, v.due_at, v.last_day, v.verdict, ${w.asOf}::timestamptz,
             CASE WHEN v.verdict = 'met_late' THEN v.last_entered END, ${w.versionHash}
      FROM verdicts v
      WHERE v.verdict IN ('open', 'met_late')
      ON CONFLICT (regulation_id, rule_id, period_id, tier, subject_kind, subject_id) DO NOTHING
      RETURNING id, organisation_id, event_date, status
    )
    SELECT (SELECT count(*)::int FROM verdicts WHERE verdict = 'met') AS met,
           (SELECT count(*)::int FROM inserted WHERE status = 'met_late') AS met_late,
           (SELECT count(*)::int FROM inserted WHERE status = 'open') AS opened`);
}

/** Closes as met late the rule's open cases whose lesson has marks entered by `asOf`, at the last such entry. */
async function closeMarkedLessons(db: CommonQueryMethods, ruleKey: SweepWindow['ruleKey'], asOf: string): Promise<number[]> {
  const rows = await db.any(sql.type(z.object({ id: z.number() }))`
    UPDATE obligation_cases c
    SET status = 'met_late',
        closed_at = (SELECT max(mk.entered_at) FROM marks mk WHERE mk.lesson_id = c.subject_id::bigint AND mk.entered_at <= ${asOf}::timestamptz)
    WHERE c.status = 'open'
      AND c.regulation_id = ${ruleKey.regulationId} AND c.rule_id = ${ruleKey.ruleId}
      AND c.subject_kind = 'lesson'
      AND EXISTS (SELECT 1 FROM marks mk WHERE mk.lesson_id = c.subject_id::bigint AND mk.entered_at <= ${asOf}::timestamptz)
    RETURNING c.id`);
  return rows.map((r) => r.id);
}

const openCase = openCaseRow.extend({
  lesson_date: z.string(),
  kind: z.string(),
  subject: z.string().nullable(),
  class_name: z.string(),
});

/** The rule's open cases, labelled by the lesson's class, subject and date (no personal data). */
async function openLessonCases(db: CommonQueryMethods, ruleKey: SweepWindow['ruleKey'], ids?: readonly number[]): Promise<readonly OpenCase[]> {
  const rows = await db.any(sql.type(openCase)`
    SELECT c.id, c.organisation_id, g.name AS organisation_name, c.municipality_id, c.due_at, c.last_day,
           l.lesson_date, l.kind, l.subject, cg.name AS class_name
    FROM obligation_cases c
    JOIN lessons l ON l.id = c.subject_id::bigint
    JOIN class_groups cg ON cg.id = l.class_group_id
    JOIN organisations g ON g.id = c.organisation_id
    WHERE c.status = 'open' AND c.regulation_id = ${ruleKey.regulationId} AND c.rule_id = ${ruleKey.ruleId}
      AND c.subject_kind = 'lesson' AND ${caseIdsFilter(ids)}
    ORDER BY c.organisation_id, c.due_at, c.id`);
  return rows.map((r) => {
    const what = r.kind === 'assessment' ? 'Контрольная работа' : 'Урок';
    const date = r.lesson_date.split('-').reverse().join('.');
    return {
      ...caseFields(r), event_date: r.lesson_date,
      subject_label: `${what} от ${date}, ${r.class_name}${r.subject ? `, ${r.subject}` : ''}`,
      person_name: null,
      missing: [r.kind === 'assessment' ? 'отметки за контрольную работу' : 'отметки за урок'],
    };
  });
}

/**
 * `journal_marks_entered`: the marks of each lesson of kind `params.after` (`lesson` or
 * `assessment`, `lessons.kind`) are entered (`marks.entered_at`) within the rule's term of the
 * lesson date. The subject of a case is the lesson. A late mark makes the lesson met late whenever
 * it is entered; an assessment with no marks at the deadline stays open until marks appear.
 */
export const journalMarksEntered: EventCheck = {
  name: 'journal_marks_entered',
  subjectKind: 'lesson',
  candidateEventDates: (db, w, earliest, params) => candidateLessonDates(db, w, earliest, kindOf(params)),
  evaluateNew: (db, w, dues, params) => evaluateNewLessons(db, w, dues, kindOf(params)),
  closeCompleted: (db, ruleKey, _params, asOf) => closeMarkedLessons(db, ruleKey, asOf),
  openCases: (db, ruleKey, _params, _asOf, ids) => openLessonCases(db, ruleKey, ids),
};
