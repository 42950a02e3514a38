// An event as other modules' public content refers to it (a news item's related event): its address and title, for
// an event every reader may see (public and not a draft).
import { and, eq } from 'drizzle-orm';
import { ANONYMOUS } from '../../../platform/auth/policy.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { TranslatableText } from '../../../platform/i18n/text.ts';
import { events } from '../events.schema.ts';
import { eventsVisibleTo } from './events.service.ts';

export interface PublicEventRef {
  slug: string;
  title: TranslatableText;
}

export async function publicEventRef(db: Db, slug: string): Promise<PublicEventRef | null> {
  const [r] = await db
    .select({ slug: events.slug, title: events.title })
    .from(events)
    .where(and(eq(events.slug, slug), eventsVisibleTo(ANONYMOUS)))
    .limit(1);
  return r ?? null;
}
