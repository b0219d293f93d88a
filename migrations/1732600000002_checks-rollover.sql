-- Up Migration

-- What the rollover checks need beyond the education-data migration.

-- An organisation may run more than one module of the system (a school with preschool groups runs
-- МОО and МДОО), and each module has its own academic year. `module` null means the organisation's
-- own module (ДОО → МДОО, ООО → МОО, ОДО → МОДО, ПОО → МОПО), so rows written before stay valid.
ALTER TABLE academic_years
  ADD COLUMN module text CHECK (module IN ('МДОО', 'МОО', 'МОДО', 'МОПО')),
  -- Opening a year sets its name and dates (the row's own columns) and its days off; the days off
  -- may be entered after the opening, so their time is kept to judge the opening by a deadline.
  ADD COLUMN days_off_set_at timestamptz;
ALTER TABLE academic_years DROP CONSTRAINT academic_years_pkey;
CREATE UNIQUE INDEX academic_years_module_key ON academic_years (organisation_id, academic_year, coalesce(module, ''));

-- When each requirement on a class, group or association was first met (keys of
-- CLASS_GROUP_REQUIREMENTS: profile, teacher, subgroups, class_teacher, subject_teachers), so a
-- check can tell whether the new year's classes were ready by a deadline, not just whether they are now.
ALTER TABLE class_groups ADD COLUMN requirements_met_at jsonb NOT NULL DEFAULT '{}'::jsonb;

-- The same for what a curriculum must contain (keys of CURRICULUM_REQUIREMENTS: study_periods,
-- subject_areas, common_subjects).
ALTER TABLE planning_documents ADD COLUMN requirements_met_at jsonb NOT NULL DEFAULT '{}'::jsonb;

-- Down Migration
ALTER TABLE planning_documents DROP COLUMN requirements_met_at;
ALTER TABLE class_groups DROP COLUMN requirements_met_at;
DROP INDEX academic_years_module_key;
DELETE FROM academic_years WHERE module IS NOT NULL;
ALTER TABLE academic_years DROP COLUMN days_off_set_at, DROP COLUMN module;
ALTER TABLE academic_years ADD PRIMARY KEY (organisation_id, academic_year);
