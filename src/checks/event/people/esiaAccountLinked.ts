import { sql } from 'slonik';
import { enrollmentOrderEvents } from '../enrollmentOrderEvents.js';
import { eventObligationCheck, orderRef } from '../eventObligationCheck.js';
import { hireLabel, staffHireEvents } from './staffHireEvents.js';
import { NO_PARENT } from './parentCardComplete.js';

const STAFF_NOT_LINKED = 'staff';

/**
 * `esia_account_linked` as an event check. `account: staff` — the new employee's account is moved to
 * ESIA login (`staff.esia_linked_at`) within the term of the hiring date. `account: parent` — every
 * parent of the enrolled student (at least one) is linked within the term of the enrollment order;
 * done at the last parent's link. Links and parent cards recorded after `asOf` are not seen.
 */
export const esiaAccountLinked = eventObligationCheck({
  name: 'esia_account_linked',
  subjectKind: 'staff_hire',
  events: ({ params, asOf, window }) => params.account === 'parent'
    ? enrollmentOrderEvents(
      sql.fragment`(SELECT CASE WHEN bool_and(p.esia_linked_at IS NOT NULL) THEN max(p.esia_linked_at) END
                    FROM parents p WHERE p.student_id = o.student_id AND p.created_at <= ${asOf}::timestamptz)`,
      sql.fragment`CASE WHEN NOT EXISTS (SELECT FROM parents p WHERE p.student_id = o.student_id AND p.created_at <= ${asOf}::timestamptz)
                        THEN ARRAY[${NO_PARENT}::text]
                        ELSE ARRAY(SELECT q.n::text
                                   FROM (SELECT p.esia_linked_at, row_number() OVER (ORDER BY p.parent_no NULLS LAST, p.id) AS n
                                         FROM parents p WHERE p.student_id = o.student_id AND p.created_at <= ${asOf}::timestamptz) q
                                   WHERE NOT coalesce(q.esia_linked_at <= ${asOf}::timestamptz, false) ORDER BY q.n) END`,
      window)
    : staffHireEvents(
      sql.fragment`s.esia_linked_at`,
      sql.fragment`CASE WHEN coalesce(s.esia_linked_at <= ${asOf}::timestamptz, false) THEN '{}' ELSE ARRAY[${STAFF_NOT_LINKED}::text] END`),
  label: (kind, ref, eventDate) => (kind === 'staff_hire' ? hireLabel(ref, eventDate) : `Приказ о зачислении ${orderRef(ref, eventDate)}`),
  describeMissing: (keys) => keys.map((k) => (k === STAFF_NOT_LINKED ? 'учётная запись сотрудника не переведена на вход через ЕСИА'
    : k === NO_PARENT ? 'карточка родителя (законного представителя) не внесена'
    : `учётная запись родителя ${k} не переведена на вход через ЕСИА`)),
});
