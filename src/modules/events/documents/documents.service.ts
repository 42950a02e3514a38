// Documents of an event (concept note, agenda, Chair's Summary, …) with language versions: an uploaded PDF/DOCX (type
// checked by its content) or an https link, each with its translation status.
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { invalid, notFound, type FieldError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { readStoredFile, removeStoredFile, storeFile } from '../../../platform/files/storage.ts';
import type { UploadedFile } from '../../../platform/http/forms.ts';
import { isLocale, type Locale } from '../../../platform/i18n/index.ts';
import { checkReportFile } from '../../assessments/index.ts';
import { isUuid } from '../../directory/index.ts';
import { DOCUMENT_KINDS, eventDocuments, type DocumentKind } from '../events.schema.ts';
import { TEXT_STATUSES, type TextStatus } from '../../../platform/i18n/text.ts';
import { findVisibleEvent, managedEvent, type EventsContext } from '../shared/events.service.ts';
import { reindexSearch } from '../../search/index.ts';

export type EventDocument = typeof eventDocuments.$inferSelect;

/** The documents of an event, in their order. */
export const listDocuments = (db: Db, eventId: string) =>
  db.select().from(eventDocuments).where(eq(eventDocuments.eventId, eventId)).orderBy(asc(eventDocuments.sort));

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
  return doc;
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
        ...(stored
          ? {
              file: {
                key: stored.key,
                name: file!.filename.slice(0, 200),
                contentType: type!.contentType,
                size: stored.size,
                sha256: stored.sha256,
              },
            }
          : {}),
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
      await recordAudit(tx, {
        action: 'event.document.added',
        actor: ctx.actor,
        targetType: 'event_document',
        targetId: d.id,
        ip: ctx.ip,
        details: { eventId: e.id, language: input.language, sha256: stored?.sha256 ?? null },
      });
      await reindexSearch(tx, 'document', [d.id]);
      return d;
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
  const replaced = doc.versions[lang]?.file?.key;
  try {
    await ctx.db.transaction(async (tx) => {
      const version = {
        status: input.status as TextStatus,
        ...(input.url ? { url: input.url } : {}),
        ...(stored
          ? {
              file: {
                key: stored.key,
                name: file!.filename.slice(0, 200),
                contentType: type!.contentType,
                size: stored.size,
                sha256: stored.sha256,
              },
            }
          : {}),
      };
      const title = input.title.trim()
        ? { ...doc.title, [lang]: { text: input.title.trim(), status: input.status as TextStatus } }
        : doc.title;
      await tx
        .update(eventDocuments)
        .set({ versions: { ...doc.versions, [lang]: version }, title })
        .where(eq(eventDocuments.id, doc.id));
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
  if (replaced) await removeStoredFile(ctx.config, replaced);
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
  const f = doc?.versions[lang]?.file;
  if (!f) throw notFound();
  return { ...f, data: await readStoredFile(ctx.config, f.key) };
}
