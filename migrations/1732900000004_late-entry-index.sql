-- Up Migration

-- A sweep judges the movement documents of each deadline date it looks at; for a date whose
-- deadline passed before the watermark, only those entered since. With the entry time in the key,
-- that is one index range per date instead of every document of the date (the day after a mass
-- enrollment, thousands per date). The period checks' index-only reads by kind and date are served
-- as before.
DROP INDEX IF EXISTS movement_orders_kind_date_cover_idx;
CREATE INDEX IF NOT EXISTS movement_orders_kind_date_entered_idx
  ON movement_orders (kind, order_date, entered_at) INCLUDE (organisation_id, student_id);

-- Down Migration
DROP INDEX IF EXISTS movement_orders_kind_date_entered_idx;
CREATE INDEX IF NOT EXISTS movement_orders_kind_date_cover_idx
  ON movement_orders (kind, order_date) INCLUDE (entered_at, organisation_id, student_id);
