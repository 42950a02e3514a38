// The register's personal data: progress notes and the change history of decisions and actions name their author
// (account, directory person, name as written) and actions may name an owner person. Export: the notes the subject
// wrote, the changes they made and the actions they own. Erasure: a note's or a change's author becomes the pseudonym
// with no account or person tie (the note's text and the list of changed fields stay: they are the body's record);
// an action's owner person is cleared (the owner entity stays).
import { eq, or, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import type { DataSubject, ExportSections, PersonalData } from '../../../platform/privacy/privacy.types.ts';
import { compactActionNotes, compactActions, compactRegisterChanges } from './register.schema.ts';

const noteAuthor = (s: DataSubject): SQL | undefined => {
  const c: SQL[] = [];
  if (s.userId) c.push(eq(compactActionNotes.authorUserId, s.userId));
  if (s.personId) c.push(eq(compactActionNotes.authorPersonId, s.personId));
  return c.length ? or(...c) : undefined;
};

const changeAuthor = (s: DataSubject): SQL | undefined => {
  const c: SQL[] = [];
  if (s.userId) c.push(eq(compactRegisterChanges.authorUserId, s.userId));
  if (s.personId) c.push(eq(compactRegisterChanges.authorPersonId, s.personId));
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
  const byChange = changeAuthor(s);
  const changes = byChange
    ? await db
        .select({
          decisionId: compactRegisterChanges.decisionId,
          actionId: compactRegisterChanges.actionId,
          fields: compactRegisterChanges.fields,
          authorName: compactRegisterChanges.authorName,
          at: compactRegisterChanges.createdAt,
        })
        .from(compactRegisterChanges)
        .where(byChange)
    : [];
  return { registerProgressNotes: notes, registerChanges: changes, registerActionsOwned: owned };
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
  const byChange = changeAuthor(s);
  if (byChange)
    n += (
      await tx
        .update(compactRegisterChanges)
        .set({ authorUserId: null, authorPersonId: null, authorName: s.pseudonym })
        .where(byChange)
        .returning({ id: compactRegisterChanges.id })
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
