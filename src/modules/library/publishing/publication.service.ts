// Publishing a library document to the public through the publishing module's two-signature workflow
// (docs/architecture.md, "Document library"): a publisher who may manage the document prepares a draft from its
// current state (symbol, title and summary, each language's latest file revision), submits it (the pre-publish check
// runs; findings accepted with a reason), a second person approves the exact hash, and it is published.
import { inArray } from 'drizzle-orm';
import { authorize, can, type Actor } from '../../../platform/auth/policy.ts';
import type { Db } from '../../../platform/db/client.ts';
import { conflict, invalid, notFound } from '../../../platform/http/errors.ts';
import { textIn } from '../../../platform/i18n/text.ts';
import {
  canonicalJson,
  checkContent,
  latestRevisions,
  maySign,
  publish,
  revisionPeople,
  revisionsOf,
  saveDraft,
  subjectRevision,
  takeStep,
  withdraw,
  type PublicView,
  type Revision,
  type StepInput,
} from '../../publishing/index.ts';
import { reindexSearch } from '../../search/index.ts';
import { LIBRARY_SEARCH_KIND } from '../extract/extract.service.ts';
import { libraryDocuments } from '../library.schema.ts';
import {
  assertManage,
  getDocument,
  type LibraryContext,
  type LibraryDocument,
} from '../documents/documents.service.ts';
import {
  currentContent,
  fromContent,
  LIBRARY_KIND,
  libraryPublicView,
  toContent,
  type DocumentContent,
} from './publication.content.ts';

/** A library document is never force-published, nor adopted by the system. */
export type PublicationStep = 'submit' | 'approve' | 'publish' | 'withdraw';

export interface PublicationRights {
  /** Prepare a draft and submit it: a publisher who may manage the document. */
  author: boolean;
  /** Approve: a publisher who is neither the revision's author nor its last editor. */
  sign: boolean;
  publish: boolean;
  /** Take the published document off line (a publisher). */
  withdraw: boolean;
}

export interface PublicationView {
  doc: LibraryDocument;
  /** Every revision, newest first. */
  revisions: Revision[];
  latest: Revision | null;
  content: DocumentContent | null;
  findings: ReturnType<typeof checkContent>;
  people: Map<string, string>;
  view: PublicView | null;
  /** The document no longer matches the revision being prepared (an edit the draft does not hold yet). */
  stale: boolean;
  rights: PublicationRights;
}

/** Only what the public may receive goes through publication: an unclassified document distributed to the public. */
const publishable = (d: LibraryDocument) => d.distribution === 'public' && d.classification === 'unclassified';

const OPEN = ['draft', 'submitted', 'approved'];

function rightsOf(actor: Actor, d: LibraryDocument, latest: Revision | null): PublicationRights {
  const publisher = can(actor, 'publishing.author');
  return {
    author: publisher && can(actor, 'library.manage', d),
    sign: !!latest && maySign(actor, latest),
    publish: can(actor, 'publishing.publish'),
    withdraw: can(actor, 'publishing.withdraw'),
  };
}

/** The document's publication for its editors and signers (404 to anyone else, as for a document they cannot see). */
export async function publicationOf(ctx: LibraryContext, id: string): Promise<PublicationView> {
  const doc = await getDocument(ctx, id, false);
  if (!can(ctx.actor, 'library.manage', doc) && !can(ctx.actor, 'publishing.approve')) throw notFound();
  const revisions = await revisionsOf(ctx.db, { kind: LIBRARY_KIND, id: doc.id });
  const latest = revisions[0] ?? null;
  const now = toContent(await currentContent(ctx.db, doc));
  const people = await revisionPeople(ctx.db, revisions);
  return {
    doc,
    revisions,
    latest,
    content: latest ? fromContent(latest.content) : null,
    findings: latest ? checkContent(latest.content) : [],
    people,
    view: await libraryPublicView(ctx.db, doc.id),
    stale: !!latest && OPEN.includes(latest.state) && canonicalJson(latest.content) !== canonicalJson(now),
    rights: rightsOf(ctx.actor, doc, latest),
  };
}

/**
 * Prepares the next publication from the document as it is now: the open revision takes the current content (back to
 * draft) or a new draft starts after the published one. A publisher who may manage the document; public only.
 */
export async function prepare(ctx: LibraryContext, id: string): Promise<Revision> {
  authorize(ctx.actor, 'publishing.author');
  const doc = await getDocument(ctx, id, false);
  assertManage(ctx.actor, doc);
  if (!publishable(doc)) throw invalid([{ field: 'distribution', messageKey: 'library.publication.notPublic' }]);
  return saveDraft(ctx, { kind: LIBRARY_KIND, id: doc.id }, toContent(await currentContent(ctx.db, doc)));
}

/** Runs one step on one of the document's revisions; approving or publishing a draft the document outran is 409. */
export async function runStep(ctx: LibraryContext, id: string, step: PublicationStep, s: StepInput): Promise<Revision> {
  const doc = await getDocument(ctx, id, false);
  const r = await subjectRevision(ctx.db, { kind: LIBRARY_KIND, id: doc.id }, s.revisionId);
  // A withdrawal takes off line what readers get, whatever the document has become since (edited, no longer public).
  if (step === 'withdraw') return withdrawAndIndex(ctx, r.id, doc.id, s.reason ?? '');
  if (!publishable(doc)) throw invalid([{ field: 'distribution', messageKey: 'library.publication.notPublic' }]);
  const now = toContent(await currentContent(ctx.db, doc));
  if (canonicalJson(r.content) !== canonicalJson(now)) throw conflict('library.publication.stale');
  if (step === 'submit') assertManage(ctx.actor, doc);
  return takeStep(ctx, r, step, s, (revisionId) => publishAndIndex(ctx, revisionId, doc.id));
}

/** Publishes, then indexes the document as signed (its passages are the publication's: extract/search-source.ts). */
async function publishAndIndex(ctx: LibraryContext, revisionId: string, documentId: string): Promise<Revision> {
  const published = await publish(ctx, revisionId);
  await reindexSearch(ctx.db, LIBRARY_SEARCH_KIND, [documentId]);
  return published;
}

/** Withdraws the published revision, then indexes the document again (a withdrawn document is found by no reader). */
async function withdrawAndIndex(ctx: LibraryContext, revisionId: string, documentId: string, reason: string) {
  const withdrawn = await withdraw(ctx, revisionId, reason);
  await reindexSearch(ctx.db, LIBRARY_SEARCH_KIND, [documentId]);
  return withdrawn;
}

/** Titles and addresses of library documents (the publishing module's administrator page). */
export async function libraryUrls(db: Db, ids: string[]) {
  const out = new Map<string, { title: string; public: string; manage: string }>();
  if (!ids.length) return out;
  const [docs, latest] = await Promise.all([
    db.select().from(libraryDocuments).where(inArray(libraryDocuments.id, ids)),
    latestRevisions(db, LIBRARY_KIND),
  ]);
  for (const d of docs) {
    const r = latest.get(d.id);
    out.set(d.id, {
      title: `${d.symbol} — ${textIn(r ? r.content.text.title : d.title, 'en')}`,
      public: `/library/${d.id}`,
      manage: `/library/${d.id}/publication`,
    });
  }
  return out;
}

/** What the public gets of a document and its latest revision (the document page, for publishers). */
export async function publicationState(db: Db, id: string) {
  const [latest] = await revisionsOf(db, { kind: LIBRARY_KIND, id });
  return { view: await libraryPublicView(db, id), latest: latest ?? null };
}
