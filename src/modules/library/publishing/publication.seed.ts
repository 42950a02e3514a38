// The demo's public documents go out like any other publication (demo only): prepared and submitted by the demo
// coordinator, approved by the demo administrator, published by the coordinator — so anonymous visitors of the demo
// get them, and their hashes, authors and approvers are in the audit chain.
import { and, eq } from 'drizzle-orm';
import type { Config } from '../../../config.ts';
import type { UserActor } from '../../../platform/auth/policy.ts';
import { users } from '../../../platform/auth/auth.schema.ts';
import type { Db } from '../../../platform/db/client.ts';
import { approve, publish, revisionsOf, saveDraft, submit } from '../../publishing/index.ts';
import { libraryDocuments } from '../library.schema.ts';
import { currentContent, LIBRARY_KIND, toContent } from './publication.content.ts';

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

/** Publishes every public document of the library that has no publication yet (two demo people sign). */
export async function publishDemoDocuments(db: Db): Promise<number> {
  const author = await demoActor(db, 'coordinator@demo.ctcp.localhost');
  const approver = await demoActor(db, 'admin@demo.ctcp.localhost');
  if (!author || !approver) return 0;
  // Nothing here sends e-mail (only a withdrawal does).
  const config = { baseUrl: '', smtpUrl: undefined } as unknown as Config;
  const as = (actor: UserActor) => ({ db, config, actor });
  const docs = await db
    .select()
    .from(libraryDocuments)
    .where(and(eq(libraryDocuments.distribution, 'public'), eq(libraryDocuments.classification, 'unclassified')));
  let n = 0;
  for (const d of docs) {
    if (d.source || (await revisionsOf(db, { kind: LIBRARY_KIND, id: d.id })).length) continue;
    const r = await saveDraft(as(author), { kind: LIBRARY_KIND, id: d.id }, toContent(await currentContent(db, d)));
    await submit(as(author), r.id, r.sha256);
    await approve(as(approver), r.id, r.sha256);
    await publish(as(author), r.id);
    n++;
  }
  return n;
}
