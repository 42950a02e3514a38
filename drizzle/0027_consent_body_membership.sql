-- Consent to a working group follows the Compact's body membership (compact_body_members: the one membership model,
-- with roles and terms of office, changed on the body's page). working_group_members, which consent read until now,
-- is merged into it and dropped: each of its rows becomes a member's seat in the group's body, unless the entity
-- already has a seat there (the body's seat, as the secretariat keeps it, stands: an observer stays an observer).
-- A working group with members but no body yet (a database not seeded since 0016) first gets its body, named as the
-- group. Nothing is dropped while a row could not be carried over. Hand-written; idempotent; forward only.
DO $$
BEGIN
  IF to_regclass('public.working_group_members') IS NOT NULL THEN
    INSERT INTO compact_bodies (slug, kind, names, symbol_prefix, working_group_id)
      SELECT g.slug, 'working_group', g.names, 'WG-' || upper(substr(md5(g.id::text), 1, 8)), g.id
      FROM working_groups g
      WHERE EXISTS (SELECT 1 FROM working_group_members m WHERE m.group_id = g.id)
        AND NOT EXISTS (SELECT 1 FROM compact_bodies b WHERE b.working_group_id = g.id)
      ON CONFLICT DO NOTHING;
    INSERT INTO compact_body_members (body_id, organization_id, role)
      SELECT b.id, m.organization_id, 'member'
      FROM working_group_members m JOIN compact_bodies b ON b.working_group_id = m.group_id
      ON CONFLICT (body_id, organization_id) DO NOTHING;
    IF EXISTS (
      SELECT 1 FROM working_group_members m
      WHERE NOT EXISTS (SELECT 1 FROM compact_bodies b WHERE b.working_group_id = m.group_id)
    ) THEN
      RAISE EXCEPTION 'working_group_members: a working group has members but no body (its slug is taken)';
    END IF;
    DROP TABLE working_group_members;
  END IF;
END $$;
