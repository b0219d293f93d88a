-- Up Migration

-- What the people checks (staff, parents, accounts) need beyond the education-data migration.

-- When the user account of the regional system was created (login and temporary password issued),
-- for `user_account_registered`. Kept apart from `esia_linked_at`: an account exists before it is
-- moved to ESIA login.
ALTER TABLE staff ADD COLUMN account_registered_at timestamptz;
ALTER TABLE students ADD COLUMN account_registered_at timestamptz;
ALTER TABLE parents ADD COLUMN account_registered_at timestamptz;

-- Entries of a staff member's portfolio (achievements, courses, publications …), for the
-- «Процент наполнения портфолио сотрудников» monitoring (`card_fill_rate`, cards: staff_portfolio).
-- `entered_at` is when the entry was made, so a fill rate can be judged as of a past moment.
CREATE TABLE staff_portfolio_entries (
  id         bigserial PRIMARY KEY,
  staff_id   bigint NOT NULL REFERENCES staff (id),
  section    text NOT NULL,
  entered_at timestamptz NOT NULL
);
CREATE INDEX staff_portfolio_entries_staff_idx ON staff_portfolio_entries (staff_id, entered_at);

-- Event sweeps look for hires and dismissals due after the watermark or entered since it; these
-- indexes serve the second half of that condition (the dates have their own indexes).
CREATE INDEX staff_hire_entered_idx ON staff ((coalesce(hire_entered_at, created_at)));
CREATE INDEX staff_dismissal_idx ON staff (dismissal_date) WHERE dismissal_date IS NOT NULL;

-- Down Migration
DROP INDEX staff_dismissal_idx;
DROP INDEX staff_hire_entered_idx;
DROP TABLE staff_portfolio_entries;
ALTER TABLE parents DROP COLUMN account_registered_at;
ALTER TABLE students DROP COLUMN account_registered_at;
ALTER TABLE staff DROP COLUMN account_registered_at;
