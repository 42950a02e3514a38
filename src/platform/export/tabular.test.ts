import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import Fastify from 'fastify';
import { parse as parseDisposition } from 'content-disposition';
import {
  CSV_TYPE,
  XLSX_TYPE,
  attachmentHeader,
  csvChunks,
  formatCellDate,
  keysetPages,
  guardFormula,
  humanSize,
  parseTabular,
  sendTable,
  toCsv,
  toXlsx,
  unguardFormula,
  zipUncompressedSize,
  type Column,
} from './tabular.ts';
import { AppError } from '../http/errors.ts';
import { checkArchive } from '../files/archive.ts';
import { translate } from '../i18n/index.ts';

interface Row {
  code: string;
  name: string;
  sector: string | null;
  count: number | null;
  since: Date | null;
}

const columns: Column<Row>[] = [
  { key: 'code', header: 'Code', hxl: '#country+code', value: (r) => r.code },
  { key: 'name', header: 'Name', hxl: '#country+name', value: (r) => r.name },
  { key: 'sector', header: 'Sector', value: (r) => r.sector },
  { key: 'count', header: 'Projects', hxl: '#indicator+num', value: (r) => r.count },
  { key: 'since', header: 'Since', hxl: '#date', value: (r) => r.since },
];

const rows: Row[] = [
  {
    code: 'FRA',
    name: 'France',
    sector: 'Border management, "BM"',
    count: 12,
    since: new Date('2021-03-04T00:00:00Z'),
  },
  { code: 'EGY', name: 'مصر', sector: 'أمن الحدود\nسطر ثانٍ', count: 0, since: new Date('2022-11-30T15:45:10Z') },
  { code: 'CHN', name: '中国', sector: '边境管理', count: -3.25, since: null },
  { code: 'XAR', name: 'Arcadia', sector: null, count: null, since: null },
];

/** What parseTabular should give back for `rows`: strings, dates as text, empty for null. */
const expected = rows.map((r) => ({
  Code: r.code,
  Name: r.name,
  Sector: r.sector ?? '',
  Projects: r.count === null ? '' : String(r.count),
  Since: r.since ? formatCellDate(r.since) : '',
}));

const headers = columns.map((c) => c.header);

async function rejects(p: Promise<unknown>, key: string, values?: Record<string, unknown>) {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof AppError, String(e));
    assert.equal(e.status, 422);
    assert.equal(e.messageKey, key);
    if (values) assert.deepEqual(e.values, values);
    // the message renders in every language with the values given
    for (const l of ['en', 'ar', 'fr', 'zh'] as const)
      assert.doesNotMatch(translate(l, e.messageKey, e.values as never), /^import\.|\{/);
    return true;
  });
}

test('formatCellDate: a date at midnight UTC is a day, anything else an instant to the second', () => {
  assert.equal(formatCellDate(new Date('2024-02-29T00:00:00Z')), '2024-02-29');
  assert.equal(formatCellDate(new Date('2024-02-29T13:05:09.400Z')), '2024-02-29T13:05:09Z');
  assert.equal(formatCellDate(new Date('2024-02-29T23:59:59.999Z')), '2024-03-01');
  assert.equal(formatCellDate(new Date('nope')), '');
});

test('toCsv: UTF-8 BOM, CRLF, header row, RFC 4180 quoting, numbers and dates as text', () => {
  const csv = toCsv(columns, rows);
  assert.ok(csv.startsWith('\uFEFFCode,Name,Sector,Projects,Since\r\n'));
  const lines = csv.slice(1).split('\r\n');
  assert.equal(lines[1], 'FRA,France,"Border management, ""BM""",12,2021-03-04');
  assert.equal(lines[2], 'EGY,مصر,"أمن الحدود\nسطر ثانٍ",0,2022-11-30T15:45:10Z');
  assert.equal(lines[3], 'CHN,中国,边境管理,-3.25,', 'negative numbers are numbers, not guarded');
  assert.equal(lines[4], 'XAR,Arcadia,,,');
  assert.equal(lines[5], '');
  assert.equal(lines.length, 6);
});

test('toCsv with HXL: a second row of hashtags, empty where a column has none; no row when no column has one', () => {
  const csv = toCsv(columns, rows, { hxl: true });
  assert.equal(csv.slice(1).split('\r\n')[1], '#country+code,#country+name,,#indicator+num,#date');
  const plain = columns.map(({ hxl: _hxl, ...c }) => c);
  assert.equal(toCsv(plain, rows, { hxl: true }), toCsv(plain, rows));
});

test('CSV formula injection: = + - @ tab CR get an apostrophe, numbers stay numbers, import undoes it', async () => {
  const nasty = [
    '=HYPERLINK("http://evil.example","x")',
    '+41 22 917 1234',
    '-2+3',
    '@SUM(A1)',
    '\t=1',
    '\r=1',
    "'=already",
    "'plain",
    'a=b',
    '#tag',
  ];
  const cols: Column<string | number>[] = [{ key: 'v', header: 'Value', value: (r) => r }];
  const csv = toCsv(cols, [...nasty, -5, 7.5]);
  const cells = (await parseTabular(Buffer.from(csv), 'x.csv')).rows.map((r) => r.Value);
  // what a spreadsheet would see: nothing starts with a formula character
  const raw = csv.slice(1).split('\r\n').slice(1, -1);
  assert.equal(raw[0], `"'=HYPERLINK(""http://evil.example"",""x"")"`);
  assert.equal(raw[1], "'+41 22 917 1234");
  assert.equal(raw[2], "'-2+3");
  assert.equal(raw[3], "'@SUM(A1)");
  assert.equal(raw[4], "'\t=1");
  assert.equal(raw[5], `"'\r=1"`);
  assert.equal(raw[6], "''=already");
  assert.equal(raw[7], "'plain");
  assert.equal(raw[8], 'a=b');
  assert.equal(raw[10], '-5');
  assert.equal(raw[11], '7.5');
  // and the import gives the original text back (trimmed, as every imported cell is)
  assert.deepEqual(cells, [...nasty.map((s) => unguardFormula(guardFormula(s)).trim()), '-5', '7.5']);
  assert.deepEqual(
    nasty.map((s) => unguardFormula(guardFormula(s))),
    nasty,
  );
  // headers are guarded too
  assert.ok(toCsv([{ key: 'k', header: '=cmd', value: () => 1 }], []).startsWith("\uFEFF'=cmd"));
});

test('CSV round trip, with and without HXL; Arabic and Chinese intact', async () => {
  for (const hxl of [false, true]) {
    const parsed = await parseTabular(Buffer.from(toCsv(columns, rows, { hxl }), 'utf8'), 'export.csv');
    assert.deepEqual(parsed.headers, headers);
    assert.deepEqual(parsed.rows, expected);
  }
});

test('XLSX: bold frozen header, HXL row, numbers as numbers, dates as dates, Unicode text', async () => {
  const buf = await toXlsx(columns, rows, { sheetName: 'Projects: 2024/25 [draft]', hxl: true });
  assert.equal(buf.subarray(0, 2).toString(), 'PK');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  assert.equal(ws.name, 'Projects  2024 25  draft');
  assert.equal(ws.getRow(1).getCell(1).value, 'Code');
  assert.equal(ws.getRow(1).font?.bold, true);
  // a column without a hashtag has an empty cell
  assert.deepEqual(
    Array.from((ws.getRow(2).values as unknown[]).slice(1), (v) => v ?? ''),
    ['#country+code', '#country+name', '', '#indicator+num', '#date'],
  );
  assert.equal(ws.views[0].state, 'frozen');
  assert.equal((ws.views[0] as { ySplit?: number }).ySplit, 2);
  assert.equal(ws.getCell('D3').value, 12);
  assert.equal(ws.getCell('D5').value, -3.25);
  assert.ok(ws.getCell('E3').value instanceof Date);
  assert.equal(ws.getCell('E3').numFmt, 'yyyy-mm-dd');
  assert.equal((ws.getCell('E4').value as Date).toISOString(), '2022-11-30T15:45:10.000Z');
  assert.equal(ws.getCell('B4').value, 'مصر');
  assert.equal(ws.getCell('C5').value, '边境管理');
  assert.equal(ws.getCell('C6').value, null);
  // a text cell is text, never a formula
  const f = await toXlsx([{ key: 'v', header: 'V', value: () => '=1+1' }], [1]);
  const wb2 = new ExcelJS.Workbook();
  await wb2.xlsx.load(f as unknown as ExcelJS.Buffer);
  assert.equal(wb2.worksheets[0].getCell('A2').value, '=1+1');
  assert.equal(wb2.worksheets[0].getCell('A2').type, ExcelJS.ValueType.String);
  assert.equal((wb2.worksheets[0].views[0] as { ySplit?: number }).ySplit, 1);
});

test('XLSX round trip, with and without HXL', async () => {
  for (const hxl of [false, true]) {
    const parsed = await parseTabular(await toXlsx(columns, rows, { sheetName: 'Data', hxl }), 'export.XLSX');
    assert.deepEqual(parsed.headers, headers);
    assert.deepEqual(parsed.rows, expected);
  }
});

test('XLSX import: rich text joined, formula results, link texts, booleans, errors, first sheet only', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('First');
  ws.addRow(['  Name ', 'Total', 'Link', 'Flag', 'Err', 'When']);
  ws.addRow([
    { richText: [{ text: 'Bold ', font: { bold: true } }, { text: 'and plain' }] },
    { formula: 'SUM(1,2)', result: 3 },
    { text: 'UNOCT', hyperlink: 'https://www.un.org/counterterrorism/' },
    true,
    { error: '#N/A' },
    new Date(Date.UTC(2020, 0, 31)),
  ]);
  ws.addRow([]);
  ws.addRow(['  padded  ', { formula: 'A1', result: undefined as never }, null, false, null, null]);
  wb.addWorksheet('Second').addRow(['Other']);
  const parsed = await parseTabular(Buffer.from(await wb.xlsx.writeBuffer()), 'in.xlsx');
  assert.deepEqual(parsed.headers, ['Name', 'Total', 'Link', 'Flag', 'Err', 'When']);
  assert.deepEqual(parsed.rows, [
    { Name: 'Bold and plain', Total: '3', Link: 'UNOCT', Flag: 'TRUE', Err: '#N/A', When: '2020-01-31' },
    { Name: 'padded', Total: '', Link: '', Flag: 'FALSE', Err: '', When: '' },
  ]);
  // Each row as the spreadsheet numbers it: the blank row 3 counts.
  assert.deepEqual(parsed.rowNumbers, [2, 4]);
});

test('CSV import: BOM stripped, trimmed, blank lines and HXL row skipped, semicolons and short rows ok', async () => {
  const text =
    '\uFEFF Code ; Name;Note\r\n#country+code;#country+name;\r\n\r\nFRA ;  France;\r\n;;\r\nEGY;"مصر; القاهرة"\n';
  const parsed = await parseTabular(Buffer.from(text), 'in.csv');
  assert.deepEqual(parsed.headers, ['Code', 'Name', 'Note']);
  assert.deepEqual(parsed.rows, [
    { Code: 'FRA', Name: 'France', Note: '' },
    { Code: 'EGY', Name: 'مصر; القاهرة', Note: '' },
  ]);
  // Each row's number counts the header, the HXL row and the blank lines, as a spreadsheet shows the file.
  assert.deepEqual(parsed.rowNumbers, [4, 6]);
  // a second row that only partly looks like tags is data
  const notHxl = await parseTabular(Buffer.from('a,b\n#1,x\n'), 'in.csv');
  assert.deepEqual(notHxl.rows, [{ a: '#1', b: 'x' }]);
  // columns without a header are left out
  assert.deepEqual((await parseTabular(Buffer.from('a,,c\n1,2,3\n'), 'in.csv')).rows, [{ a: '1', c: '3' }]);
});

test('refused: wrong extension, a .csv that is a ZIP, an .xlsx that is text or a ZIP that is no workbook', async () => {
  const xlsx = await toXlsx(columns, rows);
  await rejects(parseTabular(Buffer.from('a,b\n1,2\n'), 'data.txt'), 'import.fileType');
  await rejects(parseTabular(Buffer.from('a,b\n1,2\n'), 'data'), 'import.fileType');
  await rejects(parseTabular(xlsx, 'data.xls'), 'import.fileType');
  await rejects(parseTabular(xlsx, 'data.csv'), 'import.fileType');
  await rejects(parseTabular(Buffer.from('Code,Name\nFRA,France\n'), 'data.xlsx'), 'import.fileType');
  await rejects(parseTabular(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), 'data.xlsx'), 'import.fileType');
  // a ZIP whose directory is cut off
  await rejects(parseTabular(xlsx.subarray(0, xlsx.length - 30), 'data.xlsx'), 'import.fileType');
  // a real ZIP that is not a workbook
  const notWorkbook = Buffer.from(zipOf('hello.txt', 'hello'));
  await rejects(parseTabular(notWorkbook, 'data.xlsx'), 'import.unreadable');
});

test('refused: NUL bytes and text that is not UTF-8', async () => {
  await rejects(parseTabular(Buffer.from('a,b\n1,\u00002\n'), 'x.csv'), 'import.fileType');
  const latin1 = Buffer.from('Nom,Pays\nCôte,Sénégal\n', 'latin1');
  await rejects(parseTabular(latin1, 'x.csv'), 'import.unreadable');
  await rejects(parseTabular(Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0xff, 0xfe, 0x0a]), 'x.csv'), 'import.unreadable');
});

test('refused: too large, with the limit in words', async () => {
  await rejects(parseTabular(Buffer.alloc(5 * 1024 * 1024 + 1, 0x61), 'big.csv'), 'import.tooLarge', { max: '5 MB' });
  await rejects(parseTabular(Buffer.from('a,b\n1,2\n'), 'x.csv', { maxBytes: 4 }), 'import.tooLarge', { max: '4 B' });
  assert.equal(humanSize(1536), '1.5 KB');
  assert.equal(
    translate('en', 'import.tooLarge', { max: humanSize(5 * 1024 * 1024) }),
    'The file is larger than 5 MB.',
  );
});

test('refused: too many rows (header and HXL row not counted), in both formats', async () => {
  const many = Array.from({ length: 4 }, (_, i) => ({ ...rows[0], code: `C${i}` }));
  for (const hxl of [false, true]) {
    await rejects(
      parseTabular(Buffer.from(toCsv(columns, many, { hxl })), 'x.csv', { maxRows: 3 }),
      'import.tooManyRows',
      { max: 3 },
    );
    await rejects(parseTabular(await toXlsx(columns, many, { hxl }), 'x.xlsx', { maxRows: 3 }), 'import.tooManyRows', {
      max: 3,
    });
    assert.equal(
      (await parseTabular(Buffer.from(toCsv(columns, many, { hxl })), 'x.csv', { maxRows: 4 })).rows.length,
      4,
    );
    assert.equal((await parseTabular(await toXlsx(columns, many, { hxl }), 'x.xlsx', { maxRows: 4 })).rows.length, 4);
  }
  assert.equal(translate('en', 'import.tooManyRows', { max: 10000 }), 'The file has more than 10,000 rows.');
});

test('refused: empty files, headers without rows', async () => {
  await rejects(parseTabular(Buffer.alloc(0), 'x.csv'), 'import.empty');
  await rejects(parseTabular(Buffer.alloc(0), 'x.xlsx'), 'import.empty');
  await rejects(parseTabular(Buffer.from('\uFEFF'), 'x.csv'), 'import.empty');
  await rejects(parseTabular(Buffer.from('\r\n\r\n , \r\n'), 'x.csv'), 'import.empty');
  await rejects(parseTabular(Buffer.from(toCsv(columns, [])), 'x.csv'), 'import.empty');
  await rejects(parseTabular(Buffer.from(toCsv(columns, [], { hxl: true })), 'x.csv'), 'import.empty');
  await rejects(parseTabular(await toXlsx(columns, [], { hxl: true }), 'x.xlsx'), 'import.empty');
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Empty');
  await rejects(parseTabular(Buffer.from(await wb.xlsx.writeBuffer()), 'x.xlsx'), 'import.empty');
});

test('refused: unreadable CSV and duplicate headers, with a reason', async () => {
  await rejects(parseTabular(Buffer.from('a,b\n"1,2\n'), 'x.csv'), 'import.unreadable');
  await rejects(parseTabular(Buffer.from('a,b,a\n1,2,3\n'), 'x.csv'), 'import.unreadable', {
    reason: 'duplicate column "a"',
  });
});

test('refused: a workbook that would expand far beyond the upload limit (ZIP bomb)', async () => {
  const bomb = Buffer.from(zipOf('xl/worksheets/sheet1.xml', '<x/>'));
  const central = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  bomb.writeUInt32LE(200 * 1024 * 1024, central + 24);
  assert.equal(zipUncompressedSize(bomb), 200 * 1024 * 1024);
  await rejects(parseTabular(bomb, 'bomb.xlsx'), 'import.unreadable', {
    reason: 'the workbook expands to more than 50 MB',
  });
});

test('refused: a workbook that lies about its sizes is stopped while it inflates, at the cap', async () => {
  // 64 MiB of zeros deflate to about 64 KB; the archive declares 1,000 bytes.
  const liar = deflatedZip('xl/worksheets/sheet1.xml', Buffer.alloc(64 * 1024 * 1024), 1000);
  assert.ok(liar.length < 200_000);
  assert.equal(zipUncompressedSize(liar), 1000, 'the central directory lies');
  await rejects(parseTabular(liar, 'liar.xlsx'), 'import.unreadable', {
    reason: 'the workbook expands to more than 50 MB',
  });
  // The check stops at the cap (plus one chunk), whatever the archive declares.
  const check = await checkArchive(liar, 8 * 1024 * 1024);
  assert.equal(check.ok, false);
  assert.ok(!check.ok && check.reason === 'too_large' && check.inflated < 8 * 1024 * 1024 + 256 * 1024);
  const honest = await checkArchive(await toXlsx(columns, rows), 8 * 1024 * 1024);
  assert.ok(honest.ok && honest.entries > 3 && honest.inflated > 0);
});

test('zipUncompressedSize reads the central directory', async () => {
  assert.equal(zipUncompressedSize(Buffer.from(zipOf('a.txt', 'hello world'))), 11);
  assert.equal(zipUncompressedSize(Buffer.from('not a zip at all, not at all')), undefined);
  const xlsx = await toXlsx(columns, rows);
  assert.ok(zipUncompressedSize(xlsx)! > xlsx.length);
});

test('attachmentHeader: ASCII fallback and RFC 8187 filename*', () => {
  assert.equal(attachmentHeader('report.csv'), 'attachment; filename=report.csv');
  const fr = attachmentHeader('Données 2024.xlsx');
  assert.equal(fr, `attachment; filename="Donnees 2024.xlsx"; filename*=UTF-8''Donn%C3%A9es%202024.xlsx`);
  const arabic = parseDisposition(attachmentHeader('تقرير.csv'));
  assert.equal(arabic.parameters.filename, 'تقرير.csv');
  assert.match(attachmentHeader('تقرير.csv'), /^attachment; filename=export\.csv; filename\*=UTF-8''%D8%AA/);
  assert.match(
    attachmentHeader('报告 "x".csv'),
    /filename="_ _x_\.csv"; filename\*=UTF-8''%E6%8A%A5%E5%91%8A%20%22x%22\.csv/,
  );
  assert.doesNotMatch(attachmentHeader('../../etc/passwd\r\n.csv'), /[\r\n/]/);
});

test('sendTable: CSV and XLSX downloads with type, disposition and no caching', async () => {
  const app = Fastify();
  app.get('/csv', (_req, reply) => sendTable(reply, 'csv', 'Projets — 2024', columns, rows, { hxl: true }));
  app.get('/xlsx', (_req, reply) => sendTable(reply, 'xlsx', 'projects.xlsx', columns, rows));
  try {
    const csv = await app.inject('/csv');
    assert.equal(csv.statusCode, 200);
    assert.equal(csv.headers['content-type'], CSV_TYPE);
    assert.equal(csv.headers['cache-control'], 'private, no-store');
    assert.equal(
      parseDisposition(String(csv.headers['content-disposition'])).parameters.filename,
      'Projets — 2024.csv',
    );
    assert.match(
      String(csv.headers['content-disposition']),
      /^attachment; filename="Projets _ 2024\.csv"; filename\*=UTF-8''/,
    );
    assert.equal(csv.rawPayload.subarray(0, 3).toString('hex'), 'efbbbf');
    assert.deepEqual((await parseTabular(csv.rawPayload, 'down.csv')).rows, expected);
    const xlsx = await app.inject('/xlsx');
    assert.equal(xlsx.headers['content-type'], XLSX_TYPE);
    assert.equal(xlsx.headers['content-disposition'], 'attachment; filename=projects.xlsx');
    assert.deepEqual((await parseTabular(xlsx.rawPayload, 'down.xlsx')).rows, expected);
  } finally {
    await app.close();
  }
});

async function* slowly<R>(rows: R[]): AsyncGenerator<R> {
  for (const r of rows) {
    await Promise.resolve();
    yield r;
  }
}

test('csvChunks gives the bytes of toCsv, in chunks, from rows read as they go', async () => {
  let text = '';
  let chunks = 0;
  for await (const c of csvChunks(columns, slowly(rows), { hxl: true })) {
    text += c;
    chunks++;
  }
  assert.equal(text, toCsv(columns, rows, { hxl: true }));
  assert.equal(chunks, 2, 'the header, then one batch of rows');
  assert.equal(toCsv(columns, []), `\uFEFF${headers.join(',')}\r\n`);
});

test('sendTable streams rows read page by page: 10,500 rows, none cut, CRLF, guarded, frozen header', async () => {
  const n = 10_500;
  const served: number[] = [];
  const load = async (after: number | null, limit: number) => {
    served.push(limit);
    const start = (after ?? 0) + 1;
    return Array.from({ length: Math.max(0, Math.min(limit, n - start + 1)) }, (_, i) => start + i);
  };
  const cols: Column<number>[] = [
    { key: 'n', header: 'N', hxl: '#indicator+num', value: (i) => i },
    { key: 'name', header: 'Name', hxl: '#contact+name', value: (i) => (i % 1000 === 0 ? `=cmd${i}` : `Person ${i}`) },
  ];
  const app = Fastify();
  app.get('/csv', (_req, reply) =>
    sendTable(
      reply,
      'csv',
      'big',
      cols,
      keysetPages(load, (i) => i),
      { hxl: true },
    ),
  );
  app.get('/xlsx', (_req, reply) =>
    sendTable(
      reply,
      'xlsx',
      'big',
      cols,
      keysetPages(load, (i) => i),
      { hxl: true },
    ),
  );
  try {
    const csv = await app.inject('/csv');
    assert.equal(csv.statusCode, 200);
    const lines = csv.body.slice(1).split('\r\n');
    assert.equal(lines.length, n + 3, 'header, HXL row, every row, and the final CRLF');
    assert.equal(lines[0], 'N,Name');
    assert.equal(lines[1], '#indicator+num,#contact+name');
    assert.equal(lines[n + 1], `${n},Person ${n}`);
    assert.equal(lines[1001], "1000,'=cmd1000", 'the same formula guard as every export');
    assert.doesNotMatch(csv.body.replace(/\r\n/g, ''), /\n/, 'no bare LF');
    assert.deepEqual(served, [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000], 'one page at a time');
    const xlsx = await app.inject('/xlsx');
    assert.equal(xlsx.statusCode, 200);
    assert.equal(xlsx.headers['content-type'], XLSX_TYPE);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    assert.equal(ws.actualRowCount, n + 2);
    assert.equal(ws.getRow(1).font?.bold, true);
    assert.equal(ws.views[0].state, 'frozen');
    assert.equal((ws.views[0] as { ySplit?: number }).ySplit, 2);
    assert.equal(ws.getCell(`A${n + 2}`).value, n);
    assert.equal(ws.getCell('B1002').value, '=cmd1000');
    assert.equal(ws.getCell('B1002').type, ExcelJS.ValueType.String);
  } finally {
    await app.close();
  }
});

// A minimal stored (uncompressed) ZIP with one file, for tests.
function zipOf(name: string, content: string): Uint8Array {
  const data = Buffer.from(content);
  const fname = Buffer.from(name);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fname.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fname.length, 28);
  const cdOffset = local.length + fname.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fname.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, fname, data, central, fname, end]);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

// A ZIP with one deflated file whose headers declare `declared` uncompressed bytes (a lying archive).
function deflatedZip(name: string, content: Buffer, declared: number): Buffer {
  const data = deflateRawSync(content);
  const fname = Buffer.from(name);
  const crc = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(fname.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(fname.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fname.length, 12);
  end.writeUInt32LE(local.length + fname.length + data.length, 16);
  return Buffer.concat([local, fname, data, central, fname, end]);
}
