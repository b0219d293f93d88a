-- Up Migration

-- What the records checks (movement documents, lessons, attendance, additional-education coverage)
-- need beyond the education-data migration.

-- Movement documents carry more than a number and a date: the subtype of a «Выпускники» document,
-- the institution a pupil leaves for, the direction of further education, and the date the
-- application (contract, certificate …) the document is based on was received, from which
-- «within N days of the documents» is counted. `requirements_met_at` says when each requirement of
-- MOVEMENT_DOCUMENT_REQUIREMENTS (order_requisites, reason, receiving_institution, graduate_subtype,
-- further_education) was first met when that was after the document's entry; a value without a
-- stamp counts from `entered_at`, so imported documents need no stamps.
ALTER TABLE movement_orders
  ADD COLUMN application_date      date,
  ADD COLUMN subtype               text,
  ADD COLUMN receiving_institution text,
  ADD COLUMN further_education     text,
  ADD COLUMN requirements_met_at   jsonb NOT NULL DEFAULT '{}'::jsonb;
-- «Every pupil has a transfer, graduation or dropout document» joins documents to pupils.
CREATE INDEX movement_orders_student_idx ON movement_orders (student_id, kind);

-- The homework of a lesson is entered apart from its topic and attendance.
ALTER TABLE lessons ADD COLUMN homework_entered_at timestamptz;

-- Attendance of a kindergarten group, one sheet per group and day: the educator marks the day's
-- attendance of the whole group at once (present, or absent with a reason), and `marked_at` is when
-- the sheet was filled. A sheet per pupil-day would be some ten times larger and tells the checks
-- nothing more, since a day is either marked or not.
CREATE TABLE attendance_sheets (
  id              bigserial PRIMARY KEY,
  organisation_id text NOT NULL REFERENCES organisations (id),
  class_group_id  bigint NOT NULL REFERENCES class_groups (id),
  day             date NOT NULL,
  present         int CHECK (present >= 0),
  absent          int CHECK (absent >= 0),
  marked_at       timestamptz NOT NULL,
  -- Also how the check finds a group's sheet for a day; no other index, to keep the bulk load cheap.
  UNIQUE (class_group_id, day)
);

-- Down Migration
DROP TABLE attendance_sheets;
ALTER TABLE lessons DROP COLUMN homework_entered_at;
DROP INDEX movement_orders_student_idx;
ALTER TABLE movement_orders DROP COLUMN requirements_met_at, DROP COLUMN further_education, DROP COLUMN receiving_institution,
  DROP COLUMN subtype, DROP COLUMN application_date;
