-- Up Migration

-- Late marks are found by when they were entered, not by lesson: a sweep looks for marks entered
-- since its watermark, whatever the lesson date.
CREATE INDEX marks_entered_idx ON marks (entered_at);

-- An exchange logged for the whole system (no organisation) still belongs to one region's
-- installation; without the region a multi-region store could not tell whose exchange it was.
ALTER TABLE integration_exchanges ADD COLUMN region text;
CREATE INDEX integration_exchanges_region_idx ON integration_exchanges (system, region, exchanged_at);

-- Down Migration
DROP INDEX integration_exchanges_region_idx;
ALTER TABLE integration_exchanges DROP COLUMN region;
DROP INDEX marks_entered_idx;
