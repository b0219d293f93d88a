import { sql } from 'slonik';
import { LESSON_ENTRY_TITLES } from '../../definitions/journals.js';
import { formatRu } from '../../../time/isoDate.js';
import { eventObligationCheck, type EventObligationSpec } from '../eventObligationCheck.js';

/** When each lesson entry was made (`lessons` columns). */
const ENTRY_COLUMNS: Record<string, string> = {
  topic: 'topic_entered_at',
  homework: 'homework_entered_at',
  attendance: 'attendance_entered_at',
};

/** The requested entries that the data knows (unknown keys are ignored rather than failing the sweep). */
function entriesOf(params: Record<string, unknown>): string[] {
  const asked = Array.isArray(params.entries) ? (params.entries as string[]) : [];
  return asked.filter((e) => e in ENTRY_COLUMNS);
}

/**
 * The lessons as events of `journal_lesson_filled` (the `EventObligationSpec.events` columns): a
 * lesson is known from the start of its day and done when the last requested entry was made.
 * Shared by the event check and the period check over a window of lessons.
 */
export const lessonEntries: EventObligationSpec['events'] = ({ params, asOf, zone }) => {
  const entries = entriesOf(params);
  const column = (e: string) => sql.identifier(['l', ENTRY_COLUMNS[e]!]);
  const done = entries.length === 0
    ? sql.fragment`(l.lesson_date::timestamp AT TIME ZONE ${zone})`
    : sql.fragment`CASE WHEN ${sql.join(entries.map((e) => sql.fragment`${column(e)} IS NOT NULL`), sql.fragment` AND `)}
                        THEN greatest(${sql.join(entries.map(column), sql.fragment`, `)}) END`;
  const missing = entries.length === 0
    ? sql.fragment`'{}'::text[]`
    : sql.fragment`array_remove(ARRAY[${sql.join(entries.map((e) => sql.fragment`CASE WHEN coalesce(${column(e)} <= ${asOf}::timestamptz, false) THEN NULL ELSE ${e}::text END`), sql.fragment`, `)}], NULL)`;
  return sql.fragment`
    SELECT 'lesson'::text AS kind, l.id, l.organisation_id, l.lesson_date AS event_date,
           (l.lesson_date::timestamp AT TIME ZONE ${zone}) AS entered_at, ${done} AS done_at,
           concat_ws(', ', cg.name, l.subject) AS ref, NULL::text AS person_name, ${missing} AS missing
    FROM lessons l
    JOIN class_groups cg ON cg.id = l.class_group_id`;
};

/**
 * `journal_lesson_filled`: every entry of `params.entries` (topic, homework, attendance) of a lesson
 * (ordinary or assessment) is made in the e-journal within the rule's term of the lesson date. A
 * lesson is known from the start of its day (the timetable has it); it is done when the last of its
 * entries was made, and an entry made after `asOf` counts as missing. The case label names the
 * date, class and subject; there is no personal data.
 */
export const journalLessonFilled = eventObligationCheck({
  name: 'journal_lesson_filled',
  subjectKind: 'lesson',
  events: lessonEntries,
  label: (_kind, ref, eventDate) => `Урок от ${formatRu(eventDate)}${ref ? `, ${ref}` : ''}`,
  describeMissing: (keys) => keys.map((k) => LESSON_ENTRY_TITLES[k] ?? k),
});
