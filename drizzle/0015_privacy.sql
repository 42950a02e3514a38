-- Personal-data retention (platform/privacy): when the personal fields of accepted registrations are removed, the
-- self-declared genders they held are added here first, so the event's statistics stay what they were.
ALTER TABLE "events" ADD COLUMN IF NOT EXISTS "gender_tally" jsonb DEFAULT '{}'::jsonb NOT NULL;
