-- The briefing pack to the Counter-Terrorism Committee (modules/compact/briefing): dated, versioned packs with the
-- computed figures saved as a JSON snapshot (and its SHA-256), approved by both co-chair entities of the CTC briefing
-- body, then circulated. Hand-written; idempotent; forward only. Once a pack is approved (or has any approval) its
-- snapshot, period and version cannot change: a trigger refuses the UPDATE, whatever code path issues it.
CREATE TABLE IF NOT EXISTS "compact_briefings" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "period_from" date NOT NULL,
  "period_to" date NOT NULL,
  "version" integer NOT NULL,
  "snapshot" jsonb NOT NULL,
  "sha256" text NOT NULL,
  "status" text DEFAULT 'draft' NOT NULL,
  "created_by" uuid,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "approved_at" timestamp with time zone,
  "circulated_by" uuid,
  "circulated_at" timestamp with time zone,
  CONSTRAINT "compact_briefings_created_by_users_id_fk" FOREIGN KEY ("created_by")
    REFERENCES "users"("id") ON DELETE set null,
  CONSTRAINT "compact_briefings_circulated_by_users_id_fk" FOREIGN KEY ("circulated_by")
    REFERENCES "users"("id") ON DELETE set null,
  CONSTRAINT "compact_briefings_status_check" CHECK ("status" IN ('draft', 'approved', 'circulated')),
  CONSTRAINT "compact_briefings_period_check" CHECK ("period_from" <= "period_to")
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "compact_briefings_period_version_idx"
  ON "compact_briefings" ("period_from", "period_to", "version");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "compact_briefings_created_idx" ON "compact_briefings" ("created_at");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "compact_briefing_approvals" (
  "briefing_id" uuid NOT NULL,
  "organization_id" uuid NOT NULL,
  "user_id" uuid,
  "user_label" text NOT NULL,
  "approved_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "compact_briefing_approvals_pk" PRIMARY KEY ("briefing_id", "organization_id"),
  CONSTRAINT "compact_briefing_approvals_briefing_id_fk" FOREIGN KEY ("briefing_id")
    REFERENCES "compact_briefings"("id") ON DELETE cascade,
  CONSTRAINT "compact_briefing_approvals_organization_id_fk" FOREIGN KEY ("organization_id")
    REFERENCES "organizations"("id"),
  CONSTRAINT "compact_briefing_approvals_user_id_fk" FOREIGN KEY ("user_id")
    REFERENCES "users"("id") ON DELETE set null
);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION compact_briefing_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'an approved briefing pack cannot be deleted' USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF (OLD.status <> 'draft'
      OR EXISTS (SELECT 1 FROM compact_briefing_approvals a WHERE a.briefing_id = OLD.id))
    AND (NEW.snapshot IS DISTINCT FROM OLD.snapshot OR NEW.sha256 IS DISTINCT FROM OLD.sha256
      OR NEW.period_from IS DISTINCT FROM OLD.period_from OR NEW.period_to IS DISTINCT FROM OLD.period_to
      OR NEW.version IS DISTINCT FROM OLD.version) THEN
    RAISE EXCEPTION 'an approved briefing pack is immutable' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.status = 'circulated' AND NEW.status <> 'circulated' THEN
    RAISE EXCEPTION 'a circulated briefing pack stays circulated' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS "compact_briefings_frozen" ON "compact_briefings";
--> statement-breakpoint
CREATE TRIGGER "compact_briefings_frozen" BEFORE UPDATE OR DELETE ON "compact_briefings"
  FOR EACH ROW EXECUTE FUNCTION compact_briefing_frozen();
