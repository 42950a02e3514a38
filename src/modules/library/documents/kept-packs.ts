// Briefing packs live in the library: each pack to the Counter-Terrorism Committee (compact module) is a library
// document kept for the compact module (source `briefing_pack`, symbol BRF/<pack id>) whose revisions are the pack's
// snapshot as bytes — its JSON as read from the pack's row, UTF-8, application/json. The library pulls them (the
// compact module cannot call the library: the library imports compact, for working groups): `keepBriefingPacks` gives
// a pack without a document its document and revision 1, and a draft whose snapshot changed its next revision. Run by
// the `library.keep` job (hourly, and woken within 30 s of a pack not kept yet) and by the
// library's seed. Who reads a pack stays the compact module's rule: the library's own pages and API never show it.
import { createHash } from 'node:crypto';
import { desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { removeStoredFile, storeFile, type FileStoreConfig } from '../../../platform/files/storage.ts';
import { briefingPackIds, briefingPacksToKeep, packBytes } from '../../compact/index.ts';
import { libraryDocuments, libraryFiles } from '../library.schema.ts';
import { addSourcedRevision, createSourcedDocument, SOURCE_PREFIXES } from './sourced.service.ts';

const symbolOf = (packId: string) => `${SOURCE_PREFIXES.briefing_pack}/${packId.toUpperCase()}`;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Each pack's library document and the SHA-256 of its latest revision (null: none yet). */
async function keptState(db: Db, packIds: string[]) {
  const out = new Map<string, { documentId: string; latest: string | null }>();
  if (!packIds.length) return out;
  const docs = await db
    .select({ id: libraryDocuments.id, symbol: libraryDocuments.symbol })
    .from(libraryDocuments)
    .where(inArray(libraryDocuments.symbol, packIds.map(symbolOf)));
  const files = docs.length
    ? await db
        .select({ documentId: libraryFiles.documentId, sha256: libraryFiles.sha256 })
        .from(libraryFiles)
        .where(
          inArray(
            libraryFiles.documentId,
            docs.map((d) => d.id),
          ),
        )
        .orderBy(desc(libraryFiles.revision))
    : [];
  const bySymbol = new Map(docs.map((d) => [d.symbol, d.id]));
  for (const id of packIds) {
    const documentId = bySymbol.get(symbolOf(id));
    if (documentId) out.set(id, { documentId, latest: files.find((f) => f.documentId === documentId)?.sha256 ?? null });
  }
  return out;
}

/** Whether a pack has no document or no revision yet: the job's cheap wake-up check (ids only; a changed draft is
 * seen by the hourly run). */
export async function briefingPacksWaiting(db: Db): Promise<boolean> {
  const ids = await briefingPackIds(db);
  const kept = await keptState(db, ids);
  return ids.some((id) => !kept.get(id)?.latest);
}

/**
 * Keeps every pack in the library (idempotent; safe in parallel: one transaction per pack under an advisory lock,
 * the pack's state read again inside it). Returns how many documents were made and how many revisions added.
 */
export async function keepBriefingPacks(
  db: Db,
  files: FileStoreConfig,
): Promise<{ documents: number; revisions: number }> {
  let documents = 0;
  let revisions = 0;
  const packs = await briefingPacksToKeep(db);
  const kept = await keptState(
    db,
    packs.map((p) => p.id),
  );
  for (const p of packs) {
    const bytes = packBytes(p.snapshot);
    if (kept.get(p.id)?.latest === sha(bytes)) continue;
    const stored = await storeFile(files, bytes);
    let used = false;
    try {
      await db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`library.keep:${p.id}`}))`);
        const [doc] = await tx
          .select({ id: libraryDocuments.id })
          .from(libraryDocuments)
          .where(eq(libraryDocuments.symbol, symbolOf(p.id)));
        const [latest] = doc
          ? await tx
              .select({ sha256: libraryFiles.sha256 })
              .from(libraryFiles)
              .where(eq(libraryFiles.documentId, doc.id))
              .orderBy(desc(libraryFiles.revision))
              .limit(1)
          : [];
        if (latest?.sha256 === stored.sha256) return;
        const title =
          'Briefing pack to the Counter-Terrorism Committee, ' +
          `${p.periodFrom} – ${p.periodTo}, version ${p.version}`;
        const documentId =
          doc?.id ??
          (await createSourcedDocument(tx, {
            source: 'briefing_pack',
            sourceId: p.id,
            title: { en: { text: title, status: 'original' } },
            originalLanguage: 'en',
            createdBy: p.createdBy,
          }));
        if (!doc) documents++;
        await addSourcedRevision(tx, {
          documentId,
          language: 'en',
          stored,
          fileName: `briefing-pack-${p.periodFrom}-${p.periodTo}-v${p.version}.json`,
          mediaType: 'application/json',
          uploadedBy: null,
        });
        revisions++;
        used = true;
      });
    } finally {
      if (!used) await removeStoredFile(files, stored.key);
    }
  }
  return { documents, revisions };
}
