-- The header's kept unread counts (docs/architecture.md, "Several processes"). Hand-written; idempotent; forward only.
-- Any change of the notifications table, whatever makes it (a request, a job, a command, an operator's SQL), is
-- announced on the channel ctcp_changes with the topic 'notifications' (no ids: every kept count is dropped), once per
-- statement and only when the transaction commits. One trigger function serves every table announced this way, its
-- topic the trigger's argument; the organizations' trigger (0037, topic 'orgs') now uses it too.
CREATE OR REPLACE FUNCTION ctcp_table_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('ctcp_changes', json_build_object('t', TG_ARGV[0])::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS "notifications_changed" ON "notifications";
--> statement-breakpoint
CREATE TRIGGER "notifications_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "notifications"
  FOR EACH STATEMENT EXECUTE FUNCTION ctcp_table_changed('notifications');
--> statement-breakpoint
DROP TRIGGER IF EXISTS "organizations_changed" ON "organizations";
--> statement-breakpoint
CREATE TRIGGER "organizations_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "organizations"
  FOR EACH STATEMENT EXECUTE FUNCTION ctcp_table_changed('orgs');
--> statement-breakpoint
DROP FUNCTION IF EXISTS ctcp_organizations_changed();
