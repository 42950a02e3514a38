// The text of the library's files, for search. Every new revision has a pending row (a trigger, migration 0038); the
// `library.extract` job takes pending rows one at a time under a lease (FOR UPDATE SKIP LOCKED: any number of job
// runners), reads the file from the one FileStore, extracts its text in a bounded worker thread (extract.ts) and, in
// one transaction, stores the outcome and indexes the document's passages again: the library's own documents as kind
// `library` (search-source.ts), a document kept for another module (an event document) through the owner's search
// record named on the row. Rights are never copied: the search query applies each owner's read rule.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { readStoredFile, type FileStoreConfig } from '../../../platform/files/storage.ts';
import type { JobLog } from '../../../platform/jobs/jobs.types.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { reindexSearch } from '../../search/index.ts';
import { libraryFiles } from '../library.schema.ts';
import { EXTRACT_LIMITS, extractFileText, type ExtractLimits, type ExtractOutcome } from './extract.ts';
import { libraryFileTexts, type TextStatus } from './extract.schema.ts';

/** The search kind of the library's own documents. */
export const LIBRARY_SEARCH_KIND = 'library';

/** Runs of one file before it is failed (a file that stopped the reader, or its process, that often). */
export const MAX_ATTEMPTS = 3;

const rowsOf = <R>(r: unknown) => (r as { rows: R[] }).rows;

/** Whether a pending text waits and no runner holds it (the job's wake-up check). */
export async function extractionDue(db: Db): Promise<boolean> {
  const r = await db.execute(sql`select exists (select 1 from library_file_texts
    where status = 'pending' and (claimed_until is null or claimed_until < now())) as due`);
  return !!rowsOf<{ due: boolean }>(r)[0]?.due;
}

interface Claimed {
  fileId: string;
  attempts: number;
  searchKind: string | null;
  searchId: string | null;
  documentId: string;
  source: string | null;
  fileKey: string;
  mediaType: string;
  classification: string;
}

/** Takes the oldest pending text no runner holds, for `leaseMs` (committed before the work starts). */
async function claimOne(db: Db, leaseMs: number): Promise<Claimed | null> {
  const r = await db.execute(sql`update library_file_texts t
    set claimed_until = now() + (${leaseMs}::int * interval '1 millisecond'), attempts = t.attempts + 1
    from library_files f join library_documents d on d.id = f.document_id
    where f.id = t.file_id and t.file_id = (select x.file_id from library_file_texts x
      where x.status = 'pending' and (x.claimed_until is null or x.claimed_until < now())
      order by x.created_at, x.file_id limit 1 for update of x skip locked)
    returning t.file_id as "fileId", t.attempts, t.search_kind as "searchKind", t.search_id as "searchId",
      f.document_id as "documentId", d.source, f.file_key as "fileKey", f.media_type as "mediaType",
      d.classification::text as classification`);
  return rowsOf<Claimed>(r)[0] ?? null;
}

/** Stores an outcome (while the row is still pending) and indexes the document's passages again. */
async function record(db: Db, c: Claimed, out: ExtractOutcome): Promise<void> {
  await db.transaction(async (tx) => {
    const done = await tx
      .update(libraryFileTexts)
      .set({
        status: out.status,
        reason: out.reason,
        text: out.text,
        pages: out.pages,
        characters: out.text.length,
        claimedUntil: null,
        extractedAt: new Date(),
      })
      .where(and(eq(libraryFileTexts.fileId, c.fileId), eq(libraryFileTexts.status, 'pending')))
      .returning({ fileId: libraryFileTexts.fileId });
    if (done.length) await reindexOwner(tx, c);
  });
}

async function reindexOwner(tx: Tx, c: Pick<Claimed, 'documentId' | 'source' | 'searchKind' | 'searchId'>) {
  if (!c.source) await reindexSearch(tx, LIBRARY_SEARCH_KIND, [c.documentId]);
  else if (c.searchKind && c.searchId) await reindexSearch(tx, c.searchKind, [c.searchId]);
}

/**
 * A document's classification changed, in the caller's transaction (before it reindexes the document). Made
 * confidential, its files keep no text: what was read while it was unclassified is emptied as if never read (a copy
 * here would be read without the audited read the document now requires, and indexed by a later rebuild). Made
 * unclassified again, the files emptied for that reason are read again (pending: the job takes them).
 */
export async function classificationChanged(tx: Tx, documentId: string, classification: string): Promise<void> {
  const files = sql`(select id from library_files where document_id = ${documentId})`;
  if (classification !== 'unclassified')
    await tx
      .update(libraryFileTexts)
      .set({ status: 'failed', reason: 'confidential', text: '', pages: null, characters: 0, claimedUntil: null })
      .where(
        and(
          sql`${libraryFileTexts.fileId} in ${files}`,
          sql`${libraryFileTexts.reason} is distinct from 'confidential'`,
        ),
      );
  else
    await tx
      .update(libraryFileTexts)
      .set({ status: 'pending', reason: null, attempts: 0, claimedUntil: null, extractedAt: null })
      .where(and(sql`${libraryFileTexts.fileId} in ${files}`, eq(libraryFileTexts.reason, 'confidential')));
}

export interface ExtractRun {
  done: number;
  failed: number;
  tooLarge: number;
  /** Files the store could not give (tried again later). */
  deferred: number;
}

/**
 * Extracts pending texts one at a time until none is left or `limit` were taken. A file the store cannot give now
 * is handed back for later (five minutes) and the run throws at its end, so the job is retried; what a file itself
 * does wrong is its outcome (failed or too large), never a throw.
 */
export async function extractPending(
  db: Db,
  files: FileStoreConfig,
  o: { limit: number; limits?: ExtractLimits; log?: JobLog },
): Promise<ExtractRun> {
  const limits = o.limits ?? EXTRACT_LIMITS;
  const run: ExtractRun = { done: 0, failed: 0, tooLarge: 0, deferred: 0 };
  let lastError: unknown = null;
  for (let n = 0; n < o.limit; n++) {
    const c = await claimOne(db, limits.timeoutMs + 60_000);
    if (!c) break;
    let out: ExtractOutcome;
    if (c.attempts > MAX_ATTEMPTS) out = { status: 'failed', reason: 'attempts', text: '', pages: null };
    // A confidential file (an assessment report, a confidential library document) is never read: its text would be
    // a second, unaudited copy of what only an audited read may show.
    else if (c.classification !== 'unclassified')
      out = { status: 'failed', reason: 'confidential', text: '', pages: null };
    else {
      let data: Buffer;
      try {
        data = await readStoredFile(files, c.fileKey);
      } catch (err) {
        lastError = err;
        run.deferred++;
        o.log?.warn({ err, fileId: c.fileId }, 'library text: the file could not be read; tried again later');
        await db
          .update(libraryFileTexts)
          .set({
            attempts: sql`${libraryFileTexts.attempts} - 1`,
            claimedUntil: sql`now() + interval '5 minutes'`,
          })
          .where(eq(libraryFileTexts.fileId, c.fileId));
        continue;
      }
      out = await extractFileText(data, c.mediaType, limits);
    }
    if (out.status !== 'done')
      o.log?.info({ fileId: c.fileId, status: out.status, reason: out.reason, detail: out.detail }, 'library text');
    await record(db, c, out);
    if (out.status === 'done') run.done++;
    else if (out.status === 'failed') run.failed++;
    else run.tooLarge++;
  }
  if (lastError) throw new Error(`${run.deferred} file(s) could not be read: ${String(lastError)}`);
  return run;
}

/** A kept document's revision: its text belongs to the owner's search record (kind and id), indexed again with it. */
export async function setSearchTarget(tx: Tx, fileId: string, target: { kind: string; id: string }): Promise<void> {
  await tx
    .update(libraryFileTexts)
    .set({ searchKind: target.kind, searchId: target.id })
    .where(eq(libraryFileTexts.fileId, fileId));
}

/**
 * The searchable text of these documents: for each language, its latest revision's text when that revision's text
 * was read (done, or the part within bounds of one too large). A latest revision still pending or failed gives none:
 * an older revision's text is not the document's any more.
 */
export async function latestFileTexts(
  db: Db | Tx,
  documentIds: string[],
): Promise<Map<string, Partial<Record<Locale, string>>>> {
  const out = new Map<string, Partial<Record<Locale, string>>>();
  const ids = [...new Set(documentIds)];
  // A thousand documents a statement (a rebuild passes them all; PostgreSQL takes at most 65,535 parameters).
  for (let i = 0; i < ids.length; i += 1000) await latestTextsOf(db, ids.slice(i, i + 1000), out);
  return out;
}

async function latestTextsOf(db: Db | Tx, documentIds: string[], out: Map<string, Partial<Record<Locale, string>>>) {
  const rows = await db
    .selectDistinctOn([libraryFiles.documentId, libraryFiles.language], {
      documentId: libraryFiles.documentId,
      language: libraryFiles.language,
      status: libraryFileTexts.status,
      text: libraryFileTexts.text,
    })
    .from(libraryFiles)
    .leftJoin(libraryFileTexts, eq(libraryFileTexts.fileId, libraryFiles.id))
    .where(inArray(libraryFiles.documentId, documentIds))
    .orderBy(libraryFiles.documentId, libraryFiles.language, desc(libraryFiles.revision));
  for (const r of rows) {
    if ((r.status !== 'done' && r.status !== 'too_large') || !r.text) continue;
    out.set(r.documentId, { ...(out.get(r.documentId) ?? {}), [r.language]: r.text });
  }
}

/**
 * The text of given revisions (document, language, revision number), e.g. the ones a publication signed: a revision
 * whose text was not read (pending, failed) gives none.
 */
export async function fileTextsAt(
  db: Db | Tx,
  wanted: { documentId: string; language: Locale; revision: number }[],
): Promise<Map<string, Partial<Record<Locale, string>>>> {
  const out = new Map<string, Partial<Record<Locale, string>>>();
  for (let i = 0; i < wanted.length; i += 1000) {
    const part = wanted.slice(i, i + 1000);
    const rows = await db
      .select({
        documentId: libraryFiles.documentId,
        language: libraryFiles.language,
        status: libraryFileTexts.status,
        text: libraryFileTexts.text,
      })
      .from(libraryFiles)
      .innerJoin(libraryFileTexts, eq(libraryFileTexts.fileId, libraryFiles.id))
      .where(
        sql`(${libraryFiles.documentId}, ${libraryFiles.language}, ${libraryFiles.revision}) in (${sql.join(
          part.map((w) => sql`(${w.documentId}::uuid, ${w.language}, ${w.revision}::int)`),
          sql`, `,
        )})`,
      );
    for (const r of rows) {
      if ((r.status !== 'done' && r.status !== 'too_large') || !r.text) continue;
      out.set(r.documentId, { ...(out.get(r.documentId) ?? {}), [r.language]: r.text });
    }
  }
  return out;
}

export interface TextState {
  status: TextStatus;
  reason: string | null;
  characters: number;
}

/** Whether each of these revisions' text is searchable: revision id → state (pending when no row says more). */
export async function textStates(db: Db | Tx, fileIds: string[]): Promise<Map<string, TextState>> {
  if (!fileIds.length) return new Map();
  const rows = await db
    .select({
      fileId: libraryFileTexts.fileId,
      status: libraryFileTexts.status,
      reason: libraryFileTexts.reason,
      characters: libraryFileTexts.characters,
    })
    .from(libraryFileTexts)
    .where(inArray(libraryFileTexts.fileId, fileIds));
  return new Map(rows.map((r) => [r.fileId, { status: r.status, reason: r.reason, characters: r.characters }]));
}
