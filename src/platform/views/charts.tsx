// Server-rendered SVG charts: no JavaScript, no inline styles (colours and fonts are CSS classes in static/app.css),
// each followed by a data table so the figures are readable without the picture.
import { createRequire } from 'node:module';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { feature, merge } from 'topojson-client';
import { geoEqualEarth, geoPath } from 'd3-geo';
import type { ViewContext } from './context.ts';
import { dir, formatNumber } from '../i18n/index.ts';
import { ISO_NUMERIC_TO_ALPHA3 } from './iso-numeric.ts';

export type NumberFormat = (n: number) => string;

const defaultFormat =
  (ctx: ViewContext): NumberFormat =>
  (n) =>
    formatNumber(ctx.locale, n);

// ---------------------------------------------------------------------------------------------------------------
// Bar chart

export interface BarDatum {
  label: string;
  value: number;
  href?: string;
}

const BAR = { width: 640, row: 40, label: 15, barTop: 21, bar: 14, valueGap: 6, charWidth: 8 } as const;

/**
 * Shortens a label to what fits on one line of the chart (wide scripts count double); the data table keeps it whole.
 */
export function fitLabel(label: string, maxUnits = 78): string {
  let units = 0;
  let out = '';
  for (const ch of label) {
    units += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
      ? 2
      : 1;
    if (units > maxUnits - 1) return out.trimEnd() + '…';
    out += ch;
  }
  return out;
}

/** Horizontal bars, one row per datum: the label above its bar, the value at the bar's end.
 * Right-to-left languages mirror the geometry, so bars grow from the right and text starts at the right. */
/** `table: false` when the caller shows a fuller table of the same figures right after the chart. */
export function BarChart({
  ctx,
  title,
  id,
  data,
  format,
  table = true,
}: {
  ctx: ViewContext;
  title: string;
  id: string;
  data: readonly BarDatum[];
  format?: NumberFormat;
  table?: boolean;
}) {
  const fmt = format ?? defaultFormat(ctx);
  if (!data.length) {
    return (
      <figure class="chart" id={id}>
        <figcaption>{title}</figcaption>
        <p class="empty">{ctx.t('chart.noData')}</p>
      </figure>
    );
  }
  const rtl = dir(ctx.locale) === 'rtl';
  const labels = data.map((d) => fmt(d.value));
  const valueSpace = Math.max(40, Math.max(...labels.map((l) => l.length)) * BAR.charWidth + BAR.valueGap * 2);
  const barMax = BAR.width - valueSpace;
  const max = Math.max(0, ...data.map((d) => (Number.isFinite(d.value) ? d.value : 0)));
  const height = data.length * BAR.row + 4;
  // x along the reading direction: 0 is where a bar starts (left in LTR, right in RTL).
  const x = (along: number) => (rtl ? BAR.width - along : along);
  const titleId = `${id}-title`;
  return (
    <figure class="chart" id={id}>
      <figcaption>{title}</figcaption>
      <svg
        class="chart-svg bar-chart"
        viewBox={`0 0 ${BAR.width} ${height}`}
        role="img"
        aria-labelledby={titleId}
        direction={rtl ? 'rtl' : 'ltr'}
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={titleId}>{title}</title>
        {data.map((d, i) => {
          const v = Number.isFinite(d.value) ? Math.max(0, d.value) : 0;
          const w = max > 0 ? Math.max(v > 0 ? 2 : 0, Math.round((v / max) * barMax * 10) / 10) : 0;
          const top = i * BAR.row + 2;
          return (
            <g class="chart-row">
              <text class="chart-label" x={x(0)} y={top + BAR.label} text-anchor="start">
                {fitLabel(d.label)}
                {fitLabel(d.label) !== d.label ? <title>{d.label}</title> : null}
              </text>
              <rect class="chart-bar" x={rtl ? BAR.width - w : 0} y={top + BAR.barTop} width={w} height={BAR.bar} />
              <text class="chart-value" x={x(w + BAR.valueGap)} y={top + BAR.barTop + BAR.bar - 2} text-anchor="start">
                {labels[i]}
              </text>
            </g>
          );
        })}
      </svg>
      {table ? (
        <DataTable
          ctx={ctx}
          title={title}
          rows={data.map((d, i) => ({ label: d.label, href: d.href, value: labels[i] }))}
        />
      ) : null}
    </figure>
  );
}

function DataTable({
  ctx,
  title,
  rows,
  captionHidden,
}: {
  ctx: ViewContext;
  title: string;
  rows: { label: string; href?: string; value: string }[];
  captionHidden?: boolean;
}) {
  return (
    <table class="chart-table">
      <caption class={captionHidden ? 'visually-hidden' : undefined}>{ctx.t('chart.dataTable', { title })}</caption>
      <thead>
        <tr>
          <th scope="col">{ctx.t('chart.category')}</th>
          <th scope="col" class="num">
            {ctx.t('chart.value')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <th scope="row">{r.href ? <a href={r.href}>{r.label}</a> : r.label}</th>
            <td class="num">{r.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// World map

/** Features of world-atlas that have no ISO code of their own, or that the UN counts within a Member State, are
 * drawn merged into that State: Northern Cyprus (Cyprus), Somaliland (Somalia), Kosovo (Serbia; UNSCR 1244),
 * Taiwan (China; A/RES/2758). Antarctica is left out. */
const MERGE_INTO: Readonly<Record<string, string>> = {
  'N. Cyprus': 'CYP',
  Somaliland: 'SOM',
  Kosovo: 'SRB',
  Taiwan: 'CHN',
};
const LEAVE_OUT = new Set(['ATA']);

export const MAP_WIDTH = 960;

interface MapShape {
  iso3: string;
  d: string;
}

/** Encodes a d3 path (absolute M/L/Z, coordinates with one decimal) as relative moves in tenths, without repeated
 * points or command letters: about 40 % smaller than d3's output and exact (no drift, deltas of rounded points). */
export function compactPath(d: string): string {
  let out = '';
  let px = 0;
  let py = 0;
  let inLine = false;
  const num = (tenths: number) => (tenths / 10).toString().replace(/^(-?)0\./, '$1.');
  const push = (s: string) => {
    out += /[\d.]$/.test(out) && !s.startsWith('-') ? ` ${s}` : s;
  };
  for (const m of d.matchAll(/([MLZ])([^MLZ]*)/g)) {
    if (m[1] === 'Z') {
      out += 'z';
      inLine = false;
      continue;
    }
    const [xs, ys] = m[2].split(',');
    const x = Math.round(Number(xs) * 10);
    const y = Math.round(Number(ys) * 10);
    if (m[1] === 'M') {
      out += 'M';
      push(num(x));
      push(num(y));
      inLine = false;
    } else {
      if (x === px && y === py) continue;
      if (!inLine) {
        out += 'l';
        inLine = true;
      }
      push(num(x - px));
      push(num(y - py));
    }
    px = x;
    py = y;
  }
  return out;
}

function buildMap(): { shapes: MapShape[]; height: number } {
  const require = createRequire(import.meta.url);
  const topo = require('world-atlas/countries-110m.json') as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  const groups = new Map<string, GeometryCollection<{ name: string }>['geometries']>();
  for (const g of topo.objects.countries.geometries) {
    const iso3 = g.id !== undefined ? ISO_NUMERIC_TO_ALPHA3[String(g.id)] : undefined;
    const name = (g.properties as { name?: string } | undefined)?.name ?? '';
    const target = MERGE_INTO[name] ?? iso3;
    if (!target || LEAVE_OUT.has(target)) continue;
    groups.set(target, [...(groups.get(target) ?? []), g]);
  }
  const features = [...groups].map(([iso3, geoms]) => ({
    iso3,
    geometry:
      geoms.length === 1
        ? (feature(topo, geoms[0] as never).geometry as GeoJSON.Geometry)
        : (merge(topo, geoms as never) as GeoJSON.Geometry),
  }));
  const collection: GeoJSON.FeatureCollection = {
    type: 'FeatureCollection',
    features: features.map((f) => ({ type: 'Feature', properties: {}, geometry: f.geometry })),
  };
  const projection = geoEqualEarth().fitWidth(MAP_WIDTH, collection);
  const path = geoPath(projection).digits(1);
  const [[, y0], [, y1]] = path.bounds(collection);
  const shapes = features.map((f) => ({ iso3: f.iso3, d: compactPath(path(f.geometry) ?? '') })).filter((s) => s.d);
  return { shapes, height: Math.ceil(y1 - Math.min(0, y0)) };
}

// Computed once, when the module loads.
const MAP = buildMap();
export const MAP_HEIGHT = MAP.height;
/** ISO alpha-3 codes that are drawn on the map (everything else goes to the "not on the map" list). */
export const MAP_ISO3: ReadonlySet<string> = new Set(MAP.shapes.map((s) => s.iso3));

export interface MapValue {
  iso3: string;
  label: string;
  value: number;
  href?: string;
}

export interface ValueClasses {
  /** 0 for no value, zero or less; 1 to 4 for positive values, 4 the highest. */
  classOf(value: number | undefined): number;
  /** The smallest and largest value in each of the classes 1 to 4 that holds values. */
  ranges: { cls: number; min: number; max: number }[];
}

/** Five classes: 0 = none, then four quantiles of the distinct positive values (the largest value is always in
 * class 4, equal values share a class). */
export function valueClasses(values: readonly number[]): ValueClasses {
  const distinct = [...new Set(values.filter((v) => Number.isFinite(v) && v > 0))].sort((a, b) => a - b);
  const byValue = new Map(distinct.map((v, i) => [v, Math.ceil((4 * (i + 1)) / distinct.length)]));
  const classOf = (v: number | undefined) => (v !== undefined && byValue.get(v)) || 0;
  const ranges: ValueClasses['ranges'] = [];
  for (const [v, cls] of byValue) {
    const r = ranges.find((x) => x.cls === cls);
    if (r) r.max = v;
    else ranges.push({ cls, min: v, max: v });
  }
  return { classOf, ranges };
}

/** A choropleth world map (Equal Earth projection, Natural Earth 1:110m). Values whose iso3 has no shape are listed
 * beside it; a legend, the UN map disclaimer and a data table of every value follow. */
export function ChoroplethMap({
  ctx,
  title,
  id,
  values,
  format,
}: {
  ctx: ViewContext;
  title: string;
  id: string;
  values: readonly MapValue[];
  format?: NumberFormat;
}) {
  const fmt = format ?? defaultFormat(ctx);
  if (!values.length) {
    return (
      <figure class="chart map" id={id}>
        <figcaption>{title}</figcaption>
        <p class="empty">{ctx.t('chart.noData')}</p>
      </figure>
    );
  }
  const byIso = new Map(values.map((v) => [v.iso3.toUpperCase(), v]));
  const classes = valueClasses(values.map((v) => v.value));
  const offMap = values.filter((v) => !MAP_ISO3.has(v.iso3.toUpperCase()));
  const linked = values.some((v) => v.href && MAP_ISO3.has(v.iso3.toUpperCase()));
  const titleId = `${id}-title`;
  const text = (v: MapValue) => `${v.label}: ${fmt(v.value)}`;
  return (
    <figure class="chart map" id={id}>
      <figcaption>{title}</figcaption>
      <div class="map-body">
        <svg
          class="chart-svg map-svg"
          viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
          role={linked ? 'group' : 'img'}
          aria-labelledby={titleId}
          preserveAspectRatio="xMidYMid meet"
        >
          <title id={titleId}>{title}</title>
          {/* fill and stroke here only for a page without its stylesheet: the classes decide */}
          <g class="map-countries" fill="#e3e6ea" stroke="#ffffff" stroke-width="0.5">
            {MAP.shapes.map((s) => {
              const v = byIso.get(s.iso3);
              const c = classes.classOf(v?.value);
              const cls = c ? `map-c${c}` : undefined;
              if (!v) return <path d={s.d} />;
              if (v.href)
                return (
                  <a href={v.href} aria-label={text(v)}>
                    <title>{text(v)}</title>
                    <path class={cls} d={s.d} />
                  </a>
                );
              return (
                <path class={cls} d={s.d}>
                  <title>{text(v)}</title>
                </path>
              );
            })}
          </g>
        </svg>
        {offMap.length ? (
          <div class="map-offmap">
            <p id={`${id}-offmap`}>{ctx.t('map.notOnMap')}</p>
            <ul aria-labelledby={`${id}-offmap`}>
              {offMap.map((v) => (
                <li>
                  <span class={`map-swatch map-c${classes.classOf(v.value)}`} aria-hidden="true" />
                  {v.href ? <a href={v.href}>{v.label}</a> : v.label}: {fmt(v.value)}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      <div class="map-legend">
        <p id={`${id}-legend`}>{ctx.t('map.legend')}</p>
        <ul aria-labelledby={`${id}-legend`}>
          <li>
            <span class="map-swatch map-c0" aria-hidden="true" />
            {ctx.t('map.none')}
          </li>
          {classes.ranges.map((r) => (
            <li>
              <span class={`map-swatch map-c${r.cls}`} aria-hidden="true" />
              {r.min === r.max ? fmt(r.min) : `${fmt(r.min)}–${fmt(r.max)}`}
            </li>
          ))}
        </ul>
      </div>
      <p class="map-disclaimer">
        <small>{ctx.t('map.disclaimer')}</small>
      </p>
      <details class="chart-data">
        <summary>{ctx.t('chart.dataTable', { title })}</summary>
        <DataTable
          ctx={ctx}
          title={title}
          captionHidden
          rows={values.map((v) => ({ label: v.label, href: v.href, value: fmt(v.value) }))}
        />
      </details>
    </figure>
  );
}
