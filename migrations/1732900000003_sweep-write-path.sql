-- Up Migration

-- Every open case is already in the escalation index, which leads with the same columns under the
-- same condition; the plain open-case index only cost one more entry per case opened or escalated.
DROP INDEX IF EXISTS obligation_cases_open_idx;

-- A digest part (3–4 KB of rendered text) is written once and read once when its digest goes out.
-- Kept whole in its row instead of compressed: compressing every part costs a sweep more than the
-- few kilobytes save.
ALTER TABLE outbox_parts SET (toast_tuple_target = 8160);

-- Down Migration
ALTER TABLE outbox_parts RESET (toast_tuple_target);
CREATE INDEX IF NOT EXISTS obligation_cases_open_idx ON obligation_cases (regulation_id, rule_id) WHERE status = 'open';
