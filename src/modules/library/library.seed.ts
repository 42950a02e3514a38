// Demo documents of the library (fictional content): several languages and revisions, a corrigendum, and each
// distribution and classification, so the list, the parity view and the access rules can be tried at once.
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { storeFile, type FileStoreConfig } from '../../platform/files/storage.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import type { TranslatableText } from '../../platform/i18n/text.ts';
import { organizationsBySlugs } from '../directory/index.ts';
import { listWorkingGroups } from '../compact/index.ts';
import { libraryDocuments, libraryFiles, type Distribution, type LibraryClassification } from './library.schema.ts';

/** A small valid PDF whose one line names the document, language and revision (ASCII: the standard font). */
export function demoPdf(line: string): Buffer {
  const text = line.replace(/[^\x20-\x7e]/g, '?').replace(/([()\\])/g, '\\$1');
  const content = `BT /F1 14 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

interface DemoDocument {
  symbol: string;
  title: TranslatableText;
  summary: TranslatableText;
  originalLanguage: Locale;
  classification: LibraryClassification;
  distribution: Distribution;
  owner: string;
  organizations?: string[];
  workingGroup?: boolean;
  relatedTo?: string;
  /** Revisions in upload order: language and, for a translation, the original's revision it follows. */
  files: [Locale, number | null][];
}

const t = (o: Partial<Record<Locale, string>>, original: Locale): TranslatableText =>
  Object.fromEntries(
    Object.entries(o).map(([l, text]) => [l, { text, status: l === original ? 'original' : 'reviewed' }]),
  );

const DOCUMENTS: DemoDocument[] = [
  {
    symbol: 'CTCP/WG.2/2026/1',
    title: t(
      {
        en: 'Guidance note on sharing border information (demo)',
        fr: 'Note d’orientation sur le partage d’informations aux frontières (démo)',
        es: 'Nota de orientación sobre el intercambio de información fronteriza (demostración)',
        ar: 'مذكرة توجيهية بشأن تبادل المعلومات على الحدود (عرض توضيحي)',
      },
      'en',
    ),
    summary: t({ en: 'A fictional note for the demo: how the working group would share information.' }, 'en'),
    originalLanguage: 'en',
    classification: 'unclassified',
    distribution: 'public',
    owner: 'unoct',
    files: [
      ['en', null],
      ['fr', 1],
      ['en', null],
      ['es', 2],
      ['ar', 2],
    ],
  },
  {
    symbol: 'CTCP/2026/2',
    title: t(
      {
        fr: 'Méthodes de travail du Comité de coordination (démo)',
        en: 'Working methods of the Coordination Committee (demo)',
        ru: 'Методы работы Координационного комитета (демонстрация)',
      },
      'fr',
    ),
    summary: {},
    originalLanguage: 'fr',
    classification: 'unclassified',
    distribution: 'signed_in',
    owner: 'unoct',
    files: [
      ['fr', null],
      ['en', 1],
      ['ru', 1],
    ],
  },
  {
    symbol: 'CTCP/2026/2/Corr.1',
    title: t({ fr: 'Rectificatif (démo)', en: 'Corrigendum (demo)' }, 'fr'),
    summary: {},
    originalLanguage: 'fr',
    classification: 'unclassified',
    distribution: 'signed_in',
    owner: 'unoct',
    relatedTo: 'CTCP/2026/2',
    files: [['fr', null]],
  },
  {
    symbol: 'CTCP/WG.1/2026/3',
    title: t(
      {
        en: 'Working group workplan: restricted draft (demo)',
        zh: '工作组工作计划：限制分发草案（演示）',
      },
      'en',
    ),
    summary: t({ en: 'Fictional. Distributed to the member entities of one working group.' }, 'en'),
    originalLanguage: 'en',
    classification: 'confidential',
    distribution: 'working_group',
    owner: 'unoct',
    workingGroup: true,
    files: [
      ['en', null],
      ['zh', 1],
      ['en', null],
    ],
  },
  {
    symbol: 'CTCP/2026/4',
    title: t({ ar: 'ملاحظات تحليلية (عرض توضيحي)', en: 'Analytical notes (demo)' }, 'ar'),
    summary: {},
    originalLanguage: 'ar',
    classification: 'strictly_confidential',
    distribution: 'organizations',
    owner: 'cted',
    organizations: ['cted', 'unoct'],
    files: [['ar', null]],
  },
];

export async function seedLibrary(db: Db, files?: FileStoreConfig): Promise<number> {
  if (!files) return 0;
  const orgs = new Map((await organizationsBySlugs(db, ['unoct', 'cted'])).map((o) => [o.slug, o.id]));
  const group = (await listWorkingGroups(db))[0];
  let n = 0;
  for (const d of DOCUMENTS) {
    const existing = await db
      .select({ id: libraryDocuments.id })
      .from(libraryDocuments)
      .where(eq(libraryDocuments.symbol, d.symbol));
    if (existing.length) continue;
    if (d.workingGroup && !group) continue;
    const related = d.relatedTo
      ? (
          await db
            .select({ id: libraryDocuments.id })
            .from(libraryDocuments)
            .where(eq(libraryDocuments.symbol, d.relatedTo))
        )[0]
      : undefined;
    const [doc] = await db
      .insert(libraryDocuments)
      .values({
        symbol: d.symbol,
        relatedId: related?.id ?? null,
        relation: related ? 'corr' : null,
        title: d.title,
        summary: d.summary,
        originalLanguage: d.originalLanguage,
        classification: d.classification,
        distribution: d.distribution,
        workingGroupId: d.workingGroup ? group.id : null,
        distributionOrgIds: (d.organizations ?? []).map((s) => orgs.get(s)).filter((x): x is string => !!x),
        ownerOrgId: orgs.get(d.owner) ?? null,
      })
      .returning();
    const revisions = new Map<Locale, number>();
    for (const [language, from] of d.files) {
      const revision = (revisions.get(language) ?? 0) + 1;
      revisions.set(language, revision);
      const stored = await storeFile(files, demoPdf(`${d.symbol} - ${language} - revision ${revision} (demo)`));
      await db.insert(libraryFiles).values({
        documentId: doc.id,
        language,
        revision,
        fileKey: stored.key,
        fileName: `${d.symbol.replace(/\//g, '-')}-${language}-${revision}.pdf`,
        sha256: stored.sha256,
        size: stored.size,
        mediaType: 'application/pdf',
        translatedFromRevision: from,
      });
    }
    n++;
  }
  return n;
}
