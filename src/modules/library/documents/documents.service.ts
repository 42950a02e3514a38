// The document library: documents (one symbol for every language version; Rev., Add. and Corr. as related documents),
// who receives them (distribution × classification, one SQL condition for lists and reads), the numbered revisions
// of each language version, the language parity view, audited reads of confidential documents, legal hold and
// retention.
import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Config } from '../../../config.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { isUuid } from '../../../platform/db/sql.ts';
import { authorize, can, isUser, type Actor, type UserActor } from '../../../platform/auth/policy.ts';
import { cleared } from '../../../platform/auth/classification.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { conflict, invalid, notFound, type FieldError } from '../../../platform/http/errors.ts';
import type { UploadedFile } from '../../../platform/http/forms.ts';
import { readStoredFile, removeStoredFile, storeFile } from '../../../platform/files/storage.ts';
import { isLocale, listFormat, LOCALES, nameIn, type Locale, type T } from '../../../platform/i18n/index.ts';
import { textIn, type TranslatableText } from '../../../platform/i18n/text.ts';
import { checkReportFile } from '../../../platform/files/check.ts';
import { reindexSearch } from '../../search/index.ts';
import { compactMemberAmongSql, organizationChoices, organizationsByIds } from '../../directory/index.ts';
import { groupsOfOrgsSql, listWorkingGroups, workingGroupExists, workingGroupNames } from '../../compact/index.ts';
import {
  DISTRIBUTIONS,
  LIBRARY_CLASSIFICATIONS,
  libraryDocuments,
  libraryFiles,
  type Distribution,
  type LibraryClassification,
  type Relation,
} from '../library.schema.ts';
import { isLibrarian, platformLevel, type DocumentResource } from '../library.policy.ts';
import { classificationChanged, LIBRARY_SEARCH_KIND, textStates, type TextState } from '../extract/extract.service.ts';

export type { TextState };

/** The library's passages in the search index, replaced in the transaction that changes a document (search-source). */
const reindex = (tx: Tx, ids: string[]) => reindexSearch(tx, LIBRARY_SEARCH_KIND, ids);
import {
  publishedDocument,
  publishedDocuments,
  publishedSql,
  signedFile,
  syncOpenDraft,
  type DocumentContent,
} from '../publishing/publication.content.ts';

export interface LibraryContext {
  db: Db;
  config: Config;
  actor: Actor;
  ip: string;
}

export type LibraryDocument = typeof libraryDocuments.$inferSelect;
export type LibraryFile = typeof libraryFiles.$inferSelect;

const uuidList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/** The library's classifications this actor is cleared for (a confidential level also needs the second factor). */
export function clearedClassifications(actor: Actor): LibraryClassification[] {
  return LIBRARY_CLASSIFICATIONS.filter((c) =>
    c === 'unclassified'
      ? isUser(actor)
      : cleared(actor, platformLevel({ classification: c, distribution: 'signed_in' })),
  );
}

/**
 * SQL: the documents this actor receives — the one condition of every list and read. Anonymous readers: public
 * unclassified documents with a publication signed by two people (`publishedSql`; the service then serves only the
 * signed content of a publication that verifies: `publishedDocuments`). Signed-in users: the classifications they
 * are cleared for, and then public or all-signed-in distribution, the secretariat, the owner organization's people,
 * the Compact's entities, the working group's member entities (its body's members in their term, read on every
 * request), or the named organizations.
 */
export function documentsVisibleSql(actor: Actor): SQL {
  return sql`(${libraryDocuments.source} is null and ${readersSql(actor)})`;
}

function readersSql(actor: Actor): SQL {
  const d = libraryDocuments;
  const publicOnly = sql`(${d.distribution} = 'public' and ${d.classification} = 'unclassified')`;
  if (!isUser(actor)) return sql`(${publicOnly} and ${publishedSql()})`;
  const levels = clearedClassifications(actor);
  const clearance = levels.length ? inArray(d.classification, levels) : sql`false`;
  if (isLibrarian(actor)) return sql`(${publicOnly} or ${clearance})`;
  const orgs = actor.orgIds.filter(isUuid);
  const own = orgs.length
    ? sql`or coalesce(${d.ownerOrgId} in (${uuidList(orgs)}), false)
        or (${d.distribution} = 'compact' and ${compactMemberAmongSql(orgs)})
        or (${d.distribution} = 'working_group' and coalesce(${d.workingGroupId} in (${groupsOfOrgsSql(orgs)}), false))
        or (${d.distribution} = 'organizations' and ${d.distributionOrgIds} && array[${uuidList(orgs)}]::uuid[])`
    : sql``;
  return sql`(${publicOnly} or (${clearance} and (${d.distribution} in ('public', 'signed_in')
    or ${d.createdBy} = ${actor.userId}::uuid ${own})))`;
}

const resourceOf = (d: LibraryDocument): DocumentResource => ({
  classification: d.classification,
  distribution: d.distribution,
  ownerOrgId: d.ownerOrgId,
});
export const isConfidential = (d: Pick<LibraryDocument, 'classification'>) => d.classification !== 'unclassified';

// ---- symbols ----

/** UN-style symbols: upper-case series separated by slashes (CTCP/WG.2/2026/3), with Rev.N, Add.N or Corr.N. */
const SYMBOL = /^[A-Z0-9][A-Z0-9.-]*(?:\/[A-Za-z0-9.-]+)*$/;
const RELATED = /^(.+)\/(Rev|Add|Corr)\.(\d{1,3})$/;

/** The document a symbol follows and how (S/2026/1/Rev.1 is a revision of S/2026/1), or null. */
export function relationOf(symbol: string): { base: string; relation: Relation } | null {
  const m = RELATED.exec(symbol);
  return m ? { base: m[1], relation: m[2].toLowerCase() as Relation } : null;
}

// ---- reading ----

export interface ListOptions {
  page: number;
  pageSize: number;
}
export interface ListedDocument extends LibraryDocument {
  /** The languages that have a file, each with its latest revision. */
  languages: { language: Locale; revision: number }[];
}

/** The documents the reader receives, newest first, one page at a time (the filter is in the query). */
export async function listDocuments(
  ctx: Pick<LibraryContext, 'db' | 'actor'>,
  o: ListOptions,
): Promise<{ rows: ListedDocument[]; total: number }> {
  // The public gets the signed publications that verify, and their signed content (title, summary, files).
  const signed = isUser(ctx.actor) ? null : await publishedDocuments(ctx.db);
  const where = signed
    ? and(documentsVisibleSql(ctx.actor), signed.size ? inArray(libraryDocuments.id, [...signed.keys()]) : sql`false`)!
    : documentsVisibleSql(ctx.actor);
  const [rows, [{ n }]] = await Promise.all([
    ctx.db
      .select()
      .from(libraryDocuments)
      .where(where)
      .orderBy(desc(libraryDocuments.createdAt), asc(libraryDocuments.symbol))
      .limit(o.pageSize)
      .offset((o.page - 1) * o.pageSize),
    ctx.db.select({ n: count() }).from(libraryDocuments).where(where),
  ]);
  const langs = rows.length
    ? await ctx.db
        .select({
          documentId: libraryFiles.documentId,
          language: libraryFiles.language,
          revision: sql<number>`max(${libraryFiles.revision})`.mapWith(Number),
        })
        .from(libraryFiles)
        .where(
          inArray(
            libraryFiles.documentId,
            rows.map((r) => r.id),
          ),
        )
        .groupBy(libraryFiles.documentId, libraryFiles.language)
    : [];
  if (signed)
    return {
      total: n,
      rows: rows.map((r) => {
        const c = signed.get(r.id)!;
        return {
          ...signedRow(r, c),
          languages: LOCALES.flatMap((language) => {
            const f = c.files[language];
            return f ? [{ language, revision: f.revision }] : [];
          }),
        };
      }),
    };
  return {
    total: n,
    rows: rows.map((r) => ({
      ...r,
      languages: langs
        .filter((l) => l.documentId === r.id)
        .map((l) => ({ language: l.language, revision: l.revision }))
        .sort((a, b) => LOCALES.indexOf(a.language) - LOCALES.indexOf(b.language)),
    })),
  };
}

export type ParityState = 'original' | 'up_to_date' | 'lagging' | 'missing';
export interface ParityRow {
  language: Locale;
  state: ParityState;
  /** The language version's latest revision (0: none). */
  revision: number;
  /** For a translation: the original's revision it was translated from. */
  translatedFrom: number | null;
  /** How many revisions of the original it lags behind. */
  behind: number;
}

/** For each language: the original, or a translation that is up to date, lags the original by N revisions, or is
 * missing. Computed from the files, never stored. */
export function parityOf(doc: Pick<LibraryDocument, 'originalLanguage'>, files: LibraryFile[]): ParityRow[] {
  const latest = (l: Locale) =>
    files.filter((f) => f.language === l).sort((a, b) => b.revision - a.revision)[0] ?? null;
  const original = latest(doc.originalLanguage)?.revision ?? 0;
  return LOCALES.map((language) => {
    const f = latest(language);
    if (language === doc.originalLanguage)
      return { language, state: 'original', revision: original, translatedFrom: null, behind: 0 };
    if (!f) return { language, state: 'missing', revision: 0, translatedFrom: null, behind: original };
    const from = f.translatedFromRevision ?? 0;
    const behind = Math.max(0, original - from);
    return { language, state: behind ? 'lagging' : 'up_to_date', revision: f.revision, translatedFrom: from, behind };
  });
}

export interface DocumentDetail extends LibraryDocument {
  files: LibraryFile[];
  parity: ParityRow[];
  /** The document this one revises, adds to or corrects (when the reader receives it). */
  related: Pick<LibraryDocument, 'id' | 'symbol' | 'title'> | null;
  /** Revisions, addenda and corrigenda of this document that the reader receives. */
  followers: Pick<LibraryDocument, 'id' | 'symbol' | 'title' | 'relation'>[];
  /** Whether each revision's text is searchable (revision id → state; extract.service.ts). */
  texts: Map<string, TextState>;
}

async function auditRead(ctx: LibraryContext, action: string, doc: LibraryDocument, details = {}) {
  // Fail closed: the record is written before anything is returned, and an error here answers nothing.
  await recordAudit(ctx.db, {
    action,
    actor: ctx.actor,
    targetType: 'library_document',
    targetId: doc.id,
    ip: ctx.ip,
    details: { symbol: doc.symbol, classification: doc.classification, ...details },
  });
}

/** The row as the public gets it: the signed title and summary instead of the live ones. */
const signedRow = (d: LibraryDocument, c: DocumentContent): LibraryDocument => ({
  ...d,
  title: c.title,
  summary: c.summary,
});

/** The row, when the reader receives it; 404 otherwise (and a refused read of a confidential document is audited).
 * For the public: the signed content of its publication (404 when none verifies). */
async function visibleDocument(ctx: LibraryContext, id: string): Promise<LibraryDocument> {
  return (await readable(ctx, id)).doc;
}

async function readable(
  ctx: LibraryContext,
  id: string,
): Promise<{ doc: LibraryDocument; signed: DocumentContent | null }> {
  if (!isUuid(id)) throw notFound();
  const row = (
    await ctx.db
      .select({ doc: libraryDocuments, visible: sql<boolean>`${documentsVisibleSql(ctx.actor)}`.mapWith(Boolean) })
      .from(libraryDocuments)
      .where(eq(libraryDocuments.id, id))
      .limit(1)
  )[0];
  if (!row) throw notFound();
  if (!row.visible) {
    if (isConfidential(row.doc)) await auditRead(ctx, 'library.document.read_denied', row.doc);
    throw notFound();
  }
  if (isUser(ctx.actor)) return { doc: row.doc, signed: null };
  const signed = await publishedDocument(ctx.db, row.doc.id);
  if (!signed) throw notFound();
  return { doc: signedRow(row.doc, signed), signed };
}

/** One document with its files and parity; a read of a confidential document is audited (`audit`: false for the
 * page re-rendered after a failed form, which follows an audited read). */
export async function getDocument(ctx: LibraryContext, id: string, audit = true): Promise<DocumentDetail> {
  const { doc, signed } = await readable(ctx, id);
  if (audit && isConfidential(doc)) await auditRead(ctx, 'library.document.read', doc);
  const visible = documentsVisibleSql(ctx.actor);
  const [files, related, followers] = await Promise.all([
    ctx.db
      .select()
      .from(libraryFiles)
      .where(eq(libraryFiles.documentId, doc.id))
      .orderBy(asc(libraryFiles.language), desc(libraryFiles.revision)),
    doc.relatedId
      ? ctx.db
          .select({ id: libraryDocuments.id, symbol: libraryDocuments.symbol, title: libraryDocuments.title })
          .from(libraryDocuments)
          .where(and(eq(libraryDocuments.id, doc.relatedId), visible))
          .limit(1)
      : Promise.resolve([]),
    ctx.db
      .select({
        id: libraryDocuments.id,
        symbol: libraryDocuments.symbol,
        title: libraryDocuments.title,
        relation: libraryDocuments.relation,
      })
      .from(libraryDocuments)
      .where(and(eq(libraryDocuments.relatedId, doc.id), visible))
      .orderBy(asc(libraryDocuments.symbol)),
  ]);
  if (signed) {
    // The public: only the file revisions the publication names, under their signed names, and related documents
    // that are themselves published, with their signed titles.
    const published = await publishedDocuments(ctx.db);
    const shown = files
      .filter((f) => signedFile(signed, f))
      .map((f) => ({ ...f, fileName: signed.files[f.language]!.name }));
    const titled = <R extends { id: string; title: TranslatableText }>(r: R): R[] => {
      const c = published.get(r.id);
      return c ? [{ ...r, title: c.title }] : [];
    };
    return {
      ...doc,
      files: shown,
      parity: parityOf(doc, shown),
      related: (related as NonNullable<DocumentDetail['related']>[]).flatMap(titled)[0] ?? null,
      followers: followers.flatMap(titled),
      texts: await textStates(
        ctx.db,
        shown.map((f) => f.id),
      ),
    };
  }
  const texts = await textStates(
    ctx.db,
    files.map((f) => f.id),
  );
  return { ...doc, files, parity: parityOf(doc, files), related: related[0] ?? null, followers, texts };
}

/** One revision's file for download; a download of a confidential document is audited first (fail closed). */
export async function downloadFile(ctx: LibraryContext, id: string, fileId: string) {
  const { doc, signed } = await readable(ctx, id);
  if (!isUuid(fileId)) throw notFound();
  const f = (
    await ctx.db
      .select()
      .from(libraryFiles)
      .where(and(eq(libraryFiles.id, fileId), eq(libraryFiles.documentId, doc.id)))
      .limit(1)
  )[0];
  // The public downloads only the revisions the publication names (a newer upload waits for the next one).
  if (!f || (signed && !signedFile(signed, f))) throw notFound();
  if (isConfidential(doc))
    await auditRead(ctx, 'library.file.downloaded', doc, {
      fileId: f.id,
      language: f.language,
      revision: f.revision,
      sha256: f.sha256,
    });
  return { doc, file: f, data: await readStoredFile(ctx.config, f.fileKey) };
}

// ---- writing ----

export interface DocumentInput {
  /** Only when creating: the symbol never changes. */
  symbol?: string;
  title: TranslatableText;
  summary: TranslatableText;
  originalLanguage: string;
  classification: string;
  distribution: string;
  workingGroupId: string;
  organizationIds: string[];
  retainUntil: string;
  /** Only the secretariat sets it; anyone else's value is ignored. */
  legalHold?: boolean;
  ownerOrgId: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/** Every field's problem at once (422), else the values to store. */
async function checkInput(
  ctx: LibraryContext & { actor: UserActor },
  input: DocumentInput,
  fields: FieldError[],
  previous: LibraryDocument | null,
) {
  if (!LOCALES.length || !isLocale(input.originalLanguage))
    fields.push({ field: 'originalLanguage', messageKey: 'validation.choice' });
  else if (!input.title[input.originalLanguage])
    fields.push({ field: `title_${input.originalLanguage}`, messageKey: 'library.errors.titleInOriginal' });
  const classification = input.classification as LibraryClassification;
  const distribution = input.distribution as Distribution;
  const okClass = (LIBRARY_CLASSIFICATIONS as readonly string[]).includes(classification);
  const okDist = (DISTRIBUTIONS as readonly string[]).includes(distribution);
  if (!okClass) fields.push({ field: 'classification', messageKey: 'validation.choice' });
  if (!okDist) fields.push({ field: 'distribution', messageKey: 'validation.choice' });
  if (okClass && okDist) {
    if (distribution === 'public' && classification !== 'unclassified')
      fields.push({ field: 'distribution', messageKey: 'library.errors.publicConfidential' });
    else if (!cleared(ctx.actor, platformLevel({ classification, distribution })))
      fields.push({ field: 'classification', messageKey: 'library.errors.clearance' });
  }
  let workingGroupId: string | null = null;
  if (distribution === 'working_group') {
    if (!(await workingGroupExists(ctx.db, input.workingGroupId)))
      fields.push({ field: 'workingGroupId', messageKey: 'library.errors.workingGroup' });
    else workingGroupId = input.workingGroupId;
  }
  let orgIds: string[] = [];
  if (distribution === 'organizations') {
    const wanted = [...new Set(input.organizationIds.filter(Boolean))];
    const found = await organizationsByIds(ctx.db, wanted);
    if (!wanted.length || found.length !== wanted.length || wanted.length > 200)
      fields.push({ field: 'organizationIds', messageKey: 'library.errors.organizations' });
    else orgIds = wanted;
  }
  if (input.retainUntil && !validDate(input.retainUntil))
    fields.push({ field: 'retainUntil', messageKey: 'validation.date' });
  let ownerOrgId: string | null = input.ownerOrgId || null;
  if (ownerOrgId) {
    const mayOwn = isLibrarian(ctx.actor)
      ? (await organizationsByIds(ctx.db, [ownerOrgId])).length === 1
      : ctx.actor.orgIds.includes(ownerOrgId);
    if (!mayOwn) fields.push({ field: 'ownerOrgId', messageKey: 'validation.choice' });
  } else if (!isLibrarian(ctx.actor)) {
    if (previous?.ownerOrgId) ownerOrgId = previous.ownerOrgId;
    else fields.push({ field: 'ownerOrgId', messageKey: 'validation.required' });
  }
  const mayHold = previous ? can(ctx.actor, 'library.hold', resourceOf(previous)) : isLibrarian(ctx.actor);
  return {
    title: input.title,
    summary: input.summary,
    originalLanguage: input.originalLanguage as Locale,
    classification,
    distribution,
    workingGroupId,
    distributionOrgIds: orgIds,
    retainUntil: input.retainUntil || null,
    legalHold: mayHold ? !!input.legalHold : (previous?.legalHold ?? false),
    ownerOrgId,
  };
}

function userOf(ctx: LibraryContext): UserActor {
  authorize(ctx.actor, 'library.create');
  return ctx.actor as UserActor;
}

/** A new document (its files are uploaded afterwards, one language version at a time). */
export async function createDocument(
  ctx: LibraryContext,
  input: DocumentInput,
  fields: FieldError[] = [],
): Promise<LibraryDocument> {
  const actor = userOf(ctx);
  const c = { ...ctx, actor };
  const symbol = (input.symbol ?? '').trim();
  let related: LibraryDocument | null = null;
  const rel = relationOf(symbol);
  if (!symbol) fields.push({ field: 'symbol', messageKey: 'validation.required' });
  else if (symbol.length > 120 || !SYMBOL.test(symbol))
    fields.push({ field: 'symbol', messageKey: 'library.errors.symbol' });
  else if (rel) {
    const base = (
      await ctx.db
        .select()
        .from(libraryDocuments)
        .where(and(eq(libraryDocuments.symbol, rel.base), documentsVisibleSql(actor)))
        .limit(1)
    )[0];
    if (!base) fields.push({ field: 'symbol', messageKey: 'library.errors.related', values: { symbol: rel.base } });
    else related = base;
  }
  const values = await checkInput(c, input, fields, null);
  if (fields.length) throw invalid(fields);
  return ctx.db.transaction(async (tx) => {
    const [d] = await tx
      .insert(libraryDocuments)
      .values({
        ...values,
        symbol,
        relatedId: related?.id ?? null,
        relation: related ? rel!.relation : null,
        createdBy: actor.userId,
      })
      .onConflictDoNothing({ target: libraryDocuments.symbol })
      .returning();
    if (!d) throw invalid([{ field: 'symbol', messageKey: 'library.errors.symbolTaken' }]);
    await recordAudit(tx, {
      action: 'library.document.created',
      actor: ctx.actor,
      targetType: 'library_document',
      targetId: d.id,
      ip: ctx.ip,
      details: { symbol, classification: d.classification, distribution: d.distribution },
    });
    await reindex(tx, [d.id]);
    return d;
  });
}

/** The document's row under its lock, for a change by someone who may manage it (404 to anyone who may not see it). */
async function lockedForChange(tx: Tx, ctx: LibraryContext, id: string, action: 'library.manage' | 'library.delete') {
  const doc = (await tx.select().from(libraryDocuments).where(eq(libraryDocuments.id, id)).for('update').limit(1))[0];
  if (!doc) throw notFound();
  authorize(ctx.actor, action, resourceOf(doc));
  return doc;
}

/** Edits a document's metadata (never its symbol): every error at once, then one transaction with its audit entry. */
export async function updateDocument(
  ctx: LibraryContext,
  id: string,
  input: DocumentInput,
  fields: FieldError[] = [],
): Promise<LibraryDocument> {
  const actor = userOf(ctx);
  const current = await visibleDocument(ctx, id);
  authorize(actor, 'library.manage', resourceOf(current));
  const values = await checkInput({ ...ctx, actor }, input, fields, current);
  if (fields.length) throw invalid(fields);
  return ctx.db.transaction(async (tx) => {
    const doc = await lockedForChange(tx, ctx, id, 'library.manage');
    const changed = (Object.keys(values) as (keyof typeof values)[]).filter(
      (k) => JSON.stringify(values[k]) !== JSON.stringify(doc[k]),
    );
    if (!changed.length) return doc;
    const [d] = await tx
      .update(libraryDocuments)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(libraryDocuments.id, id))
      .returning();
    if (changed.includes('classification')) await classificationChanged(tx, id, d.classification);
    await syncOpenDraft(tx, ctx, d);
    await recordAudit(tx, {
      action: 'library.document.updated',
      actor: ctx.actor,
      targetType: 'library_document',
      targetId: id,
      ip: ctx.ip,
      details: { symbol: doc.symbol, fields: changed, legalHold: d.legalHold },
    });
    await reindex(tx, [id]);
    return d;
  });
}

export interface RevisionInput {
  language: string;
  /** For a translation: the original's revision it was translated from (default: the original's latest). */
  translatedFrom?: string;
}

/**
 * Uploads a new revision of one language version. The type is read from the bytes and must match the extension (the
 * checks of every upload); the number is the next of that language's, given under the document row's lock, so
 * parallel uploads get 1..N without gaps or duplicates. A translation names the original's revision it follows.
 */
export async function uploadRevision(
  ctx: LibraryContext,
  id: string,
  input: RevisionInput,
  file: UploadedFile | null,
): Promise<LibraryFile> {
  const actor = userOf(ctx);
  const current = await visibleDocument(ctx, id);
  authorize(actor, 'library.manage', resourceOf(current));
  const fields: FieldError[] = [];
  const language = input.language;
  if (!isLocale(language)) fields.push({ field: 'language', messageKey: 'validation.choice' });
  const from = input.translatedFrom?.trim() ? Number(input.translatedFrom) : null;
  if (from !== null && (!Number.isInteger(from) || from < 1))
    fields.push({ field: 'translatedFrom', messageKey: 'library.errors.translatedFrom' });
  const type = await checkReportFile(file);
  if ('field' in type) fields.push(type);
  if (fields.length) throw invalid(fields);
  const stored = await storeFile(ctx.config, file!.data);
  try {
    return await ctx.db.transaction(async (tx) => {
      const doc = await lockedForChange(tx, ctx, id, 'library.manage');
      const revisions = await tx
        .select({
          language: libraryFiles.language,
          revision: sql<number>`max(${libraryFiles.revision})`.mapWith(Number),
        })
        .from(libraryFiles)
        .where(eq(libraryFiles.documentId, doc.id))
        .groupBy(libraryFiles.language);
      const latest = (l: string) => revisions.find((r) => r.language === l)?.revision ?? 0;
      const original = latest(doc.originalLanguage);
      let translatedFromRevision: number | null = null;
      if (language !== doc.originalLanguage) {
        if (!original) throw invalid([{ field: 'language', messageKey: 'library.errors.originalFirst' }]);
        if (from !== null && from > original)
          throw invalid([
            { field: 'translatedFrom', messageKey: 'library.errors.translatedFrom', values: { latest: original } },
          ]);
        translatedFromRevision = from ?? original;
      }
      const [f] = await tx
        .insert(libraryFiles)
        .values({
          documentId: doc.id,
          language: language as Locale,
          revision: latest(language) + 1,
          fileKey: stored.key,
          fileName: file!.filename.slice(0, 200),
          sha256: stored.sha256,
          size: stored.size,
          mediaType: (type as { contentType: string }).contentType,
          translatedFromRevision,
          uploadedBy: actor.userId,
        })
        .returning();
      await tx.update(libraryDocuments).set({ updatedAt: new Date() }).where(eq(libraryDocuments.id, doc.id));
      await syncOpenDraft(tx, ctx, doc);
      await recordAudit(tx, {
        action: 'library.file.uploaded',
        actor: ctx.actor,
        targetType: 'library_document',
        targetId: doc.id,
        ip: ctx.ip,
        details: { symbol: doc.symbol, language, revision: f.revision, translatedFromRevision, sha256: f.sha256 },
      });
      // The language's text in search is this revision's from now on: none until the job has read it.
      await reindex(tx, [doc.id]);
      return f;
    });
  } catch (e) {
    await removeStoredFile(ctx.config, stored.key);
    throw e;
  }
}

/** Deletes a document and its files (the secretariat; refused under legal hold — the trigger refuses it too). */
export async function deleteDocument(ctx: LibraryContext, id: string): Promise<void> {
  await visibleDocument(ctx, id);
  const keys = await ctx.db.transaction(async (tx) => {
    const doc = await lockedForChange(tx, ctx, id, 'library.delete');
    if (doc.legalHold) throw conflict('library.errors.legalHold');
    const files = await tx
      .select({ key: libraryFiles.fileKey })
      .from(libraryFiles)
      .where(eq(libraryFiles.documentId, id));
    await tx.delete(libraryDocuments).where(eq(libraryDocuments.id, id));
    await recordAudit(tx, {
      action: 'library.document.deleted',
      actor: ctx.actor,
      targetType: 'library_document',
      targetId: id,
      ip: ctx.ip,
      details: { symbol: doc.symbol, files: files.length },
    });
    await reindex(tx, [id]);
    return files.map((f) => f.key);
  });
  for (const k of keys) await removeStoredFile(ctx.config, k);
}

/**
 * Retention: removes the documents kept until a day before `today`, except those under legal hold. Safe to run twice
 * and in parallel (rows taken with SKIP LOCKED); the files are removed after the commit.
 */
export async function expireDocuments(db: Db, config: Config, today = new Date()): Promise<number> {
  const day = today.toISOString().slice(0, 10);
  const keys: string[] = [];
  const n = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: libraryDocuments.id, symbol: libraryDocuments.symbol })
      .from(libraryDocuments)
      .where(and(sql`${libraryDocuments.retainUntil} < ${day}::date`, eq(libraryDocuments.legalHold, false)))
      .for('update', { skipLocked: true })
      .limit(500);
    if (!due.length) return 0;
    const ids = due.map((d) => d.id);
    const files = await tx
      .select({ key: libraryFiles.fileKey })
      .from(libraryFiles)
      .where(inArray(libraryFiles.documentId, ids));
    keys.push(...files.map((f) => f.key));
    await tx.delete(libraryDocuments).where(inArray(libraryDocuments.id, ids));
    for (const d of due)
      await recordAudit(tx, {
        action: 'library.document.expired',
        actor: { id: null, label: 'retention' },
        targetType: 'library_document',
        targetId: d.id,
        details: { symbol: d.symbol, retainedUntilBefore: day },
      });
    await reindex(tx, ids);
    return due.length;
  });
  for (const k of keys) await removeStoredFile(config, k);
  return n;
}

/** May this reader change the document (for the page's links)? */
export const mayManage = (actor: Actor, d: LibraryDocument) => can(actor, 'library.manage', resourceOf(d));
export const mayDelete = (actor: Actor, d: LibraryDocument) => can(actor, 'library.delete', resourceOf(d));
export const mayHold = (actor: Actor, d: LibraryDocument | null) =>
  d ? can(actor, 'library.hold', resourceOf(d)) : isUser(actor) && isLibrarian(actor);

/** 404 unless the reader may change the document (the forms' pages). */
export function assertManage(actor: Actor, d: LibraryDocument) {
  authorize(actor, 'library.manage', resourceOf(d));
}
export function assertDelete(actor: Actor, d: LibraryDocument) {
  authorize(actor, 'library.delete', resourceOf(d));
}

/** The choices of the metadata form: working groups, organizations, and the organizations the author may name as
 * owner (the secretariat: any; anyone else: their own). */
export async function formChoices(ctx: LibraryContext, locale: Locale) {
  const groups = await listWorkingGroups(ctx.db, locale);
  const orgs = await organizationChoices(ctx, locale);
  const own = isUser(ctx.actor) ? ctx.actor.orgIds : [];
  const label = (o: { name: string; acronym: string | null }) => (o.acronym ? `${o.name} (${o.acronym})` : o.name);
  return {
    workingGroups: groups.map((g) => ({ value: g.id, label: textIn(g.names, locale) })),
    organizations: orgs.map((o) => ({ value: o.id, label: label(o) })),
    owners: (isUser(ctx.actor) && isLibrarian(ctx.actor) ? orgs : orgs.filter((o) => own.includes(o.id))).map((o) => ({
      value: o.id,
      label: label(o),
    })),
  };
}

/** Who receives the document, in words: the kind, and the working group's or the organizations' names. */
export async function distributionLabel(ctx: LibraryContext, d: LibraryDocument, t: T, locale: Locale) {
  const kind = t(`library.distribution.${d.distribution}`);
  if (d.distribution === 'working_group' && d.workingGroupId) {
    const names = await workingGroupNames(ctx.db, [d.workingGroupId]);
    return `${kind}: ${textIn(names.get(d.workingGroupId), locale)}`;
  }
  if (d.distribution === 'organizations') {
    const orgs = await organizationsByIds(ctx.db, d.distributionOrgIds);
    return `${kind}: ${listFormat(locale).format(orgs.map((o) => nameIn(o.names, locale)).sort())}`;
  }
  return kind;
}

/** The file's name for a download: the symbol, language and revision; for a confidential document also the reader
 * and the time (the bytes are never changed: see "Document library" in docs/architecture.md). */
export function downloadName(doc: LibraryDocument, f: LibraryFile, actor: Actor, now = new Date()) {
  const slug = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase()
      .slice(0, 60) || 'document';
  const ext = f.mediaType === 'application/pdf' ? 'pdf' : 'docx';
  const base = `${slug(doc.symbol)}-${f.language}-rev${f.revision}`;
  if (!isConfidential(doc)) return `${base}.${ext}`;
  const reader = isUser(actor) ? slug(actor.name) : 'reader';
  const stamp = now
    .toISOString()
    .replace(/[:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${base}-${reader}-${stamp}.${ext}`;
}
