-- Up Migration

-- The education data the seed regulations' rules are checked against. Every time is timestamptz
-- (stored UTC); every "when was it filled" is kept so that checks can tell on-time from late.

ALTER TABLE organisations
  ADD COLUMN short_name      text,
  ADD COLUMN inn             text,
  ADD COLUMN licence_date    date,
  ADD COLUMN head_name       text,
  ADD COLUMN website         text,
  ADD COLUMN phone           text,
  ADD COLUMN email           text,
  ADD COLUMN address         text,
  ADD COLUMN latitude        numeric(9, 6),
  ADD COLUMN longitude       numeric(9, 6),
  ADD COLUMN connected_at    timestamptz,
  ADD COLUMN card_updated_at timestamptz,
  -- When each organisation-card field was first filled (as for student cards).
  ADD COLUMN field_filled_at jsonb NOT NULL DEFAULT '{}'::jsonb;
CREATE INDEX organisations_type_idx ON organisations (region, type);

ALTER TABLE responsible_people ADD COLUMN phone text;

ALTER TABLE students
  ADD COLUMN consent_at     timestamptz,
  ADD COLUMN esia_linked_at timestamptz,
  ADD COLUMN class_group_id bigint,
  ADD COLUMN left_at        date;

-- Parents (legal representatives) of students.
CREATE TABLE parents (
  id               bigserial PRIMARY KEY,
  student_id       bigint NOT NULL REFERENCES students (id),
  last_name        text,
  first_name       text,
  middle_name      text,
  phone            text,
  birth_date       date,
  passport         text,
  snils            text,
  consent_at       timestamptz,
  esia_linked_at   timestamptz,
  field_filled_at  jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX parents_student_idx ON parents (student_id);
CREATE TRIGGER parents_stamp_field_fill BEFORE INSERT OR UPDATE ON parents
  FOR EACH ROW EXECUTE FUNCTION stamp_field_fill();

-- Staff, with hire and dismissal and the time the dismissal was entered in the system.
CREATE TABLE staff (
  id                   bigserial PRIMARY KEY,
  organisation_id      text NOT NULL REFERENCES organisations (id),
  last_name            text,
  first_name           text,
  middle_name          text,
  birth_date           date,
  sex                  text,
  citizenship          text,
  residence_address    text,
  registration_address text,
  home_phone           text,
  personnel_no         text,
  main_position        text,
  education_level      text,
  snils                text,
  passport             text,
  hire_date            date,
  hire_order_no        text,
  hire_entered_at      timestamptz,
  dismissal_date       date,
  dismissal_entered_at timestamptz,
  esia_linked_at       timestamptz,
  field_filled_at      jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX staff_organisation_idx ON staff (organisation_id);
CREATE INDEX staff_hire_idx ON staff (hire_date);
CREATE TRIGGER staff_stamp_field_fill BEFORE INSERT OR UPDATE ON staff
  FOR EACH ROW EXECUTE FUNCTION stamp_field_fill();

ALTER TABLE movement_orders
  ADD COLUMN reason text;

-- Academic years per organisation: next year formed, new year opened, old year closed.
CREATE TABLE academic_years (
  organisation_id      text NOT NULL REFERENCES organisations (id),
  academic_year        text NOT NULL CHECK (academic_year ~ '^\d{4}/\d{4}$'),
  starts_on            date,
  ends_on              date,
  next_year_created_at timestamptz,
  opened_at            timestamptz,
  closed_at            timestamptz,
  PRIMARY KEY (organisation_id, academic_year)
);

-- Educational programmes (general and additional) and the groups that follow them.
CREATE TABLE programmes (
  id              bigserial PRIMARY KEY,
  organisation_id text NOT NULL REFERENCES organisations (id),
  name            text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('general', 'additional', 'vocational')),
  active          boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now(),
  published_at    timestamptz
);
CREATE INDEX programmes_organisation_idx ON programmes (organisation_id);

-- Classes (schools), groups (kindergartens, colleges) and associations (additional education).
CREATE TABLE class_groups (
  id              bigserial PRIMARY KEY,
  organisation_id text NOT NULL REFERENCES organisations (id),
  academic_year   text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('class', 'group', 'association')),
  name            text NOT NULL,
  grade           int,
  programme_id    bigint REFERENCES programmes (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX class_groups_organisation_idx ON class_groups (organisation_id, academic_year);

-- Curricula, schedules and thematic plans: created and last updated.
CREATE TABLE planning_documents (
  id              bigserial PRIMARY KEY,
  organisation_id text NOT NULL REFERENCES organisations (id),
  academic_year   text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('curriculum', 'schedule', 'thematic_plan', 'individual_curriculum')),
  class_group_id  bigint REFERENCES class_groups (id),
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX planning_documents_idx ON planning_documents (organisation_id, academic_year, kind);

-- Documents an organisation must publish (charter, licence, local acts, reports …).
CREATE TABLE public_documents (
  id              bigserial PRIMARY KEY,
  organisation_id text NOT NULL REFERENCES organisations (id),
  kind            text NOT NULL,
  title           text NOT NULL,
  approved_on     date NOT NULL,
  published_at    timestamptz
);
CREATE INDEX public_documents_idx ON public_documents (organisation_id, approved_on);

-- E-journal: lessons and assessments, marks with their entry times, period and exam marks.
CREATE TABLE lessons (
  id               bigserial PRIMARY KEY,
  organisation_id  text NOT NULL REFERENCES organisations (id),
  class_group_id   bigint NOT NULL REFERENCES class_groups (id),
  lesson_date      date NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('lesson', 'assessment')),
  topic_entered_at timestamptz,
  attendance_entered_at timestamptz
);
CREATE INDEX lessons_date_idx ON lessons (lesson_date);
CREATE INDEX lessons_organisation_idx ON lessons (organisation_id, lesson_date);

CREATE TABLE marks (
  id         bigserial PRIMARY KEY,
  lesson_id  bigint NOT NULL REFERENCES lessons (id),
  student_id bigint NOT NULL REFERENCES students (id),
  value      text NOT NULL,
  entered_at timestamptz NOT NULL
);
CREATE INDEX marks_lesson_idx ON marks (lesson_id);

CREATE TABLE period_marks (
  id              bigserial PRIMARY KEY,
  organisation_id text NOT NULL REFERENCES organisations (id),
  student_id      bigint NOT NULL REFERENCES students (id),
  academic_year   text NOT NULL,
  -- q1..q4 (quarters), h1/h2 (semesters), year, exam
  period          text NOT NULL,
  grade           int,
  value           text,
  entered_at      timestamptz NOT NULL,
  UNIQUE (student_id, academic_year, period)
);
CREATE INDEX period_marks_idx ON period_marks (organisation_id, academic_year, period);

-- Official publication of state final exam (ГИА) results in a region.
CREATE TABLE exam_result_publications (
  id           bigserial PRIMARY KEY,
  region       text NOT NULL,
  exam         text NOT NULL CHECK (exam IN ('ОГЭ', 'ЕГЭ', 'ГВЭ')),
  grade        int NOT NULL,
  subject      text,
  published_at timestamptz NOT NULL
);

-- Statistical forms (ОО-1, 76-РИК, 85-К …) and the two-tier monitoring cyclogram submissions.
CREATE TABLE statistical_submissions (
  id              bigserial PRIMARY KEY,
  organisation_id text NOT NULL REFERENCES organisations (id),
  form            text NOT NULL,
  period_id       text NOT NULL,
  submitted_at    timestamptz NOT NULL,
  UNIQUE (organisation_id, form, period_id)
);

CREATE TABLE monitoring_submissions (
  id              bigserial PRIMARY KEY,
  -- the municipality for МО submissions, null for the region's РО submissions
  municipality_id text REFERENCES municipalities (id),
  region          text NOT NULL,
  tier            text NOT NULL CHECK (tier IN ('municipal', 'regional')),
  monitoring      text NOT NULL,
  period_id       text NOT NULL,
  submitted_at    timestamptz NOT NULL,
  UNIQUE (region, municipality_id, tier, monitoring, period_id)
);

-- Admission campaigns (1st/5th/10th grades, kindergartens, summer camps, colleges) and their places.
CREATE TABLE admission_campaigns (
  id              bigserial PRIMARY KEY,
  region          text NOT NULL,
  municipality_id text REFERENCES municipalities (id),
  organisation_id text REFERENCES organisations (id),
  kind            text NOT NULL CHECK (kind IN ('grade1', 'grade5', 'grade10', 'kindergarten', 'summer_camp', 'spo')),
  year            int NOT NULL,
  stage           int NOT NULL DEFAULT 1,
  configured_at   timestamptz,
  opens_on        date,
  closes_on       date,
  extended_until  date
);
CREATE INDEX admission_campaigns_idx ON admission_campaigns (kind, year);

CREATE TABLE campaign_places (
  id              bigserial PRIMARY KEY,
  campaign_id     bigint NOT NULL REFERENCES admission_campaigns (id),
  organisation_id text NOT NULL REFERENCES organisations (id),
  -- a specialty (СПО), a shift (ДОЛ), a grade or an age group
  unit            text NOT NULL,
  starts_on       date,
  ends_on         date,
  places_total    int NOT NULL CHECK (places_total >= 0),
  places_taken    int NOT NULL DEFAULT 0 CHECK (places_taken >= 0),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX campaign_places_idx ON campaign_places (campaign_id);

-- Citizens' applications (admission, e-services) with their review times.
CREATE TABLE citizen_applications (
  id              bigserial PRIMARY KEY,
  organisation_id text REFERENCES organisations (id),
  municipality_id text REFERENCES municipalities (id),
  campaign_id     bigint REFERENCES admission_campaigns (id),
  kind            text NOT NULL,
  submitted_at    timestamptz NOT NULL,
  status          text NOT NULL,
  status_changed_at timestamptz,
  reviewed_at     timestamptz
);
CREATE INDEX citizen_applications_idx ON citizen_applications (kind, submitted_at);

-- The additional-education navigator: events, certificates and the monthly finance cycle.
CREATE TABLE navigator_events (
  id              bigserial PRIMARY KEY,
  organisation_id text NOT NULL REFERENCES organisations (id),
  title           text NOT NULL,
  event_date      date NOT NULL,
  announced_at    timestamptz,
  results_at      timestamptz
);

CREATE TABLE certificates (
  id              bigserial PRIMARY KEY,
  student_id      bigint NOT NULL REFERENCES students (id),
  issued_at       timestamptz NOT NULL
);

CREATE TABLE finance_periods (
  organisation_id text NOT NULL REFERENCES organisations (id),
  period_id       text NOT NULL,
  -- each step of the chained certificate finance cycle, as it happened
  report_at       timestamptz,
  request_at      timestamptz,
  accepted_at     timestamptz,
  paid_at         timestamptz,
  PRIMARY KEY (organisation_id, period_id)
);

-- Uploads to the federal contingent registry and exchanges with federal systems.
CREATE TABLE contingent_exports (
  id              bigserial PRIMARY KEY,
  organisation_id text NOT NULL REFERENCES organisations (id),
  exported_at     timestamptz NOT NULL,
  records         int NOT NULL,
  discrepancies   int NOT NULL DEFAULT 0
);
CREATE INDEX contingent_exports_idx ON contingent_exports (organisation_id, exported_at);

CREATE TABLE integration_exchanges (
  id              bigserial PRIMARY KEY,
  system          text NOT NULL,
  organisation_id text REFERENCES organisations (id),
  exchanged_at    timestamptz NOT NULL,
  ok              boolean NOT NULL
);
CREATE INDEX integration_exchanges_idx ON integration_exchanges (system, exchanged_at);

-- Manual confirmations of `manual` rules: who confirmed what, for which period, and when.
CREATE TABLE manual_confirmations (
  id              bigserial PRIMARY KEY,
  regulation_id   text NOT NULL,
  rule_id         text NOT NULL,
  period_id       text NOT NULL,
  organisation_id text NOT NULL REFERENCES organisations (id),
  confirmed_by    text NOT NULL,
  confirmed_at    timestamptz NOT NULL DEFAULT now(),
  note            text,
  UNIQUE (regulation_id, rule_id, period_id, organisation_id)
);

-- Down Migration
DROP TABLE manual_confirmations, integration_exchanges, contingent_exports, finance_periods, certificates,
  navigator_events, citizen_applications, campaign_places, admission_campaigns, monitoring_submissions,
  statistical_submissions, exam_result_publications, period_marks, marks, lessons, public_documents,
  planning_documents, class_groups, programmes, academic_years, staff, parents CASCADE;
ALTER TABLE movement_orders DROP COLUMN reason;
ALTER TABLE students DROP COLUMN consent_at, DROP COLUMN esia_linked_at, DROP COLUMN class_group_id, DROP COLUMN left_at;
ALTER TABLE responsible_people DROP COLUMN phone;
ALTER TABLE organisations DROP COLUMN short_name, DROP COLUMN inn, DROP COLUMN licence_date, DROP COLUMN head_name,
  DROP COLUMN website, DROP COLUMN phone, DROP COLUMN email, DROP COLUMN address, DROP COLUMN latitude,
  DROP COLUMN longitude, DROP COLUMN connected_at, DROP COLUMN card_updated_at, DROP COLUMN field_filled_at;
