// Documents another module keeps in the library and governs (event documents, assessment reports, briefing packs): the
// owner decides who reads them and calls these functions in its own transactions; the library gives the symbol, the
// numbered revisions and the hashes.
import { and, desc, eq, inArray, type SQLWrapper, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/client.ts';
import type { StoredFile } from '../../../platform/files/storage.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import type { TranslatableText } from '../../../platform/i18n/text.ts';
import { libraryDocuments, libraryFiles, type LibraryClassification } from '../library.schema.ts';
import type { LibraryFile } from './documents.service.ts';
import { setSearchTarget } from '../extract/extract.service.ts';

export type DocumentSource = 'event_document' | 'assessment_report' | 'briefing_pack';

/** The symbol's prefix of each source (migrations 0036 and 0039 write the same). */
export const SOURCE_PREFIXES: Record<DocumentSource, string> = {
  event_document: 'EVT',
  assessment_report: 'RPT',
  briefing_pack: 'BRF',
};

/** A new document kept for another module: its symbol is `<prefix>/<the owner's row id>` (EVT/…, RPT/…, BRF/…;
 * unique, never shown as a UN symbol), unclassified unless said, and out of the library's own lists and reads
 * (`source` set). */
export async function createSourcedDocument(
  tx: Tx,
  o: {
    source: DocumentSource;
    sourceId: string;
    title: TranslatableText;
    originalLanguage: Locale;
    classification?: LibraryClassification;
    ownerOrgId?: string | null;
    createdBy?: string | null;
  },
): Promise<string> {
  const [d] = await tx
    .insert(libraryDocuments)
    .values({
      symbol: `${SOURCE_PREFIXES[o.source]}/${o.sourceId.toUpperCase()}`,
      title: o.title,
      originalLanguage: o.originalLanguage,
      classification: o.classification ?? 'unclassified',
      distribution: 'signed_in',
      source: o.source,
      ownerOrgId: o.ownerOrgId ?? null,
      createdBy: o.createdBy ?? null,
    })
    .returning({ id: libraryDocuments.id });
  return d.id;
}

/** The next revision of one language of a kept document, under the document row's lock (numbers 1..N); a translation
 * is recorded as made from the original's latest revision. The owner has checked the file and stored it. `search`
 * names the owner's search record the file's text belongs to: indexed again when the text has been read. */
export async function addSourcedRevision(
  tx: Tx,
  o: {
    documentId: string;
    language: Locale;
    stored: StoredFile;
    fileName: string;
    mediaType: string;
    uploadedBy: string | null;
    title?: TranslatableText;
    search?: { kind: string; id: string };
  },
): Promise<LibraryFile> {
  const [doc] = await tx
    .select({ id: libraryDocuments.id, originalLanguage: libraryDocuments.originalLanguage })
    .from(libraryDocuments)
    .where(eq(libraryDocuments.id, o.documentId))
    .for('update');
  if (!doc) throw new Error('no such library document');
  const latest = async (l: string) =>
    (
      await tx
        .select({ n: sql<number>`coalesce(max(${libraryFiles.revision}), 0)`.mapWith(Number) })
        .from(libraryFiles)
        .where(and(eq(libraryFiles.documentId, doc.id), eq(libraryFiles.language, l as Locale)))
    )[0].n;
  const original = o.language === doc.originalLanguage ? 0 : await latest(doc.originalLanguage);
  const [f] = await tx
    .insert(libraryFiles)
    .values({
      documentId: doc.id,
      language: o.language,
      revision: (await latest(o.language)) + 1,
      fileKey: o.stored.key,
      fileName: o.fileName,
      sha256: o.stored.sha256,
      size: o.stored.size,
      mediaType: o.mediaType,
      translatedFromRevision: original || null,
      uploadedBy: o.uploadedBy,
    })
    .returning();
  if (o.search) await setSearchTarget(tx, f.id, o.search);
  await tx
    .update(libraryDocuments)
    .set({ updatedAt: new Date(), ...(o.title ? { title: o.title } : {}) })
    .where(eq(libraryDocuments.id, doc.id));
  return f;
}

/** The latest revision of each language of these kept documents: document id → language → file. */
export async function latestSourcedFiles(
  tx: Tx,
  documentIds: string[],
): Promise<Map<string, Map<Locale, LibraryFile>>> {
  const out = new Map<string, Map<Locale, LibraryFile>>();
  if (!documentIds.length) return out;
  const rows = await tx
    .select()
    .from(libraryFiles)
    .where(inArray(libraryFiles.documentId, [...new Set(documentIds)]))
    .orderBy(desc(libraryFiles.revision));
  for (const f of rows) {
    const m = out.get(f.documentId) ?? new Map<Locale, LibraryFile>();
    if (!m.has(f.language)) m.set(f.language, f);
    out.set(f.documentId, m);
  }
  return out;
}

/** SQL: the kept document in this column has at least one revision (for an owner's condition in its own query). */
export const sourcedHasFilesSql = (documentIdColumn: SQLWrapper) =>
  sql`exists (select 1 from ${libraryFiles} lf where lf.document_id = ${documentIdColumn})`;
