import { sql, type FragmentSqlToken } from 'slonik';
import { formatRu } from '../../../time/isoDate.js';
import { eventObligationCheck, instantWindow } from '../eventObligationCheck.js';
import { hireLabel, staffHireEvents } from './staffHireEvents.js';

const accountsOf = (params: Record<string, unknown>) => (Array.isArray(params.accounts) ? (params.accounts as string[]) : []);

/**
 * `user_account_registered`: the user account is created (`account_registered_at`: login and
 * temporary password issued) within the rule's term — for staff of the hiring date, for students
 * and parents of their own personal-data consent (`consent_at`, whose local date in the region's
 * zone is the event date; known from when it was recorded). `params.accounts` selects the sources;
 * cases are of kind `staff_hire`, `student_consent` or `parent_consent`.
 */
export const userAccountRegistered = eventObligationCheck({
  name: 'user_account_registered',
  subjectKind: 'staff_hire',
  events: ({ params, asOf, zone, window }) => {
    const missing = (done: FragmentSqlToken) =>
      sql.fragment`CASE WHEN coalesce(${done} <= ${asOf}::timestamptz, false) THEN '{}'::text[] ELSE ARRAY['account'] END`;
    const parts: FragmentSqlToken[] = [];
    const accounts = accountsOf(params);
    if (accounts.includes('staff')) parts.push(staffHireEvents(sql.fragment`s.account_registered_at`, missing(sql.fragment`s.account_registered_at`)));
    if (accounts.includes('student')) {
      parts.push(sql.fragment`
        SELECT 'student_consent'::text AS kind, st.id, st.organisation_id, (st.consent_at AT TIME ZONE ${zone})::date AS event_date,
               greatest(field_stamp(st.field_filled_at, 'consent_at'), st.consent_at) AS entered_at,
               st.account_registered_at AS done_at, NULL::text AS ref,
               concat_ws(' ', st.last_name, st.first_name, st.middle_name) AS person_name, ${missing(sql.fragment`st.account_registered_at`)} AS missing
        FROM students st
        WHERE st.consent_at IS NOT NULL
          AND ${instantWindow(window, zone, sql.fragment`st.consent_at`, sql.fragment`field_stamp(st.field_filled_at, 'consent_at')`)}`);
    }
    if (accounts.includes('parent')) {
      parts.push(sql.fragment`
        SELECT 'parent_consent'::text AS kind, p.id, st.organisation_id, (p.consent_at AT TIME ZONE ${zone})::date AS event_date,
               greatest(field_stamp(p.field_filled_at, 'consent_at'), p.consent_at) AS entered_at,
               p.account_registered_at AS done_at, NULL::text AS ref,
               concat_ws(' ', p.last_name, p.first_name, p.middle_name) AS person_name, ${missing(sql.fragment`p.account_registered_at`)} AS missing
        FROM parents p JOIN students st ON st.id = p.student_id
        WHERE p.consent_at IS NOT NULL
          AND ${instantWindow(window, zone, sql.fragment`p.consent_at`, sql.fragment`field_stamp(p.field_filled_at, 'consent_at')`)}`);
    }
    if (parts.length === 0) throw new Error('user_account_registered: params.accounts is empty');
    return sql.fragment`${sql.join(parts, sql.fragment` UNION ALL `)}`;
  },
  label: (kind, ref, eventDate) => (kind === 'staff_hire' ? hireLabel(ref, eventDate)
    : kind === 'student_consent' ? `Согласие обучающегося на обработку персональных данных от ${formatRu(eventDate)}`
    : `Согласие родителя (законного представителя) на обработку персональных данных от ${formatRu(eventDate)}`),
  describeMissing: (keys) => keys.map(() => 'учётная запись не создана (логин и временный пароль не выданы)'),
});
