// What the public (anonymous readers) gets of a library document: only a document with a published revision under the
// publishing module's two-signature workflow that verifies (docs/architecture.md, "Document library", "Publishing").
// The signed content is the symbol, the title and summary in every language, and for each language the one file
// revision shown publicly (its number, SHA-256 and file name); readers get that content, not the live row.
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { LOCALES, type Locale } from '../../../platform/i18n/index.ts';
import type { TranslatableText } from '../../../platform/i18n/text.ts';
import { can, type Actor } from '../../../platform/auth/policy.ts';
import type { Config } from '../../../config.ts';
import {
  publicView,
  publicViews,
  revisionsOf,
  saveDraft,
  type PublicContent,
  type PublicView,
} from '../../publishing/index.ts';
import { libraryDocuments, libraryFiles } from '../library.schema.ts';

/** The publishing subject kind of library documents. */
export const LIBRARY_KIND = 'library';

/** One language's file as signed: the revision shown publicly, its SHA-256 and the name it is offered under. */
export interface SignedFile {
  revision: number;
  sha256: string;
  name: string;
}

export interface DocumentContent {
  symbol: string;
  title: TranslatableText;
  summary: TranslatableText;
  files: Partial<Record<Locale, SignedFile>>;
}

export const toContent = (c: DocumentContent): PublicContent => ({
  text: { title: c.title, summary: c.summary },
  values: { symbol: c.symbol, files: c.files as never },
});

export const fromContent = (c: PublicContent): DocumentContent => ({
  symbol: typeof c.values.symbol === 'string' ? c.values.symbol : '',
  title: c.text.title ?? {},
  summary: c.text.summary ?? {},
  files: (c.values.files as DocumentContent['files']) ?? {},
});

type Row = typeof libraryDocuments.$inferSelect;
type FileRow = typeof libraryFiles.$inferSelect;

/** The content a publication of the document would sign now: its metadata and each language's latest revision. */
export async function currentContent(db: Db | Tx, doc: Row): Promise<DocumentContent> {
  const files = await db
    .select()
    .from(libraryFiles)
    .where(eq(libraryFiles.documentId, doc.id))
    .orderBy(asc(libraryFiles.language), asc(libraryFiles.revision));
  const latest: DocumentContent['files'] = {};
  for (const l of LOCALES) {
    const f = files.filter((x) => x.language === l).at(-1);
    if (f) latest[l] = { revision: f.revision, sha256: f.sha256, name: f.fileName };
  }
  return { symbol: doc.symbol, title: doc.title, summary: doc.summary, files: latest };
}

/** Is this file one the signed content names (language, revision and SHA-256 all equal)? */
export const signedFile = (c: DocumentContent, f: Pick<FileRow, 'language' | 'revision' | 'sha256'>) => {
  const s = c.files[f.language];
  return !!s && s.revision === f.revision && s.sha256 === f.sha256;
};

/**
 * SQL pre-filter of the anonymous rule: a revision of the document was published (or superseded by a later
 * publication) with its content hash unchanged, and its head was not withdrawn by a person. The hash itself is
 * re-derived in the application (`publishedDocuments`), so a row rewritten behind the workflow is never served.
 */
export function publishedSql(): SQL {
  const d = libraryDocuments;
  return sql`(exists (select 1 from publishing_revisions pr
      where pr.subject_kind = ${LIBRARY_KIND} and pr.subject_id = ${d.id}
        and pr.state in ('published', 'superseded') and pr.sha256 = pr.published_sha256)
    and not exists (select 1 from publishing_revisions pw
      where pw.subject_kind = ${LIBRARY_KIND} and pw.subject_id = ${d.id}
        and pw.state = 'withdrawn' and pw.withdrawn_by is not null and pw.published_at is not null
        and not exists (select 1 from publishing_revisions pn
          where pn.subject_kind = ${LIBRARY_KIND} and pn.subject_id = ${d.id} and pn.number > pw.number
            and pn.published_at is not null)))`;
}

/** The verified public content of every published document (the public view that has a revision to show). */
export async function publishedDocuments(db: Db): Promise<Map<string, DocumentContent>> {
  const views = await publicViews(db, LIBRARY_KIND);
  const out = new Map<string, DocumentContent>();
  for (const [id, v] of views) if (v.revision) out.set(id, fromContent(v.revision.content));
  return out;
}

/** One document's verified public content, or null (nothing published, withdrawn, or under review). */
export async function publishedDocument(db: Db, id: string): Promise<DocumentContent | null> {
  const v = await publicView(db, { kind: LIBRARY_KIND, id });
  return v?.revision ? fromContent(v.revision.content) : null;
}

export const libraryPublicView = (db: Db, id: string): Promise<PublicView | null> =>
  publicView(db, { kind: LIBRARY_KIND, id });

/**
 * After an edit or an upload (in its transaction): the publication being prepared (draft, submitted or approved)
 * takes the document's new content and goes back to draft — its submission and approval void. Only a publisher's
 * edit can be saved as the draft's new content; anyone else's edit leaves the draft as it is, and approving or
 * publishing a draft that no longer matches the document is refused (`stale`, in the publication service).
 */
export async function syncOpenDraft(tx: Tx, ctx: { db: Db; config: Config; actor: Actor }, doc: Row): Promise<void> {
  if (!can(ctx.actor, 'publishing.author')) return;
  const open = (await revisionsOf(tx, { kind: LIBRARY_KIND, id: doc.id })).find((r) =>
    ['draft', 'submitted', 'approved'].includes(r.state),
  );
  if (!open) return;
  await saveDraft(ctx, { kind: LIBRARY_KIND, id: doc.id }, toContent(await currentContent(tx, doc)), tx);
}
