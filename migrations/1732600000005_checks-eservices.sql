-- Up Migration

-- What the checks of «Е-услуги. Образование» and of admission campaigns need beyond the
-- education-data migration. Every fact keeps its time, so a check can judge a past moment.

-- Applications: the registration number shown in notices, when the record reached this store
-- (`entered_at`, null: at its registration `submitted_at`; an import of old applications is later),
-- when the direction (путёвка) was issued and when the child was enrolled by it. The first decision
-- stays `reviewed_at`; a final status (зачислено, отказано, отозвано) no longer changes, so the
-- `status_changed_at` of such a row is when it became final.
ALTER TABLE citizen_applications
  ADD COLUMN number      text,
  ADD COLUMN entered_at  timestamptz,
  ADD COLUMN directed_at timestamptz,
  ADD COLUMN enrolled_at timestamptz;
CREATE INDEX citizen_applications_org_idx ON citizen_applications (organisation_id, kind, submitted_at);
CREATE INDEX citizen_applications_directed_idx ON citizen_applications (organisation_id, directed_at) WHERE directed_at IS NOT NULL;

-- Admission units (classes, age groups, shifts, specialties): the grade of a school class, whether
-- a specialty holds entrance tests, and when each requirement of ADMISSION_UNIT_REQUIREMENTS
-- (vacant_places, capacity, benefits, dates, entrance_tests) was first met.
ALTER TABLE campaign_places
  ADD COLUMN grade               int CHECK (grade BETWEEN 1 AND 11),
  ADD COLUMN entrance_tests      boolean NOT NULL DEFAULT false,
  ADD COLUMN requirements_met_at jsonb NOT NULL DEFAULT '{}'::jsonb;
CREATE INDEX campaign_places_organisation_idx ON campaign_places (organisation_id);

-- The places of a unit as they were over time: one row per recorded state. A trigger adds one on
-- every insert and on every change of the counts (at the row's `updated_at`, or now if an update
-- left it unchanged); importers may add earlier states. The state at an instant is the latest row
-- at or before it: free places and «минусовые вакансии» are judged from it, not from today's counts.
CREATE TABLE campaign_place_counts (
  id           bigserial PRIMARY KEY,
  place_id     bigint NOT NULL REFERENCES campaign_places (id),
  recorded_at  timestamptz NOT NULL,
  places_total int NOT NULL CHECK (places_total >= 0),
  places_taken int NOT NULL CHECK (places_taken >= 0)
);
CREATE INDEX campaign_place_counts_idx ON campaign_place_counts (place_id, recorded_at);

CREATE FUNCTION record_place_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.places_total = OLD.places_total AND NEW.places_taken = OLD.places_taken THEN
    RETURN NEW;
  END IF;
  INSERT INTO campaign_place_counts (place_id, recorded_at, places_total, places_taken)
  VALUES (NEW.id,
          CASE WHEN TG_OP = 'UPDATE' AND NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN now() ELSE coalesce(NEW.updated_at, now()) END,
          NEW.places_total, NEW.places_taken);
  RETURN NEW;
END $$;
CREATE TRIGGER campaign_places_record_counts AFTER INSERT OR UPDATE ON campaign_places
  FOR EACH ROW EXECUTE FUNCTION record_place_counts();

-- Distribution runs (комплектование) of a municipality (or of the whole region, municipality null):
-- when it was held, when its protocol was formed and when the directions (путёвки) were issued.
CREATE TABLE eservice_distributions (
  id              bigserial PRIMARY KEY,
  region          text NOT NULL,
  municipality_id text REFERENCES municipalities (id),
  service         text NOT NULL CHECK (service IN ('kindergarten', 'school', 'spo', 'summer_camp')),
  held_at         timestamptz NOT NULL,
  protocol_at     timestamptz,
  directions_at   timestamptz
);
CREATE INDEX eservice_distributions_idx ON eservice_distributions (region, service, held_at);

-- The academic year set in the system settings of «Е-услуги» of a municipality (or of the region,
-- municipality null): one row per setting, the value at an instant being the latest row before it.
CREATE TABLE eservice_academic_years (
  id              bigserial PRIMARY KEY,
  region          text NOT NULL,
  municipality_id text REFERENCES municipalities (id),
  academic_year   text NOT NULL CHECK (academic_year ~ '^\d{4}/\d{4}$'),
  set_at          timestamptz NOT NULL
);
CREATE INDEX eservice_academic_years_idx ON eservice_academic_years (region, municipality_id, set_at);

-- The organisation's card in «Е-услуги» (a separate system from the organisation's own card): when
-- each item of ESERVICE_ORGANISATION_CARD_FIELDS was filled; an item cleared loses its stamp.
CREATE TABLE eservice_organisation_cards (
  organisation_id text PRIMARY KEY REFERENCES organisations (id),
  field_filled_at jsonb NOT NULL DEFAULT '{}'::jsonb,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE eservice_organisation_cards, eservice_academic_years, eservice_distributions, campaign_place_counts;
DROP TRIGGER campaign_places_record_counts ON campaign_places;
DROP FUNCTION record_place_counts;
DROP INDEX campaign_places_organisation_idx;
ALTER TABLE campaign_places DROP COLUMN requirements_met_at, DROP COLUMN entrance_tests, DROP COLUMN grade;
DROP INDEX citizen_applications_directed_idx;
DROP INDEX citizen_applications_org_idx;
ALTER TABLE citizen_applications DROP COLUMN enrolled_at, DROP COLUMN directed_at, DROP COLUMN entered_at, DROP COLUMN number;
