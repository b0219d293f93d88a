import { sql } from 'slonik';
import { formatRu } from '../../../time/isoDate.js';
import type { EventRowsContext } from '../eventObligationCheck.js';
import { duesRelation } from '../sweepEvents.js';
import { dueAwareCheck, duesIn } from './dueAwareCheck.js';

const DECIDED = sql.fragment`CASE WHEN a.status IN ('accepted', 'refused') THEN a.reviewed_at END`;

function events({ params, asOf, zone }: EventRowsContext) {
  const done = params.step === 'enrollment_order'
    // A refusal settles the application: no order is due for it.
    ? sql.fragment`CASE WHEN a.status = 'refused' THEN a.reviewed_at ELSE a.enrolled_at END`
    : DECIDED;
  const missing = sql.fragment`CASE WHEN coalesce(${done} <= ${asOf}::timestamptz, false) THEN '{}'::text[]
    ELSE ARRAY[${params.step === 'enrollment_order' ? 'enrollment_order' : 'decision'}::text] END`;
  const certificate = params.certificate === true ? sql.fragment`a.certificate` : sql.fragment`TRUE`;
  if (params.application === 'event') {
    // Counted back from the event: an application filed after the deadline cannot be judged by it.
    const dues = duesIn(params);
    return sql.fragment`
      SELECT 'navigator_event_application'::text AS kind, a.id, a.organisation_id, e.event_date,
             a.submitted_at AS entered_at, ${done} AS done_at, a.number AS ref, NULL::text AS person_name, ${missing} AS missing
      FROM citizen_applications a
      JOIN navigator_events e ON e.id = a.navigator_event_id
      ${dues ? sql.fragment`JOIN ${duesRelation(dues, 'dd')} ON dd.event_date = e.event_date AND a.submitted_at <= dd.due_at` : sql.fragment``}
      WHERE a.kind = 'navigator_event' AND a.organisation_id IS NOT NULL AND ${certificate}`;
  }
  if (params.application !== 'programme') return sql.fragment`${SOURCE_HEAD} WHERE false`;
  return sql.fragment`
    SELECT 'navigator_application'::text AS kind, a.id, a.organisation_id, (a.submitted_at AT TIME ZONE ${zone})::date AS event_date,
           a.submitted_at AS entered_at, ${done} AS done_at, a.number AS ref, NULL::text AS person_name, ${missing} AS missing
    FROM citizen_applications a
    WHERE a.kind = 'navigator_programme' AND a.organisation_id IS NOT NULL AND ${certificate}`;
}

const SOURCE_HEAD = sql.fragment`
  SELECT NULL::text AS kind, NULL::bigint AS id, NULL::text AS organisation_id, NULL::date AS event_date, NULL::timestamptz AS entered_at,
         NULL::timestamptz AS done_at, NULL::text AS ref, NULL::text AS person_name, '{}'::text[] AS missing`;

/**
 * `navigator_application_processed`: applications filed through the navigator
 * (`citizen_applications`, kinds `navigator_programme` and `navigator_event`; with `certificate`,
 * only those paid with a social certificate) are processed by the deadline:
 * - `step: decision` — accepted or refused (`status`, at `reviewed_at`);
 * - `step: enrollment_order` — the enrollment order is formed in СГО (`enrolled_at`), or the
 *   application was refused (nothing to order).
 * `application: programme` counts from the filing (`submitted_at`, its local date; case kind
 * `navigator_application`). `application: event` counts back from the date of the event applied to
 * (`navigator_events.event_date`, the `event_scheduled` event of a `before_event` rule): only
 * applications filed by the deadline are judged (case kind `navigator_event_application`). One case
 * per application; the applicant's name is not kept.
 */
export const navigatorApplicationProcessed = dueAwareCheck({
  name: 'navigator_application_processed',
  subjectKind: 'navigator_application',
  events,
  label: (kind, ref, eventDate) => kind === 'navigator_event_application'
    ? `Заявка на участие в мероприятии ${formatRu(eventDate)}${ref ? ` (№ ${ref})` : ''}`
    : `Заявка на обучение из Навигатора ${ref ? `№ ${ref} ` : ''}от ${formatRu(eventDate)}`,
  describeMissing: (keys) => keys.map((k) => (k === 'enrollment_order' ? 'не сформирован приказ о зачислении в «Сетевом Городе. Образование»' : 'не принято решение по заявке')),
});
