-- Live updates across app processes (docs/architecture.md, "Change channel"). Hand-written; idempotent; forward only.
-- 1. The speakers' list of a session counts its changes (floor_seq): each change increments it in its own
--    transaction, and the room view's stream sends the number as the event id, so a client that reconnects with
--    Last-Event-ID learns whether it missed one.
-- 2. Whatever changes who a credential belongs to or what it may do (a session or API token ended, a user's role,
--    organization ties, second factor or account state changed) is announced on the channel ctcp_changes with the
--    user's id only, by triggers: every writer is covered (sign-out, revocation, administration, erasure, password
--    reset), and NOTIFY is delivered only when the change commits. The app's credential cache listens to it.
ALTER TABLE "event_sessions" ADD COLUMN IF NOT EXISTS "floor_seq" bigint DEFAULT 0 NOT NULL;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ctcp_credentials_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  j jsonb;
  o jsonb;
BEGIN
  IF TG_OP = 'DELETE' THEN j := to_jsonb(OLD); ELSE j := to_jsonb(NEW); END IF;
  IF TG_OP = 'UPDATE' THEN o := to_jsonb(OLD); ELSE o := j; END IF;
  IF TG_TABLE_NAME = 'users' THEN
    PERFORM pg_notify('ctcp_changes', json_build_object('t', 'cred', 'u', j->>'id')::text);
  ELSIF TG_TABLE_NAME = 'memberships' THEN
    PERFORM pg_notify('ctcp_changes', json_build_object('t', 'cred', 'u', u.id)::text)
      FROM users u WHERE u.person_id::text IN (j->>'person_id', o->>'person_id');
  ELSE
    PERFORM pg_notify('ctcp_changes', json_build_object('t', 'cred', 'u', j->>'user_id')::text);
    IF o->>'user_id' IS DISTINCT FROM j->>'user_id' THEN
      PERFORM pg_notify('ctcp_changes', json_build_object('t', 'cred', 'u', o->>'user_id')::text);
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS "sessions_changed" ON "sessions";
--> statement-breakpoint
CREATE TRIGGER "sessions_changed" AFTER DELETE OR UPDATE OF "user_id", "mfa_verified", "expires_at" ON "sessions"
  FOR EACH ROW EXECUTE FUNCTION ctcp_credentials_changed();
--> statement-breakpoint
DROP TRIGGER IF EXISTS "api_tokens_changed" ON "api_tokens";
--> statement-breakpoint
CREATE TRIGGER "api_tokens_changed"
  AFTER DELETE OR UPDATE OF "user_id", "revoked_at", "expires_at", "scopes" ON "api_tokens"
  FOR EACH ROW EXECUTE FUNCTION ctcp_credentials_changed();
--> statement-breakpoint
DROP TRIGGER IF EXISTS "users_changed" ON "users";
--> statement-breakpoint
CREATE TRIGGER "users_changed" AFTER DELETE OR UPDATE OF "email", "name", "role", "person_id", "locale", "time_zone",
  "time_zone_confirmed_at", "totp_enabled_at", "disabled_at" ON "users"
  FOR EACH ROW EXECUTE FUNCTION ctcp_credentials_changed();
--> statement-breakpoint
DROP TRIGGER IF EXISTS "webauthn_credentials_changed" ON "webauthn_credentials";
--> statement-breakpoint
CREATE TRIGGER "webauthn_credentials_changed" AFTER INSERT OR DELETE ON "webauthn_credentials"
  FOR EACH ROW EXECUTE FUNCTION ctcp_credentials_changed();
--> statement-breakpoint
DROP TRIGGER IF EXISTS "memberships_changed" ON "memberships";
--> statement-breakpoint
CREATE TRIGGER "memberships_changed" AFTER INSERT OR DELETE OR UPDATE ON "memberships"
  FOR EACH ROW EXECUTE FUNCTION ctcp_credentials_changed();
