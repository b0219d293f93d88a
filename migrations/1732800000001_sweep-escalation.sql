-- Up Migration

-- Sweeps escalate only the open event cases whose next ladder step (or repeat) is due, instead of
-- re-listing every open case of the rule at every sweep: a year's sweeps then cost what each day's
-- steps cost, not the open backlog. `next_step_at` is the instant of the case's next step not yet
-- recorded (see 1732800000003 for how a new case and a finished ladder are written).
ALTER TABLE obligation_cases ADD COLUMN IF NOT EXISTS next_step_at timestamptz;
UPDATE obligation_cases SET next_step_at = due_at WHERE status = 'open' AND period_id = '';
CREATE INDEX IF NOT EXISTS obligation_cases_next_step_idx ON obligation_cases (regulation_id, rule_id, next_step_at) WHERE status = 'open';

-- A sweep audits the cases it opened (or moved) from the table, by the moment it ran, instead of
-- carrying every new case back to the worker.
CREATE INDEX IF NOT EXISTS obligation_cases_detected_idx ON obligation_cases (regulation_id, rule_id, detected_at);

-- The instant a card field was first filled (`field_filled_at`, stamped by `stamp_field_fill`), as
-- an indexable expression. Declared immutable: the stamps are ISO instants with an offset, whose
-- reading does not depend on the session's time zone or date style.
CREATE OR REPLACE FUNCTION field_stamp(stamps jsonb, field text) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (stamps ->> field)::timestamptz $$;

-- A daily sweep of the consent-based account rule reads the consents of the days it judges and
-- those recorded since its last run, not every student and parent.
CREATE INDEX IF NOT EXISTS students_consent_idx ON students (consent_at) WHERE consent_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS students_consent_stamp_idx ON students (field_stamp(field_filled_at, 'consent_at')) WHERE consent_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS parents_consent_idx ON parents (consent_at) WHERE consent_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS parents_consent_stamp_idx ON parents (field_stamp(field_filled_at, 'consent_at')) WHERE consent_at IS NOT NULL;

-- Down Migration
DROP INDEX parents_consent_stamp_idx, parents_consent_idx, students_consent_stamp_idx, students_consent_idx;
DROP FUNCTION field_stamp;
DROP INDEX obligation_cases_detected_idx;
DROP INDEX obligation_cases_next_step_idx;
ALTER TABLE obligation_cases DROP COLUMN next_step_at;
