// News items: the public list and article (only the published revision's content, or the last one that still verifies),
// and the editors' use cases, each through the publishing workflow (publishing/index.ts).
import { desc, eq, inArray } from 'drizzle-orm';
import { authorize } from '../../../platform/auth/policy.ts';
import type { Db } from '../../../platform/db/client.ts';
import { invalid, notFound, type FieldError } from '../../../platform/http/errors.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { textIn, type TranslatableText } from '../../../platform/i18n/text.ts';
import {
  checkContent,
  latestRevisions,
  publicView,
  publicViews,
  revisionPeople,
  revisionsOf,
  saveDraft,
  subjectRevision,
  takeStep,
  type PublicContent,
  type PublicView,
  type PublishingContext,
  type Revision,
  type StepInput,
  type WorkflowStep,
} from '../../publishing/index.ts';
import { publicEventRef } from '../../events/index.ts';
import { newsItems } from '../news.schema.ts';

export const NEWS_KIND = 'news';
export { LIMITS } from './news.fields.ts';

export type NewsItem = typeof newsItems.$inferSelect;

/** A news item's content as its revisions hold it. */
export interface NewsContent {
  title: TranslatableText;
  summary: TranslatableText;
  body: TranslatableText;
  /** The day it is dated (YYYY-MM-DD). */
  date: string;
  event: { slug: string; title: TranslatableText } | null;
}

export const toContent = (n: NewsContent): PublicContent => ({
  text: { title: n.title, summary: n.summary, body: n.body },
  values: { date: n.date, event: n.event as never },
});

export const fromContent = (c: PublicContent): NewsContent => ({
  title: c.text.title ?? {},
  summary: c.text.summary ?? {},
  body: c.text.body ?? {},
  date: typeof c.values.date === 'string' ? c.values.date : '',
  event: (c.values.event as NewsContent['event']) ?? null,
});

/** What an editor submits (the form and the API), validated whole. */
export interface NewsInput {
  title: TranslatableText;
  summary: TranslatableText;
  body: TranslatableText;
  date: string;
  /** The related event's address, or '' for none. */
  event: string;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const validDay = (d: string) =>
  DAY.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

/** Checks the input (with the errors the text parser already found) and builds the content; 422 with every error. */
export async function contentFrom(db: Db, input: NewsInput, fields: FieldError[]): Promise<NewsContent> {
  for (const f of ['title', 'summary', 'body'] as const)
    if (!Object.keys(input[f]).length && !fields.some((e) => e.field.startsWith(f)))
      fields.push({ field: `${f}_en`, messageKey: 'text.errors.oneLanguage' });
  if (!validDay(input.date)) fields.push({ field: 'date', messageKey: 'news.errors.date' });
  let event: NewsContent['event'] = null;
  const slug = input.event.trim();
  if (slug) {
    event = await publicEventRef(db, slug);
    if (!event) fields.push({ field: 'event', messageKey: 'news.errors.event' });
  }
  if (fields.length) throw invalid(fields);
  return { title: input.title, summary: input.summary, body: input.body, date: input.date, event };
}

// ---------------------------------------------------------------------------------------------------------------
// Readers

export interface PublicNews {
  item: NewsItem;
  view: PublicView;
  content: NewsContent | null;
}

const shown = (item: NewsItem, view: PublicView): PublicNews => ({
  item,
  view,
  content: view.revision ? fromContent(view.revision.content) : null,
});

/** The published news, newest date first (an item under review is left out of the list). */
export async function listPublicNews(db: Db): Promise<PublicNews[]> {
  const views = await publicViews(db, NEWS_KIND);
  const ids = [...views.keys()];
  if (!ids.length) return [];
  const items = await db.select().from(newsItems).where(inArray(newsItems.id, ids));
  return items
    .map((i) => shown(i, views.get(i.id)!))
    .filter((n) => n.content)
    .sort((a, b) => (b.content!.date < a.content!.date ? -1 : b.content!.date > a.content!.date ? 1 : 0));
}

/** One news item as readers get it; 404 when nothing of it is public. */
export async function getPublicNews(db: Db, slug: string): Promise<PublicNews> {
  const [item] = await db.select().from(newsItems).where(eq(newsItems.slug, slug));
  if (!item) throw notFound();
  const view = await publicView(db, { kind: NEWS_KIND, id: item.id });
  if (!view) throw notFound();
  return shown(item, view);
}

// ---------------------------------------------------------------------------------------------------------------
// Editors

export interface EditorRow {
  item: NewsItem;
  latest: Revision | null;
  title: string;
}

export async function listForEditors(ctx: PublishingContext, locale: Locale): Promise<EditorRow[]> {
  authorize(ctx.actor, 'news.manage');
  const [items, latest] = await Promise.all([
    ctx.db.select().from(newsItems).orderBy(desc(newsItems.createdAt)),
    latestRevisions(ctx.db, NEWS_KIND),
  ]);
  return items.map((item) => {
    const r = latest.get(item.id) ?? null;
    return { item, latest: r, title: r ? textIn(r.content.text.title, locale) : item.slug };
  });
}

export interface EditorView {
  item: NewsItem;
  /** Every revision, newest first. */
  revisions: Revision[];
  latest: Revision;
  content: NewsContent;
  findings: ReturnType<typeof checkContent>;
  people: Map<string, string>;
  view: PublicView | null;
}

export async function getForEditor(ctx: PublishingContext, id: string): Promise<EditorView> {
  authorize(ctx.actor, 'news.manage');
  const [item] = await ctx.db.select().from(newsItems).where(eq(newsItems.id, id));
  if (!item) throw notFound();
  const revisions = await revisionsOf(ctx.db, { kind: NEWS_KIND, id });
  const latest = revisions[0];
  if (!latest) throw notFound();
  const people = await revisionPeople(ctx.db, revisions);
  return {
    item,
    revisions,
    latest,
    content: fromContent(latest.content),
    findings: checkContent(latest.content),
    people,
    view: await publicView(ctx.db, { kind: NEWS_KIND, id }),
  };
}

/** Creates a news item and its first revision (a draft by the actor). */
export async function createNews(ctx: PublishingContext, slug: string, input: NewsInput, fields: FieldError[] = []) {
  authorize(ctx.actor, 'news.manage');
  const s = slug.trim().toLowerCase();
  if (!SLUG.test(s) || s.length > 80) fields.push({ field: 'slug', messageKey: 'news.errors.slug' });
  else if (s === 'manage' || (await ctx.db.select().from(newsItems).where(eq(newsItems.slug, s))).length)
    fields.push({ field: 'slug', messageKey: 'news.errors.slugTaken' });
  const content = await contentFrom(ctx.db, input, fields);
  return insertNews(ctx, s, toContent(content));
}

/** The item's row and its first revision, in one transaction (the form, the API and the demo seed). */
export async function insertNews(ctx: PublishingContext, s: string, content: PublicContent) {
  authorize(ctx.actor, 'news.manage');
  const actor = ctx.actor;
  return ctx.db.transaction(async (tx) => {
    const [item] = await tx
      .insert(newsItems)
      .values({ slug: s, createdBy: actor.userId })
      .onConflictDoNothing({ target: newsItems.slug })
      .returning();
    if (!item) throw invalid([{ field: 'slug', messageKey: 'news.errors.slugTaken' }]);
    const revision = await saveDraft(ctx, { kind: NEWS_KIND, id: item.id }, content, tx);
    return { item, revision };
  });
}

async function itemOf(ctx: PublishingContext, id: string): Promise<NewsItem> {
  authorize(ctx.actor, 'news.manage');
  const [item] = await ctx.db.select().from(newsItems).where(eq(newsItems.id, id));
  if (!item) throw notFound();
  return item;
}

/** Saves an edit: the open revision (back to draft: its submission and approval void) or a new one. */
export async function updateNews(ctx: PublishingContext, id: string, input: NewsInput, fields: FieldError[] = []) {
  await itemOf(ctx, id);
  const content = await contentFrom(ctx.db, input, fields);
  return saveDraft(ctx, { kind: NEWS_KIND, id }, toContent(content));
}

/** Every step of the workflow, force-publishing included. */
export type Step = WorkflowStep;

/** Runs one step of the workflow on one of the item's revisions (404 unless it is one of the item's). */
export async function runStep(ctx: PublishingContext, id: string, step: Step, s: StepInput): Promise<Revision> {
  await itemOf(ctx, id);
  const r = await subjectRevision(ctx.db, { kind: NEWS_KIND, id }, s.revisionId);
  return takeStep(ctx, r, step, s);
}

/** Titles and addresses of news items (the publishing module's administrator page). */
export async function newsUrls(db: Db, ids: string[]) {
  const out = new Map<string, { title: string; public: string; manage: string }>();
  if (!ids.length) return out;
  const [items, latest] = await Promise.all([
    db.select().from(newsItems).where(inArray(newsItems.id, ids)),
    latestRevisions(db, NEWS_KIND),
  ]);
  for (const i of items) {
    const r = latest.get(i.id);
    out.set(i.id, {
      title: r ? textIn(r.content.text.title, 'en') || i.slug : i.slug,
      public: `/news/${i.slug}`,
      manage: `/news/manage/${i.id}`,
    });
  }
  return out;
}
