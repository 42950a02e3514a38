// Demo content published through the two-signature workflow (demo only), as the demo's people would: the author
// writes and submits it, a second person approves the exact hash, the publisher publishes it — so its hashes, authors
// and approvers are in the audit chain like any other publication. Used by the seeds of the content types (events,
// library documents, news).
import { eq } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { UserActor } from '../../platform/auth/policy.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import type { Db } from '../../platform/db/client.ts';
import {
  approve,
  checkContent,
  publish,
  saveDraft,
  submit,
  type PublicContent,
  type PublishingContext,
  type Revision,
  type Subject,
} from './workflow/workflow.service.ts';

/** The demo accounts that sign (by e-mail); the publisher is the author unless named. */
export interface DemoSigners {
  author: string;
  approver: string;
  publisher?: string;
}

/** Written by the demo coordinator, approved by the demo administrator, published by the coordinator. */
export const DEMO_SIGNERS: DemoSigners = {
  author: 'coordinator@demo.ctcp.localhost',
  approver: 'admin@demo.ctcp.localhost',
};

/** What is published: a subject's content, or a function writing the draft (a type that creates its row with it). */
export type DemoDraft = { subject: Subject; content: PublicContent } | ((ctx: PublishingContext) => Promise<Revision>);

export interface DemoOptions {
  signers?: DemoSigners;
  /** Accept each finding of the pre-publish check with this reason (without it, a finding stops the seed). */
  acceptFindings?: string;
}

// A demo account acting as in a session with MFA; its organizations play no part in publishing.
async function demoActor(db: Db, email: string): Promise<UserActor | null> {
  const [u] = await db.select().from(users).where(eq(users.email, email));
  if (!u) return null;
  return {
    kind: 'user',
    userId: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    personId: u.personId,
    orgIds: [],
    focalOrgIds: [],
    mfa: true,
    via: 'session',
    scopes: [],
  };
}

/**
 * Publishes demo content by two signatures: the published revision, or null (nothing written, the draft function not
 * called) when a demo account is missing — a seed run without the demo accounts.
 */
export async function publishAsDemo(db: Db, draft: DemoDraft, opts: DemoOptions = {}): Promise<Revision | null> {
  const signers = opts.signers ?? DEMO_SIGNERS;
  const author = await demoActor(db, signers.author);
  const approver = await demoActor(db, signers.approver);
  const publisher = signers.publisher ? await demoActor(db, signers.publisher) : author;
  if (!author || !approver || !publisher) return null;
  // Nothing here sends e-mail (only a withdrawal does): no addresses are needed.
  const config = { baseUrl: '', smtpUrl: undefined } as unknown as Config;
  const as = (actor: UserActor): PublishingContext => ({ db, config, actor });
  const r =
    typeof draft === 'function' ? await draft(as(author)) : await saveDraft(as(author), draft.subject, draft.content);
  const reason = opts.acceptFindings;
  const acceptances = reason ? checkContent(r.content).map((f) => ({ id: f.id, reason })) : undefined;
  await submit(as(author), r.id, r.sha256, acceptances);
  await approve(as(approver), r.id, r.sha256);
  return publish(as(publisher), r.id);
}
