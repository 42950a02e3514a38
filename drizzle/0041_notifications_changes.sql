-- The header's kept unread counts (docs/architecture.md, "Several processes"). Hand-written; idempotent; forward only.
-- Any change of the notifications table, whatever makes it (a request, a job, a command, an operator's SQL), is
-- announced on the channel ctcp_changes with the topic 'notifications' (no ids: every kept count is dropped), once per
-- statement and only when the transaction commits.
CREATE OR REPLACE FUNCTION ctcp_notifications_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('ctcp_changes', '{"t":"notifications"}');
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS "notifications_changed" ON "notifications";
--> statement-breakpoint
CREATE TRIGGER "notifications_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "notifications"
  FOR EACH STATEMENT EXECUTE FUNCTION ctcp_notifications_changed();
