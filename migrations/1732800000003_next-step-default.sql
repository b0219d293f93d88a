-- Up Migration

-- A new event case waits for its first step at its deadline without being written twice: the
-- escalation index reads `next_step_at` or, while a sweep has not set it yet, `due_at`. A case with
-- no step left has `next_step_at = 'infinity'`.
DROP INDEX IF EXISTS obligation_cases_next_step_idx;
CREATE INDEX IF NOT EXISTS obligation_cases_next_step_due_idx
  ON obligation_cases (regulation_id, rule_id, (coalesce(next_step_at, due_at))) WHERE status = 'open';

-- Down Migration
DROP INDEX IF EXISTS obligation_cases_next_step_due_idx;
CREATE INDEX IF NOT EXISTS obligation_cases_next_step_idx ON obligation_cases (regulation_id, rule_id, next_step_at) WHERE status = 'open';
