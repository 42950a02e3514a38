// Lists: the breadcrumb above a page's title and the one table of rows (caption for screen readers, column
// headers, an empty state when there is nothing to show).
import type { ComponentChildren } from 'preact';
import { EmptyState } from './components.tsx';

/**
 * The way back: one link or a trail of links, above the page's title. A crumb without `href` names the current page
 * (user-entered text, so its direction is the text's own); `class` adds classes (e.g. "no-print").
 */
export function Breadcrumb({
  links,
  class: extra,
}: {
  links: { href?: string; label: ComponentChildren }[];
  class?: string;
}) {
  return (
    <p class={extra ? `${extra} breadcrumb` : 'breadcrumb'}>
      {links.map((l, i) => (
        <>
          {i > 0 ? ' › ' : null}
          {l.href === undefined ? <span dir="auto">{l.label}</span> : <a href={l.href}>{l.label}</a>}
        </>
      ))}
    </p>
  );
}

export interface Column<R> {
  /** The column header; when it is text, each cell also carries it (`data-label`) for the phone layout. */
  label: ComponentChildren;
  /** The cell of a row. */
  cell: (row: R) => ComponentChildren;
  /** Left to right (`dir="ltr"` around the cell's content) for codes, addresses and identifiers, in every language. */
  ltr?: boolean;
}

/**
 * A table of rows with a visually hidden caption, or the empty state when there are none. On a phone (class "stack",
 * static/app.css) each row becomes a block of labelled lines: no page is wider than the screen, however many columns.
 */
export function ListTable<R>({
  caption,
  columns,
  rows,
  empty,
  class: className,
  showCaption,
}: {
  caption: string;
  class?: string;
  /** A visible caption (the table's heading on the page); otherwise it is for screen readers only. */
  showCaption?: boolean;
  columns: Column<R>[];
  rows: R[];
  /** Shown instead of the table when there are no rows; without it an empty table is shown. */
  empty?: ComponentChildren;
}) {
  if (!rows.length && empty !== undefined) return <EmptyState>{empty}</EmptyState>;
  return (
    <table class={className ? `stack ${className}` : 'stack'}>
      <caption class={showCaption ? undefined : 'visually-hidden'}>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th scope="col">{c.label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            {columns.map((c) => (
              <td data-label={typeof c.label === 'string' ? c.label : undefined}>
                {c.ltr ? <span dir="ltr">{c.cell(r)}</span> : c.cell(r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A table of figures with a visible caption: one row per key (a row header), numbers in the cells. Each cell carries
 * its column's name (`data-label`) so the `stack` style reads well on a phone.
 */
export function FigureTable<R>({
  caption,
  keyLabel,
  rows,
  rowLabel,
  columns,
}: {
  caption: string;
  keyLabel: string;
  rows: R[];
  rowLabel: (row: R) => ComponentChildren;
  columns: { label: string; value: (row: R) => ComponentChildren }[];
}) {
  return (
    <table class="stack briefing-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{keyLabel}</th>
          {columns.map((c) => (
            <th scope="col" class="num">
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <th scope="row" data-label={keyLabel}>
              {rowLabel(r)}
            </th>
            {columns.map((c) => (
              <td class="num" data-label={c.label}>
                {c.value(r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
