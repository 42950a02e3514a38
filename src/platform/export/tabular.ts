// Tables out (CSV, Excel) and in (CSV or Excel uploads): one column definition for both formats, optional HXL
// hashtags (https://hxlstandard.org) as a second header row, CSV formula injection neutralised on the way out and
// undone on the way back in, uploads checked by extension AND content before anything parses them.
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { CsvError, parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
// Loaded on the first XLSX read or written, not at start (almost half a second of the start's module loading).
const excel = async () => (await import('exceljs')).default;
import { fileTypeFromBuffer } from 'file-type';
import { create as contentDisposition } from 'content-disposition';
import { PassThrough, Readable, type Writable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { AppError } from '../http/errors.ts';
import { checkArchive } from '../files/archive.ts';

export type Cell = string | number | null | Date;

export interface Column<R> {
  key: string;
  /** The header people read (already translated). */
  header: string;
  /** HXL hashtag with attributes, e.g. '#country+code', '#sector', '#indicator+num'. */
  hxl?: string;
  value: (row: R) => Cell;
}

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const MiB = 1024 * 1024;
/** Excel's limit on the text in one cell. */
const XLSX_MAX_TEXT = 32_767;

/** A date at midnight UTC as YYYY-MM-DD, any other instant as YYYY-MM-DDTHH:MM:SSZ (to the second). */
export function formatCellDate(d: Date): string {
  const ms = d.getTime();
  if (Number.isNaN(ms)) return '';
  const iso = new Date(Math.round(ms / 1000) * 1000).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`;
}

// --- CSV formula injection (OWASP): a text cell that a spreadsheet would read as a formula gets a leading
// apostrophe. Text that already starts with apostrophes before such a character gets one more, so that
// unguardFormula() gives every original text back exactly.
const FORMULA_START = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;
export const guardFormula = (s: string) => (FORMULA_START.test(s) ? `'${s}` : s);
export const unguardFormula = (s: string) => (GUARDED.test(s) ? s.slice(1) : s);

function csvCell(v: Cell | undefined): string | number {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? v : '';
  if (v instanceof Date) return formatCellDate(v);
  return guardFormula(String(v));
}

function hxlRow<R>(columns: readonly Column<R>[], hxl: boolean | undefined): string[] | null {
  if (!hxl || !columns.some((c) => c.hxl)) return null;
  return columns.map((c) => c.hxl ?? '');
}

/** Rows in memory, or rows read as they are sent (a database read page by page): one export path for both. */
export type Rows<R> = Iterable<R> | AsyncIterable<R>;
const isAsync = <R>(rows: Rows<R>): rows is AsyncIterable<R> =>
  typeof (rows as AsyncIterable<R>)[Symbol.asyncIterator] === 'function';

const CSV_OPTIONS = { record_delimiter: '\r\n', quoted_match: /[\r\n]/ } as const;
/** Rows are turned into text this many at a time: a long export is sent while it is read, never held whole. */
const CSV_BATCH = 1000;

function csvHead<R>(columns: readonly Column<R>[], hxl: boolean | undefined): string {
  const records: (string | number)[][] = [columns.map((c) => guardFormula(c.header))];
  const tags = hxlRow(columns, hxl);
  if (tags) records.push(tags);
  return stringify(records, { bom: true, ...CSV_OPTIONS });
}
const csvRecords = <R>(columns: readonly Column<R>[], batch: R[]) =>
  stringify(
    batch.map((row) => columns.map((c) => csvCell(c.value(row)))),
    CSV_OPTIONS,
  );

/** RFC 4180 CSV (CRLF, quoted where needed) with a UTF-8 byte order mark so Excel reads it as UTF-8. */
export function toCsv<R>(columns: readonly Column<R>[], rows: Iterable<R>, opts: { hxl?: boolean } = {}): string {
  const out = [csvHead(columns, opts.hxl)];
  const all = [...rows];
  if (all.length) out.push(csvRecords(columns, all));
  return out.join('');
}

/** The same CSV as `toCsv`, as text chunks: the header first, then the rows a batch at a time, as they are read. */
export async function* csvChunks<R>(
  columns: readonly Column<R>[],
  rows: Rows<R>,
  opts: { hxl?: boolean } = {},
): AsyncGenerator<string> {
  yield csvHead(columns, opts.hxl);
  let batch: R[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= CSV_BATCH) {
      yield csvRecords(columns, batch);
      batch = [];
    }
  }
  if (batch.length) yield csvRecords(columns, batch);
}

function sheetName(name: string | undefined): string {
  const clean = (name ?? '')
    .replace(/[[\]:*?/\\\u0000-\u001f]/g, ' ')
    .replace(/^'+|'+$/g, '')
    .trim()
    .slice(0, 31)
    .trim();
  return clean || 'Sheet1';
}

/** Column widths come from the header and this many first rows (they must be written before the first row). */
const WIDTH_SAMPLE = 500;

/**
 * Writes an Excel workbook of one sheet to `out` as it goes (ExcelJS's streaming writer: each row is committed and
 * leaves memory): bold frozen header (and HXL row), numbers as numbers, dates as dates, text never a formula.
 */
export async function writeXlsx<R>(
  columns: readonly Column<R>[],
  rows: Rows<R>,
  out: Writable,
  opts: { sheetName?: string; hxl?: boolean } = {},
): Promise<void> {
  const wb = new (await excel()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'CTCP';
  const tags = hxlRow(columns, opts.hxl);
  const ws = wb.addWorksheet(sheetName(opts.sheetName), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: tags ? 2 : 1 }],
  });
  const cells = (row: R) =>
    columns.map((c) => {
      const v = c.value(row);
      if (v === null || v === undefined) return null;
      if (typeof v === 'number') return Number.isFinite(v) ? v : null;
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
      return String(v).slice(0, XLSX_MAX_TEXT);
    });
  const iterator = isAsync(rows) ? rows[Symbol.asyncIterator]() : rows[Symbol.iterator]();
  const sample: Cell[][] = [];
  let done = false;
  while (sample.length < WIDTH_SAMPLE) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    sample.push(cells(next.value));
  }
  const widths = columns.map((c) => c.header.length);
  for (const values of sample)
    values.forEach((v, i) => {
      if (v instanceof Date) widths[i] = Math.max(widths[i], formatCellDate(v).length === 10 ? 10 : 19);
      else if (v !== null) widths[i] = Math.max(widths[i], String(v).length);
    });
  columns.forEach((_, i) => {
    ws.getColumn(i + 1).width = Math.min(60, Math.max(8, widths[i] + 2));
  });
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  if (tags) {
    const r = ws.addRow(tags);
    r.font = { italic: true, color: { argb: 'FF57606A' } };
    r.commit();
  }
  const write = (values: Cell[]) => {
    const added = ws.addRow(values);
    values.forEach((v, i) => {
      if (v instanceof Date)
        added.getCell(i + 1).numFmt = formatCellDate(v).length === 10 ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm:ss';
    });
    added.commit();
  };
  for (const values of sample) write(values);
  while (!done) {
    const next = await iterator.next();
    if (next.done) break;
    write(cells(next.value));
  }
  ws.commit();
  await wb.commit();
}

/** An Excel workbook of one sheet in memory (`writeXlsx` into a buffer). */
export async function toXlsx<R>(
  columns: readonly Column<R>[],
  rows: Rows<R>,
  opts: { sheetName?: string; hxl?: boolean } = {},
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  await writeXlsx(columns, rows, sink, opts);
  await ended;
  return Buffer.concat(chunks);
}

/** "attachment" with an ASCII filename for old clients and the full UTF-8 name as filename* (RFC 6266/8187). */
export function attachmentHeader(filename: string): string {
  const name = filename.replace(/[/\\\u0000-\u001f\u007f]/g, '_');
  const ext = path.extname(name);
  const base = name
    .slice(0, name.length - ext.length)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]+/g, '_')
    .replace(/["\\%]/g, '_');
  const asciiExt = ext.replace(/[^\x20-\x7e]+/g, '_').replace(/["\\%]/g, '_');
  const fallback = (/[A-Za-z0-9]/.test(base) ? base : 'export') + asciiExt;
  return fallback === name ? contentDisposition(name) : contentDisposition(name, { fallback });
}

/**
 * Sends rows as a CSV or Excel download. `filename` gets the format's extension when it lacks it. Rows in memory are
 * rendered first (an error is a clean error page); rows read as they go (an async iterable, e.g. a database read page
 * by page) are streamed: nothing cuts them at a row count, and memory stays at one page.
 */
export async function sendTable<R>(
  reply: FastifyReply,
  format: 'csv' | 'xlsx',
  filename: string,
  columns: readonly Column<R>[],
  rows: Rows<R>,
  opts: { hxl?: boolean; sheetName?: string } = {},
): Promise<FastifyReply> {
  const ext = `.${format}`;
  const name = filename.toLowerCase().endsWith(ext) ? filename : `${filename}${ext}`;
  const xlsxOpts = { hxl: opts.hxl, sheetName: opts.sheetName ?? name.slice(0, -ext.length) };
  let body: Buffer | string | Readable;
  if (!isAsync(rows)) body = format === 'csv' ? toCsv(columns, rows, opts) : await toXlsx(columns, rows, xlsxOpts);
  else if (format === 'csv') body = Readable.from(csvChunks(columns, rows, opts));
  else {
    const stream = new PassThrough();
    writeXlsx(columns, rows, stream, xlsxOpts).catch((err: unknown) => {
      reply.log.error({ err }, 'xlsx export failed while streaming');
      stream.destroy(err as Error);
    });
    body = stream;
  }
  return reply
    .header('content-type', format === 'csv' ? CSV_TYPE : XLSX_TYPE)
    .header('content-disposition', attachmentHeader(name))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(body);
}

/**
 * Reads a long list page by page for a streamed export: `load(after, limit)` returns the rows after the last one's
 * key (null for the first page), in key order; stops at a short page.
 */
export async function* keysetPages<R, K>(
  load: (after: K | null, limit: number) => Promise<R[]>,
  keyOf: (row: R) => K,
  pageSize = 1000,
): AsyncGenerator<R> {
  let after: K | null = null;
  for (;;) {
    const page = await load(after, pageSize);
    yield* page;
    if (page.length < pageSize) return;
    after = keyOf(page[page.length - 1]);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Import

export interface ParseOptions {
  maxBytes?: number;
  maxRows?: number;
}
export interface ParsedTable {
  headers: string[];
  rows: Record<string, string>[];
  /** Each row's number in the file as a spreadsheet shows it (the header is row 1; HXL and blank rows counted). */
  rowNumbers: number[];
}
/** A line of the file: its row number (from 1) and its cells. */
type Line = { n: number; cells: string[] };

/** 5242880 → "5 MB", 1536 → "1.5 KB" (binary multiples, as people read file sizes). */
export function humanSize(bytes: number): string {
  const one = (n: number) => String(Math.round(n * 10) / 10);
  if (bytes >= MiB) return `${one(bytes / MiB)} MB`;
  if (bytes >= 1024) return `${one(bytes / 1024)} KB`;
  return `${bytes} B`;
}

const importError = (messageKey: string, values: Record<string, unknown> = {}) =>
  new AppError('validation_failed', 422, messageKey, values);
const unreadable = (reason: string) => importError('import.unreadable', { reason });

/** Reads an uploaded .csv or .xlsx into header names and rows of trimmed strings keyed by header. The extension
 * and the content must agree; an HXL hashtag row under the headers is skipped. Throws AppError 422. */
export async function parseTabular(
  buffer: Buffer,
  filename: string,
  { maxBytes = 5 * MiB, maxRows = 10_000 }: ParseOptions = {},
): Promise<ParsedTable> {
  const ext = path.extname(filename).toLowerCase();
  if (ext !== '.csv' && ext !== '.xlsx') throw importError('import.fileType');
  if (buffer.length > maxBytes) throw importError('import.tooLarge', { max: humanSize(maxBytes) });
  if (buffer.length === 0) throw importError('import.empty');
  const grid = ext === '.csv' ? readCsv(buffer) : await readXlsx(buffer, maxBytes, maxRows);
  return toTable(grid, maxRows);
}

const isBlank = (cells: string[]) => cells.every((c) => c === '');
const isHxl = (cells: string[]) => !isBlank(cells) && cells.every((c) => c === '' || c.startsWith('#'));

function toTable(grid: Line[], maxRows: number): ParsedTable {
  const lines = grid.filter((l) => !isBlank(l.cells));
  if (!lines.length) throw importError('import.empty');
  const headers = lines[0].cells;
  while (headers.length && headers[headers.length - 1] === '') headers.pop();
  const seen = new Set<string>();
  for (const h of headers) {
    if (h && seen.has(h)) throw unreadable(`duplicate column "${h.slice(0, 100)}"`);
    seen.add(h);
  }
  const data = lines.slice(lines.length > 1 && isHxl(lines[1].cells) ? 2 : 1);
  if (!data.length) throw importError('import.empty');
  if (data.length > maxRows) throw importError('import.tooManyRows', { max: maxRows });
  const named = headers.map((h, i) => [h, i] as const).filter(([h]) => h !== '');
  return {
    headers: named.map(([h]) => h),
    rows: data.map(({ cells }) => Object.fromEntries(named.map(([h, i]) => [h, cells[i] ?? '']))),
    rowNumbers: data.map((l) => l.n),
  };
}

/** The most frequent of , ; and tab in the first line: Excel writes ; in locales whose decimal mark is a comma. */
function sniffDelimiter(text: string): string {
  const first = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length).replace(/"[^"]*"/g, '');
  let best = ',';
  let most = 0;
  for (const d of [',', ';', '\t']) {
    const n = first.split(d).length - 1;
    if (n > most) {
      best = d;
      most = n;
    }
  }
  return best;
}

function readCsv(buffer: Buffer): Line[] {
  if (buffer.includes(0)) throw importError('import.fileType');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer);
  } catch {
    throw unreadable('the text is not UTF-8 (save it as "CSV UTF-8")');
  }
  try {
    const records = parse(text, {
      delimiter: sniffDelimiter(text),
      relax_column_count: true,
      // Blank lines are records too (left out later): a record's number is its row in a spreadsheet.
      skip_empty_lines: false,
      trim: true,
      bom: true,
    }) as string[][];
    return records.map((cells, i) => ({ n: i + 1, cells: cells.map((c) => unguardFormula(c).trim()) }));
  } catch (e) {
    if (e instanceof CsvError) {
      const where = (e as CsvError & { lines?: number }).lines;
      throw unreadable(`${where ? `line ${where}: ` : ''}${e.message.split(':')[0]}`);
    }
    throw e;
  }
}

/** Sum of the uncompressed sizes in a ZIP's central directory, or undefined when it is not a plain ZIP. */
export function zipUncompressedSize(buf: Buffer): number | undefined {
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf.readUInt32LE(i) !== 0x06054b50) continue;
    const entries = buf.readUInt16LE(i + 10);
    const offset = buf.readUInt32LE(i + 16);
    if (entries === 0xffff || offset === 0xffffffff) return undefined;
    let p = offset;
    let total = 0;
    for (let n = 0; n < entries; n++) {
      if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return undefined;
      const size = buf.readUInt32LE(p + 24);
      if (size === 0xffffffff) return undefined;
      total += size;
      p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    }
    return total;
  }
  return undefined;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return formatCellDate(v);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return cellText((v as ExcelJS.CellFormulaValue).result ?? null);
  if ('hyperlink' in v) return cellText(v.text as ExcelJS.CellValue);
  if ('error' in v) return v.error;
  return '';
}

async function readXlsx(buffer: Buffer, maxBytes: number, maxRows: number): Promise<Line[]> {
  const type = await fileTypeFromBuffer(buffer);
  if (!type || (type.ext !== 'xlsx' && type.ext !== 'zip')) throw importError('import.fileType');
  // A workbook is compressed XML: refuse one that would expand beyond ten times the upload limit (a "ZIP bomb").
  const expanded = zipUncompressedSize(buffer);
  if (expanded === undefined) throw importError('import.fileType');
  const maxExpanded = Math.max(10 * maxBytes, 10 * MiB);
  if (expanded > maxExpanded) throw unreadable(`the workbook expands to more than ${humanSize(maxExpanded)}`);
  // The declared sizes can lie: inflate every entry once, counting, before the workbook reader opens it.
  const check = await checkArchive(buffer, maxExpanded);
  if (!check.ok && check.reason === 'too_large')
    throw unreadable(`the workbook expands to more than ${humanSize(maxExpanded)}`);
  if (!check.ok) throw unreadable(`not an Excel workbook (${check.message.slice(0, 120)})`);
  const wb = new (await excel()).Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw unreadable(`not an Excel workbook (${String((e as Error).message ?? e).slice(0, 120)})`);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw type.ext === 'xlsx' ? importError('import.empty') : unreadable('not an Excel workbook');
  // header + HXL row + rows: more than that cannot pass, whatever the blank rows
  if (ws.actualRowCount > maxRows + 2) throw importError('import.tooManyRows', { max: maxRows });
  const grid: Line[] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value).trim());
    grid.push({ n: row.number, cells });
  });
  return grid;
}
