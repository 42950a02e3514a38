// Runs in a worker thread (extract.ts starts one per file, with a heap limit and a time limit, and terminates it when
// either is reached): reads the text of one PDF (unpdf: PDF.js without a canvas) or DOCX (mammoth's raw text), within
// bounds on pages and characters. A DOCX is inflated as a stream and counted first (platform/files/archive.ts), so a
// ZIP bomb is refused before mammoth unpacks it. Whatever the file does, the answer is a message, never a throw.
// Plain erasable TypeScript: Node strips the types when it loads this file into the thread.
import { parentPort, workerData } from 'node:worker_threads';
import { checkArchive } from '../../../platform/files/archive.ts';

export interface ExtractRequest {
  data: Uint8Array;
  kind: 'pdf' | 'docx';
  maxPages: number;
  maxChars: number;
  maxInflated: number;
}

export type ExtractReason =
  | 'confidential'
  | 'unreadable'
  | 'encrypted'
  | 'unsupported'
  | 'timeout'
  | 'memory'
  | 'pages'
  | 'characters'
  | 'inflated'
  | 'attempts';

export interface ExtractOutcome {
  status: 'done' | 'failed' | 'too_large';
  reason: ExtractReason | null;
  text: string;
  pages: number | null;
  detail?: string;
}

/** The text as stored: NFC, control characters removed (tabs and new lines kept), runs of blanks shortened. */
export function tidy(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\uE000\uE001\uFFFE\uFFFF]/g, ' ')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n[ \n]*/g, '\n')
    .trim();
}

async function pdfText(req: ExtractRequest): Promise<ExtractOutcome> {
  const { getDocumentProxy } = await import('unpdf');
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(req.data, {
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
      verbosity: 0,
    } as never);
  } catch (err) {
    const name = (err as { name?: string })?.name ?? '';
    const reason = name === 'PasswordException' ? 'encrypted' : 'unreadable';
    return { status: 'failed', reason, text: '', pages: null, detail: String((err as Error)?.message ?? err) };
  }
  const pages = pdf.numPages;
  let text = '';
  let reason: ExtractReason | null = null;
  for (let n = 1; n <= pages; n++) {
    if (n > req.maxPages) {
      reason = 'pages';
      break;
    }
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    for (const item of content.items as { str?: string; hasEOL?: boolean }[])
      text += (item.str ?? '') + (item.hasEOL ? '\n' : '');
    text += '\n\n';
    page.cleanup();
    if (text.length > req.maxChars * 2) {
      reason = 'characters';
      break;
    }
  }
  await (pdf as unknown as { loadingTask?: { destroy(): Promise<void> } }).loadingTask?.destroy();
  return bounded(text, reason, req, pages);
}

async function docxText(req: ExtractRequest): Promise<ExtractOutcome> {
  const buffer = Buffer.from(req.data.buffer, req.data.byteOffset, req.data.byteLength);
  const check = await checkArchive(buffer, req.maxInflated);
  if (!check.ok)
    return check.reason === 'too_large'
      ? { status: 'too_large', reason: 'inflated', text: '', pages: null }
      : { status: 'failed', reason: 'unreadable', text: '', pages: null, detail: check.message };
  const mammoth = (await import('mammoth')).default;
  try {
    const r = await mammoth.extractRawText({ buffer });
    return bounded(r.value, null, req, null);
  } catch (err) {
    return { status: 'failed', reason: 'unreadable', text: '', pages: null, detail: String((err as Error)?.message) };
  }
}

function bounded(raw: string, reason: ExtractReason | null, req: ExtractRequest, pages: number | null) {
  let text = tidy(raw);
  let why = reason;
  if (text.length > req.maxChars) {
    // Cut at a word's end where there is one near the limit.
    const cut = text.lastIndexOf(' ', req.maxChars);
    text = text.slice(0, cut > req.maxChars - 200 ? cut : req.maxChars);
    why = why ?? 'characters';
  }
  return { status: why ? 'too_large' : 'done', reason: why, text, pages } as ExtractOutcome;
}

export async function extractInThread(req: ExtractRequest): Promise<ExtractOutcome> {
  try {
    return req.kind === 'pdf' ? await pdfText(req) : await docxText(req);
  } catch (err) {
    return { status: 'failed', reason: 'unreadable', text: '', pages: null, detail: String((err as Error)?.message) };
  }
}

if (parentPort && workerData?.ctcpExtract) {
  const port = parentPort;
  extractInThread(workerData.ctcpExtract as ExtractRequest).then(
    (out) => port.postMessage(out),
    (err) => port.postMessage({ status: 'failed', reason: 'unreadable', text: '', pages: null, detail: String(err) }),
  );
}
