-- The figures an event's organizers published, kept as they said them (value, wording such as "more than", how the
-- people took part, the kinds of institutions) with their sources, beside what the platform records — never replaced
-- by it. Replaces events.reported_figures (one source, one "approximate" flag for every figure): each figure it held
-- is carried over with that source; "approximate" was "more than" on participants and "over" on the side events'
-- co-organizers. Hand-written; idempotent; forward only.
ALTER TABLE "events" ADD COLUMN IF NOT EXISTS "published_figures" jsonb;
--> statement-breakpoint
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM information_schema.columns
             WHERE table_name = 'events' AND column_name = 'reported_figures' AND table_schema = current_schema()) THEN
    EXECUTE $sql$
      UPDATE "events" e SET "published_figures" = jsonb_build_object(
        'sources', jsonb_build_array(jsonb_build_object(
          'label', jsonb_build_object('en', jsonb_build_object(
            'text', coalesce(nullif(e.reported_figures->>'source', ''), 'Organizer'), 'status', 'original')),
          'url', null, 'quote', null, 'quoteLang', null)),
        'figures', coalesce((
          SELECT jsonb_agg(jsonb_build_object(
              'kind', k.kind,
              'value', (e.reported_figures->>k.old)::int,
              'qualifier', CASE
                WHEN coalesce((e.reported_figures->>'approximate')::boolean, false) AND k.kind = 'participants'
                  THEN 'more_than'
                WHEN coalesce((e.reported_figures->>'approximate')::boolean, false) AND k.kind = 'stakeholders'
                  THEN 'over'
                ELSE 'exact' END,
              'mode', null,
              'orgKinds', '[]'::jsonb,
              'source', 0) ORDER BY k.ord)
          FROM (VALUES (1, 'participants', 'participants'), (2, 'memberStates', 'memberStates'),
                       (3, 'regionalAndInternationalOrgs', 'regionalAndInternationalOrgs'),
                       (4, 'unEntities', 'unEntities'), (5, 'institutions', 'institutions'), (6, 'csos', 'csos'),
                       (7, 'sideEvents', 'sideEvents'), (8, 'sideEventCoOrganizers', 'stakeholders')) AS k(ord, old, kind)
          WHERE jsonb_typeof(e.reported_figures->k.old) = 'number' AND (e.reported_figures->>k.old)::numeric >= 0),
          '[]'::jsonb))
      WHERE e.reported_figures IS NOT NULL AND e.published_figures IS NULL
    $sql$;
    ALTER TABLE "events" DROP COLUMN "reported_figures";
  END IF;
END $$;
