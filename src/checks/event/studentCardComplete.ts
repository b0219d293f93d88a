import { sql } from 'slonik';
import { STUDENT_CARD_FIELD_TITLES } from '../definitions/cards.js';
import { enrollmentOrderEvents } from './enrollmentOrderEvents.js';
import { eventObligationCheck, orderRef } from './eventObligationCheck.js';

const fieldsOf = (params: Record<string, unknown>) => params.fields as string[];

/**
 * `student_card_complete`: a student's card has every field in `params.fields` filled within the
 * rule's term of the enrollment order. Completion time is when the last of those fields was first
 * filled (from `students.field_filled_at`); a field first filled after `asOf` counts as empty.
 */
export const studentCardComplete = eventObligationCheck({
  name: 'student_card_complete',
  subjectKind: 'enrollment_order',
  events: ({ params, asOf, window }) => {
    const fields = sql.array(fieldsOf(params), 'text');
    return enrollmentOrderEvents(
      sql.fragment`CASE WHEN st.field_filled_at ?& ${fields}
                        THEN (SELECT max((st.field_filled_at ->> f)::timestamptz) FROM unnest(${fields}) AS f) END`,
      sql.fragment`ARRAY(SELECT f FROM unnest(${fields}) WITH ORDINALITY AS u(f, i)
                         WHERE NOT coalesce((st.field_filled_at ->> f)::timestamptz <= ${asOf}::timestamptz, false) ORDER BY i)`,
      window,
    );
  },
  label: (_kind, ref, eventDate) => `Приказ о зачислении ${orderRef(ref, eventDate)}`,
  describeMissing: (keys) => keys.map((f) => STUDENT_CARD_FIELD_TITLES[f] ?? f),
});
