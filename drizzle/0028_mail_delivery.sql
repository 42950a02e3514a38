-- E-mail delivered exactly once with any number of app processes. A process claims a message with a lease
-- (claimed_until) in one committed statement before it sends it, so no other process takes it while the send is in
-- flight; a failed attempt is tried again at next_attempt_at (exponential backoff); every message keeps one
-- Message-ID (message_id, set at its first claim) for all its attempts. Hand-written; idempotent; forward only.
ALTER TABLE "mail_outbox" ADD COLUMN IF NOT EXISTS "claimed_until" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN IF NOT EXISTS "next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL;
--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN IF NOT EXISTS "message_id" text;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "mail_outbox_due_idx" ON "mail_outbox" ("next_attempt_at") WHERE "status" = 'pending';
