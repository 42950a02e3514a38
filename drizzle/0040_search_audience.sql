-- The search's permission filter reads facts kept on each passage (search_passages.audience) instead of scanning the
-- owners' tables on every query: a need's State and visit (`state:<id>`, `visit:<id>` or `visit:none`), an event's
-- listing (not a draft, with a public revision: `listed`), visibility (`visibility:<v>`) and organizers
-- (`organizer:<id>`). The owners write them with the passage (reindexSearch, in the transaction that changed the
-- record); grants (consents, registrations, delegations) stay out of them and are read live. Existing passages get
-- their tags here, as the owners would write them; a passage without tags is hidden from everyone but the roles that
-- see every record of its kind (the filter fails closed). Hand-written; idempotent; forward only.
ALTER TABLE "search_passages" ADD COLUMN IF NOT EXISTS "audience" text[] DEFAULT '{}'::text[] NOT NULL;
--> statement-breakpoint
UPDATE "search_passages" p SET "audience" = array['state:' || n.state_org_id::text,
    coalesce('visit:' || n.visit_id::text, 'visit:none')]
  FROM "ta_needs" n WHERE p.kind = 'need' AND p.subject_id = n.id;
--> statement-breakpoint
UPDATE "search_passages" p SET "audience" =
    (CASE WHEN e.status <> 'draft' AND EXISTS (SELECT 1 FROM "publishing_revisions" r WHERE r.subject_kind = 'event'
      AND r.subject_id = e.id AND r.state IN ('published', 'superseded')) THEN array['listed'] ELSE '{}'::text[] END)
    || array['visibility:' || e.visibility::text]
    || array(SELECT 'organizer:' || o.organization_id::text FROM "event_organizers" o WHERE o.event_id = e.id
      ORDER BY o.sort)
  FROM "events" e WHERE p.kind = 'event' AND p.subject_id = e.id;
