import { sql } from 'slonik';
import { PARENT_CARD_FIELD_TITLES } from '../../definitions/cards.js';
import { enrollmentOrderEvents } from '../enrollmentOrderEvents.js';
import { eventObligationCheck, orderRef } from '../eventObligationCheck.js';

const fieldsOf = (params: Record<string, unknown>) => params.fields as string[];

/** `missing` key of a student with no parent card at all. */
export const NO_PARENT = '*';

/**
 * `parent_card_complete`: within the rule's term of the enrollment order, the enrolled student has
 * at least one parent card and every parent card has all of `params.fields` filled. Done when the
 * last of those fields was first filled. A parent card counts from its `created_at` and a field from
 * its fill time, so nothing recorded after `asOf` is seen. `missing` names the parent by number
 * («родитель 2: телефон для связи»), never by name.
 */
export const parentCardComplete = eventObligationCheck({
  name: 'parent_card_complete',
  subjectKind: 'enrollment_order',
  events: ({ params, asOf, window }) => {
    const fields = sql.array(fieldsOf(params), 'text');
    return enrollmentOrderEvents(
      sql.fragment`(SELECT CASE WHEN bool_and(p.field_filled_at ? f) THEN max((p.field_filled_at ->> f)::timestamptz) END
                    FROM parents p CROSS JOIN unnest(${fields}) AS f
                    WHERE p.student_id = o.student_id AND p.created_at <= ${asOf}::timestamptz)`,
      sql.fragment`CASE WHEN NOT EXISTS (SELECT FROM parents p WHERE p.student_id = o.student_id AND p.created_at <= ${asOf}::timestamptz)
                        THEN ARRAY[${NO_PARENT}::text]
                        ELSE ARRAY(SELECT q.n || ':' || u.f
                                   FROM (SELECT p.field_filled_at, row_number() OVER (ORDER BY p.parent_no NULLS LAST, p.id) AS n
                                         FROM parents p WHERE p.student_id = o.student_id AND p.created_at <= ${asOf}::timestamptz) q
                                   CROSS JOIN unnest(${fields}) WITH ORDINALITY AS u(f, i)
                                   WHERE NOT coalesce((q.field_filled_at ->> u.f)::timestamptz <= ${asOf}::timestamptz, false)
                                   ORDER BY q.n, u.i) END`,
      window,
    );
  },
  label: (_kind, ref, eventDate) => `Приказ о зачислении ${orderRef(ref, eventDate)}`,
  describeMissing: (keys) => keys.map((k) => {
    if (k === NO_PARENT) return 'карточка родителя (законного представителя) не внесена';
    const [n, f] = k.split(':') as [string, string];
    return `родитель ${n}: ${PARENT_CARD_FIELD_TITLES[f] ?? f}`;
  }),
});
