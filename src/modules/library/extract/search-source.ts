// What the search box finds of the library (platform/modules/search-sources.ts): each document's language versions —
// its symbol, title and summary, and the text of the latest revision of that language's file, indexed in that
// language (Chinese segmented by the search module). The read rule is the library's own, documentsVisibleSql, in the
// search's statement; nothing about rights is copied. The file text of a confidential document is not indexed: a
// snippet would show its content without the audited read its page requires. Documents kept for another module
// (source set) are not the library's to show: their owner indexes their text (an event document: events' source).
import { and, inArray, isNull, sql } from 'drizzle-orm';
import { languageVersions, type SearchSource } from '../../../platform/modules/search-sources.ts';
import { documentsVisibleSql } from '../documents/documents.service.ts';
import { libraryDocuments } from '../library.schema.ts';
import { LIBRARY_SEARCH_KIND, latestFileTexts } from './extract.service.ts';

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
        createdAt: d.createdAt,
      })
      .from(d)
      .where(and(isNull(d.source), ids ? inArray(d.id, ids) : undefined));
    const texts = await latestFileTexts(
      db,
      rows.filter((r) => r.classification === 'unclassified').map((r) => r.id),
    );
    return rows.flatMap((r) => {
      const files = Object.fromEntries(Object.entries(texts.get(r.id) ?? {}).map(([l, text]) => [l, { text }]));
      return languageVersions(r.title, [r.summary, files, r.symbol]).map((v) => ({
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
