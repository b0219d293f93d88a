import { sql } from 'slonik';
import { STAFF_CARD_FIELD_TITLES } from '../../definitions/cards.js';
import { eventObligationCheck } from '../eventObligationCheck.js';
import { hireLabel, staffHireEvents } from './staffHireEvents.js';

const fieldsOf = (params: Record<string, unknown>) => params.fields as string[];

/**
 * `staff_card_complete`: a new employee's card has every field in `params.fields` filled within the
 * rule's term of the hiring date. Completion is when the last of them was first filled
 * (`staff.field_filled_at`, which also holds fields without a column, such as `user_roles`); a
 * field first filled after `asOf` counts as empty.
 */
export const staffCardComplete = eventObligationCheck({
  name: 'staff_card_complete',
  subjectKind: 'staff_hire',
  events: ({ params, asOf }) => {
    const fields = sql.array(fieldsOf(params), 'text');
    return staffHireEvents(
      sql.fragment`CASE WHEN s.field_filled_at ?& ${fields}
                        THEN (SELECT max((s.field_filled_at ->> f)::timestamptz) FROM unnest(${fields}) AS f) END`,
      sql.fragment`ARRAY(SELECT f FROM unnest(${fields}) WITH ORDINALITY AS u(f, i)
                         WHERE NOT coalesce((s.field_filled_at ->> f)::timestamptz <= ${asOf}::timestamptz, false) ORDER BY i)`,
    );
  },
  label: (_kind, ref, eventDate) => hireLabel(ref, eventDate),
  describeMissing: (keys) => keys.map((f) => STAFF_CARD_FIELD_TITLES[f] ?? f),
});
