-- Up Migration

-- Period rules make one case per rule × period × subject; event rules keep period_id ''.
ALTER TABLE obligation_cases ADD COLUMN period_id text NOT NULL DEFAULT '';
ALTER TABLE obligation_cases ADD COLUMN tier int NOT NULL DEFAULT 0;
ALTER TABLE obligation_cases ADD COLUMN metric numeric;
ALTER TABLE obligation_cases ADD COLUMN level text;
ALTER TABLE obligation_cases ADD COLUMN evidence jsonb NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE obligation_cases ALTER COLUMN organisation_id DROP NOT NULL;
ALTER TABLE obligation_cases DROP CONSTRAINT obligation_cases_status_check;
ALTER TABLE obligation_cases ADD CONSTRAINT obligation_cases_status_check
  CHECK (status IN ('pending', 'open', 'met', 'met_late', 'missed', 'waived'));
-- The old key's generated name is truncated by PostgreSQL, so it is looked up rather than spelled.
DO $$
DECLARE old_key text;
BEGIN
  SELECT conname INTO old_key FROM pg_constraint
  WHERE conrelid = 'obligation_cases'::regclass AND contype = 'u' AND conname <> 'obligation_cases_subject_key';
  EXECUTE format('ALTER TABLE obligation_cases DROP CONSTRAINT %I', old_key);
END $$;
ALTER TABLE obligation_cases ADD CONSTRAINT obligation_cases_subject_key
  UNIQUE (regulation_id, rule_id, period_id, tier, subject_kind, subject_id);

-- A notification is a window notice, a reminder, a deadline notice or an escalation; each is sent
-- once per case, kind, step and recipient.
ALTER TABLE notifications ADD COLUMN notice text NOT NULL DEFAULT 'escalation'
  CHECK (notice IN ('window', 'reminder', 'escalation'));
ALTER TABLE notifications DROP CONSTRAINT notifications_case_id_step_recipient_email_key;
ALTER TABLE notifications ADD CONSTRAINT notifications_once_key UNIQUE (case_id, notice, step, recipient_email);

-- Down Migration
ALTER TABLE notifications DROP CONSTRAINT notifications_once_key;
ALTER TABLE notifications ADD UNIQUE (case_id, step, recipient_email);
ALTER TABLE notifications DROP COLUMN notice;
ALTER TABLE obligation_cases DROP CONSTRAINT obligation_cases_subject_key;
ALTER TABLE obligation_cases ADD UNIQUE (regulation_id, rule_id, subject_kind, subject_id);
ALTER TABLE obligation_cases DROP CONSTRAINT obligation_cases_status_check;
ALTER TABLE obligation_cases ADD CONSTRAINT obligation_cases_status_check CHECK (status IN ('open', 'met', 'met_late', 'missed', 'waived'));
ALTER TABLE obligation_cases ALTER COLUMN organisation_id SET NOT NULL;
ALTER TABLE obligation_cases DROP COLUMN evidence, DROP COLUMN level, DROP COLUMN metric, DROP COLUMN tier, DROP COLUMN period_id;
