// The kinds of public content under the workflow. A module that publishes through it registers its kind from its
// index.ts: how readers reach a subject, and how its public page renders a revision's content (the monitor renders
// every published item through it, outside any request).
import type { Db } from '../../../platform/db/client.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import type { PublicContent } from '../publishing.schema.ts';

export interface PublicKind {
  /** The subject kind stored with each revision (`news`, `event`…). */
  kind: string;
  /** The message key naming the kind to editors (the administrator page). */
  labelKey: string;
  /** Where readers see the subject, and where its editors manage it (local paths). */
  urls(db: Db, subjectIds: string[]): Promise<Map<string, { title: string; public: string; manage: string }>>;
  /** The public page's content part rendered from a revision's content (the page's own view, as HTML). */
  render(content: PublicContent, locale: Locale): string;
}

const kinds = new Map<string, PublicKind>();

export function registerPublicKind(k: PublicKind): void {
  if (kinds.has(k.kind) && kinds.get(k.kind) !== k) throw new Error(`public kind ${k.kind} registered twice`);
  kinds.set(k.kind, k);
}

export const publicKind = (kind: string) => kinds.get(kind);
export const publicKinds = () => [...kinds.values()];
