// What the search box finds of the library (platform/modules/search-sources.ts): each document's language versions —
// its symbol, title and summary, and the text of the latest revision of that language's file, indexed in that
// language (Chinese segmented by the search module). The read rule is the library's own, documentsVisibleSql, in the
// search's statement; nothing about rights is copied. The file text of a confidential document is not indexed: a
// snippet would show its content without the audited read its page requires. Documents kept for another module
// (source set) are not the library's to show: their owner indexes their text (an event document: events' source).
// A public document with a publication is indexed as signed — its signed title and summary and the text of the file
// revisions the publication names — so a later edit, not yet signed, never reaches anonymous readers through a
// search hit; the publishing module re-indexes it when a publication goes out (publication.service.ts).
import { and, inArray, isNull, sql } from 'drizzle-orm';
import { languageVersions, type SearchSource } from '../../../platform/modules/search-sources.ts';
import { documentsVisibleSql } from '../documents/documents.service.ts';
import { libraryDocuments } from '../library.schema.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import type { Db } from '../../../platform/db/client.ts';
import { publishedDocuments } from '../publishing/publication.content.ts';
import { LIBRARY_SEARCH_KIND, fileTextsAt, latestFileTexts } from './extract.service.ts';

export const librarySearchSource: SearchSource = {
  kind: LIBRARY_SEARCH_KIND,
  async passages(db, ids) {
    const d = libraryDocuments;
    const rows = await db
      .select({
        id: d.id,
        symbol: d.symbol,
        title: d.title,
        summary: d.summary,
        classification: d.classification,
        distribution: d.distribution,
        createdAt: d.createdAt,
      })
      .from(d)
      .where(and(isNull(d.source), ids ? inArray(d.id, ids) : undefined));
    const signed = rows.some((r) => r.distribution === 'public')
      ? await publishedDocuments(db as Db)
      : new Map<string, never>();
    const asSigned = (r: (typeof rows)[number]) => (r.distribution === 'public' ? signed.get(r.id) : undefined);
    const unclassified = rows.filter((r) => r.classification === 'unclassified');
    const texts = await latestFileTexts(
      db,
      unclassified.filter((r) => !asSigned(r)).map((r) => r.id),
    );
    const signedTexts = await fileTextsAt(
      db,
      unclassified.flatMap((r) =>
        Object.entries(asSigned(r)?.files ?? {}).map(([language, f]) => ({
          documentId: r.id,
          language: language as Locale,
          revision: f!.revision,
        })),
      ),
    );
    return rows.flatMap((r) => {
      const c = asSigned(r);
      const text = c ? signedTexts.get(r.id) : texts.get(r.id);
      const files = Object.fromEntries(Object.entries(text ?? {}).map(([l, t]) => [l, { text: t }]));
      return languageVersions(c?.title ?? r.title, [c?.summary ?? r.summary, files, r.symbol]).map((v) => ({
        subjectId: r.id,
        ...v,
        date: r.createdAt.toISOString().slice(0, 10),
        pillars: [],
        url: `/library/${r.id}`,
      }));
    });
  },
  visibleSql: (actor, idColumn) =>
    sql`${idColumn} in (select ${libraryDocuments.id} from ${libraryDocuments} where ${documentsVisibleSql(actor)})`,
};
