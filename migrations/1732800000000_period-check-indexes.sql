-- Up Migration

-- Indexes for the period checks, found by the check benchmark's full evaluation
-- (`bench/checks.bench.ts`). Each is named after the query shape it serves.

-- The latest exchange of an organisation with a system by a moment (`exportWithoutErrors` of the
-- operator controls): one probe per organisation. With only (system, exchanged_at) every
-- organisation read the system's whole history, 1–3 s per monthly control.
CREATE INDEX IF NOT EXISTS integration_exchanges_latest_idx
  ON integration_exchanges (organisation_id, system, exchanged_at DESC, id DESC) INCLUDE (ok);

-- The latest upload to the contingent registry by a moment (`contingent_discrepancy`): one probe
-- per organisation instead of sorting every upload of the region.
CREATE INDEX IF NOT EXISTS contingent_exports_latest_idx
  ON contingent_exports (organisation_id, exported_at DESC, id DESC) INCLUDE (records);

-- The students on an organisation's roll with their class and birth date (`indicatorStudents`,
-- the records and journal checks): an index-only range per organisation instead of reading the
-- wide `students` heap (cards, field fill stamps).
CREATE INDEX IF NOT EXISTS students_roll_idx
  ON students (organisation_id) INCLUDE (id, class_group_id, created_at, left_at, birth_date);

-- The marks of one quarterly-export indicator (`export_indicator_marked`), read as one range and
-- hash-joined to the students, and probed by (indicator, student) for the operator's control.
CREATE INDEX IF NOT EXISTS student_indicator_marks_indicator_idx
  ON student_indicator_marks (indicator, student_id) INCLUDE (marked_at);

-- The movement documents of some kinds dated in a period (`user_registry_current` runs daily):
-- index-only, where the (kind, order_date) index fetched a scattered heap page per document.
CREATE INDEX IF NOT EXISTS movement_orders_kind_date_cover_idx
  ON movement_orders (kind, order_date) INCLUDE (entered_at, organisation_id, student_id);

-- Down Migration
DROP INDEX IF EXISTS movement_orders_kind_date_cover_idx;
DROP INDEX IF EXISTS student_indicator_marks_indicator_idx;
DROP INDEX IF EXISTS students_roll_idx;
DROP INDEX IF EXISTS contingent_exports_latest_idx;
DROP INDEX IF EXISTS integration_exchanges_latest_idx;
