-- Up Migration

-- Natural keys and identity documents for CSV imports and the synthetic region generator.
--
-- An import file names people and events by the organisation's own identifiers (a registry id or
-- the personal-file / personnel number), never by our surrogate ids; re-importing the same file must
-- find the same rows. The keys are unique per organisation and only where set, so rows entered by
-- hand (without a key) are unaffected.

ALTER TABLE students
  ADD COLUMN external_id                 text,
  -- «Документы, уд. личность» of the student-import sheet (seed 002, slide 7).
  ADD COLUMN passport                    text,
  ADD COLUMN passport_issued_on          date,
  ADD COLUMN passport_issued_by          text,
  ADD COLUMN birth_certificate           text,
  ADD COLUMN birth_certificate_issued_on date,
  ADD COLUMN birth_certificate_issued_by text,
  ADD COLUMN birth_record_no             text,
  ADD COLUMN non_enrolled_category       text;
CREATE UNIQUE INDEX students_external_key ON students (organisation_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX students_personal_file_idx ON students (organisation_id, personal_file_no) WHERE personal_file_no IS NOT NULL;

ALTER TABLE staff ADD COLUMN external_id text;
CREATE UNIQUE INDEX staff_external_key ON staff (organisation_id, external_id) WHERE external_id IS NOT NULL;

-- First or second parent of a student, as the import sheet lists them.
ALTER TABLE parents ADD COLUMN parent_no smallint CHECK (parent_no BETWEEN 1 AND 9);
CREATE UNIQUE INDEX parents_student_no_key ON parents (student_id, parent_no) WHERE parent_no IS NOT NULL;

ALTER TABLE lessons
  ADD COLUMN external_id text,
  ADD COLUMN subject     text;
CREATE UNIQUE INDEX lessons_external_key ON lessons (organisation_id, external_id) WHERE external_id IS NOT NULL;

ALTER TABLE public_documents ADD COLUMN external_id text;
CREATE UNIQUE INDEX public_documents_external_key ON public_documents (organisation_id, external_id) WHERE external_id IS NOT NULL;

-- Down Migration
DROP INDEX public_documents_external_key;
ALTER TABLE public_documents DROP COLUMN external_id;
DROP INDEX lessons_external_key;
ALTER TABLE lessons DROP COLUMN subject, DROP COLUMN external_id;
DROP INDEX parents_student_no_key;
ALTER TABLE parents DROP COLUMN parent_no;
DROP INDEX staff_external_key;
ALTER TABLE staff DROP COLUMN external_id;
DROP INDEX students_personal_file_idx;
DROP INDEX students_external_key;
ALTER TABLE students DROP COLUMN non_enrolled_category, DROP COLUMN birth_record_no, DROP COLUMN birth_certificate_issued_by,
  DROP COLUMN birth_certificate_issued_on, DROP COLUMN birth_certificate, DROP COLUMN passport_issued_by,
  DROP COLUMN passport_issued_on, DROP COLUMN passport, DROP COLUMN external_id;
