// One search over everything a reader may see. Passages (search_passages) hold the text of every searchable record in
// each of its languages, with a vector built in the language's own text search configuration; a query is matched in
// every language's configuration and by trigrams on the titles (names and typos), and each owner's read rule
// (platform/modules/search-sources.ts) is joined in the same statement that ranks, counts and pages — so the counts
// and facets never include what the reader may not see, and a changed right (a revoked consent) counts at once.
import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/policy.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { isLocale, LOCALES, type Locale } from '../../platform/i18n/index.ts';
import { searchSource, searchSources, type PassageInput } from '../../platform/modules/search-sources.ts';
import { NAME_KINDS, TS_CONFIGS } from './search.schema.ts';
import {
  MAX_PAGE,
  MAX_QUERY,
  PAGE_SIZE,
  SEARCH_KINDS,
  type SearchKind,
  type SearchQuery,
  type SearchResult,
} from './search.types.ts';

export * from './search.types.ts';

/** Each language's text search configuration; Chinese is segmented into words here and indexed with 'simple'. */
export const TS_CONFIG: Record<Locale, string> = {
  ar: 'arabic',
  en: 'english',
  es: 'spanish',
  fr: 'french',
  ru: 'russian',
  zh: 'simple',
};

const HAN = /\p{Script=Han}/u;
const zhWords = new Intl.Segmenter('zh', { granularity: 'word' });

/** Chinese text as words separated by spaces (Intl.Segmenter), so that a text search parser sees the words. */
export function segmentChinese(text: string): string {
  if (!HAN.test(text)) return text;
  let out = '';
  for (const s of zhWords.segment(text)) out += /^\s+$/.test(s.segment) ? ' ' : ` ${s.segment} `;
  return out.replace(/\s+/g, ' ').trim();
}

/** Undoes the segmentation's spaces between Chinese characters (and the highlight markers beside them). */
const CJK = '\\p{Script=Han}\\uE000\\uE001\\u3000-\\u303f\\uff00-\\uffef';
const HAN_GAP = new RegExp(`(?<=[${CJK}]) (?=[${CJK}])`, 'gu');
export const unsegment = (text: string) => text.replace(HAN_GAP, '');

const MARKERS = /[\uE000\uE001]/g;

/** SQL: the text as HTML-escaped text (& first), before ts_headline sees it. */
const escapedSql = (column: SQL) =>
  sql`replace(replace(replace(replace(replace(${column}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'),
    '''', '&#39;')`;

/**
 * A snippet as safe HTML. ts_headline ran on the text already escaped (escapedSql) and put the hits between the
 * private-use markers U+E000 and U+E001, which the indexed text cannot contain (they are removed before indexing);
 * here any angle bracket or quote left is escaped too (there should be none), then the markers become <mark>
 * elements. The only HTML the search gives out.
 */
export function snippetHtml(headline: string): string {
  const safe = unsegment(headline).replace(
    /[<>"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? '&#39;',
  );
  // A marker left open by a fragment's end is closed, and a closing one without an opening is dropped.
  let open = false;
  let html = '';
  for (const ch of safe) {
    if (ch === '\uE000') {
      if (!open) html += '<mark>';
      open = true;
    } else if (ch === '\uE001') {
      if (open) html += '</mark>';
      open = false;
    } else html += ch;
  }
  return open ? `${html}</mark>` : html;
}

// ---------------------------------------------------------------- the index

const clean = (s: string) =>
  s
    .normalize('NFC')
    .replace(MARKERS, '')
    .replace(/\u0000/g, '')
    .slice(0, 100_000);

const textArray = (xs: string[]) =>
  sql`array[${sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  )}]::text[]`;

function passageValues(kind: string, p: PassageInput): SQL {
  const language = p.language ?? '';
  const config = p.language ? TS_CONFIG[p.language] : 'simple';
  const zh = p.language === 'zh' || (!p.language && HAN.test(p.title + p.body));
  const title = clean(p.title).slice(0, 1000);
  const body = zh ? segmentChinese(clean(p.body)) : clean(p.body);
  const tsTitle = zh ? segmentChinese(title) : title;
  const date = p.date instanceof Date ? p.date.toISOString().slice(0, 10) : p.date;
  const pillars = textArray(p.pillars);
  return sql`(${randomUUID()}::uuid, ${kind}, ${p.subjectId}::uuid, ${language}, ${title}, ${body}, ${config},
    ${tsTitle}, ${date ?? null}::date, ${p.pillars.length ? pillars : sql`'{}'::text[]`}, ${p.url},
    ${p.audience?.length ? textArray(p.audience) : sql`'{}'::text[]`})`;
}

async function writePassages(db: Db | Tx, kind: string, ids: string[] | null, passages: PassageInput[]) {
  if (ids === null) await db.execute(sql`delete from search_passages where kind = ${kind}`);
  else if (ids.length)
    await db.execute(
      sql`delete from search_passages where kind = ${kind} and subject_id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
  const seen = new Set<string>();
  const rows = passages.filter((p) => {
    const key = `${p.subjectId}|${p.language ?? ''}`;
    if (seen.has(key) || !(p.title.trim() || p.body.trim())) return false;
    seen.add(key);
    return true;
  });
  // Each passage and its display text, from one list of values: the vector and the folded title (organizations and
  // people: the trigram index's names) are built here, in the passage's own configuration.
  for (let i = 0; i < rows.length; i += 200)
    await db.execute(sql`with v (id, kind, subject_id, language, title, body, config, ts_title, date, pillars, url,
        audience) as (values ${sql.join(
          rows.slice(i, i + 200).map((p) => passageValues(kind, p)),
          sql`, `,
        )}),
      passages as (
        insert into search_passages (id, kind, subject_id, language, config, tsv, title_folded, date, pillars, audience)
        select id, kind, subject_id, language, config,
          setweight(to_tsvector(config::regconfig, ts_title), 'A') ||
            setweight(to_tsvector(config::regconfig, body), 'B'),
          case when kind in ${NAME_KINDS} then ctcp_fold(title) else '' end, date, pillars, audience
        from v)
      insert into search_passage_texts (passage_id, title, body, url) select id, title, body, url from v`);
  return rows.length;
}

/**
 * Indexes these records of a kind again (their owner calls it in the transaction that changed them): their passages
 * are replaced by what the owner gives now; a record that is gone leaves none.
 */
export async function reindexSearch(db: Db | Tx, kind: string, ids: (string | null | undefined)[]): Promise<void> {
  const source = searchSource(kind);
  const list = [...new Set(ids.filter((id): id is string => !!id))];
  if (!source || !list.length) return;
  await writePassages(db, kind, list, await source.passages(db, list));
}

/** Rebuilds the whole index from every owner's records, in one transaction (readers never see it half-built). */
export async function rebuildSearchIndex(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await db.transaction(async (tx) => {
    for (const s of searchSources()) counts[s.kind] = await writePassages(tx, s.kind, null, await s.passages(tx, null));
    const kinds = searchSources().map((s) => sql`${s.kind}`);
    await tx.execute(
      kinds.length
        ? sql`delete from search_passages where kind not in (${sql.join(kinds, sql`, `)})`
        : sql`delete from search_passages`,
    );
  });
  return counts;
}

/**
 * An erasure (platform/privacy): the passages that carry the person's name — their directory entry, statements given
 * under their name — are indexed again from their owners, which have already pseudonymized them (this module is last
 * in the module list, so its part of the erasure runs after theirs). Returns the passages concerned.
 */
export async function eraseFromSearch(tx: Db | Tx, subject: { personId: string | null; name: string | null }) {
  const conds: SQL[] = [];
  if (subject.personId) conds.push(sql`(p.kind = 'person' and p.subject_id = ${subject.personId}::uuid)`);
  if (subject.name?.trim()) conds.push(sql`lower(t.title) = lower(${subject.name.trim()})`);
  if (!conds.length) return 0;
  const found = await tx.execute(
    sql`select distinct p.kind, p.subject_id::text as id from search_passages p
      join search_passage_texts t on t.passage_id = p.id where ${sql.join(conds, sql` or `)}`,
  );
  const rows = (found as unknown as { rows: { kind: string; id: string }[] }).rows;
  const byKind = new Map<string, string[]>();
  for (const r of rows) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r.id]);
  for (const [kind, ids] of byKind) {
    if (!searchSource(kind))
      await tx.execute(sql`delete from search_passages where kind = ${kind}
      and subject_id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`);
    else await reindexSearch(tx, kind, ids);
  }
  return rows.length;
}

// ---------------------------------------------------------------- the query

export interface SearchInput {
  q?: string;
  kinds?: string[];
  language?: string;
  from?: string;
  to?: string;
  pillar?: string;
  page?: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string) =>
  DATE.test(s) &&
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
  new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

const badRequest = (fields: FieldError[]) =>
  new AppError('bad_request', 400, 'search.error.badInput', { count: fields.length }, fields);

/** Checks and normalizes the reader's input (NFC, trimmed): every problem at once, as one 400. */
export function parseSearch(input: SearchInput): SearchQuery {
  const fields: FieldError[] = [];
  const q = (input.q ?? '').normalize('NFC').trim().replace(/\s+/g, ' ');
  if ([...q].length > MAX_QUERY)
    fields.push({ field: 'q', messageKey: 'search.error.tooLong', values: { max: MAX_QUERY } });
  const kinds = [...new Set(input.kinds ?? [])];
  if (kinds.some((k) => !(SEARCH_KINDS as readonly string[]).includes(k)))
    fields.push({ field: 'kind', messageKey: 'search.error.kind' });
  const language = input.language || null;
  if (language && !isLocale(language)) fields.push({ field: 'lang', messageKey: 'search.error.language' });
  const from = input.from || null;
  const to = input.to || null;
  if (from && !validDate(from)) fields.push({ field: 'from', messageKey: 'search.error.date' });
  if (to && !validDate(to)) fields.push({ field: 'to', messageKey: 'search.error.date' });
  if (from && to && validDate(from) && validDate(to) && from > to)
    fields.push({ field: 'to', messageKey: 'search.error.dateOrder' });
  const pillar = input.pillar || null;
  if (pillar && !/^pillar-[1-4]$/.test(pillar)) fields.push({ field: 'pillar', messageKey: 'search.error.pillar' });
  const page = input.page ?? 1;
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE)
    fields.push({ field: 'page', messageKey: 'search.error.page', values: { max: MAX_PAGE } });
  if (fields.length) throw badRequest(fields);
  return { q, kinds: kinds as SearchKind[], language: language as Locale | null, from, to, pillar, page };
}

/** The query's tsquery in one configuration (Chinese words segmented for 'simple'). */
const tsquery = (config: string, q: string) =>
  sql`websearch_to_tsquery(${sql.raw(`'${config}'`)}::regconfig, ${config === 'simple' ? segmentChinese(q) : q})`;

/** The query in the configuration of the passage's own column `config`. */
const tsqueryOf = (configColumn: SQL, q: string) =>
  sql`(case ${configColumn} ${sql.join(
    TS_CONFIGS.map((c) => sql`when ${c} then ${tsquery(c, q)}`),
    sql` `,
  )} end)`;

/**
 * Every source's rule, each for its own kind: what this reader may see, evaluated now — over the passage's audience
 * tags when the owner gives that form (a test on the row, not a scan of the owner's table), else by subject id.
 */
function visibleSql(actor: Actor): SQL {
  const parts = searchSources().map(
    (s) =>
      sql`(p.kind = ${s.kind} and ${
        s.audienceSql
          ? s.audienceSql(actor, { audience: sql`p.audience`, subjectId: sql`p.subject_id` })
          : s.visibleSql(actor, sql`p.subject_id`)
      })`,
  );
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

const HEADLINE = 'StartSel=\uE000, StopSel=\uE001, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "';

/**
 * Searches what the actor may see: ranked hits of the page (one per record, in the reader's language when it has
 * one), the total and the facets, all from one statement with the owners' rules inside it.
 */
export async function search(
  ctx: { db: Db | Tx; actor: Actor; locale: Locale },
  query: SearchQuery,
): Promise<SearchResult> {
  const empty: SearchResult = { query, total: 0, hits: [], facets: { kinds: {}, languages: {} }, page: 1, pages: 0 };
  if (!query.q || !/[\p{L}\p{N}]/u.test(query.q)) return empty;
  const q = query.q;
  const folded = sql`ctcp_fold(${q})`;
  const trigram = [...q].length >= 3;
  // Each configuration's passages by their own partial index (migration 0042), the configuration written as a literal
  // so that the planner matches the index's predicate: the index answers exactly, and no row is tested again.
  const fts = sql.join(
    TS_CONFIGS.map((c) => sql`(p.config = ${sql.raw(`'${c}'`)} and p.tsv @@ ${tsquery(c, q)})`),
    sql` or `,
  );
  // Trigrams find names despite a typo: organizations and people (the partial index of migration 0034), those the
  // words did not find. A branch of its own, so that the words' branch stays answered by its indexes alone; the rules
  // and filters apply to both at once (OFFSET 0 keeps them out of the branches, planned once).
  const passages = trigram
    ? sql`(select * from search_passages p where ${fts}
        union all
        select * from search_passages p where p.kind in ${NAME_KINDS} and p.title_folded %> ${folded}
          and not (${fts})
        offset 0)`
    : sql`(select * from search_passages p where ${fts} offset 0)`;
  const filters: SQL[] = [];
  if (query.from) filters.push(sql`p.date >= ${query.from}::date`);
  if (query.to) filters.push(sql`p.date <= ${query.to}::date`);
  if (query.pillar) filters.push(sql`${query.pillar} = any(p.pillars)`);
  const where = sql.join([visibleSql(ctx.actor), ...filters], sql` and `);
  const kindFilter = query.kinds.length
    ? sql`m.kind in (${sql.join(
        query.kinds.map((k) => sql`${k}`),
        sql`, `,
      )})`
    : sql`true`;
  const langFilter = query.language ? sql`m.language = ${query.language}` : sql`true`;
  // Every visible match is ranked before the top of the page is known: ts_rank (frequency, the title's weight, the
  // length normalized), which costs about half of ts_rank_cd's cover density per passage (docs/architecture.md).
  const rank = sql`ts_rank(p.tsv, ${tsqueryOf(sql`p.config`, q)}, 1)${
    trigram
      ? sql` + case when p.kind in ${NAME_KINDS} then 0.5 * word_similarity(${folded}, p.title_folded)
          else 0 end`
      : sql``
  }`;
  const offset = (query.page - 1) * PAGE_SIZE;
  // `best` holds one row per record (the records the total and the kinds facet count), grouped by a hash rather than
  // sorted: the record's rank is its passage's in the reader's language when it has one, else its best passage's.
  // Only the page's records then pick the passage they show, and only those twenty read their text.
  const kindCounts = query.kinds.length
    ? sql`select m.kind, count(distinct m.subject_id)::int as n from m where ${langFilter} group by m.kind`
    : sql`select best.kind, count(*)::int as n from best group by best.kind`;
  const result = await ctx.db.execute(sql`with m as materialized (
      select p.id, p.kind, p.subject_id, p.language, p.config, p.date, ${rank} as rank
      from ${passages} p where ${where}
    ),
    best as (
      select m.kind, m.subject_id, max(m.date) as date,
        coalesce(max(m.rank) filter (where m.language = ${ctx.locale}), max(m.rank)) as rank
      from m where ${kindFilter} and ${langFilter} group by m.kind, m.subject_id
    ),
    page as (
      select * from best order by rank desc, date desc nulls last, kind, subject_id limit ${PAGE_SIZE} offset ${offset}
    ),
    shown as (
      select distinct on (pg.kind, pg.subject_id) m.id, m.kind, m.subject_id, m.language, m.config, pg.date, pg.rank
      from page pg join m on m.kind = pg.kind and m.subject_id = pg.subject_id where ${kindFilter} and ${langFilter}
      order by pg.kind, pg.subject_id, (m.language = ${ctx.locale}) desc, m.rank desc
    )
    select
      (select count(*)::int from best) as total,
      (select coalesce(json_object_agg(kind, n), '{}'::json) from (${kindCounts}) k) as kinds,
      (select coalesce(json_object_agg(language, n), '{}'::json) from (
        select m.language, count(*)::int as n from m where ${kindFilter}
        and m.language <> '' group by m.language) l) as languages,
      (select coalesce(json_agg(h order by h.rank desc, h.date desc nulls last, h.kind, h.subject_id), '[]'::json)
        from (
        select s.id, s.kind, s.subject_id, s.language, st.title, s.date::text as date, st.url, s.rank,
          ts_headline(s.config::regconfig, ${escapedSql(sql`st.body`)}, ${tsqueryOf(sql`s.config`, q)},
            ${HEADLINE}) as headline
        from shown s join search_passage_texts st on st.passage_id = s.id) h) as hits`);
  const row = (result as unknown as { rows: Record<string, unknown>[] }).rows[0];
  const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
  const total = Number(row.total ?? 0);
  const hits = parse<
    {
      kind: string;
      subject_id: string;
      language: string;
      title: string;
      date: string | null;
      url: string;
      rank: number;
      headline: string | null;
    }[]
  >(row.hits).map((h) => ({
    kind: h.kind,
    id: h.subject_id,
    language: isLocale(h.language) ? h.language : null,
    title: h.title,
    snippet: h.headline ? snippetHtml(h.headline) : '',
    date: h.date,
    url: h.url,
    rank: Number(h.rank),
  }));
  const kinds = parse<Record<string, number>>(row.kinds);
  const languages = parse<Record<string, number>>(row.languages);
  return {
    query,
    total,
    hits,
    facets: {
      kinds: Object.fromEntries(SEARCH_KINDS.filter((k) => kinds[k]).map((k) => [k, kinds[k]])),
      languages: Object.fromEntries(LOCALES.filter((l) => languages[l]).map((l) => [l, languages[l]])),
    },
    page: query.page,
    pages: Math.ceil(total / PAGE_SIZE),
  };
}
