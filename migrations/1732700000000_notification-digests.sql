-- Up Migration

-- The last step of a ladder repeats while the obligation stays unmet; each repeat is its own
-- notice, sent once: the idempotence key gains the repeat number (0 for the step itself).
ALTER TABLE notifications ADD COLUMN repeat int NOT NULL DEFAULT 0;
ALTER TABLE notifications DROP CONSTRAINT notifications_once_key;
ALTER TABLE notifications ADD CONSTRAINT notifications_once_key UNIQUE (case_id, notice, step, repeat, recipient_email);

-- Daily digests: a rendered notice waits in the outbox until the recipient's digest of the day
-- carries it, together with every other notice for them. The part keeps the rendered text (what
-- the recipient was told, as judged when the step ran) and the audit records to write once sent.
CREATE TABLE outbox_parts (
  id              bigserial PRIMARY KEY,
  region          text NOT NULL,
  recipient_email text NOT NULL,
  subject         text NOT NULL,
  text_body       text NOT NULL,
  html_body       text NOT NULL,
  attachments     jsonb NOT NULL DEFAULT '[]',
  headers         jsonb NOT NULL DEFAULT '{}',
  audit           jsonb NOT NULL DEFAULT '[]',
  queued_at       timestamptz NOT NULL,
  status          text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'cancelled')),
  message_id      text,
  sent_at         timestamptz,
  attempts        int NOT NULL DEFAULT 0,
  last_error      text
);
CREATE INDEX outbox_parts_queued_idx ON outbox_parts (region, recipient_email, queued_at) WHERE status = 'queued';

ALTER TABLE notifications ADD COLUMN part_id bigint REFERENCES outbox_parts (id);
ALTER TABLE notifications DROP CONSTRAINT notifications_status_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_status_check CHECK (status IN ('pending', 'queued', 'sent', 'cancelled'));
CREATE INDEX notifications_part_idx ON notifications (part_id) WHERE part_id IS NOT NULL;

-- Down Migration
DROP INDEX notifications_part_idx;
ALTER TABLE notifications DROP CONSTRAINT notifications_status_check;
UPDATE notifications SET status = 'pending' WHERE status = 'queued';
ALTER TABLE notifications ADD CONSTRAINT notifications_status_check CHECK (status IN ('pending', 'sent', 'cancelled'));
ALTER TABLE notifications DROP COLUMN part_id;
DROP TABLE outbox_parts;
ALTER TABLE notifications DROP CONSTRAINT notifications_once_key;
DELETE FROM notifications WHERE repeat > 0;
ALTER TABLE notifications ADD CONSTRAINT notifications_once_key UNIQUE (case_id, notice, step, recipient_email);
ALTER TABLE notifications DROP COLUMN repeat;
