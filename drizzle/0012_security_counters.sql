-- Wrong second-factor codes are counted per account (security issue, finding 3): the failure that reaches the limit
-- ends the account's password-pending sessions and locks it. Counted by one conditional UPDATE.
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "mfa_failures" integer DEFAULT 0 NOT NULL;
