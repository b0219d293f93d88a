-- Up Migration

-- Indexes found by the check benchmark (`bench/checks.bench.ts`).

-- `contingent_discrepancy` and `contingent_records_updated` count each organisation's students on
-- the roll at a moment (created by then, not left by then) at every weekly or monthly occurrence.
-- Without this index each evaluation reads the whole `students` heap (wide rows: cards, field fill
-- stamps); with it the count is an index-only scan per organisation.
CREATE INDEX students_contingent_idx ON students (organisation_id, created_at) INCLUDE (left_at);

-- Down Migration
DROP INDEX students_contingent_idx;
