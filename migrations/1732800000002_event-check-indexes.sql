-- Up Migration

-- Indexes for the event checks' sources, found by the check benchmark's daily sweep and full
-- evaluation (`bench/checks.bench.ts`). Each is named after the query shape it serves.

-- The movement documents whose event date (the date of the documents they are based on, else the
-- order's own date) falls in a sweep's window (`movement_document_created`): a range on the same
-- expression the check selects, where a filter on `coalesce` read every document of the kinds.
CREATE INDEX IF NOT EXISTS movement_orders_kind_event_date_idx
  ON movement_orders (kind, (coalesce(application_date, order_date)));

-- The applications entered since a sweep's watermark (`eservice_applications_processed`): an import
-- brings old applications in late, so a sweep also reads those by when they became known.
CREATE INDEX IF NOT EXISTS citizen_applications_kind_entered_idx
  ON citizen_applications (kind, (coalesce(entered_at, submitted_at)));

-- Down Migration
DROP INDEX IF EXISTS citizen_applications_kind_entered_idx;
DROP INDEX IF EXISTS movement_orders_kind_event_date_idx;
