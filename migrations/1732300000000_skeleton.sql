-- Up Migration

-- Territories and organisations. Ids are the registry's own codes (text), so that imports and
-- e-mails speak the same identifiers as the regional systems.
CREATE TABLE municipalities (
  id          text PRIMARY KEY,
  region      text NOT NULL,
  name        text NOT NULL
);

CREATE TABLE organisations (
  id              text PRIMARY KEY,
  region          text NOT NULL,
  municipality_id text NOT NULL REFERENCES municipalities (id),
  -- ДОО, ООО, ОДО, ПОО, ДОЛ, ДПО, МОУО, РО, ...
  type            text NOT NULL,
  name            text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organisations_municipality_idx ON organisations (municipality_id);

-- Who answers for what: a role held for one organisation, one municipality or a whole region.
CREATE TABLE responsible_people (
  id              bigserial PRIMARY KEY,
  full_name       text NOT NULL,
  email           text NOT NULL,
  role            text NOT NULL,
  organisation_id text REFERENCES organisations (id),
  municipality_id text REFERENCES municipalities (id),
  region          text,
  CHECK (num_nonnulls(organisation_id, municipality_id, region) = 1)
);
CREATE INDEX responsible_people_scope_idx ON responsible_people (role, organisation_id, municipality_id, region);

-- Student cards. `field_filled_at` records when each card field was first filled (maintained by a
-- trigger), so a check can tell whether a card was complete by a deadline, not just whether it is now.
CREATE TABLE students (
  id               bigserial PRIMARY KEY,
  organisation_id  text NOT NULL REFERENCES organisations (id),
  last_name        text,
  first_name       text,
  middle_name      text,
  birth_date       date,
  sex              text,
  citizenship      text,
  home_phone       text,
  personal_file_no text,
  snils            text,
  health_group     text,
  field_filled_at  jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX students_organisation_idx ON students (organisation_id);

CREATE FUNCTION stamp_field_fill() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE TRIGGER students_stamp_field_fill BEFORE INSERT OR UPDATE ON students
  FOR EACH ROW EXECUTE FUNCTION stamp_field_fill();

-- Movement orders (enrollment, transfer, graduation, dropout) as issued by the organisation.
CREATE TABLE movement_orders (
  id              bigserial PRIMARY KEY,
  organisation_id text NOT NULL REFERENCES organisations (id),
  student_id      bigint NOT NULL REFERENCES students (id),
  kind            text NOT NULL CHECK (kind IN ('enrollment', 'transfer', 'graduation', 'dropout')),
  number          text NOT NULL,
  order_date      date NOT NULL,
  entered_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organisation_id, kind, number, student_id)
);
CREATE INDEX movement_orders_kind_date_idx ON movement_orders (kind, order_date);
CREATE INDEX movement_orders_kind_entered_idx ON movement_orders (kind, entered_at);

-- Applied regulation versions: what was in force, by content hash, who applied it and when.
CREATE TABLE regulation_versions (
  id            bigserial PRIMARY KEY,
  regulation_id text NOT NULL,
  content_hash  text NOT NULL,
  source_path   text NOT NULL,
  content       text NOT NULL,
  applied_by    text NOT NULL,
  applied_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (regulation_id, content_hash)
);

-- One obligation instance per rule and subject (e.g. one enrollment order), with its deadline.
CREATE TABLE obligation_cases (
  id              bigserial PRIMARY KEY,
  regulation_id   text NOT NULL,
  rule_id         text NOT NULL,
  subject_kind    text NOT NULL,
  subject_id      text NOT NULL,
  organisation_id text NOT NULL REFERENCES organisations (id),
  municipality_id text NOT NULL REFERENCES municipalities (id),
  event_date      date NOT NULL,
  due_at          timestamptz NOT NULL,
  last_day        date NOT NULL,
  status          text NOT NULL CHECK (status IN ('open', 'met', 'met_late', 'missed', 'waived')),
  detected_at     timestamptz NOT NULL,
  closed_at       timestamptz,
  version_hash    text NOT NULL,
  UNIQUE (regulation_id, rule_id, subject_kind, subject_id)
);
CREATE INDEX obligation_cases_open_idx ON obligation_cases (regulation_id, rule_id) WHERE status = 'open';

-- Sweep progress per event-relative rule: everything due up to `watermark` has been evaluated.
CREATE TABLE sweep_watermarks (
  regulation_id text NOT NULL,
  rule_id       text NOT NULL,
  watermark     timestamptz NOT NULL,
  PRIMARY KEY (regulation_id, rule_id)
);

-- Notifications: one row per case × escalation step × recipient. The unique key is what makes
-- replays, retries and repeated sweeps unable to send the same notice twice.
CREATE TABLE notifications (
  id              bigserial PRIMARY KEY,
  case_id         bigint NOT NULL REFERENCES obligation_cases (id),
  step            int NOT NULL,
  role            text NOT NULL,
  recipient_email text NOT NULL,
  status          text NOT NULL CHECK (status IN ('pending', 'sent', 'cancelled')),
  message_id      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz,
  attempts        int NOT NULL DEFAULT 0,
  last_error      text,
  UNIQUE (case_id, step, recipient_email)
);
CREATE INDEX notifications_pending_idx ON notifications (status) WHERE status = 'pending';

-- Append-only audit trail. Never updated or deleted (enforced below).
CREATE TABLE audit_events (
  id            bigserial PRIMARY KEY,
  at            timestamptz NOT NULL DEFAULT now(),
  actor         text NOT NULL,
  kind          text NOT NULL,
  regulation_id text,
  rule_id       text,
  version_hash  text,
  case_id       bigint,
  organisation_id text,
  workflow_id   text,
  run_id        text,
  details       jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_events_rule_idx ON audit_events (regulation_id, rule_id, at);
CREATE INDEX audit_events_org_idx ON audit_events (organisation_id, at);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END $$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

-- Down Migration
DROP TABLE audit_events, notifications, sweep_watermarks, obligation_cases, regulation_versions,
  movement_orders, students, responsible_people, organisations, municipalities CASCADE;
DROP FUNCTION stamp_field_fill, audit_events_append_only;
