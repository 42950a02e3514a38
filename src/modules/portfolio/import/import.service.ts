// Import of needs and projects from CSV or XLSX. A dry run lists every row's errors; a commit stores all rows or none.
import { inArray } from 'drizzle-orm';
import { authorize, type UserActor } from '../../../platform/auth/policy.ts';
import { AppError } from '../../../platform/http/errors.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { LOCALES, type Locale } from '../../../platform/i18n/index.ts';
import { fromPlainTexts } from '../portfolio.text.ts';
import { parseTabular } from '../../../platform/export/tabular.ts';
import { organizationsByCodes } from '../../directory/index.ts';
import { checkNeed, insertNeed, type NeedInput, type PortfolioContext } from '../needs/needs.service.ts';
import { checkProject, insertProject, type ProjectInput } from '../projects/projects.service.ts';
import {
  projects,
  type NeedSource,
  type NeedStatus,
  type Priority,
  type ProjectKind,
  type ProjectStatus,
} from '../portfolio.schema.ts';

export const IMPORT_KINDS = ['needs', 'projects'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
import { MAX_IMPORT_ROWS } from './import.limits.ts';

/** The columns each import reads; the same names as the exports, so an export can be edited and imported back. */
export const IMPORT_COLUMNS: Record<ImportKind, { key: string; hxl: string; required?: boolean }[]> = {
  needs: [
    { key: 'iso3', hxl: '#country+code', required: true },
    { key: 'source', hxl: '#meta+source' },
    { key: 'visit_id', hxl: '#meta+visit' },
    { key: 'source_note', hxl: '#meta+note' },
    { key: 'themes', hxl: '#sector+theme', required: true },
    { key: 'pillars', hxl: '#sector+pillar' },
    { key: 'resolutions', hxl: '#meta+resolution' },
    { key: 'priority', hxl: '#priority' },
    { key: 'status', hxl: '#status' },
    ...LOCALES.map((l) => ({ key: `description_${l}`, hxl: `#description+${l}` })),
  ],
  projects: [
    { key: 'kind', hxl: '#activity+type' },
    { key: 'code', hxl: '#activity+code' },
    ...LOCALES.map((l) => ({ key: `title_${l}`, hxl: `#activity+name+${l}` })),
    { key: 'lead', hxl: '#org+lead', required: true },
    { key: 'partners', hxl: '#org+partner' },
    { key: 'beneficiaries', hxl: '#country+code' },
    { key: 'regions', hxl: '#region+name' },
    { key: 'themes', hxl: '#sector+theme' },
    { key: 'pillars', hxl: '#sector+pillar' },
    { key: 'budget_usd', hxl: '#value+budget+usd' },
    { key: 'funds_received_usd', hxl: '#value+received+usd' },
    { key: 'start_date', hxl: '#date+start' },
    { key: 'end_date', hxl: '#date+end' },
    { key: 'status', hxl: '#status' },
  ],
};

export interface RowError {
  row: number;
  field: string;
  messageKey: string;
  values?: Record<string, unknown>;
}
export interface ImportResult {
  kind: ImportKind;
  rows: number;
  errors: RowError[];
  committed: boolean;
  ids: string[];
}

const list = (v: string | undefined) =>
  (v ?? '')
    .split(/[;,]/)
    .map((x) => x.trim())
    .filter(Boolean);
const amount = (v: string | undefined) => {
  const s = (v ?? '').replace(/[\s,]/g, '');
  return s === '' ? null : /^\d+$/.test(s) ? Number(s) : -1;
};

/**
 * Reads the file, checks every row, and — unless it is a dry
 * run or a row is wrong — stores all rows in one transaction.
 */
export async function importFile(
  ctx: PortfolioContext,
  kind: ImportKind,
  file: { filename: string; data: Buffer } | null,
  dryRun: boolean,
  /** The importer's language: a row's text in it is the original, the other languages reviewed translations. */
  locale: Locale = 'en',
): Promise<ImportResult> {
  authorize(ctx.actor, 'portfolio.import');
  const actor = ctx.actor as UserActor;
  if (!IMPORT_KINDS.includes(kind)) throw new AppError('validation_failed', 422, 'validation.choice');
  if (!file) throw new AppError('validation_failed', 422, 'reports.fileRequired');
  const table = await parseTabular(file.data, file.filename, { maxRows: MAX_IMPORT_ROWS });
  const known = new Set(IMPORT_COLUMNS[kind].map((c) => c.key));
  const missing = IMPORT_COLUMNS[kind].filter((c) => c.required && !table.headers.includes(c.key)).map((c) => c.key);
  if (missing.length)
    throw new AppError('validation_failed', 422, 'import.missingColumns', { columns: missing.join(', ') });
  const unknown = table.headers.filter(
    (h) =>
      h &&
      !known.has(h) &&
      !['id', 'state', 'region', 'description', 'coverage_percent', 'title', 'funding_gap_usd'].includes(h),
  );
  const errors: RowError[] = [];
  if (unknown.length)
    errors.push({
      row: 1,
      field: 'header',
      messageKey: 'import.unknownColumns',
      values: { columns: unknown.join(', ') },
    });

  // Resolve ISO codes, acronyms and slugs once.
  const codes = new Set<string>();
  for (const r of table.rows)
    for (const k of ['iso3', 'lead', 'partners', 'beneficiaries'])
      for (const c of list(r[k])) codes.add(c.toUpperCase());
  const orgs = await organizationsByCodes(ctx.db, [...codes]);
  const byCode = new Map<string, string>();
  for (const o of orgs) for (const c of [o.iso3, o.acronym, o.slug]) if (c) byCode.set(c.toUpperCase(), o.id);
  const resolve = (row: number, field: string, v: string) => {
    const id = byCode.get(v.toUpperCase());
    if (!id) errors.push({ row, field, messageKey: 'import.unknownOrganization', values: { code: v } });
    return id ?? '';
  };

  const inputs: (NeedInput | ProjectInput)[] = [];
  for (const [i, r] of table.rows.entries()) {
    const row = table.rowNumbers[i]; // as the spreadsheet numbers it (the header is row 1)
    const before = errors.length;
    let input: NeedInput | ProjectInput;
    if (kind === 'needs') {
      input = {
        stateOrgId: resolve(row, 'iso3', r.iso3 ?? ''),
        source: (r.source || (r.visit_id ? 'assessment_visit' : 'other')) as NeedSource,
        visitId: r.visit_id || null,
        sourceNote: r.source_note ?? '',
        themes: list(r.themes),
        pillars: list(r.pillars),
        resolutions: list(r.resolutions),
        priority: (r.priority || 'medium') as Priority,
        status: (r.status || 'identified') as NeedStatus,
        descriptions: fromPlainTexts(Object.fromEntries(LOCALES.map((l) => [l, r[`description_${l}`] ?? ''])), locale),
      };
      if (errors.length === before) {
        try {
          authorize(actor, 'need.write', {
            stateOrgId: input.stateOrgId,
            fromVisit: input.source === 'assessment_visit',
          });
        } catch {
          errors.push({ row, field: 'iso3', messageKey: 'import.notAllowed' });
        }
      }
      if (errors.length === before)
        errors.push(
          ...(await checkNeed(ctx.db, input)).map((f: FieldError) => ({
            row,
            field: f.field,
            messageKey: f.messageKey,
            values: f.values,
          })),
        );
    } else {
      input = {
        kind: (r.kind || 'project') as ProjectKind,
        code: r.code || null,
        titles: fromPlainTexts(Object.fromEntries(LOCALES.map((l) => [l, r[`title_${l}`] ?? ''])), locale),
        leadOrgId: resolve(row, 'lead', r.lead ?? ''),
        partnerOrgIds: list(r.partners).map((c) => resolve(row, 'partners', c)),
        beneficiaryStateIds: list(r.beneficiaries).map((c) => resolve(row, 'beneficiaries', c)),
        regions: list(r.regions),
        themes: list(r.themes),
        pillars: list(r.pillars),
        budgetUsd: amount(r.budget_usd),
        fundsReceivedUsd: amount(r.funds_received_usd),
        startDate: r.start_date || null,
        endDate: r.end_date || null,
        status: (r.status || 'pipeline') as ProjectStatus,
      };
      if (errors.length === before) {
        try {
          authorize(actor, 'project.write', { leadOrgId: input.leadOrgId });
        } catch {
          errors.push({ row, field: 'lead', messageKey: 'import.notAllowed' });
        }
      }
      if (errors.length === before)
        errors.push(
          ...(await checkProject(ctx.db, input)).map((f: FieldError) => ({
            row,
            field: f.field,
            messageKey: f.messageKey,
            values: f.values,
          })),
        );
    }
    inputs.push(input);
  }
  const codesInFile = table.rows.map((r) => r.code).filter(Boolean);
  if (kind === 'projects' && codesInFile.length) {
    const taken = new Set(
      (await ctx.db.select({ code: projects.code }).from(projects).where(inArray(projects.code, codesInFile))).map(
        (p) => p.code,
      ),
    );
    table.rows.forEach((r, i) => {
      if (r.code && (taken.has(r.code) || codesInFile.indexOf(r.code) !== i))
        errors.push({
          row: table.rowNumbers[i],
          field: 'code',
          messageKey: 'import.duplicateCode',
          values: { code: r.code },
        });
    });
  }
  if (dryRun || errors.length) return { kind, rows: table.rows.length, errors, committed: false, ids: [] };
  const ids = await ctx.db.transaction(async (tx) => {
    const out: string[] = [];
    for (const input of inputs)
      out.push(
        kind === 'needs'
          ? await insertNeed(tx, actor, input as NeedInput)
          : await insertProject(tx, actor, input as ProjectInput),
      );
    await recordAudit(tx, {
      action: 'portfolio.imported',
      actor,
      ip: ctx.ip,
      details: { kind, rows: out.length, file: file.filename.slice(0, 200) },
    });
    return out;
  });
  return { kind, rows: table.rows.length, errors: [], committed: true, ids };
}
