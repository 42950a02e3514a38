// Assessment reports: uploaded by CTED analysts, read only by those a consent of the assessed State covers (or CTED
// and the State itself), within their clearance. Every view and download is audited; downloads are named for the
// reader and the time. The files live in the library (library/index.ts): each report has a library document kept for
// this module (source `assessment_report`) and each upload of a language is its next revision there; this module alone
// decides who reads them (the consent gate below), the library's own pages and API never show them.
import { desc, eq } from 'drizzle-orm';
import type { Config } from '../../../config.ts';
import { authorize, can, isUser } from '../../../platform/auth/policy.ts';
import { AppError, invalid, notFound } from '../../../platform/http/errors.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { checkReportFile } from '../../../platform/files/check.ts';
import { readStoredFile, removeStoredFile, storeFile, type StoredFile } from '../../../platform/files/storage.ts';
import { isLocale, LOCALES, type Locale } from '../../../platform/i18n/index.ts';
import type { UploadedFile } from '../../../platform/http/forms.ts';
import { isUuid } from '../../../platform/db/sql.ts';
import {
  assessmentReports,
  assessmentVisits,
  REPORT_CLASSIFICATIONS,
  type ReportClassification,
} from '../assessments.schema.ts';
import { consentCovers } from '../consent/consent.sql.ts';
import { notifyReportAvailable } from '../consent/consent.service.ts';
import type { AssessmentsContext } from '../visits/visits.service.ts';
import { reindexSearch } from '../../search/index.ts';
import {
  addSourcedRevision,
  createSourcedDocument,
  latestSourcedFiles,
  type LibraryFile,
} from '../../library/index.ts';

export interface ReportsContext extends AssessmentsContext {
  config: Pick<Config, 'filesDir' | 's3' | 'baseUrl' | 'smtpUrl'>;
}

/** The real type of an upload, checked against its extension (PDF and DOCX only): platform/files/check.ts. */
export { checkReportFile };

export interface ReportInput {
  title: string;
  classification: ReportClassification;
  language: string;
}
/** One language version of a report: the latest library revision of that language. */
export interface ReportFile {
  id: string;
  reportId: string;
  language: string;
  revision: number;
  originalName: string;
  storageKey: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: string | null;
  uploadedAt: Date;
}
export type ReportRow = typeof assessmentReports.$inferSelect & {
  stateOrgId: string;
  files: ReportFile[];
};

const fileOf = (reportId: string, f: LibraryFile): ReportFile => ({
  id: f.id,
  reportId,
  language: f.language,
  revision: f.revision,
  originalName: f.fileName,
  storageKey: f.fileKey,
  contentType: f.mediaType,
  size: f.size,
  sha256: f.sha256,
  uploadedBy: f.uploadedBy,
  uploadedAt: f.uploadedAt,
});

/** The reports' language versions (latest revision of each language, by language), read from the library. */
async function filesOf(
  db: Db | Tx,
  reports: { id: string; libraryDocumentId: string | null }[],
): Promise<Map<string, ReportFile[]>> {
  const kept = await latestSourcedFiles(
    db,
    reports.map((r) => r.libraryDocumentId).filter((x): x is string => !!x),
  );
  return new Map(
    reports.map((r) => [
      r.id,
      [...(kept.get(r.libraryDocumentId ?? '')?.values() ?? [])]
        .map((f) => fileOf(r.id, f))
        .sort((a, b) => (a.language < b.language ? -1 : a.language > b.language ? 1 : 0)),
    ]),
  );
}

/** The file as the next revision of its language in the report's library document (made when missing). */
async function keepInLibrary(
  tx: Tx,
  report: { id: string; libraryDocumentId: string | null; title: string; classification: ReportClassification },
  o: { stateOrgId: string; language: Locale; stored: StoredFile; fileName: string; mediaType: string; by: string },
): Promise<LibraryFile> {
  let documentId = report.libraryDocumentId;
  if (!documentId) {
    documentId = await createSourcedDocument(tx, {
      source: 'assessment_report',
      sourceId: report.id,
      title: { [o.language]: { text: report.title, status: 'original' } },
      originalLanguage: o.language,
      classification: report.classification,
      ownerOrgId: o.stateOrgId,
      createdBy: o.by,
    });
    await tx
      .update(assessmentReports)
      .set({ libraryDocumentId: documentId })
      .where(eq(assessmentReports.id, report.id));
  }
  return addSourcedRevision(tx, {
    documentId,
    language: o.language,
    stored: o.stored,
    fileName: o.fileName,
    mediaType: o.mediaType,
    uploadedBy: o.by,
  });
}

async function readableVisit(ctx: AssessmentsContext, visitId: string) {
  if (!isUuid(visitId)) throw notFound();
  const v = (
    await ctx.db
      .select({ id: assessmentVisits.id, stateOrgId: assessmentVisits.stateOrgId })
      .from(assessmentVisits)
      .where(eq(assessmentVisits.id, visitId))
      .limit(1)
  )[0];
  if (!v) throw notFound();
  return v;
}

/** Adds a report with its first language version. Nothing is kept if any part fails (the file is removed). */
export async function createReport(
  ctx: ReportsContext,
  visitId: string,
  input: ReportInput,
  file: UploadedFile | null,
): Promise<string> {
  authorize(ctx.actor, 'assessment.report.create');
  const by = ctx.actor.userId;
  const visit = await readableVisit(ctx, visitId);
  const fields: FieldError[] = [];
  if (!input.title.trim()) fields.push({ field: 'title', messageKey: 'validation.required' });
  else if (input.title.trim().length > 300)
    fields.push({ field: 'title', messageKey: 'validation.maxLength', values: { limit: 300 } });
  if (!REPORT_CLASSIFICATIONS.includes(input.classification))
    fields.push({ field: 'classification', messageKey: 'validation.choice' });
  if (!isLocale(input.language)) fields.push({ field: 'language', messageKey: 'validation.choice' });
  const type = await checkReportFile(file);
  if ('field' in type) fields.push(type);
  if (fields.length) throw invalid(fields);
  const stored = await storeFile(ctx.config, file!.data);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [r] = await tx
        .insert(assessmentReports)
        .values({ visitId: visit.id, title: input.title.trim(), classification: input.classification, createdBy: by })
        .returning();
      await keepInLibrary(tx, r, {
        stateOrgId: visit.stateOrgId,
        language: input.language as Locale,
        stored,
        fileName: file!.filename.slice(0, 200),
        mediaType: (type as { contentType: string }).contentType,
        by,
      });
      await recordAudit(tx, {
        action: 'assessment.report.created',
        actor: ctx.actor,
        targetType: 'assessment_report',
        targetId: r.id,
        ip: ctx.ip,
        details: { visitId, language: input.language, classification: input.classification, sha256: stored.sha256 },
      });
      await reindexSearch(tx, 'report', [r.id]);
      await notifyReportAvailable(tx, ctx.config, { id: r.id, visitId: visit.id, stateOrgId: visit.stateOrgId });
      return r.id;
    });
  } catch (e) {
    await removeStoredFile(ctx.config, stored.key);
    throw e;
  }
}

/**
 * Adds a language version, or a new revision of one: the next revision of that language in the report's library
 * document, under the library row's lock (the earlier revisions and their files are kept).
 */
export async function addReportFile(
  ctx: ReportsContext,
  reportId: string,
  language: string,
  file: UploadedFile | null,
): Promise<void> {
  authorize(ctx.actor, 'assessment.report.create');
  const by = ctx.actor.userId;
  const report = await getReport(ctx, reportId, false);
  const fields: FieldError[] = [];
  if (!isLocale(language)) fields.push({ field: 'language', messageKey: 'validation.choice' });
  const type = await checkReportFile(file);
  if ('field' in type) fields.push(type);
  if (fields.length) throw invalid(fields);
  const stored = await storeFile(ctx.config, file!.data);
  try {
    await ctx.db.transaction(async (tx) => {
      const f = await keepInLibrary(tx, report, {
        stateOrgId: report.stateOrgId,
        language: language as Locale,
        stored,
        fileName: file!.filename.slice(0, 200),
        mediaType: (type as { contentType: string }).contentType,
        by,
      });
      await recordAudit(tx, {
        action: 'assessment.report.file_added',
        actor: ctx.actor,
        targetType: 'assessment_report',
        targetId: reportId,
        ip: ctx.ip,
        details: { language, replaced: f.revision > 1, revision: f.revision, sha256: stored.sha256 },
      });
    });
  } catch (e) {
    await removeStoredFile(ctx.config, stored.key);
    throw e;
  }
}

/**
 * The reports of a visit this reader may read (consent checked in
 * the same query). Listing is audited by the caller's visit read.
 */
export async function reportsOfVisit(ctx: AssessmentsContext, visitId: string): Promise<ReportRow[]> {
  if (!isUser(ctx.actor) || !isUuid(visitId)) return [];
  const rows = await ctx.db
    .select({
      report: assessmentReports,
      stateOrgId: assessmentVisits.stateOrgId,
      consented: consentCovers(ctx.actor, assessmentVisits.id, 'report').mapWith(Boolean),
    })
    .from(assessmentReports)
    .innerJoin(assessmentVisits, eq(assessmentVisits.id, assessmentReports.visitId))
    .where(eq(assessmentReports.visitId, visitId))
    .orderBy(desc(assessmentReports.createdAt));
  const readable = rows.filter((r) =>
    can(ctx.actor, 'assessment.report.read', {
      stateOrgId: r.stateOrgId,
      classification: r.report.classification,
      consented: r.consented,
    }),
  );
  const files = await filesOf(
    ctx.db,
    readable.map((r) => r.report),
  );
  return readable.map((r) => ({
    ...r.report,
    stateOrgId: r.stateOrgId,
    files: files.get(r.report.id) ?? [],
  }));
}

/** One report; 404 to anyone the State's consent does not cover. `audit` records the view. */
export async function getReport(ctx: AssessmentsContext, id: string, audit = true): Promise<ReportRow> {
  if (!isUuid(id)) throw notFound();
  const r = (
    await ctx.db
      .select({
        report: assessmentReports,
        stateOrgId: assessmentVisits.stateOrgId,
        consented: consentCovers(ctx.actor, assessmentVisits.id, 'report').mapWith(Boolean),
      })
      .from(assessmentReports)
      .innerJoin(assessmentVisits, eq(assessmentVisits.id, assessmentReports.visitId))
      .where(eq(assessmentReports.id, id))
      .limit(1)
  )[0];
  if (!r) throw notFound();
  try {
    authorize(
      ctx.actor,
      'assessment.report.read',
      { stateOrgId: r.stateOrgId, classification: r.report.classification, consented: r.consented },
      { hide: true },
    );
  } catch (e) {
    await recordAudit(ctx.db, {
      action: 'assessment.report.read_denied',
      actor: ctx.actor,
      targetType: 'assessment_report',
      targetId: id,
      ip: ctx.ip,
    });
    throw e;
  }
  if (audit)
    await recordAudit(ctx.db, {
      action: 'assessment.report.viewed',
      actor: ctx.actor,
      targetType: 'assessment_report',
      targetId: id,
      ip: ctx.ip,
      details: { consent: r.consented },
    });
  const files = (await filesOf(ctx.db, [r.report])).get(r.report.id) ?? [];
  return { ...r.report, stateOrgId: r.stateOrgId, files };
}

/**
 * Letters and digits of any script (Latin accents dropped, as before); cut by code points, never inside a character.
 */
const slug = (s: string) =>
  [
    ...s
      .normalize('NFKD')
      .replace(/([A-Za-z])[\u0300-\u036f]+/g, '$1')
      .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
      .normalize('NFC')
      .trim()
      .replace(/\s+/g, '-')
      .toLowerCase(),
  ]
    .slice(0, 40)
    .join('') || 'reader';

/**
 * A download: the consent is checked again, the read audited
 * with the reader's name and the time, which also name the file.
 */
export async function downloadReportFile(ctx: ReportsContext, reportId: string, fileId: string, now = new Date()) {
  const report = await getReport(ctx, reportId, false);
  const f = report.files.find((x) => x.id === fileId);
  if (!f) throw notFound();
  const data = await readStoredFile(ctx.config, f.storageKey).catch(() => {
    throw new AppError('file_missing', 404, 'errors.notFound');
  });
  const stamp = now
    .toISOString()
    .replace(/[:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const reader = isUser(ctx.actor) ? ctx.actor.name : 'reader';
  const ext = f.contentType === 'application/pdf' ? 'pdf' : 'docx';
  const fileName = `${slug(report.title)}-${f.language}-${slug(reader)}-${stamp}.${ext}`;
  await recordAudit(ctx.db, {
    action: 'assessment.report.downloaded',
    actor: ctx.actor,
    targetType: 'assessment_report',
    targetId: reportId,
    ip: ctx.ip,
    details: { fileId, language: f.language, reader, at: now.toISOString(), fileName, sha256: f.sha256 },
  });
  return { data, fileName, contentType: f.contentType };
}

export const LANGUAGES = LOCALES;
