import { sql } from 'slonik';
import { columnList, plainSpec, rowColumns, type BulkSpec } from './bulkWriter.js';

/**
 * How the generator's rows reach each table. Rows never carry surrogate ids: a row that belongs to a
 * student, a lesson or a campaign names it by a natural key (organisation + external id) or by an id
 * returned earlier, so batches can be written while the next ones are generated.
 */

const T = 'text';
const TS = 'timestamptz';
const D = 'date';
const J = 'jsonb';

/**
 * `INSERT … SELECT s.id, … FROM rows JOIN students s` for rows that name their student by
 * organisation and external id; `organisation_id` is written only when the table has it.
 */
function withStudent(table: string, columns: readonly (readonly [string, string])[], tableHasOrganisation: boolean): BulkSpec {
  const names = columns.map(([n]) => n).filter((n) => n !== 'student_external_id' && (tableHasOrganisation || n !== 'organisation_id'));
  return {
    table,
    columns,
    insert: (rows) => sql.unsafe`
      INSERT INTO ${sql.identifier([table])} (student_id, ${columnList(names)})
      SELECT s.id, ${rowColumns(names)}
      FROM ${rows}
      JOIN students s ON s.organisation_id = u.organisation_id AND s.external_id = u.student_external_id`,
  };
}

const MUNICIPALITIES = plainSpec('municipalities', [['id', T], ['region', T], ['name', T]]);

const ORGANISATIONS = plainSpec('organisations', [
  ['id', T], ['region', T], ['municipality_id', T], ['type', T], ['name', T], ['short_name', T], ['inn', T], ['licence_date', D],
  ['head_name', T], ['website', T], ['phone', T], ['email', T], ['address', T], ['latitude', 'numeric'], ['longitude', 'numeric'],
  ['connected_at', TS], ['card_updated_at', TS], ['field_filled_at', J], ['created_at', TS],
]);

const RESPONSIBLE_PEOPLE = plainSpec('responsible_people', [
  ['full_name', T], ['email', T], ['role', T], ['organisation_id', T], ['municipality_id', T], ['region', T], ['phone', T],
]);

const STUDENTS = plainSpec('students', [
  ['organisation_id', T], ['external_id', T], ['last_name', T], ['first_name', T], ['middle_name', T], ['birth_date', D], ['sex', T],
  ['citizenship', T], ['home_phone', T], ['personal_file_no', T], ['snils', T], ['health_group', T], ['passport', T],
  ['passport_issued_on', D], ['passport_issued_by', T], ['birth_certificate', T], ['birth_certificate_issued_on', D],
  ['birth_certificate_issued_by', T], ['birth_record_no', T], ['consent_at', TS], ['esia_linked_at', TS], ['class_group_id', 'int8'],
  ['left_at', D], ['field_filled_at', J], ['created_at', TS], ['updated_at', TS], ['account_registered_at', TS],
]);

const PARENTS = withStudent('parents', [
  ['organisation_id', T], ['student_external_id', T], ['parent_no', 'int2'], ['last_name', T], ['first_name', T], ['middle_name', T],
  ['phone', T], ['birth_date', D], ['passport', T], ['snils', T], ['consent_at', TS], ['esia_linked_at', TS], ['field_filled_at', J],
  ['created_at', TS], ['updated_at', TS], ['account_registered_at', TS],
], false);

const STAFF = plainSpec('staff', [
  ['organisation_id', T], ['external_id', T], ['last_name', T], ['first_name', T], ['middle_name', T], ['birth_date', D], ['sex', T],
  ['citizenship', T], ['residence_address', T], ['registration_address', T], ['home_phone', T], ['personnel_no', T],
  ['main_position', T], ['education_level', T], ['snils', T], ['passport', T], ['hire_date', D], ['hire_order_no', T],
  ['hire_entered_at', TS], ['dismissal_date', D], ['dismissal_entered_at', TS], ['esia_linked_at', TS], ['field_filled_at', J],
  ['created_at', TS], ['updated_at', TS], ['account_registered_at', TS],
]);

const MOVEMENT_ORDERS = withStudent('movement_orders', [
  ['organisation_id', T], ['student_external_id', T], ['kind', T], ['number', T], ['order_date', D], ['entered_at', TS], ['reason', T],
  ['application_date', D], ['subtype', T], ['receiving_institution', T], ['further_education', T], ['requirements_met_at', J],
], true);

const CERTIFICATES = withStudent('certificates', [['organisation_id', T], ['student_external_id', T], ['issued_at', TS]], false);

const PERIOD_MARKS = withStudent('period_marks', [
  ['organisation_id', T], ['student_external_id', T], ['academic_year', T], ['period', T], ['grade', 'int4'], ['value', T], ['entered_at', TS],
], true);

const MARK_COLUMNS = [['organisation_id', T], ['lesson_external_id', T], ['student_external_id', T], ['value', T], ['entered_at', TS]] as const;

const MARKS: BulkSpec = {
  table: 'marks',
  columns: MARK_COLUMNS,
  insert: (rows) => sql.unsafe`
    INSERT INTO marks (lesson_id, student_id, value, entered_at)
    SELECT l.id, s.id, u.value, u.entered_at
    FROM ${rows}
    JOIN lessons l ON l.organisation_id = u.organisation_id AND l.external_id = u.lesson_external_id
    JOIN students s ON s.organisation_id = u.organisation_id AND s.external_id = u.student_external_id`,
};

const ACADEMIC_YEARS = plainSpec('academic_years', [
  ['organisation_id', T], ['academic_year', T], ['starts_on', D], ['ends_on', D], ['next_year_created_at', TS], ['opened_at', TS], ['closed_at', TS],
  ['days_off_set_at', TS],
]);

const PLANNING_DOCUMENTS = plainSpec('planning_documents', [
  ['organisation_id', T], ['academic_year', T], ['kind', T], ['class_group_id', 'int8'], ['created_at', TS], ['updated_at', TS],
  ['requirements_met_at', J],
]);

const PUBLIC_DOCUMENTS = plainSpec('public_documents', [
  ['organisation_id', T], ['external_id', T], ['kind', T], ['title', T], ['approved_on', D], ['published_at', TS],
]);

const LESSONS = plainSpec('lessons', [
  ['organisation_id', T], ['external_id', T], ['class_group_id', 'int8'], ['lesson_date', D], ['kind', T], ['subject', T],
  ['topic_entered_at', TS], ['attendance_entered_at', TS], ['homework_entered_at', TS],
]);

const EXAM_RESULT_PUBLICATIONS = plainSpec('exam_result_publications', [
  ['region', T], ['exam', T], ['grade', 'int4'], ['subject', T], ['published_at', TS],
]);

const STATISTICAL_SUBMISSIONS = plainSpec('statistical_submissions', [
  ['organisation_id', T], ['form', T], ['period_id', T], ['submitted_at', TS],
]);

const MONITORING_SUBMISSIONS = plainSpec('monitoring_submissions', [
  ['municipality_id', T], ['region', T], ['tier', T], ['monitoring', T], ['period_id', T], ['submitted_at', TS],
]);

const CAMPAIGN_PLACES = plainSpec('campaign_places', [
  ['campaign_id', 'int8'], ['organisation_id', T], ['unit', T], ['starts_on', D], ['ends_on', D], ['places_total', 'int4'],
  ['places_taken', 'int4'], ['created_at', TS], ['updated_at', TS], ['grade', 'int4'], ['entrance_tests', 'bool'], ['requirements_met_at', J],
]);

const CITIZEN_APPLICATIONS = plainSpec('citizen_applications', [
  ['organisation_id', T], ['municipality_id', T], ['campaign_id', 'int8'], ['kind', T], ['submitted_at', TS], ['status', T],
  ['status_changed_at', TS], ['reviewed_at', TS], ['number', T], ['directed_at', TS], ['enrolled_at', TS],
]);

const ESERVICE_DISTRIBUTIONS = plainSpec('eservice_distributions', [
  ['region', T], ['municipality_id', T], ['service', T], ['held_at', TS], ['protocol_at', TS], ['directions_at', TS],
]);

const ESERVICE_ACADEMIC_YEARS = plainSpec('eservice_academic_years', [['region', T], ['municipality_id', T], ['academic_year', T], ['set_at', TS]]);

const ESERVICE_ORGANISATION_CARDS = plainSpec('eservice_organisation_cards', [['organisation_id', T], ['field_filled_at', J], ['updated_at', TS]]);

const NAVIGATOR_EVENTS = plainSpec('navigator_events', [
  ['organisation_id', T], ['title', T], ['event_date', D], ['announced_at', TS], ['results_at', TS],
]);

/** Navigator cards: the organisation's own, and one per programme (named, joined by name). */
const NAVIGATOR_CARDS: BulkSpec = {
  table: 'navigator_cards',
  columns: [['organisation_id', T], ['item', T], ['programme_name', T], ['created_at', TS]],
  insert: (rows) => sql.unsafe`
    INSERT INTO navigator_cards (organisation_id, item, programme_id, created_at)
    SELECT u.organisation_id, u.item, p.id, u.created_at
    FROM ${rows}
    LEFT JOIN programmes p ON u.item = 'programme' AND p.organisation_id = u.organisation_id AND p.name = u.programme_name`,
};

/** Versions of a navigator card, which is named by organisation and programme name (none: the organisation card). */
const NAVIGATOR_CARD_VERSIONS: BulkSpec = {
  table: 'navigator_card_versions',
  columns: [['organisation_id', T], ['programme_name', T], ['version', 'int4'], ['changed_at', TS], ['published_at', TS]],
  insert: (rows) => sql.unsafe`
    INSERT INTO navigator_card_versions (card_id, version, changed_at, published_at)
    SELECT c.id, u.version, u.changed_at, u.published_at
    FROM ${rows}
    JOIN navigator_cards c ON c.organisation_id = u.organisation_id AND c.item = CASE WHEN u.programme_name IS NULL THEN 'organisation' ELSE 'programme' END
    LEFT JOIN programmes p ON p.id = c.programme_id
    WHERE u.programme_name IS NULL OR p.name = u.programme_name`,
};

const NAVIGATOR_REQUESTS = plainSpec('navigator_requests', [
  ['kind', T], ['handler_id', T], ['applicant_organisation_id', T], ['number', T], ['received_at', TS], ['decision', T], ['decided_at', TS],
]);

/** Applications filed through the navigator (rows of `citizen_applications` with the navigator's columns). */
const NAVIGATOR_APPLICATIONS = plainSpec('citizen_applications', [
  ['organisation_id', T], ['municipality_id', T], ['kind', T], ['number', T], ['submitted_at', TS], ['status', T], ['status_changed_at', TS],
  ['reviewed_at', TS], ['enrolled_at', TS], ['certificate', 'bool'], ['agreement_at', TS],
]);

const CERTIFICATE_PROVIDERS = plainSpec('certificate_providers', [['organisation_id', T], ['financial_period', T], ['added_at', TS], ['tariffs_set_at', TS]]);

const CERTIFICATE_FINANCE_STEPS = plainSpec('certificate_finance_steps', [['region', T], ['municipality_id', T], ['step', T], ['financial_period', T], ['done_at', TS]]);

const GIFTED_EVENTS = plainSpec('gifted_events', [
  ['organiser_id', T], ['level', T], ['title', T], ['documents_published_on', D], ['documents_recorded_at', TS], ['entered_at', TS],
  ['results_published_on', D], ['results_recorded_at', TS],
]);

/** An organisation's part in a gifted-children event, which is named by organiser, title and documents date. */
const GIFTED_EVENT_PARTICIPATIONS: BulkSpec = {
  table: 'gifted_event_participations',
  columns: [['organiser_id', T], ['title', T], ['documents_published_on', D], ['organisation_id', T], ['invited_at', TS],
    ['participants_assigned_at', TS], ['results_entered_at', TS]],
  insert: (rows) => sql.unsafe`
    INSERT INTO gifted_event_participations (gifted_event_id, organisation_id, invited_at, participants_assigned_at, results_entered_at)
    SELECT e.id, u.organisation_id, u.invited_at, u.participants_assigned_at, u.results_entered_at
    FROM ${rows}
    JOIN gifted_events e ON e.organiser_id = u.organiser_id AND e.title = u.title AND e.documents_published_on = u.documents_published_on`,
};

const FINANCE_PERIODS = plainSpec('finance_periods', [
  ['organisation_id', T], ['period_id', T], ['report_at', TS], ['request_at', TS], ['accepted_at', TS], ['paid_at', TS],
]);

const CONTINGENT_EXPORTS = plainSpec('contingent_exports', [
  ['organisation_id', T], ['exported_at', TS], ['records', 'int4'], ['discrepancies', 'int4'],
]);

const INTEGRATION_EXCHANGES = plainSpec('integration_exchanges', [
  ['system', T], ['organisation_id', T], ['exchanged_at', TS], ['ok', 'bool'], ['region', T],
]);

/** Professional-development records of a staff member (by personnel number) or of the organisation itself. */
const PROFDEV_RECORDS: BulkSpec = {
  table: 'profdev_records',
  columns: [['organisation_id', T], ['staff_external_id', T], ['step', T], ['rejected', 'bool'], ['entered_at', TS]],
  insert: (rows) => sql.unsafe`
    INSERT INTO profdev_records (organisation_id, staff_id, step, rejected, entered_at)
    SELECT u.organisation_id, s.id, u.step, u.rejected, u.entered_at
    FROM ${rows}
    LEFT JOIN staff s ON s.organisation_id = u.organisation_id AND s.external_id = u.staff_external_id`,
};

/** Every bulk-written table, in an order that respects references (students before parents, lessons before marks). */
export const BULK_SPECS = {
  municipalities: MUNICIPALITIES,
  organisations: ORGANISATIONS,
  responsible_people: RESPONSIBLE_PEOPLE,
  staff: STAFF,
  students: STUDENTS,
  parents: PARENTS,
  movement_orders: MOVEMENT_ORDERS,
  certificates: CERTIFICATES,
  academic_years: ACADEMIC_YEARS,
  planning_documents: PLANNING_DOCUMENTS,
  public_documents: PUBLIC_DOCUMENTS,
  lessons: LESSONS,
  marks: MARKS,
  period_marks: PERIOD_MARKS,
  statistical_submissions: STATISTICAL_SUBMISSIONS,
  contingent_exports: CONTINGENT_EXPORTS,
  navigator_events: NAVIGATOR_EVENTS,
  finance_periods: FINANCE_PERIODS,
  navigator_cards: NAVIGATOR_CARDS,
  navigator_card_versions: NAVIGATOR_CARD_VERSIONS,
  navigator_requests: NAVIGATOR_REQUESTS,
  navigator_applications: NAVIGATOR_APPLICATIONS,
  certificate_providers: CERTIFICATE_PROVIDERS,
  certificate_finance_steps: CERTIFICATE_FINANCE_STEPS,
  gifted_events: GIFTED_EVENTS,
  gifted_event_participations: GIFTED_EVENT_PARTICIPATIONS,
  campaign_places: CAMPAIGN_PLACES,
  citizen_applications: CITIZEN_APPLICATIONS,
  eservice_distributions: ESERVICE_DISTRIBUTIONS,
  eservice_academic_years: ESERVICE_ACADEMIC_YEARS,
  eservice_organisation_cards: ESERVICE_ORGANISATION_CARDS,
  monitoring_submissions: MONITORING_SUBMISSIONS,
  integration_exchanges: INTEGRATION_EXCHANGES,
  exam_result_publications: EXAM_RESULT_PUBLICATIONS,
  profdev_records: PROFDEV_RECORDS,
} as const;

/** A bulk-written table. */
export type BulkTable = keyof typeof BULK_SPECS;
