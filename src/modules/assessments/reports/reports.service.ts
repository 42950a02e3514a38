// Assessment reports: uploaded by CTED analysts, read only by those a consent of the assessed State covers (or CTED
// and the State itself), within their clearance. Every view and download is audited; downloads are named for the
// reader and the time.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import type { Config } from '../../../config.ts';
import { authorize, can, isUser } from '../../../platform/auth/policy.ts';
import { AppError, invalid, notFound } from '../../../platform/http/errors.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { MAX_UPLOAD_BYTES, readStoredFile, removeStoredFile, storeFile } from '../../../platform/files/storage.ts';
import { isLocale, LOCALES } from '../../../platform/i18n/index.ts';
import type { UploadedFile } from '../../../platform/http/forms.ts';
import { isUuid } from '../../../platform/db/sql.ts';
import {
  assessmentReports,
  assessmentVisits,
  reportFiles,
  REPORT_CLASSIFICATIONS,
  type ReportClassification,
} from '../assessments.schema.ts';
import { consentCovers } from '../consent/consent.sql.ts';
import { notifyReportAvailable } from '../consent/consent.service.ts';
import type { AssessmentsContext } from '../visits/visits.service.ts';
import { reindexSearch } from '../../search/index.ts';

export interface ReportsContext extends AssessmentsContext {
  config: Pick<Config, 'filesDir' | 's3' | 'baseUrl' | 'smtpUrl'>;
}

const TYPES: Record<string, { ext: string; contentType: string }> = {
  pdf: { ext: 'pdf', contentType: 'application/pdf' },
  docx: { ext: 'docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
};

/** The real type of an upload, checked against its extension. PDF and DOCX only. */
export async function checkReportFile(
  file: UploadedFile | null,
): Promise<FieldError | { ext: string; contentType: string }> {
  if (!file) return { field: 'file', messageKey: 'reports.fileRequired' };
  if (file.data.length > MAX_UPLOAD_BYTES)
    return { field: 'file', messageKey: 'reports.fileTooLarge', values: { max: '25 MB' } };
  const ext = file.filename.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  if (!TYPES[ext]) return { field: 'file', messageKey: 'reports.fileExtension' };
  const real = await fileTypeFromBuffer(file.data);
  if (real?.ext !== ext)
    return { field: 'file', messageKey: 'reports.fileMismatch', values: { ext: ext.toUpperCase() } };
  return TYPES[ext];
}

export interface ReportInput {
  title: string;
  classification: ReportClassification;
  language: string;
}
export type ReportRow = typeof assessmentReports.$inferSelect & {
  stateOrgId: string;
  files: (typeof reportFiles.$inferSelect)[];
};

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
        .returning({ id: assessmentReports.id });
      await tx.insert(reportFiles).values({
        reportId: r.id,
        language: input.language,
        originalName: file!.filename.slice(0, 200),
        storageKey: stored.key,
        contentType: (type as { contentType: string }).contentType,
        size: stored.size,
        sha256: stored.sha256,
        uploadedBy: by,
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

/** Adds or replaces one language version. */
export async function addReportFile(
  ctx: ReportsContext,
  reportId: string,
  language: string,
  file: UploadedFile | null,
): Promise<void> {
  authorize(ctx.actor, 'assessment.report.create');
  const by = ctx.actor.userId;
  await getReport(ctx, reportId, false);
  const fields: FieldError[] = [];
  if (!isLocale(language)) fields.push({ field: 'language', messageKey: 'validation.choice' });
  const type = await checkReportFile(file);
  if ('field' in type) fields.push(type);
  if (fields.length) throw invalid(fields);
  const stored = await storeFile(ctx.config, file!.data);
  let replaced: string | undefined;
  try {
    await ctx.db.transaction(async (tx) => {
      const old = await tx
        .delete(reportFiles)
        .where(and(eq(reportFiles.reportId, reportId), eq(reportFiles.language, language)))
        .returning({ key: reportFiles.storageKey });
      replaced = old[0]?.key;
      await tx.insert(reportFiles).values({
        reportId,
        language,
        originalName: file!.filename.slice(0, 200),
        storageKey: stored.key,
        contentType: (type as { contentType: string }).contentType,
        size: stored.size,
        sha256: stored.sha256,
        uploadedBy: by,
      });
      await recordAudit(tx, {
        action: 'assessment.report.file_added',
        actor: ctx.actor,
        targetType: 'assessment_report',
        targetId: reportId,
        ip: ctx.ip,
        details: { language, replaced: !!replaced, sha256: stored.sha256 },
      });
    });
  } catch (e) {
    await removeStoredFile(ctx.config, stored.key);
    throw e;
  }
  if (replaced) await removeStoredFile(ctx.config, replaced);
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
  const files = readable.length
    ? await ctx.db
        .select()
        .from(reportFiles)
        .where(
          sql`${reportFiles.reportId} in (${sql.join(
            readable.map((r) => sql`${r.report.id}::uuid`),
            sql`, `,
          )})`,
        )
        .orderBy(asc(reportFiles.language))
    : [];
  return readable.map((r) => ({
    ...r.report,
    stateOrgId: r.stateOrgId,
    files: files.filter((f) => f.reportId === r.report.id),
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
  const files = await ctx.db
    .select()
    .from(reportFiles)
    .where(eq(reportFiles.reportId, id))
    .orderBy(asc(reportFiles.language));
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
