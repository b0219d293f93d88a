import { sql } from 'slonik';
import { formatRu } from '../../../time/isoDate.js';
import { eventObligationCheck } from '../eventObligationCheck.js';

/**
 * `staff_dismissal_entered`: the dismissal is entered in the system («Уволить» pressed,
 * `staff.dismissal_entered_at`) within the rule's term of the last working day
 * (`staff.dismissal_date`). The dismissal date is known from when it was first recorded (its
 * `field_filled_at` stamp), so a date imported from HR before «Уволить» was pressed opens a case.
 */
export const staffDismissalEntered = eventObligationCheck({
  name: 'staff_dismissal_entered',
  subjectKind: 'staff_dismissal',
  events: ({ asOf }) => sql.fragment`
    SELECT 'staff_dismissal'::text AS kind, s.id, s.organisation_id, s.dismissal_date AS event_date,
           coalesce((s.field_filled_at ->> 'dismissal_date')::timestamptz, s.dismissal_entered_at, s.updated_at) AS entered_at,
           s.dismissal_entered_at AS done_at, NULL::text AS ref,
           concat_ws(' ', s.last_name, s.first_name, s.middle_name) AS person_name,
           CASE WHEN coalesce(s.dismissal_entered_at <= ${asOf}::timestamptz, false) THEN '{}'::text[] ELSE ARRAY['dismissal'] END AS missing
    FROM staff s
    WHERE s.dismissal_date IS NOT NULL`,
  label: (_kind, _ref, eventDate) => `Увольнение сотрудника, последний трудовой день ${formatRu(eventDate)}`,
  describeMissing: (keys) => keys.map(() => 'увольнение не оформлено в системе (не нажата кнопка «Уволить»)'),
});
