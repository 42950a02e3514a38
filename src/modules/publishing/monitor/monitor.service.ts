// The monitor (docs/architecture.md, "Publishing"): every published item is re-derived from its row, its hash compared
// with the hash recorded at publication (in the row and in the audit chain), its content checked again, and its public
// page's content rendered through the page's own view and checked as readers would get it. A mismatch withdraws it.
import { eq } from 'drizzle-orm';
import type { Config } from '../../../config.ts';
import { ANONYMOUS } from '../../../platform/auth/policy.ts';
import type { Db } from '../../../platform/db/client.ts';
import { listAudit } from '../../../platform/audit/audit.service.ts';
import { checkText, type Finding } from '../../../platform/integrity/index.ts';
import { LOCALES, type Locale } from '../../../platform/i18n/index.ts';
import { publishingRevisions } from '../publishing.schema.ts';
import { publicKind } from '../workflow/kinds.ts';
import { checkContent, contentSha256, withdrawRevision, type Revision } from '../workflow/workflow.service.ts';

export interface MonitorResult {
  checked: number;
  withdrawn: number;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The text a reader's browser shows of rendered HTML: tags removed, character references decoded. */
export function renderedText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#')
        return String.fromCodePoint(
          e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)),
        );
      return ENTITIES[e.toLowerCase()] ?? m;
    });
}

/** The languages in which the page shows the item's own versions only (no field falls back to another language). */
export function completeLanguages(r: Revision): Locale[] {
  const fields = Object.values(r.content.text).filter((f) => f && Object.keys(f).length);
  return LOCALES.filter((l) => fields.every((f) => !!f[l]?.text));
}

/** The hashes and accepted findings the audit chain holds for a revision (what the row is compared with). */
async function auditedFacts(db: Db, r: Revision) {
  const { rows } = await listAudit(db, { action: 'publishing.', targetId: r.id, pageSize: 500 });
  const published = rows.find((e) => e.action === 'publishing.published' || e.action === 'publishing.force_published');
  const sha = (published?.details as { sha256?: string } | undefined)?.sha256 ?? null;
  const accepted = rows
    .filter((e) => e.action === 'publishing.finding_accepted')
    .map((e) => e.details as { sha256?: string; finding?: string; lang?: string | null; match?: string })
    .filter((d) => d.sha256 === sha);
  return { sha, accepted };
}

/** What is wrong with a published revision (empty: it is what was signed and it passes the check). */
export async function inspect(db: Db, r: Revision): Promise<string[]> {
  const problems: string[] = [];
  const { sha, accepted } = await auditedFacts(db, r);
  const actual = contentSha256(r.content);
  if (actual !== r.publishedSha256 || r.sha256 !== r.publishedSha256) problems.push('hash_mismatch');
  if (!sha) problems.push('audit_missing');
  else if (sha !== r.publishedSha256 || sha !== actual) problems.push('audit_mismatch');
  const acceptedIds = new Set(accepted.map((a) => a.finding));
  const open = (f: Finding) => !acceptedIds.has(f.id);
  const content = checkContent(r.content).filter(open);
  if (content.length) problems.push(...content.map((f) => `finding:${f.kind}:${f.lang ?? ''}:${f.field}`));
  const kind = publicKind(r.subjectKind);
  if (!kind) problems.push('no_renderer');
  else {
    // The page's content as readers get it, in every language whose versions are all there (elsewhere the page shows
    // another language's versions, checked in their own language).
    for (const l of completeLanguages(r)) {
      const text = renderedText(kind.render(r.content, l));
      const rendered = checkText(l, text).filter(
        (f) => !accepted.some((a) => a.lang === l && a.match === f.match) && open(f),
      );
      if (rendered.length) problems.push(...new Set(rendered.map((f) => `rendered:${f.kind}:${l}`)));
    }
  }
  return problems;
}

/** One run: every published item checked; each one that fails is withdrawn (once, whoever else runs meanwhile). */
export async function runMonitor(db: Db, config: Config): Promise<MonitorResult> {
  const published = await db.select().from(publishingRevisions).where(eq(publishingRevisions.state, 'published'));
  let withdrawn = 0;
  for (const r of published) {
    const problems = await inspect(db, r);
    if (!problems.length) continue;
    const done = await db.transaction((tx) =>
      withdrawRevision(tx, { actor: ANONYMOUS, config }, r, { reason: 'monitor', problems }),
    );
    if (done) withdrawn++;
  }
  return { checked: published.length, withdrawn };
}
