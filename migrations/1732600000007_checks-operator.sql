-- Up Migration

-- What the operator-control, professional-development, export and user-registry checks need.

-- Records of the module «Организация дополнительного профессионального образования» (keys of
-- PROFDEV_STEPS): one row per item of a step — an application of a staff member, the operator's
-- decision on it, a completed questionnaire or diagnostic, an individual route, a programme registry
-- update or a listener list of a ДПО institution. `organisation_id` is the staff member's
-- organisation (the institution itself for its registry and lists); a follow-up (decision,
-- questionnaire, diagnostic, formal route) belongs to the same staff member and is entered after
-- the record it answers. `entered_at` is when the item was recorded, so a step can be judged as of
-- a past moment.
CREATE TABLE profdev_records (
  id              bigserial PRIMARY KEY,
  organisation_id text NOT NULL REFERENCES organisations (id),
  staff_id        bigint REFERENCES staff (id),
  step            text NOT NULL CHECK (step IN ('research_applications', 'research_approval', 'research_questionnaire', 'programme_registry',
                                                'assessment_applications', 'assessment_approval', 'assessment_diagnostic', 'reserve_diagnostics',
                                                'iom_recommended', 'iom_formal_route', 'iom_potential_listeners')),
  -- a decision that turned the application down: no follow-up is due for it
  rejected        boolean NOT NULL DEFAULT false,
  entered_at      timestamptz NOT NULL
);
CREATE INDEX profdev_records_step_idx ON profdev_records (step, entered_at);
CREATE INDEX profdev_records_organisation_idx ON profdev_records (organisation_id, step);

-- Import of officially published ГИА results (`exam_result_publications`) into the regional
-- system, per organisation whose pupils sat the exam: when the organisation's results were imported.
CREATE TABLE exam_result_imports (
  id              bigserial PRIMARY KEY,
  publication_id  bigint NOT NULL REFERENCES exam_result_publications (id),
  organisation_id text NOT NULL REFERENCES organisations (id),
  imported_at     timestamptz NOT NULL,
  results         int NOT NULL DEFAULT 0 CHECK (results >= 0)
);
CREATE INDEX exam_result_imports_idx ON exam_result_imports (publication_id, organisation_id);
CREATE INDEX exam_result_publications_region_idx ON exam_result_publications (region, published_at);

-- The attribute behind a count of the quarterly data export (keys of EXPORT_INDICATORS: advanced
-- study, profile class, individualised programme, personal achievements, event participation,
-- additional-education enrollment), recorded for a student as yes or no, and when it was recorded.
CREATE TABLE student_indicator_marks (
  student_id bigint NOT NULL REFERENCES students (id),
  indicator  text NOT NULL,
  value      boolean NOT NULL,
  marked_at  timestamptz NOT NULL,
  PRIMARY KEY (student_id, indicator)
);

-- When the user account of a dismissed employee or a withdrawn student was blocked
-- (`user_registry_current`); the account's creation is `account_registered_at`.
ALTER TABLE staff ADD COLUMN account_blocked_at timestamptz;
ALTER TABLE students ADD COLUMN account_blocked_at timestamptz;

-- Down Migration
ALTER TABLE students DROP COLUMN account_blocked_at;
ALTER TABLE staff DROP COLUMN account_blocked_at;
DROP TABLE student_indicator_marks;
DROP INDEX exam_result_publications_region_idx;
DROP TABLE exam_result_imports;
DROP TABLE profdev_records;
