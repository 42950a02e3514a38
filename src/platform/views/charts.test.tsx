import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { render } from 'preact-render-to-string';
import { BarChart, ChoroplethMap, MAP_HEIGHT, MAP_ISO3, MAP_WIDTH, compactPath, valueClasses } from './charts.tsx';
import { ISO_ALPHA3_TO_NUMERIC, ISO_NUMERIC_TO_ALPHA3, NO_GEOMETRY_110M } from './iso-numeric.ts';
import type { ViewContext } from './context.ts';
import { translator, type Locale } from '../i18n/index.ts';
import { ANONYMOUS } from '../auth/policy.ts';
import { MEMBER_STATES } from '../../modules/directory/data/member-states.ts';

const ctxFor = (locale: Locale): ViewContext => ({
  t: translator(locale),
  locale,
  actor: ANONYMOUS,
  timeZone: 'UTC',
  csrfToken: 'x',
  path: '/',
  nav: [],
});
const en = ctxFor('en');
const ar = ctxFor('ar');
const count = (html: string, re: RegExp) => (html.match(re) ?? []).length;
/** Nothing a strict CSP (no 'unsafe-inline' for styles or scripts) would block. */
const assertCspSafe = (html: string) => {
  assert.doesNotMatch(html, /\sstyle=/);
  assert.doesNotMatch(html, /<style|<script|\son[a-z]+=/i);
};

const bars = [
  { label: 'Alpha', value: 12, href: '/a?x=1&y=2' },
  { label: 'Beta <b>', value: 3 },
  { label: 'Gamma', value: 0 },
];

test('BarChart: figure, captioned svg image with a title, one bar and value label per datum, a data table', () => {
  const html = render(<BarChart ctx={en} id="visits" title="Visits by State" data={bars} />);
  assertCspSafe(html);
  assert.match(html, /^<figure class="chart" id="visits"><figcaption>Visits by State<\/figcaption>/);
  assert.match(html, /<svg [^>]*role="img" aria-labelledby="visits-title"/);
  assert.match(html, /<title id="visits-title">Visits by State<\/title>/);
  assert.equal(count(html, /<rect class="chart-bar"/g), 3);
  // the longest bar is the largest value; zero draws no bar but keeps its label
  const widths = [...html.matchAll(/<rect class="chart-bar" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)].map((m) =>
    Number(m[2]),
  );
  assert.equal(widths[2], 0);
  assert.ok(widths[0] > widths[1] && widths[1] > 0);
  assert.equal(widths[0] / widths[1], 4);
  for (const v of ['12', '3', '0']) assert.match(html, new RegExp(`<text class="chart-value"[^>]*>${v}</text>`));
  assert.match(html, /<caption>Data table: Visits by State<\/caption>/);
  assert.match(html, /<th scope="col">Category<\/th><th scope="col" class="num">Value<\/th>/);
  assert.match(html, /<th scope="row"><a href="\/a\?x=1&amp;y=2">Alpha<\/a><\/th><td class="num">12<\/td>/);
  // text is escaped, never markup
  assert.match(html, /Beta &lt;b>/);
  assert.doesNotMatch(html, /<b>/);
  // the svg is an image: no links inside it (they are in the table)
  assert.doesNotMatch(html.match(/<svg[\s\S]*<\/svg>/)![0], /<a /);
});

test('BarChart: a custom format and locale number formatting', () => {
  const html = render(<BarChart ctx={en} id="b" title="T" data={[{ label: 'x', value: 1234567 }]} />);
  assert.match(html, />1,234,567</);
  const pct = render(
    <BarChart ctx={en} id="b" title="T" data={[{ label: 'x', value: 0.25 }]} format={(n) => `${n * 100} %`} />,
  );
  assert.match(pct, />25 %</);
});

test('BarChart in Arabic: right-to-left text, bars grow from the right edge', () => {
  const html = render(<BarChart ctx={ar} id="b" title="زيارات" data={bars} />);
  assertCspSafe(html);
  assert.match(html, /<svg [^>]*direction="rtl"/);
  const rects = [...html.matchAll(/<rect class="chart-bar" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)];
  for (const m of rects) assert.equal(Number(m[1]) + Number(m[2]), 640);
  // labels start at the right edge
  assert.equal(count(html, /<text class="chart-label" x="640"/g), 3);
  // value labels sit to the left of their bar
  const first = html.match(/<text class="chart-value" x="([\d.]+)"/)!;
  assert.ok(Number(first[1]) < Number(rects[0][1]));
  assert.match(html, /<caption>/);
  const ltr = render(<BarChart ctx={en} id="b" title="T" data={bars} />);
  assert.match(ltr, /direction="ltr"/);
});

test('BarChart with no data says so and draws nothing', () => {
  const html = render(<BarChart ctx={en} id="b" title="Empty" data={[]} />);
  assert.match(html, /<figcaption>Empty<\/figcaption><p class="empty">No data to show.<\/p>/);
  assert.doesNotMatch(html, /<svg|<table/);
  assert.match(render(<BarChart ctx={ar} id="b" title="x" data={[]} />), new RegExp(translator('ar')('chart.noData')));
});

test('BarChart: negative and non-finite values draw no bar and break nothing', () => {
  const html = render(
    <BarChart
      ctx={en}
      id="b"
      title="T"
      data={[
        { label: 'a', value: -5 },
        { label: 'b', value: Number.NaN },
      ]}
    />,
  );
  assert.equal(count(html, /width="0"/g), 2);
  assert.doesNotMatch(html, /NaN"|Infinity"/);
});

// ---------------------------------------------------------------------------------------------------------------

test('iso-numeric: three-digit keys, one alpha-3 each, both directions', () => {
  const entries = Object.entries(ISO_NUMERIC_TO_ALPHA3);
  assert.ok(entries.length >= 249);
  for (const [n, a] of entries) {
    assert.match(n, /^\d{3}$/);
    assert.match(a, /^[A-Z]{3}$/);
    assert.equal(ISO_ALPHA3_TO_NUMERIC[a], n);
  }
  assert.equal(new Set(entries.map(([, a]) => a)).size, entries.length);
});

test('iso-numeric covers every geometry id of world-atlas countries-110m', () => {
  const topo = createRequire(import.meta.url)('world-atlas/countries-110m.json') as {
    objects: { countries: { geometries: { id?: string; properties: { name: string } }[] } };
  };
  const missing = topo.objects.countries.geometries.filter((g) => g.id !== undefined && !ISO_NUMERIC_TO_ALPHA3[g.id]);
  assert.deepEqual(
    missing.map((g) => `${g.id} ${g.properties.name}`),
    [],
  );
  // spot checks against the atlas's own names
  const byId = new Map(topo.objects.countries.geometries.map((g) => [g.id, g.properties.name]));
  for (const [a3, name] of [
    ['FRA', 'France'],
    ['CIV', "Côte d'Ivoire"],
    ['SSD', 'S. Sudan'],
    ['MKD', 'Macedonia'],
    ['SWZ', 'eSwatini'],
    ['TLS', 'Timor-Leste'],
  ]) {
    assert.equal(byId.get(ISO_ALPHA3_TO_NUMERIC[a3]), name);
  }
});

test('every UN Member State is on the map or explicitly listed as having no shape at 1:110m', () => {
  assert.equal(MEMBER_STATES.length, 193);
  const unaccounted = MEMBER_STATES.filter((s) => !MAP_ISO3.has(s.iso3) && !NO_GEOMETRY_110M.includes(s.iso3)).map(
    (s) => s.iso3,
  );
  assert.deepEqual(unaccounted, []);
  // the list is honest: nothing in it is actually drawn, and everything in it is a Member State with an ISO code
  const memberIso3 = new Set(MEMBER_STATES.map((s) => s.iso3));
  for (const iso3 of NO_GEOMETRY_110M) {
    assert.equal(MAP_ISO3.has(iso3), false, `${iso3} is drawn`);
    assert.ok(memberIso3.has(iso3), `${iso3} is not a Member State`);
  }
  for (const s of MEMBER_STATES) assert.ok(ISO_ALPHA3_TO_NUMERIC[s.iso3], `${s.iso3} has no numeric code`);
  // areas without a State of their own are drawn within one, Antarctica not at all
  assert.equal(MAP_ISO3.has('ATA'), false);
  assert.equal(MAP_ISO3.size, 193 - NO_GEOMETRY_110M.length + ['PSE', 'ESH', 'GRL', 'PRI', 'FLK', 'ATF', 'NCL'].length);
});

test('valueClasses: 0 is none, four quantile classes of the distinct positive values, the largest in class 4', () => {
  const one = valueClasses([5]);
  assert.equal(one.classOf(5), 4);
  assert.equal(one.classOf(undefined), 0);
  assert.equal(one.classOf(0), 0);
  assert.equal(one.classOf(7), 0);
  const c = valueClasses([0, 1, 2, 3, 4, 5, 6, 7, 8, 8, -1]);
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8].map(c.classOf), [1, 1, 2, 2, 3, 3, 4, 4]);
  assert.deepEqual(c.ranges, [
    { cls: 1, min: 1, max: 2 },
    { cls: 2, min: 3, max: 4 },
    { cls: 3, min: 5, max: 6 },
    { cls: 4, min: 7, max: 8 },
  ]);
  assert.deepEqual(valueClasses([]).ranges, []);
  assert.deepEqual(
    valueClasses([1, 100]).ranges.map((r) => r.cls),
    [2, 4],
  );
});

test('compactPath: relative moves in tenths, repeated points and command letters dropped, exact', () => {
  assert.equal(compactPath('M10,20L10.5,20L10.5,20L10,19.1Z'), 'M10 20l.5 0-.5-.9z');
  assert.equal(compactPath('M0,0L1,1ZM5,5L4,4Z'), 'M0 0l1 1zM5 5l-1-1z');
  // decoding the relative path gives the rounded absolute points back
  const abs = 'M677.06,97.31L676.4,99.24L674.55,99.5L660.04,115.9Z';
  const rel = compactPath(abs);
  const nums = rel.match(/-?[\d]*\.?\d+/g)!.map(Number);
  let x = nums[0] * 10;
  let y = nums[1] * 10;
  const pts = [[x, y]];
  for (let i = 2; i < nums.length; i += 2) {
    x += Math.round(nums[i] * 10);
    y += Math.round(nums[i + 1] * 10);
    pts.push([x, y]);
  }
  assert.deepEqual(
    pts.map(([a, b]) => [a / 10, b / 10]),
    [
      [677.1, 97.3],
      [676.4, 99.2],
      [674.6, 99.5],
      [660, 115.9],
    ],
  );
});

const demo = [
  { iso3: 'FRA', label: 'France', value: 5, href: '/states/fr' },
  { iso3: 'MLI', label: 'Mali', value: 2 },
  { iso3: 'NGA', label: 'Nigeria', value: 0 },
  { iso3: 'XAR', label: 'Arcadia', value: 1, href: '/states/xar' },
  { iso3: 'MLT', label: 'Malta', value: 7 },
  { iso3: 'CHN', label: 'China', value: 3 },
];

test('ChoroplethMap: shapes with classes, titles, links; off-map values listed; legend, disclaimer, data table', () => {
  const html = render(<ChoroplethMap ctx={en} id="m" title="Assessment visits" values={demo} />);
  assertCspSafe(html);
  const svg = html.match(/<svg[\s\S]*<\/svg>/)![0];
  console.log(
    `# map: ${MAP_ISO3.size} shapes, viewBox ${MAP_WIDTH}×${MAP_HEIGHT}, svg ${Buffer.byteLength(svg)} bytes,` +
      ` whole figure ${Buffer.byteLength(html)} bytes`,
  );
  assert.ok(Buffer.byteLength(svg) < 90_000, 'the map stays under 90 kB');
  assert.match(svg, /viewBox="0 0 960 \d+"/);
  // links make the svg a group of links, titled
  assert.match(svg, /<svg [^>]*role="group" aria-labelledby="m-title"/);
  assert.match(svg, /<title id="m-title">Assessment visits<\/title>/);
  assert.match(
    svg,
    new RegExp(
      '<a href="/states/fr" aria-label="France: 5"><title>France: 5</title>' +
        '<path class="map-c\\d" d="M[^"]+"></path></a>',
    ),
  );
  assert.match(svg, /<path class="map-c\d" d="M[^"]+"><title>Mali: 2<\/title><\/path>/);
  // a value of 0 is "none" but still has its title
  assert.match(svg, /<path d="M[^"]+"><title>Nigeria: 0<\/title><\/path>/);
  // one shape per drawn country; only countries with values have titles
  assert.equal(count(svg, /<path /g), MAP_ISO3.size);
  assert.equal(count(svg, /<title>/g), 4);
  // classes: the largest value (Malta, off the map) is class 4; France 5 is below it
  assert.match(html, /<li><span class="map-swatch map-c4" aria-hidden="true"><\/span>Malta: 7<\/li>/);
  // values without a shape are listed beside the map, linked when they have a link
  assert.match(html, /<p id="m-offmap">Not on the map<\/p><ul aria-labelledby="m-offmap">/);
  assert.match(html, /<a href="\/states\/xar">Arcadia<\/a>: 1/);
  assert.doesNotMatch(html.match(/<div class="map-offmap">[\s\S]*?<\/div>/)![0], /France|Mali/);
  // legend
  assert.match(html, /<p id="m-legend">Legend<\/p>/);
  assert.match(html, /<span class="map-swatch map-c0" aria-hidden="true"><\/span>None/);
  assert.equal(count(html.match(/<div class="map-legend">[\s\S]*?<\/div>/)![0], /<li>/g), 5);
  // disclaimer in small print, then every value in the data table
  assert.match(html, /<p class="map-disclaimer"><small>The boundaries and names shown/);
  assert.match(html, /<caption class="visually-hidden">Data table: Assessment visits<\/caption>/);
  assert.equal(count(html.match(/<table[\s\S]*<\/table>/)![0], /<th scope="row">/g), demo.length);
});

test('ChoroplethMap without links is an image; in Arabic it stays a map and translates its words', () => {
  const html = render(
    <ChoroplethMap ctx={ar} id="m" title="خريطة" values={[{ iso3: 'egy', label: 'مصر', value: 4 }]} />,
  );
  const t = translator('ar');
  assert.match(html, /<svg [^>]*role="img"/);
  assert.match(html, /<title>مصر: ٤<\/title>|<title>مصر: 4<\/title>/);
  for (const key of ['map.legend', 'map.none', 'map.disclaimer']) assert.ok(html.includes(t(key)), key);
  assert.doesNotMatch(html, /map-offmap/);
  assert.match(render(<ChoroplethMap ctx={en} id="m" title="x" values={[]} />), /No data to show\./);
});

test('ChoroplethMap: shapes are computed once; a render is fast', () => {
  const a = render(<ChoroplethMap ctx={en} id="m" title="x" values={demo} />);
  const started = performance.now();
  for (let i = 0; i < 20; i++) render(<ChoroplethMap ctx={en} id="m" title="x" values={demo} />);
  const perRender = (performance.now() - started) / 20;
  console.log(`# map render: ${perRender.toFixed(2)} ms`);
  assert.equal(render(<ChoroplethMap ctx={en} id="m" title="x" values={demo} />), a);
  assert.ok(perRender < 50);
});
