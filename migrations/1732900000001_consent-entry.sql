-- Up Migration

-- When a student's or parent's personal-data consent became known (`user_account_registered`
-- judges the account deadline from it): `consent_entered_at` = the later of the consent's instant
-- and the stamp of its first recording in `field_filled_at`, NULL without a consent. Kept as a
-- plain column by a trigger: read through `field_stamp` (an SQL function PostgreSQL cannot inline,
-- a jsonb extraction per call, several calls per row) from the wide card rows, the check's
-- year-long evaluation of the benchmark region's 770,000 consents took 4.5–4.9 s.

-- The column is derived from the stamps, not a card field: `stamp_field_fill` leaves it out, or
-- every card would get a stamp for it on its first update after the consent. Otherwise as in
-- 1732300000000_skeleton.
CREATE OR REPLACE FUNCTION stamp_field_fill() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  k text;
  v jsonb;
  stamps jsonb := coalesce(NEW.field_filled_at, '{}'::jsonb);
  stamp_time timestamptz := coalesce(NEW.updated_at, now());
BEGIN
  FOR k, v IN SELECT * FROM jsonb_each(to_jsonb(NEW) - 'field_filled_at' - 'created_at' - 'updated_at' - 'id' - 'consent_entered_at') LOOP
    IF v = 'null'::jsonb OR v = '""'::jsonb THEN
      stamps := stamps - k;
    ELSIF NOT stamps ? k THEN
      stamps := stamps || jsonb_build_object(k, stamp_time);
    END IF;
  END LOOP;
  NEW.field_filled_at := stamps;
  RETURN NEW;
END $$;

-- Nothing reads the consent stamp through `field_stamp` any more (the check was its only user), nor
-- consents by `consent_at` alone: the index below serves the check's whole window. Dropped before the
-- rewrite below, so that it does not rebuild them.
DROP INDEX IF EXISTS students_consent_stamp_idx;
DROP INDEX IF EXISTS parents_consent_stamp_idx;
DROP INDEX IF EXISTS students_consent_idx;
DROP INDEX IF EXISTS parents_consent_idx;
DROP FUNCTION IF EXISTS field_stamp(jsonb, text);

-- Backfill by a table rewrite (`ALTER COLUMN … TYPE … USING`, which may read the row's other
-- columns), not by an UPDATE: a rewrite fires no row trigger, so `stamp_field_fill` cannot stamp
-- fields that lack a stamp and `field_filled_at` and `updated_at` stay exactly as they were; it
-- also leaves no dead copy of each wide row behind. On the benchmark region (300,000 students,
-- 470,000 parents) it takes about 9 s, an UPDATE with the stamp trigger disabled about 30 s.
ALTER TABLE students ADD COLUMN consent_entered_at timestamptz;
ALTER TABLE students ALTER COLUMN consent_entered_at TYPE timestamptz
  USING CASE WHEN consent_at IS NOT NULL THEN greatest((field_filled_at ->> 'consent_at')::timestamptz, consent_at) END;
ALTER TABLE parents ADD COLUMN consent_entered_at timestamptz;
ALTER TABLE parents ALTER COLUMN consent_entered_at TYPE timestamptz
  USING CASE WHEN consent_at IS NOT NULL THEN greatest((field_filled_at ->> 'consent_at')::timestamptz, consent_at) END;

-- Recomputed on every write (not only when `consent_at` is set), so the column always says what
-- the stamps say, whoever wrote the row or the stamps.
CREATE FUNCTION stamp_consent_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.consent_entered_at := CASE WHEN NEW.consent_at IS NOT NULL
    THEN greatest((NEW.field_filled_at ->> 'consent_at')::timestamptz, NEW.consent_at) END;
  RETURN NEW;
END $$;

-- It reads the stamp `stamp_field_fill` gives a consent recorded by the same statement, so it must
-- fire after it. PostgreSQL fires the BEFORE row triggers of an event in the alphabetical order of
-- their names: each name extends the stamp trigger's name, so it sorts right after it.
CREATE TRIGGER students_stamp_field_fill_consent_entry BEFORE INSERT OR UPDATE ON students
  FOR EACH ROW EXECUTE FUNCTION stamp_consent_entry();
CREATE TRIGGER parents_stamp_field_fill_consent_entry BEFORE INSERT OR UPDATE ON parents
  FOR EACH ROW EXECUTE FUNCTION stamp_consent_entry();

-- A sweep reads its window (the consents of the days it judges and those entered since its
-- watermark) as one range of entry times; the included columns are all it reads of a consent, so
-- the range is read index-only instead of visiting the wide card rows. The case lookups (closing,
-- notices) go by primary key.
CREATE INDEX IF NOT EXISTS students_consent_entered_idx ON students (consent_entered_at)
  INCLUDE (consent_at, id, organisation_id, account_registered_at) WHERE consent_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS parents_consent_entered_idx ON parents (consent_entered_at)
  INCLUDE (consent_at, id, student_id, account_registered_at) WHERE consent_at IS NOT NULL;

-- The rewrite leaves the new column without statistics, and autovacuum does not count a rewrite as
-- changes, so nothing would analyse it soon: without them the planner read the whole tables. (The
-- visibility map the index-only reads rely on is rebuilt by the next vacuum; until then they fetch
-- heap rows and cost about what a bitmap scan does.)
ANALYZE students, parents;

-- Down Migration
DROP INDEX IF EXISTS parents_consent_entered_idx;
DROP INDEX IF EXISTS students_consent_entered_idx;
DROP TRIGGER IF EXISTS parents_stamp_field_fill_consent_entry ON parents;
DROP TRIGGER IF EXISTS students_stamp_field_fill_consent_entry ON students;
DROP FUNCTION IF EXISTS stamp_consent_entry();
ALTER TABLE parents DROP COLUMN IF EXISTS consent_entered_at;
ALTER TABLE students DROP COLUMN IF EXISTS consent_entered_at;
CREATE OR REPLACE FUNCTION field_stamp(stamps jsonb, field text) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (stamps ->> field)::timestamptz $$;
CREATE INDEX IF NOT EXISTS students_consent_idx ON students (consent_at) WHERE consent_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS students_consent_stamp_idx ON students (field_stamp(field_filled_at, 'consent_at')) WHERE consent_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS parents_consent_idx ON parents (consent_at) WHERE consent_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS parents_consent_stamp_idx ON parents (field_stamp(field_filled_at, 'consent_at')) WHERE consent_at IS NOT NULL;
CREATE OR REPLACE FUNCTION stamp_field_fill() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  k text;
  v jsonb;
  stamps jsonb := coalesce(NEW.field_filled_at, '{}'::jsonb);
  stamp_time timestamptz := coalesce(NEW.updated_at, now());
BEGIN
  FOR k, v IN SELECT * FROM jsonb_each(to_jsonb(NEW) - 'field_filled_at' - 'created_at' - 'updated_at' - 'id') LOOP
    IF v = 'null'::jsonb OR v = '""'::jsonb THEN
      stamps := stamps - k;
    ELSIF NOT stamps ? k THEN
      stamps := stamps || jsonb_build_object(k, stamp_time);
    END IF;
  END LOOP;
  NEW.field_filled_at := stamps;
  RETURN NEW;
END $$;
