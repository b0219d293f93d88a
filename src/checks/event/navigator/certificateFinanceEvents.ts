import { sql } from 'slonik';
import { formatRu } from '../../../time/isoDate.js';
import { CERTIFICATE_FINANCE_STEPS } from '../../definitions/navigator.js';
import { eventObligationCheck, type EventRowsContext } from '../eventObligationCheck.js';

function events({ params, asOf, zone }: EventRowsContext) {
  const missing = (done: ReturnType<typeof sql.fragment>, key: string) =>
    sql.fragment`CASE WHEN coalesce(${done} <= ${asOf}::timestamptz, false) THEN '{}'::text[] ELSE ARRAY[${key}::text] END`;
  if (params.step === 'agreements') {
    return sql.fragment`
      SELECT 'certificate_enrollment'::text AS kind, a.id, a.organisation_id, (a.enrolled_at AT TIME ZONE ${zone})::date AS event_date,
             a.enrolled_at AS entered_at, a.agreement_at AS done_at, a.number AS ref, NULL::text AS person_name,
             ${missing(sql.fragment`a.agreement_at`, 'agreements')} AS missing
      FROM citizen_applications a
      WHERE a.kind = 'navigator_programme' AND a.certificate AND a.enrolled_at IS NOT NULL AND a.organisation_id IS NOT NULL`;
  }
  // Acceptance answers the provider's settlement request; the МОУО of the provider's municipality
  // (its МОЦ's financial executive) must accept, so the case is the МОУО's.
  return sql.fragment`
    SELECT 'settlement_request'::text AS kind, f.id, m.id AS organisation_id, (f.request_at AT TIME ZONE ${zone})::date AS event_date,
           f.request_at AS entered_at, f.accepted_at AS done_at, f.period_id || ': ' || p.name AS ref, NULL::text AS person_name,
           ${missing(sql.fragment`f.accepted_at`, 'invoices_accepted')} AS missing
    FROM finance_periods f
    JOIN organisations p ON p.id = f.organisation_id
    JOIN LATERAL (SELECT g.id FROM organisations g WHERE g.municipality_id = p.municipality_id AND g.type = 'МОУО' ORDER BY g.id LIMIT 1) m ON TRUE
    WHERE ${params.step === 'invoices_accepted' ? sql.fragment`TRUE` : sql.fragment`FALSE`} AND f.request_at IS NOT NULL`;
}

/**
 * `certificate_finance_step_done` as an event check, for the steps that follow an event:
 * - `agreements` — for each enrollment by a social certificate (an application `navigator_programme`
 *   with `certificate`, enrolled at `enrolled_at`, the `enrollment_order` event, its local date),
 *   the agreement is created and the contract signed (`agreement_at`) that same day; case kind
 *   `certificate_enrollment`, one per application;
 * - `invoices_accepted` — chained after the settlement request (`after_rule` on the request rule):
 *   the event is the provider's request for a reporting period (`finance_periods.request_at`), and
 *   the МОУО of the provider's municipality accepts the invoices (`accepted_at`) within the term;
 *   case kind `settlement_request`, one per provider and month.
 * The other steps are judged per period (`../../period/navigator/certificateFinanceStepDone.ts`)
 * and yield no events here.
 */
export const certificateFinanceEvents = eventObligationCheck({
  name: 'certificate_finance_step_done',
  subjectKind: 'certificate_enrollment',
  events,
  label: (kind, ref, eventDate) => kind === 'settlement_request'
    ? `Заявка на подтверждение расчётов за ${ref ?? ''} от ${formatRu(eventDate)}`
    : `Зачисление по сертификату${ref ? ` (заявка № ${ref})` : ''} ${formatRu(eventDate)}`,
  describeMissing: (keys) => keys.map((k) => `не выполнено: ${CERTIFICATE_FINANCE_STEPS[k] ?? k}`),
});
