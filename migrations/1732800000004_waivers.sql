-- Up Migration

-- An obligation lifted for one organisation and period (an organisation closed for repairs, an
-- exemption granted by the authority): who lifted it, when and why. The occurrence of the period
-- judges the organisation `waived`: no reminder, deadline notice or escalation goes to anyone
-- about it, and the audit trail names the waiver.
CREATE TABLE IF NOT EXISTS waivers (
  id              bigserial PRIMARY KEY,
  regulation_id   text NOT NULL,
  rule_id         text NOT NULL,
  period_id       text NOT NULL,
  organisation_id text NOT NULL REFERENCES organisations (id),
  waived_by       text NOT NULL,
  waived_at       timestamptz NOT NULL DEFAULT now(),
  reason          text NOT NULL,
  UNIQUE (regulation_id, rule_id, period_id, organisation_id)
);

-- Down Migration
DROP TABLE IF EXISTS waivers;
