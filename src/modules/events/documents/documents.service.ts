// Documents of an event (concept note, agenda, Chair's Summary, …) with language versions: an uploaded PDF/DOCX (type
// checked by its content) or an https link, each with its translation status. Uploaded files live in the library
// (library/index.ts): each upload is the next revision of its language there; the event's rules decide who reads.
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { isUser } from '../../../platform/auth/policy.ts';
import { invalid, notFound, type FieldError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { readStoredFile, removeStoredFile, storeFile, type StoredFile } from '../../../platform/files/storage.ts';
import type { UploadedFile } from '../../../platform/http/forms.ts';
import { isLocale, type Locale } from '../../../platform/i18n/index.ts';
import { checkReportFile } from '../../assessments/index.ts';
import { isUuid } from '../../directory/index.ts';
import { addSourcedRevision, createSourcedDocument, latestSourcedFiles } from '../../library/index.ts';
import type { TranslatableText } from '../../../platform/i18n/text.ts';
import { DOCUMENT_KINDS, eventDocuments, type DocumentKind } from '../events.schema.ts';
import { TEXT_STATUSES, type TextStatus } from '../../../platform/i18n/text.ts';
import { findVisibleEvent, managedEvent, type EventsContext } from '../shared/events.service.ts';
import { reindexSearch } from '../../search/index.ts';

export type EventDocument = typeof eventDocuments.$inferSelect;

/**
 * The latest library revision of each language, read back into the language versions (`file`) — for a version that
 * is a file (not a link nor a text). What callers see is the shape they always saw.
 */
async function withFiles(db: Db | Tx, docs: EventDocument[]): Promise<EventDocument[]> {
  const ids = docs.map((d) => d.libraryDocumentId).filter((x): x is string => !!x);
  if (!ids.length) return docs;
  const files = await latestSourcedFiles(db, ids);
  return docs.map((d) => {
    const latest = d.libraryDocumentId ? files.get(d.libraryDocumentId) : undefined;
    if (!latest) return d;
    const versions = { ...d.versions };
    for (const [lang, f] of latest) {
      const v = versions[lang];
      if (!v || v.url || v.body) continue;
      versions[lang] = {
        ...v,
        file: { key: f.fileKey, name: f.fileName, contentType: f.mediaType, size: f.size, sha256: f.sha256 },
      };
    }
    return { ...d, versions };
  });
}

/** The documents of an event, in their order. */
export const listDocuments = async (db: Db, eventId: string) =>
  withFiles(
    db,
    await db.select().from(eventDocuments).where(eq(eventDocuments.eventId, eventId)).orderBy(asc(eventDocuments.sort)),
  );

/** The event document's library document (made when missing) and, with a file, the file as the next revision of
 * its language there; returns the library document's id. */
async function keepInLibrary(
  tx: Tx,
  doc: Pick<EventDocument, 'id' | 'libraryDocumentId'> & { title: TranslatableText },
  lang: Locale,
  stored: StoredFile | null,
  fileName: string,
  contentType: string,
  by: string | null,
) {
  const libraryDocumentId =
    doc.libraryDocumentId ??
    (await createSourcedDocument(tx, {
      source: 'event_document',
      sourceId: doc.id,
      title: doc.title,
      originalLanguage: (Object.entries(doc.title).find(([, v]) => v?.status === 'original')?.[0] as Locale) ?? lang,
    }));
  if (stored)
    await addSourcedRevision(tx, {
      documentId: libraryDocumentId,
      language: lang,
      stored,
      fileName,
      mediaType: contentType,
      uploadedBy: by,
      title: doc.title,
      // The file's text is found as this event document (events' search source), under the event's rule.
      search: { kind: 'document', id: doc.id },
    });
  if (!doc.libraryDocumentId)
    await tx.update(eventDocuments).set({ libraryDocumentId }).where(eq(eventDocuments.id, doc.id));
  return libraryDocumentId;
}

/** One document of an event (404 when the id is not one, or not this event's). */
export async function findDocument(db: Db, eventId: string, documentId: string) {
  if (!isUuid(documentId)) throw notFound();
  const doc = (
    await db
      .select()
      .from(eventDocuments)
      .where(and(eq(eventDocuments.id, documentId), eq(eventDocuments.eventId, eventId)))
      .limit(1)
  )[0];
  if (!doc) throw notFound();
  return (await withFiles(db, [doc]))[0];
}

export interface DocumentInput {
  kind: string;
  title: string;
  titleLanguage: string;
  language: string;
  status: string;
  url: string;
}

function checkVersion(
  input: Pick<DocumentInput, 'language' | 'status' | 'url'>,
  file: UploadedFile | null,
  fields: FieldError[],
) {
  if (!isLocale(input.language)) fields.push({ field: 'language', messageKey: 'validation.choice' });
  if (!(TEXT_STATUSES as readonly string[]).includes(input.status))
    fields.push({ field: 'status', messageKey: 'validation.choice' });
  if (input.url && (!/^https:\/\/\S+$/.test(input.url) || input.url.length > 500))
    fields.push({ field: 'url', messageKey: 'events.errors.https' });
  if (!file && !input.url) fields.push({ field: 'file', messageKey: 'events.errors.fileOrLink' });
  if (file && input.url) fields.push({ field: 'url', messageKey: 'events.errors.fileOrLinkOnly' });
}

async function storeChecked(ctx: EventsContext, file: UploadedFile | null, fields: FieldError[]) {
  if (!file) return null;
  const type = await checkReportFile(file);
  if ('field' in type) {
    fields.push(type);
    return null;
  }
  return type;
}

/** A new document with its first language version (a PDF/DOCX upload or an https link). */
export async function addDocument(
  ctx: EventsContext,
  idOrSlug: string,
  input: DocumentInput,
  file: UploadedFile | null,
) {
  const e = await managedEvent(ctx, idOrSlug);
  const fields: FieldError[] = [];
  if (!(DOCUMENT_KINDS as readonly string[]).includes(input.kind))
    fields.push({ field: 'kind', messageKey: 'validation.choice' });
  if (!input.title.trim()) fields.push({ field: 'title', messageKey: 'validation.required' });
  else if (input.title.length > 300)
    fields.push({ field: 'title', messageKey: 'validation.maxLength', values: { limit: 300 } });
  if (!isLocale(input.titleLanguage)) fields.push({ field: 'titleLanguage', messageKey: 'validation.choice' });
  checkVersion(input, file, fields);
  const type = await storeChecked(ctx, file, fields);
  if (fields.length) throw invalid(fields);
  const stored = file && type ? await storeFile(ctx.config, file.data) : null;
  try {
    return await ctx.db.transaction(async (tx) => {
      const last = await tx
        .select({ sort: eventDocuments.sort })
        .from(eventDocuments)
        .where(eq(eventDocuments.eventId, e.id))
        .orderBy(desc(eventDocuments.sort))
        .limit(1);
      const version = {
        status: input.status as TextStatus,
        ...(input.url ? { url: input.url } : {}),
      };
      const [d] = await tx
        .insert(eventDocuments)
        .values({
          eventId: e.id,
          kind: input.kind as DocumentKind,
          title: { [input.titleLanguage]: { text: input.title.trim(), status: 'original' } },
          versions: { [input.language]: version },
          sort: (last[0]?.sort ?? -1) + 1,
        })
        .returning();
      d.libraryDocumentId = await keepInLibrary(
        tx,
        d,
        input.language as Locale,
        stored,
        file?.filename.slice(0, 200) ?? '',
        type?.contentType ?? '',
        isUser(ctx.actor) ? ctx.actor.userId : null,
      );
      await recordAudit(tx, {
        action: 'event.document.added',
        actor: ctx.actor,
        targetType: 'event_document',
        targetId: d.id,
        ip: ctx.ip,
        details: { eventId: e.id, language: input.language, sha256: stored?.sha256 ?? null },
      });
      await reindexSearch(tx, 'document', [d.id]);
      return (await withFiles(tx, [d]))[0];
    });
  } catch (err) {
    if (stored) await removeStoredFile(ctx.config, stored.key);
    throw err;
  }
}

/** Adds or replaces a language version of a document (and the title in that language, when given). */
export async function addDocumentVersion(
  ctx: EventsContext,
  idOrSlug: string,
  documentId: string,
  input: Pick<DocumentInput, 'language' | 'status' | 'url' | 'title'>,
  file: UploadedFile | null,
) {
  const e = await managedEvent(ctx, idOrSlug);
  const doc = await findDocument(ctx.db, e.id, documentId);
  const fields: FieldError[] = [];
  if (input.title.length > 300)
    fields.push({ field: 'title', messageKey: 'validation.maxLength', values: { limit: 300 } });
  checkVersion(input, file, fields);
  const type = await storeChecked(ctx, file, fields);
  if (fields.length) throw invalid(fields);
  const lang = input.language as Locale;
  const stored = file && type ? await storeFile(ctx.config, file.data) : null;
  try {
    await ctx.db.transaction(async (tx) => {
      const version = {
        status: input.status as TextStatus,
        ...(input.url ? { url: input.url } : {}),
      };
      const title = input.title.trim()
        ? { ...doc.title, [lang]: { text: input.title.trim(), status: input.status as TextStatus } }
        : doc.title;
      const versions = Object.fromEntries(
        Object.entries({ ...doc.versions, [lang]: version }).map(([l, v]) => {
          const { file: _f, ...rest } = v!;
          return [l, rest];
        }),
      );
      await tx.update(eventDocuments).set({ versions, title }).where(eq(eventDocuments.id, doc.id));
      await keepInLibrary(
        tx,
        { ...doc, title },
        lang,
        stored,
        file?.filename.slice(0, 200) ?? '',
        type?.contentType ?? '',
        isUser(ctx.actor) ? ctx.actor.userId : null,
      );
      await recordAudit(tx, {
        action: 'event.document.version',
        actor: ctx.actor,
        targetType: 'event_document',
        targetId: doc.id,
        ip: ctx.ip,
        details: { eventId: e.id, language: lang, sha256: stored?.sha256 ?? null },
      });
      await reindexSearch(tx, 'document', [doc.id]);
    });
  } catch (err) {
    if (stored) await removeStoredFile(ctx.config, stored.key);
    throw err;
  }
}

/** The file of a document's language version, for anyone who may see the event. */
export async function documentFile(ctx: EventsContext, idOrSlug: string, documentId: string, lang: string) {
  const e = await findVisibleEvent(ctx, idOrSlug);
  if (!isUuid(documentId) || !isLocale(lang)) throw notFound();
  const doc = (
    await ctx.db
      .select()
      .from(eventDocuments)
      .where(and(eq(eventDocuments.id, documentId), eq(eventDocuments.eventId, e.id)))
      .limit(1)
  )[0];
  const f = doc ? (await withFiles(ctx.db, [doc]))[0].versions[lang]?.file : undefined;
  if (!f) throw notFound();
  return { ...f, data: await readStoredFile(ctx.config, f.key) };
}
