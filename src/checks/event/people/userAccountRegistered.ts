import { sql, type FragmentSqlToken } from 'slonik';
import { formatRu } from '../../../time/isoDate.js';
import { eventObligationCheck, instantWindow, type EventWindow } from '../eventObligationCheck.js';
import { hireLabel, staffHireEvents } from './staffHireEvents.js';

const accountsOf = (params: Record<string, unknown>) => (Array.isArray(params.accounts) ? (params.accounts as string[]) : []);

/**
 * The consents of `window` (`instantWindow` on the consent instant `at` and its entry `entered`,
 * the `consent_entered_at` column, which is never earlier than `at`), plus the bound on `entered`
 * that the window implies: a consent dated on or after the window's first day, or entered after
 * `enteredAfter`, was entered on or after the earlier of the two. That bound makes the whole window
 * one range of the `*_consent_entered_idx` indexes, read index-only (they include the columns a
 * sweep reads), where the window alone is an OR across two columns that only a heap scan serves.
 */
function consentWindow(window: EventWindow | undefined, zone: string, at: FragmentSqlToken, entered: FragmentSqlToken): FragmentSqlToken {
  const bounds: FragmentSqlToken[] = [];
  if (window?.from) bounds.push(sql.fragment`(${window.from}::date::timestamp AT TIME ZONE ${zone})`);
  if (window?.enteredAfter) bounds.push(sql.fragment`${window.enteredAfter}::timestamptz`);
  const since = bounds.length ? sql.fragment`${entered} >= least(${sql.join(bounds, sql.fragment`, `)})` : sql.fragment`TRUE`;
  return sql.fragment`(${instantWindow(window, zone, at, entered)} AND ${since})`;
}

/**
 * `user_account_registered`: the user account is created (`account_registered_at`: login and
 * temporary password issued) within the rule's term — for staff of the hiring date, for students
 * and parents of their own personal-data consent (`consent_at`, whose local date in the region's
 * zone is the event date; known from when it was recorded, `consent_entered_at`). `params.accounts`
 * selects the sources; cases are of kind `staff_hire`, `student_consent` or `parent_consent`.
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
    // `consent_entered_at` (kept by a trigger, 1732900000001_consent-entry) is already the later of the
    // consent and the stamp of its recording, so it serves as both the window's stamp and the entry time.
    if (accounts.includes('student')) {
      parts.push(sql.fragment`
        SELECT 'student_consent'::text AS kind, st.id, st.organisation_id, (st.consent_at AT TIME ZONE ${zone})::date AS event_date,
               st.consent_entered_at AS entered_at,
               st.account_registered_at AS done_at, NULL::text AS ref,
               concat_ws(' ', st.last_name, st.first_name, st.middle_name) AS person_name, ${missing(sql.fragment`st.account_registered_at`)} AS missing
        FROM students st
        WHERE st.consent_at IS NOT NULL
          AND ${consentWindow(window, zone, sql.fragment`st.consent_at`, sql.fragment`st.consent_entered_at`)}`);
    }
    if (accounts.includes('parent')) {
      parts.push(sql.fragment`
        SELECT 'parent_consent'::text AS kind, p.id, st.organisation_id, (p.consent_at AT TIME ZONE ${zone})::date AS event_date,
               p.consent_entered_at AS entered_at,
               p.account_registered_at AS done_at, NULL::text AS ref,
               concat_ws(' ', p.last_name, p.first_name, p.middle_name) AS person_name, ${missing(sql.fragment`p.account_registered_at`)} AS missing
        FROM parents p JOIN students st ON st.id = p.student_id
        WHERE p.consent_at IS NOT NULL
          AND ${consentWindow(window, zone, sql.fragment`p.consent_at`, sql.fragment`p.consent_entered_at`)}`);
    }
    if (parts.length === 0) throw new Error('user_account_registered: params.accounts is empty');
    return sql.fragment`${sql.join(parts, sql.fragment` UNION ALL `)}`;
  },
  label: (kind, ref, eventDate) => (kind === 'staff_hire' ? hireLabel(ref, eventDate)
    : kind === 'student_consent' ? `Согласие обучающегося на обработку персональных данных от ${formatRu(eventDate)}`
    : `Согласие родителя (законного представителя) на обработку персональных данных от ${formatRu(eventDate)}`),
  describeMissing: (keys) => keys.map(() => 'учётная запись не создана (логин и временный пароль не выданы)'),
});
