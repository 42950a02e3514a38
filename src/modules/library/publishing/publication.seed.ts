// The demo's public documents go out like any other publication (demo only): prepared and submitted by the demo
// coordinator, approved by the demo administrator, published by the coordinator — so anonymous visitors of the demo
// get them, and their hashes, authors and approvers are in the audit chain.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { publishAsDemo, revisionsOf } from '../../publishing/index.ts';
import { libraryDocuments } from '../library.schema.ts';
import { currentContent, LIBRARY_KIND, toContent } from './publication.content.ts';

/** Publishes every public document of the library that has no publication yet (two demo people sign). */
export async function publishDemoDocuments(db: Db): Promise<number> {
  const docs = await db
    .select()
    .from(libraryDocuments)
    .where(and(eq(libraryDocuments.distribution, 'public'), eq(libraryDocuments.classification, 'unclassified')));
  let n = 0;
  for (const d of docs) {
    const subject = { kind: LIBRARY_KIND, id: d.id };
    if (d.source || (await revisionsOf(db, subject)).length) continue;
    if (!(await publishAsDemo(db, { subject, content: toContent(await currentContent(db, d)) }))) return n;
    n++;
  }
  return n;
}
