-- Up Migration

-- The event register: dated events that happen outside the data the other tables hold (a change of
-- an organisation's details, the approval of a document, a request received by the operator, a
-- licence, an event scheduled ahead). Event-relative rules whose check is `manual` count their
-- deadlines from these rows. `kind` is a catalog event key (`src/checks/events.ts`); `reference`
-- names the event for people (a document or request number: never personal data) and is how
-- `reglament confirm` refers to it. Loaded by `reglament import events`, keyed by organisation,
-- kind and reference, so a re-import changes nothing.
CREATE TABLE event_register (
  id              bigserial PRIMARY KEY,
  organisation_id text NOT NULL REFERENCES organisations (id),
  kind            text NOT NULL,
  -- The local date of the event in the organisation's region.
  event_date      date NOT NULL,
  reference       text NOT NULL CHECK (reference <> '' AND strpos(reference, ':') = 0),
  -- When the event became known to Reglament: a sweep judges only events entered by its moment.
  entered_at      timestamptz NOT NULL DEFAULT now(),
  -- Where the row came from, e.g. `csv:events-2024-09.csv`.
  source          text NOT NULL,
  UNIQUE (organisation_id, kind, reference)
);
-- Sweeps read one kind from a date on.
CREATE INDEX event_register_kind_date_idx ON event_register (kind, event_date);

-- Manual confirmations of event-relative rules name the event in `period_id`; the chain of
-- `after_rule` rules reads the predecessor's confirmations by rule.
CREATE INDEX manual_confirmations_rule_idx ON manual_confirmations (regulation_id, rule_id, confirmed_at);

-- Down Migration
DROP INDEX manual_confirmations_rule_idx;
DROP TABLE event_register;
