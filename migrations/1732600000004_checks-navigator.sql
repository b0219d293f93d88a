-- Up Migration

-- What the navigator checks (publication, moderation, applications, the ПФДО certificate cycle) and
-- the section «Одаренные дети» need beyond the education-data migration. Every fact keeps its time,
-- so a check can judge a past moment.

-- Cards an organisation publishes in the navigator of additional education: its own card (one per
-- organisation) and one per programme. `created_at` of the organisation card is when the
-- organisation got access to the module (the `registration` event); of a programme card, when the
-- card was created.
CREATE TABLE navigator_cards (
  id              bigserial PRIMARY KEY,
  organisation_id text NOT NULL REFERENCES organisations (id),
  item            text NOT NULL CHECK (item IN ('organisation', 'programme')),
  programme_id    bigint REFERENCES programmes (id),
  created_at      timestamptz NOT NULL,
  CHECK ((item = 'programme') = (programme_id IS NOT NULL))
);
CREATE UNIQUE INDEX navigator_cards_organisation_key ON navigator_cards (organisation_id) WHERE item = 'organisation';
CREATE UNIQUE INDEX navigator_cards_programme_key ON navigator_cards (programme_id) WHERE item = 'programme';

-- Versions of a card: version 1 is the first data, each later one a change (`card_change`), entered
-- at `changed_at`; `published_at` is when the version went live in the navigator (after moderation).
-- A change is published once it or a later version of the card is.
CREATE TABLE navigator_card_versions (
  id           bigserial PRIMARY KEY,
  card_id      bigint NOT NULL REFERENCES navigator_cards (id),
  version      int NOT NULL CHECK (version >= 1),
  changed_at   timestamptz NOT NULL,
  published_at timestamptz,
  UNIQUE (card_id, version)
);
CREATE INDEX navigator_card_versions_changed_idx ON navigator_card_versions (changed_at);
CREATE INDEX navigator_card_versions_published_idx ON navigator_card_versions (published_at) WHERE published_at IS NOT NULL;

-- Requests the navigator's moderators and operator decide on (keys of NAVIGATOR_REQUESTS): a card
-- version sent for publication, a provider's registration, a МОЦ request to include a provider in the
-- registry. `handler_id` is the organisation that must decide (the МОУО for its МОЦ, the regional
-- modelling centre, the operator); the decision and its time are recorded together.
CREATE TABLE navigator_requests (
  id                        bigserial PRIMARY KEY,
  kind                      text NOT NULL CHECK (kind IN ('publication', 'provider_registration', 'provider_registry')),
  handler_id                text NOT NULL REFERENCES organisations (id),
  applicant_organisation_id text REFERENCES organisations (id),
  card_version_id           bigint REFERENCES navigator_card_versions (id),
  number                    text,
  received_at               timestamptz NOT NULL,
  decision                  text CHECK (decision IN ('published', 'rejected', 'registered', 'included')),
  decided_at                timestamptz,
  CHECK ((decision IS NULL) = (decided_at IS NULL))
);
CREATE INDEX navigator_requests_idx ON navigator_requests (kind, received_at);

-- When the event was recorded in the navigator. Rows written before this column count as known from
-- their announcement, or else from their own day.
ALTER TABLE navigator_events ADD COLUMN created_at timestamptz;
CREATE INDEX navigator_events_date_idx ON navigator_events (event_date);

-- Applications filed through the navigator (kinds `navigator_programme`, `navigator_event`): to a
-- programme, possibly paid with a social certificate, or to take part in an event. The decision is
-- `reviewed_at` with status `accepted` or `refused`; the enrollment order in СГО is `enrolled_at`;
-- `agreement_at` is when the ПФДО agreement was created and the contract signed.
ALTER TABLE citizen_applications
  ADD COLUMN programme_id       bigint REFERENCES programmes (id),
  ADD COLUMN navigator_event_id bigint REFERENCES navigator_events (id),
  ADD COLUMN certificate        boolean NOT NULL DEFAULT false,
  ADD COLUMN agreement_at       timestamptz;
CREATE INDEX citizen_applications_navigator_event_idx ON citizen_applications (navigator_event_id) WHERE navigator_event_id IS NOT NULL;

-- The monthly ПФДО steps of a provider (hours, settlement request, acceptance) get a key of their
-- own, so a case can be opened per reporting period.
ALTER TABLE finance_periods ADD COLUMN id bigserial;
ALTER TABLE finance_periods ADD CONSTRAINT finance_periods_id_key UNIQUE (id);
CREATE INDEX finance_periods_request_idx ON finance_periods (request_at) WHERE request_at IS NOT NULL;

-- Service providers taking part in ПФДО in a financial period (calendar year): when the МОЦ added
-- them, and when the last of their study groups got its tariff (hourly rate, hours per month).
CREATE TABLE certificate_providers (
  organisation_id  text NOT NULL REFERENCES organisations (id),
  financial_period text NOT NULL CHECK (financial_period ~ '^\d{4}$'),
  added_at         timestamptz NOT NULL,
  tariffs_set_at   timestamptz,
  PRIMARY KEY (organisation_id, financial_period)
);

-- Region-wide and municipal ПФДО steps of a financial period: the financial period created (РМЦ,
-- municipality null), the certificate nominal set and credited (МОЦ, per municipality).
CREATE TABLE certificate_finance_steps (
  id               bigserial PRIMARY KEY,
  region           text NOT NULL,
  municipality_id  text REFERENCES municipalities (id),
  step             text NOT NULL CHECK (step IN ('financial_period', 'nominal_set', 'nominal_credited')),
  financial_period text NOT NULL CHECK (financial_period ~ '^\d{4}$'),
  done_at          timestamptz NOT NULL
);
CREATE UNIQUE INDEX certificate_finance_steps_key ON certificate_finance_steps (region, coalesce(municipality_id, ''), step, financial_period);

-- Events of the section «Одаренные дети»: who must create the record (the operator, or the МОУО for
-- municipal events), the publication dates of the event's normative documents and of its results as
-- the operator entered them (and when), and when the event was created in the section.
CREATE TABLE gifted_events (
  id                     bigserial PRIMARY KEY,
  organiser_id           text NOT NULL REFERENCES organisations (id),
  level                  text NOT NULL CHECK (level IN ('school', 'municipal', 'municipal_stage', 'regional', 'all_russian', 'international')),
  title                  text NOT NULL,
  documents_published_on date NOT NULL,
  documents_recorded_at  timestamptz NOT NULL,
  entered_at             timestamptz,
  results_published_on   date,
  results_recorded_at    timestamptz,
  CHECK ((results_published_on IS NULL) = (results_recorded_at IS NULL))
);
CREATE INDEX gifted_events_documents_idx ON gifted_events (documents_published_on);

-- An organisation called to an event (`invited_at`: named by its documents or registered): when it
-- assigned its participants (students flagged «Одаренный ребенок») and entered their results.
CREATE TABLE gifted_event_participations (
  id                       bigserial PRIMARY KEY,
  gifted_event_id          bigint NOT NULL REFERENCES gifted_events (id),
  organisation_id          text NOT NULL REFERENCES organisations (id),
  invited_at               timestamptz NOT NULL,
  participants_assigned_at timestamptz,
  results_entered_at       timestamptz,
  UNIQUE (gifted_event_id, organisation_id)
);

-- Down Migration
DROP TABLE gifted_event_participations, gifted_events, certificate_finance_steps, certificate_providers;
DROP INDEX finance_periods_request_idx;
ALTER TABLE finance_periods DROP CONSTRAINT finance_periods_id_key;
ALTER TABLE finance_periods DROP COLUMN id;
DROP INDEX citizen_applications_navigator_event_idx;
ALTER TABLE citizen_applications DROP COLUMN agreement_at, DROP COLUMN certificate, DROP COLUMN navigator_event_id, DROP COLUMN programme_id;
DROP INDEX navigator_events_date_idx;
ALTER TABLE navigator_events DROP COLUMN created_at;
DROP TABLE navigator_requests, navigator_card_versions, navigator_cards;
