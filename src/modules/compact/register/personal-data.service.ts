// The register's personal data: progress notes name their author (account, directory person, name as written) and
// actions may name an owner person. Export: the notes the subject wrote and the actions they own. Erasure: a note's
// author becomes the pseudonym with no account or person tie (the note's text stays: it is the entity's record of
// progress); an action's owner person is cleared (the owner entity stays).
import { eq, or, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import type { DataSubject, ExportSections, PersonalData } from '../../../platform/privacy/privacy.types.ts';
import { compactActionNotes, compactActions } from './register.schema.ts';

const noteAuthor = (s: DataSubject): SQL | undefined => {
  const c: SQL[] = [];
  if (s.userId) c.push(eq(compactActionNotes.authorUserId, s.userId));
  if (s.personId) c.push(eq(compactActionNotes.authorPersonId, s.personId));
  return c.length ? or(...c) : undefined;
};

async function exportFor(db: Db, s: DataSubject): Promise<ExportSections> {
  const where = noteAuthor(s);
  const notes = where
    ? await db
        .select({
          actionId: compactActionNotes.actionId,
          note: compactActionNotes.body,
          status: compactActionNotes.status,
          authorName: compactActionNotes.authorName,
          at: compactActionNotes.createdAt,
        })
        .from(compactActionNotes)
        .where(where)
    : [];
  const owned = s.personId
    ? await db
        .select({ id: compactActions.id, title: compactActions.title, dueOn: compactActions.dueOn })
        .from(compactActions)
        .where(eq(compactActions.ownerPersonId, s.personId))
    : [];
  return { registerProgressNotes: notes, registerActionsOwned: owned };
}

async function erase(tx: Tx, s: DataSubject): Promise<number> {
  let n = 0;
  const where = noteAuthor(s);
  if (where)
    n += (
      await tx
        .update(compactActionNotes)
        .set({ authorUserId: null, authorPersonId: null, authorName: s.pseudonym })
        .where(where)
        .returning({ id: compactActionNotes.id })
    ).length;
  if (s.personId)
    n += (
      await tx
        .update(compactActions)
        .set({ ownerPersonId: null })
        .where(eq(compactActions.ownerPersonId, s.personId))
        .returning({ id: compactActions.id })
    ).length;
  return n;
}

export const registerPersonalData: PersonalData = { exportFor, erase };
