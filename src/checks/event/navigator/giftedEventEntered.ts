import { sql } from 'slonik';
import { formatRu } from '../../../time/isoDate.js';
import { GIFTED_EVENT_ENTRIES } from '../../definitions/navigator.js';
import { eventObligationCheck, type EventRowsContext } from '../eventObligationCheck.js';

function events({ params, asOf }: EventRowsContext) {
  const levels = Array.isArray(params.levels) ? params.levels.filter((l): l is string => typeof l === 'string') : null;
  const ofLevel = levels ? sql.fragment`ge.level = ANY(${sql.array(levels, 'text')})` : sql.fragment`TRUE`;
  const missing = (done: ReturnType<typeof sql.fragment>, key: string) =>
    sql.fragment`CASE WHEN coalesce(${done} <= ${asOf}::timestamptz, false) THEN '{}'::text[] ELSE ARRAY[${key}::text] END`;
  if (params.entry === 'event') {
    return sql.fragment`
      SELECT 'gifted_event'::text AS kind, ge.id, ge.organiser_id AS organisation_id, ge.documents_published_on AS event_date,
             ge.documents_recorded_at AS entered_at, ge.entered_at AS done_at, ge.title AS ref, NULL::text AS person_name,
             ${missing(sql.fragment`ge.entered_at`, 'event')} AS missing
      FROM gifted_events ge WHERE ${ofLevel}`;
  }
  if (params.entry === 'participants') {
    return sql.fragment`
      SELECT 'gifted_participation'::text AS kind, gp.id, gp.organisation_id, ge.documents_published_on AS event_date,
             greatest(ge.documents_recorded_at, gp.invited_at) AS entered_at, gp.participants_assigned_at AS done_at, ge.title AS ref,
             NULL::text AS person_name, ${missing(sql.fragment`gp.participants_assigned_at`, 'participants')} AS missing
      FROM gifted_event_participations gp JOIN gifted_events ge ON ge.id = gp.gifted_event_id WHERE ${ofLevel}`;
  }
  // Results are due from organisations that sent participants, once the results are published.
  return sql.fragment`
    SELECT 'gifted_results'::text AS kind, gp.id, gp.organisation_id, ge.results_published_on AS event_date,
           greatest(ge.results_recorded_at, gp.invited_at, gp.participants_assigned_at) AS entered_at, gp.results_entered_at AS done_at,
           ge.title AS ref, NULL::text AS person_name, ${missing(sql.fragment`gp.results_entered_at`, 'results')} AS missing
    FROM gifted_event_participations gp JOIN gifted_events ge ON ge.id = gp.gifted_event_id
    WHERE ${params.entry === 'results' ? sql.fragment`TRUE` : sql.fragment`FALSE`}
      AND ge.results_published_on IS NOT NULL AND gp.participants_assigned_at IS NOT NULL AND ${ofLevel}`;
}

/**
 * `gifted_event_entered`: the section «Одаренные дети» holds the record `params.entry` within the
 * rule's term of the publication date the operator entered (`document_approval`; known from when it
 * was entered), for events of `params.levels` (all when absent):
 * - `event` — the event is created (`gifted_events.entered_at`) by its organiser (`organiser_id`: the
 *   operator, or the МОУО for municipal events), counted from the normative documents'
 *   publication (`documents_published_on`); case kind `gifted_event`, one per event;
 * - `participants` — each organisation called to the event (`gifted_event_participations`) assigns
 *   its participants (`participants_assigned_at`), counted from the same date; case kind
 *   `gifted_participation`;
 * - `results` — each organisation that assigned participants enters their results
 *   (`results_entered_at`), counted from the results' publication (`results_published_on`); case
 *   kind `gifted_results`.
 * Students are not named: the subject is the event or the organisation's participation.
 */
export const giftedEventEntered = eventObligationCheck({
  name: 'gifted_event_entered',
  subjectKind: 'gifted_event',
  events,
  label: (kind, ref, eventDate) => {
    const title = `«${ref ?? ''}»`;
    if (kind === 'gifted_results') return `Мероприятие ${title}: результаты опубликованы ${formatRu(eventDate)}`;
    return `Мероприятие ${title}: документы о проведении опубликованы ${formatRu(eventDate)}`;
  },
  describeMissing: (keys) => keys.map((k) => `не выполнено: ${GIFTED_EVENT_ENTRIES[k] ?? k}`),
});
