import { sql, type FragmentSqlToken } from 'slonik';
import { formatRu } from '../../../time/isoDate.js';
import { NAVIGATOR_ITEMS } from '../../definitions/navigator.js';
import { instantWindow, type EventRowsContext } from '../eventObligationCheck.js';
import { dueAwareCheck, duesIn, termShapeIn } from './dueAwareCheck.js';

type Source = 'registration' | 'programme_first' | 'card_change' | 'news';

/** The sources an item's rule judges; all of them when the deadlines are not known (candidate dates, closing). */
function sourcesOf(params: Record<string, unknown>): Source[] {
  const item = params.item;
  if (item === 'event') return ['news'];
  if (item !== 'organisation' && item !== 'programme') return [];
  const first: Source = item === 'organisation' ? 'registration' : 'programme_first';
  const dues = duesIn(params);
  if (!dues) return [first, 'card_change'];
  const shape = termShapeIn(params, dues);
  return shape === 'same_day' ? ['card_change'] : shape === 'term' ? [first] : [];
}

const missing = (done: FragmentSqlToken, asOf: string, key: string) =>
  sql.fragment`CASE WHEN coalesce(${done} <= ${asOf}::timestamptz, false) THEN '{}'::text[] ELSE ARRAY[${key}::text] END`;

/**
 * First publication of the card `card`: when any of its versions first went live. Correlated, not a
 * grouped relation joined by card, so that a lookup of one event (closing, open cases) probes one
 * card's versions instead of grouping every version of the region.
 */
const firstPublished = (card: FragmentSqlToken) =>
  sql.fragment`(SELECT min(fv.published_at) FROM navigator_card_versions fv WHERE fv.card_id = ${card})`;

function source(s: Source, { params, asOf, zone, window }: EventRowsContext): FragmentSqlToken {
  switch (s) {
    case 'registration':
      return sql.fragment`
        SELECT 'navigator_registration'::text AS kind, c.id, c.organisation_id, (c.created_at AT TIME ZONE ${zone})::date AS event_date,
               c.created_at AS entered_at, fp.at AS done_at, NULL::text AS ref, NULL::text AS person_name,
               ${missing(sql.fragment`fp.at`, asOf, 'organisation')} AS missing
        FROM navigator_cards c CROSS JOIN LATERAL (SELECT ${firstPublished(sql.fragment`c.id`)} AS at) fp
        WHERE c.item = 'organisation'
          AND ${instantWindow(window, zone, sql.fragment`c.created_at`, sql.fragment`c.created_at`)}`;
    case 'programme_first':
      // Chained to the organisation card: counted from its first publication, or from the programme
      // card's creation if that came later (a programme added afterwards).
      return sql.fragment`
        SELECT 'navigator_programme'::text AS kind, c.id, c.organisation_id,
               (greatest(ofp.at, c.created_at) AT TIME ZONE ${zone})::date AS event_date, greatest(ofp.at, c.created_at) AS entered_at,
               fp.at AS done_at, p.name AS ref, NULL::text AS person_name, ${missing(sql.fragment`fp.at`, asOf, 'programme')} AS missing
        FROM navigator_cards c
        JOIN programmes p ON p.id = c.programme_id
        JOIN navigator_cards oc ON oc.organisation_id = c.organisation_id AND oc.item = 'organisation'
        -- An aggregate in FROM is not flattened: the organisation card's first publication is looked
        -- up once per row, not once per reference to it (event date, entry, filters).
        CROSS JOIN LATERAL (SELECT min(ov.published_at) AS at FROM navigator_card_versions ov WHERE ov.card_id = oc.id) ofp
        CROSS JOIN LATERAL (SELECT ${firstPublished(sql.fragment`c.id`)} AS at) fp
        WHERE c.item = 'programme' AND ofp.at IS NOT NULL`;
    case 'card_change':
      // A change is published by the first publication of its own or any later version. Correlated
      // rather than a window over all versions: conditions on the version (its id when a case looks
      // up its event, the window's range of `changed_at`) then reach the table's indexes.
      return sql.fragment`
        SELECT 'navigator_card_change'::text AS kind, v.id, c.organisation_id, (v.changed_at AT TIME ZONE ${zone})::date AS event_date,
               v.changed_at AS entered_at, d.done_at, coalesce(p.name, '') AS ref, NULL::text AS person_name,
               ${missing(sql.fragment`d.done_at`, asOf, String(params.item))} AS missing
        FROM navigator_card_versions v
        CROSS JOIN LATERAL (SELECT (SELECT min(w.published_at) FROM navigator_card_versions w
                                    WHERE w.card_id = v.card_id AND w.version >= v.version) AS done_at) d
        JOIN navigator_cards c ON c.id = v.card_id
        LEFT JOIN programmes p ON p.id = c.programme_id
        WHERE v.version > 1 AND c.item = ${String(params.item)}
          AND ${instantWindow(window, zone, sql.fragment`v.changed_at`, sql.fragment`v.changed_at`)}`;
    case 'news':
      // An event recorded before `created_at` existed counts as known from its announcement, else from its own day.
      return sql.fragment`
        SELECT 'navigator_news'::text AS kind, e.id, e.organisation_id, e.event_date,
               coalesce(e.created_at, e.announced_at, (e.event_date::timestamp AT TIME ZONE ${zone})) AS entered_at,
               e.announced_at AS done_at, e.title AS ref, NULL::text AS person_name,
               ${missing(sql.fragment`e.announced_at`, asOf, 'event')} AS missing
        FROM navigator_events e`;
  }
}

const NONE = sql.fragment`
  SELECT NULL::text AS kind, NULL::bigint AS id, NULL::text AS organisation_id, NULL::date AS event_date, NULL::timestamptz AS entered_at,
         NULL::timestamptz AS done_at, NULL::text AS ref, NULL::text AS person_name, '{}'::text[] AS missing
  WHERE false`;

/**
 * `navigator_published`: the item's card is published in the navigator (`navigator_card_versions.
 * published_at`; news: `navigator_events.announced_at`) by the deadline counted from its event:
 * - `organisation`, after `registration`: the organisation card (created when the organisation got
 *   access to the module, `navigator_cards.created_at`) first published within the term; case kind
 *   `navigator_registration`, one per card;
 * - `programme`, chained after the organisation card (`after_rule` on its publication rule): the event
 *   is the first publication of the organisation card, or the programme card's creation if later;
 *   case kind `navigator_programme`, one per programme card;
 * - `organisation` or `programme`, after `card_change`: each later version (its `changed_at`) is
 *   published, by itself or by a later version; case kind `navigator_card_change`, one per version;
 * - `event`, before `event_scheduled`: the news on the event is published by the deadline counted
 *   back from `navigator_events.event_date`; case kind `navigator_news`, one per event.
 * The rule's trigger is not passed to an event check; the shape of its deadlines tells a same-day
 * change rule from a first-publication term (`termShapeIn`). Unknown items yield nothing.
 */
export const navigatorPublished = dueAwareCheck({
  name: 'navigator_published',
  subjectKind: 'navigator_registration',
  events: (ctx) => {
    const parts = sourcesOf(ctx.params).map((s) => source(s, ctx));
    return parts.length ? sql.fragment`${sql.join(parts, sql.fragment` UNION ALL `)}` : NONE;
  },
  label: (kind, ref, eventDate) => {
    const date = formatRu(eventDate);
    if (kind === 'navigator_registration') return `Карточка организации в Навигаторе (доступ к модулю получен ${date})`;
    if (kind === 'navigator_programme') return `Карточка программы «${ref ?? ''}» в Навигаторе (отсчёт от ${date})`;
    if (kind === 'navigator_news') return `Новость о мероприятии «${ref ?? ''}» (мероприятие ${date})`;
    return ref ? `Изменение карточки программы «${ref}» от ${date}` : `Изменение карточки организации от ${date}`;
  },
  describeMissing: (keys) => keys.map((k) => `не опубликованы ${NAVIGATOR_ITEMS[k] ?? k}`),
});
