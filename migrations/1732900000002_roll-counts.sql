-- Up Migration

-- Stored roll counts for the contingent checks (`pupilsOnRoll`). The pupils on an organisation's
-- roll at a moment t, as of its local day d, are
--   #{created_at <= t AND (left_at IS NULL OR left_at > d)}
--   = J(t) − L(d) + #{created_at > t AND left_at <= d}
-- with J(t) = #{created_at <= t} and L(d) = #{left_at <= d}. Counting that from the students read
-- the whole roll index (300,000 entries on the benchmark region, ~50 ms) at each of the checks'
-- moments. J and L are kept here as running totals, one row per organisation and step of the
-- total, whose span is the interval where the total holds: the totals of every organisation at a
-- moment are one range-index scan (the rows whose span contains it, one per organisation),
-- cheaper still than a probe per organisation. The last term is read from
-- students_early_leavers_idx (see there). The triggers below keep the totals in step with every
-- write to `students`.

-- J: one row per organisation and distinct `created_at` of its students, with the number of its
-- students created at or before that instant, valid until the next distinct `created_at`
-- (`next_at`; null: the latest). J(t) is the total of the row whose span contains t (none: 0).
CREATE TABLE roll_joins (
  organisation_id text NOT NULL,
  created_at      timestamptz NOT NULL,
  next_at         timestamptz,
  total           integer NOT NULL,
  span            tstzrange GENERATED ALWAYS AS (tstzrange(created_at, next_at, '[)')) STORED,
  PRIMARY KEY (organisation_id, created_at)
);

-- L: the same for the leavers, by `left_at` day: the number who left on or before `left_at`,
-- valid until the next leaving day of the organisation.
CREATE TABLE roll_leaves (
  organisation_id text NOT NULL,
  left_at         date NOT NULL,
  next_on         date,
  total           integer NOT NULL,
  span            daterange GENERATED ALWAYS AS (daterange(left_at, next_on, '[)')) STORED,
  PRIMARY KEY (organisation_id, left_at)
);

-- Bumped by every recomputation of an organisation's totals. The bump is the lock that serialises
-- two transactions writing students of the same organisation (the second recomputes after the
-- first commits, seeing its students); under REPEATABLE READ the second fails with a serialisation
-- error instead of writing totals from a snapshot without the first's students.
CREATE TABLE roll_count_versions (
  organisation_id text PRIMARY KEY,
  version         bigint NOT NULL DEFAULT 1
);

-- The correction term #{created_at > t AND left_at <= d}. The checks' d is the local date of t in
-- the region's zone, at most the UTC date of t + 1 (no zone is 24 h ahead of UTC), and a student
-- created after t has a UTC creation date no earlier than t's; so only students who left no later
-- than the day after their UTC creation date can count. Those are the early leavers: none in
-- ordinary data (a pupil leaves after being entered), a few where leavers were entered after the
-- fact, so this index is nearly empty and the term one short range for the whole region.
-- (`pupilsOnRoll` reads the other students too for a d beyond that bound, which the checks never
-- pass.)
CREATE INDEX students_early_leavers_idx ON students (created_at) INCLUDE (organisation_id, left_at)
  WHERE left_at <= (created_at AT TIME ZONE 'UTC')::date + 1;

-- Recomputes the totals of the given organisations from the given key on (per organisation, the
-- smallest key whose total may have changed; a null key: nothing of that table). Rows before the
-- key keep their totals, which are the base of the recomputed ones, and only the last of them its
-- span's end, so writing a pupil created now rewrites a row or two, not the organisation's
-- history. Callers pass each organisation once. Joins are nested loops over the organisations
-- (index probes and ranges): a hash join would read every total of the region for a few rows, which
-- the planner, not knowing how few rows an organisation's range holds, prefers for many
-- organisations.
CREATE FUNCTION roll_counts_refresh(orgs text[], joins_from timestamptz[], leaves_from date[])
RETURNS void LANGUAGE plpgsql SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
  IF coalesce(cardinality(orgs), 0) = 0 THEN
    RETURN;
  END IF;
  -- In id order, so two transactions touching the same organisations cannot deadlock.
  INSERT INTO roll_count_versions AS v (organisation_id)
  SELECT o FROM unnest(orgs) AS o ORDER BY o
  ON CONFLICT (organisation_id) DO UPDATE SET version = v.version + 1;

  -- Each table only when some key of it changed (an insert without leavers leaves L alone).
  IF cardinality(array_remove(joins_from, NULL)) > 0 THEN
    DELETE FROM roll_joins j
    USING unnest(orgs, joins_from) AS c(organisation_id, from_key)
    WHERE j.organisation_id = c.organisation_id AND j.created_at >= c.from_key;
    -- Organisation by organisation (LATERAL): an index range of students_contingent_idx each, never
    -- a scan of every student for a few organisations; the base read once per organisation
    -- (OFFSET 0 keeps the planner from inlining it into every row).
    INSERT INTO roll_joins (organisation_id, created_at, next_at, total)
    SELECT c.organisation_id, r.created_at, lead(r.created_at) OVER w, (b.total + sum(r.n) OVER w)::integer
    FROM unnest(orgs, joins_from) AS c(organisation_id, from_key)
    CROSS JOIN LATERAL (
      SELECT coalesce((SELECT j.total FROM roll_joins j
                       WHERE j.organisation_id = c.organisation_id AND j.created_at < c.from_key
                       ORDER BY j.created_at DESC LIMIT 1), 0) AS total
      OFFSET 0
    ) b
    CROSS JOIN LATERAL (
      SELECT s.created_at, count(*) AS n FROM students s
      WHERE s.organisation_id = c.organisation_id AND s.created_at >= c.from_key
      GROUP BY s.created_at
    ) r
    WHERE c.from_key IS NOT NULL
    WINDOW w AS (PARTITION BY c.organisation_id ORDER BY r.created_at);
    -- The row before the key now ends where the first recomputed one starts (or nowhere). One
    -- index probe per organisation (OFFSET 0: the keys first, then the rows they name).
    UPDATE roll_joins p SET next_at = x.next_at
    FROM (
      SELECT c.organisation_id,
             (SELECT j.created_at FROM roll_joins j
              WHERE j.organisation_id = c.organisation_id AND j.created_at < c.from_key
              ORDER BY j.created_at DESC LIMIT 1) AS created_at,
             (SELECT min(j.created_at) FROM roll_joins j
              WHERE j.organisation_id = c.organisation_id AND j.created_at >= c.from_key) AS next_at
      FROM unnest(orgs, joins_from) AS c(organisation_id, from_key)
      OFFSET 0
    ) x
    WHERE p.organisation_id = x.organisation_id AND p.created_at = x.created_at
      AND p.next_at IS DISTINCT FROM x.next_at;
  END IF;

  IF cardinality(array_remove(leaves_from, NULL)) > 0 THEN
    DELETE FROM roll_leaves l
    USING unnest(orgs, leaves_from) AS c(organisation_id, from_key)
    WHERE l.organisation_id = c.organisation_id AND l.left_at >= c.from_key;
    INSERT INTO roll_leaves (organisation_id, left_at, next_on, total)
    SELECT c.organisation_id, r.left_at, lead(r.left_at) OVER w, (b.total + sum(r.n) OVER w)::integer
    FROM unnest(orgs, leaves_from) AS c(organisation_id, from_key)
    CROSS JOIN LATERAL (
      SELECT coalesce((SELECT l.total FROM roll_leaves l
                       WHERE l.organisation_id = c.organisation_id AND l.left_at < c.from_key
                       ORDER BY l.left_at DESC LIMIT 1), 0) AS total
      OFFSET 0
    ) b
    CROSS JOIN LATERAL (
      SELECT s.left_at, count(*) AS n FROM students s
      WHERE s.organisation_id = c.organisation_id AND s.left_at >= c.from_key
      GROUP BY s.left_at
    ) r
    WHERE c.from_key IS NOT NULL
    WINDOW w AS (PARTITION BY c.organisation_id ORDER BY r.left_at);
    UPDATE roll_leaves p SET next_on = x.next_on
    FROM (
      SELECT c.organisation_id,
             (SELECT l.left_at FROM roll_leaves l
              WHERE l.organisation_id = c.organisation_id AND l.left_at < c.from_key
              ORDER BY l.left_at DESC LIMIT 1) AS left_at,
             (SELECT min(l.left_at) FROM roll_leaves l
              WHERE l.organisation_id = c.organisation_id AND l.left_at >= c.from_key) AS next_on
      FROM unnest(orgs, leaves_from) AS c(organisation_id, from_key)
      OFFSET 0
    ) x
    WHERE p.organisation_id = x.organisation_id AND p.left_at = x.left_at
      AND p.next_on IS DISTINCT FROM x.next_on;
  END IF;
END $$;

-- Keeps roll_joins and roll_leaves in step with a statement on `students`, set-based over its
-- transition tables: a bulk import is one pass, and an update that changes no organisation,
-- creation instant or leaving day of any student (a card field) writes nothing.
CREATE FUNCTION roll_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  orgs text[];
  joins_from timestamptz[];
  leaves_from date[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(organisation_id), array_agg(joins_key), array_agg(leaves_key)
    INTO orgs, joins_from, leaves_from
    FROM (SELECT organisation_id, min(created_at) AS joins_key, min(left_at) AS leaves_key
          FROM new_rows GROUP BY organisation_id) k;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(organisation_id), array_agg(joins_key), array_agg(leaves_key)
    INTO orgs, joins_from, leaves_from
    FROM (SELECT organisation_id, min(created_at) AS joins_key, min(left_at) AS leaves_key
          FROM old_rows GROUP BY organisation_id) k;
  ELSE
    -- The keys a changed row leaves and the keys it takes. Rows are paired by id, but any pairing
    -- would do: an unchanged pair adds and removes the same keys.
    WITH changed AS (
      SELECT o.organisation_id AS old_org, o.created_at AS old_created, o.left_at AS old_left,
             n.organisation_id AS new_org, n.created_at AS new_created, n.left_at AS new_left,
             o.organisation_id IS DISTINCT FROM n.organisation_id AS moved
      FROM old_rows o
      FULL JOIN new_rows n ON n.id = o.id
      WHERE (o.organisation_id, o.created_at, o.left_at) IS DISTINCT FROM (n.organisation_id, n.created_at, n.left_at)
    ),
    keys AS (
      SELECT old_org AS organisation_id,
             CASE WHEN moved OR old_created IS DISTINCT FROM new_created THEN old_created END AS joins_key,
             CASE WHEN moved OR old_left IS DISTINCT FROM new_left THEN old_left END AS leaves_key
      FROM changed WHERE old_org IS NOT NULL
      UNION ALL
      SELECT new_org,
             CASE WHEN moved OR old_created IS DISTINCT FROM new_created THEN new_created END,
             CASE WHEN moved OR old_left IS DISTINCT FROM new_left THEN new_left END
      FROM changed WHERE new_org IS NOT NULL
    )
    SELECT array_agg(organisation_id), array_agg(joins_key), array_agg(leaves_key)
    INTO orgs, joins_from, leaves_from
    FROM (SELECT organisation_id, min(joins_key) AS joins_key, min(leaves_key) AS leaves_key
          FROM keys GROUP BY organisation_id
          HAVING min(joins_key) IS NOT NULL OR min(leaves_key) IS NOT NULL) k;
  END IF;
  PERFORM roll_counts_refresh(orgs, joins_from, leaves_from);
  RETURN NULL;
END $$;

-- TRUNCATE fires no row changes; emptied students leave empty totals.
CREATE FUNCTION roll_counts_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE roll_joins, roll_leaves;
  RETURN NULL;
END $$;

-- Rebuilds every total from the students (the backfill below; a repair after writes made with the
-- triggers disabled). Holds students still (SHARE blocks writes) until the caller's transaction
-- ends, so no write slips between the reading and the commit.
CREATE FUNCTION roll_counts_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE students IN SHARE MODE;
  TRUNCATE roll_joins, roll_leaves;
  INSERT INTO roll_joins (organisation_id, created_at, next_at, total)
  SELECT organisation_id, created_at, lead(created_at) OVER w, (sum(count(*)) OVER w)::integer
  FROM students
  GROUP BY organisation_id, created_at
  WINDOW w AS (PARTITION BY organisation_id ORDER BY created_at);
  INSERT INTO roll_leaves (organisation_id, left_at, next_on, total)
  SELECT organisation_id, left_at, lead(left_at) OVER w, (sum(count(*)) OVER w)::integer
  FROM students
  WHERE left_at IS NOT NULL
  GROUP BY organisation_id, left_at
  WINDOW w AS (PARTITION BY organisation_id ORDER BY left_at);
END $$;

CREATE TRIGGER students_roll_counts_insert AFTER INSERT ON students
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION roll_counts_track();
CREATE TRIGGER students_roll_counts_update AFTER UPDATE ON students
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION roll_counts_track();
CREATE TRIGGER students_roll_counts_delete AFTER DELETE ON students
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION roll_counts_track();
CREATE TRIGGER students_roll_counts_truncate AFTER TRUNCATE ON students
  FOR EACH STATEMENT EXECUTE FUNCTION roll_counts_truncate();

-- Backfilled before the span indexes exist: building them once is cheaper than growing them.
SELECT roll_counts_rebuild();

-- The totals of every organisation at a moment: the rows whose span contains it (SP-GiST over the
-- ranges; INCLUDE for index-only scans).
CREATE INDEX roll_joins_span_idx ON roll_joins USING spgist (span) INCLUDE (organisation_id, total);
CREATE INDEX roll_leaves_span_idx ON roll_leaves USING spgist (span) INCLUDE (organisation_id, total);
ANALYZE roll_joins, roll_leaves;

-- Down Migration
DROP TRIGGER IF EXISTS students_roll_counts_truncate ON students;
DROP TRIGGER IF EXISTS students_roll_counts_delete ON students;
DROP TRIGGER IF EXISTS students_roll_counts_update ON students;
DROP TRIGGER IF EXISTS students_roll_counts_insert ON students;
DROP FUNCTION IF EXISTS roll_counts_rebuild();
DROP FUNCTION IF EXISTS roll_counts_truncate();
DROP FUNCTION IF EXISTS roll_counts_track();
DROP FUNCTION IF EXISTS roll_counts_refresh(text[], timestamptz[], date[]);
DROP INDEX IF EXISTS students_early_leavers_idx;
DROP TABLE IF EXISTS roll_count_versions;
DROP TABLE IF EXISTS roll_leaves;
DROP TABLE IF EXISTS roll_joins;
