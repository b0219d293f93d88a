import { sql } from 'slonik';
import { ESERVICE_TITLES } from '../../definitions/eservices.js';
import { applicationKinds } from '../../period/eservices/eserviceScope.js';
import { eventObligationCheck, instantWindow, orderRef } from '../eventObligationCheck.js';

/**
 * `eservice_applications_processed` for event rules: each application of `params.service` to an
 * organisation (`citizen_applications` with an organisation) gets a decision — its first status
 * change after registration, `reviewed_at` — within the rule's term of its registration. The event
 * date is the local date of `submitted_at` in the region's zone, known from then or from its later
 * `entered_at` (an import), so a sweep picks up old applications imported since; cases are
 * of kind `application`. Applications not yet tied to an organisation are not judged here. The
 * period rules' version is `eserviceApplicationsProcessed`.
 */
export const applicationDecisions = eventObligationCheck({
  name: 'eservice_applications_processed',
  subjectKind: 'application',
  windowed: () => true,
  // Entry is written as `coalesce(entered_at, submitted_at)` (an application typed in has no import
  // time), the expression `citizen_applications_kind_entered_idx` indexes; its greatest with
  // `submitted_at` is the same instant.
  events: ({ params, asOf, zone, window }) => sql.fragment`
    SELECT 'application'::text AS kind, a.id, a.organisation_id, (a.submitted_at AT TIME ZONE ${zone})::date AS event_date,
           greatest(a.submitted_at, a.entered_at) AS entered_at, a.reviewed_at AS done_at, a.number AS ref, NULL::text AS person_name,
           CASE WHEN coalesce(a.reviewed_at <= ${asOf}::timestamptz, false) THEN '{}'::text[] ELSE ARRAY['decision'] END AS missing
    FROM citizen_applications a
    WHERE a.organisation_id IS NOT NULL AND a.kind = ANY(${sql.array(applicationKinds(params), 'text')})
      AND ${instantWindow(window, zone, sql.fragment`a.submitted_at`, sql.fragment`coalesce(a.entered_at, a.submitted_at)`)}`,
  label: (_kind, ref, eventDate) => `Заявление ${orderRef(ref, eventDate)}`,
  describeMissing: (keys, params) => keys.map(() => `нет решения по заявлению (${ESERVICE_TITLES[String(params.service)] ?? 'услуга «Е-услуги»'})`),
});
