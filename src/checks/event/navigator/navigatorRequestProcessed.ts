import { sql } from 'slonik';
import { formatRu } from '../../../time/isoDate.js';
import { NAVIGATOR_REQUESTS } from '../../definitions/navigator.js';
import { eventObligationCheck } from '../eventObligationCheck.js';

/**
 * `navigator_request_processed`: each request of kind `params.request` (`navigator_requests.kind`)
 * gets a decision (`decision` with `decided_at`: published, rejected, registered, included) within
 * the rule's term of its receipt (`received_at`, whose local date is the event date). The case
 * belongs to the organisation that must decide (`handler_id`: the МОУО for its МОЦ, the regional
 * modelling centre, the operator), so the rule's organisation types select the tier. Case kind
 * `navigator_request`, one per request.
 */
export const navigatorRequestProcessed = eventObligationCheck({
  name: 'navigator_request_processed',
  subjectKind: 'navigator_request',
  events: ({ params, asOf, zone }) => sql.fragment`
    SELECT 'navigator_request'::text AS kind, r.id, r.handler_id AS organisation_id, (r.received_at AT TIME ZONE ${zone})::date AS event_date,
           r.received_at AS entered_at, r.decided_at AS done_at, r.number AS ref, NULL::text AS person_name,
           CASE WHEN coalesce(r.decided_at <= ${asOf}::timestamptz, false) THEN '{}'::text[] ELSE ARRAY[r.kind] END AS missing
    FROM navigator_requests r
    WHERE r.kind = ${typeof params.request === 'string' ? params.request : ''}`,
  label: (_kind, ref, eventDate) => `Заявка в Навигаторе ${ref ? `№ ${ref} ` : ''}от ${formatRu(eventDate)}`,
  describeMissing: (keys) => keys.map((k) => `не рассмотрена ${NAVIGATOR_REQUESTS[k] ?? k}`),
});
