import { sql } from 'slonik';
import { MOVEMENT_KIND_TITLES } from '../../definitions/contingent.js';
import { formatRu } from '../../../time/isoDate.js';
import { dateWindow } from '../dateWindow.js';
import { eventObligationCheck } from '../eventObligationCheck.js';

/** The kinds a rule judges: `params.kinds`, or every kind of movement document. */
function kindsOf(params: Record<string, unknown>): string[] {
  const asked = Array.isArray(params.kinds) ? (params.kinds as string[]).filter((k) => k in MOVEMENT_KIND_TITLES) : [];
  return asked.length ? asked : Object.keys(MOVEMENT_KIND_TITLES);
}

/**
 * `movement_document_created`: a movement document (`movement_orders`) of `params.kinds` is created
 * in the book of movement (`entered_at`) within the rule's term of the documents it is based on:
 * the application, contract or certificate (`application_date`), or, when that date is not
 * recorded, the order's own date. A document the system does not have says nothing about when it
 * was due, so the check can only tell on-time documents from late ones: a case is never left open.
 * The person in a notice is the student.
 */
export const movementDocumentCreated = eventObligationCheck({
  name: 'movement_document_created',
  subjectKind: 'movement_order',
  windowed: () => true,
  // The event date is matched as the expression `movement_orders_kind_event_date_idx` indexes. LEFT
  // JOIN: every document has its student (NOT NULL foreign key); judging reads no name, so skips it.
  events: ({ params, asOf, window }) => sql.fragment`
    SELECT o.kind, o.id, o.organisation_id, coalesce(o.application_date, o.order_date) AS event_date,
           o.entered_at, o.entered_at AS done_at, o.number AS ref,
           concat_ws(' ', st.last_name, st.first_name, st.middle_name) AS person_name,
           CASE WHEN o.entered_at <= ${asOf}::timestamptz THEN '{}'::text[] ELSE ARRAY['document'] END AS missing
    FROM movement_orders o
    LEFT JOIN students st ON st.id = o.student_id
    WHERE o.kind = ANY(${sql.array(kindsOf(params), 'text')})
      AND ${dateWindow(window, sql.fragment`coalesce(o.application_date, o.order_date)`, sql.fragment`o.entered_at`)}`,
  label: (kind, ref, eventDate) => `Документ о движении «${MOVEMENT_KIND_TITLES[kind] ?? kind}»${ref ? ` по приказу № ${ref}` : ''}, документы представлены ${formatRu(eventDate)}`,
  describeMissing: (keys) => keys.map(() => 'документ о движении не создан в книге движения'),
});
