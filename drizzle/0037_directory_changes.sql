-- The directory's kept answers (docs/architecture.md, "Several processes"). Hand-written; idempotent; forward only.
-- Any change of the organizations table, whatever makes it (the app, a job, a command, an operator's SQL), is
-- announced on the channel ctcp_changes with the topic 'orgs' (no ids: every kept list is dropped), once per
-- statement and only when the transaction commits.
CREATE OR REPLACE FUNCTION ctcp_organizations_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('ctcp_changes', '{"t":"orgs"}');
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS "organizations_changed" ON "organizations";
--> statement-breakpoint
CREATE TRIGGER "organizations_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "organizations"
  FOR EACH STATEMENT EXECUTE FUNCTION ctcp_organizations_changed();
