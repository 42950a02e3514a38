// Reading the text of an uploaded file, bounded: one worker thread per file (extract.worker.ts) with its own heap
// limit, terminated when the time limit passes. A malformed, encrypted, lying or enormous file ends as an outcome
// (failed or too large, with a reason), never as a crash of the process that runs the job.
import { Worker } from 'node:worker_threads';
import type { ExtractOutcome, ExtractReason } from './extract.worker.ts';

export type { ExtractOutcome, ExtractReason };

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface ExtractLimits {
  /** Pages of a PDF read; the text of the pages after is not searchable (too large). */
  maxPages: number;
  /** Characters kept (the search index keeps 100,000 of a passage). */
  maxChars: number;
  /** Bytes a DOCX may inflate to, counted as it inflates (its declared sizes are not trusted). */
  maxInflated: number;
  /** Milliseconds a file may take. */
  timeoutMs: number;
  /** The thread's heap, in MB. */
  heapMb: number;
}

export const EXTRACT_LIMITS: ExtractLimits = {
  maxPages: 500,
  maxChars: 100_000,
  maxInflated: 100 * 1024 * 1024,
  timeoutMs: 60_000,
  heapMb: 256,
};

const WORKER = new URL('./extract.worker.ts', import.meta.url);

/** The text of a PDF or DOCX file within the limits; any other type is `unsupported`. */
export function extractFileText(
  data: Uint8Array,
  mediaType: string,
  limits: ExtractLimits = EXTRACT_LIMITS,
): Promise<ExtractOutcome> {
  const kind = mediaType === 'application/pdf' ? 'pdf' : mediaType === DOCX_TYPE ? 'docx' : null;
  if (!kind) return Promise.resolve({ status: 'failed', reason: 'unsupported', text: '', pages: null });
  return new Promise((resolve) => {
    let settled = false;
    const worker = new Worker(WORKER, {
      workerData: { ctcpExtract: { data, kind, ...limits } },
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 8 },
      stdout: true,
      stderr: true,
    });
    // The readers' own warnings (PDF.js on a damaged file) are dropped, not printed.
    worker.stdout.resume();
    worker.stderr.resume();
    const finish = (out: ExtractOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(out);
    };
    const failed = (reason: ExtractReason, detail?: string): ExtractOutcome => ({
      status: reason === 'memory' ? 'too_large' : 'failed',
      reason,
      text: '',
      pages: null,
      detail,
    });
    const timer = setTimeout(() => finish(failed('timeout')), limits.timeoutMs);
    worker.on('message', (out: ExtractOutcome) => finish(out));
    worker.on('error', (err: Error & { code?: string }) =>
      finish(failed(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'unreadable', err.message)),
    );
    worker.on('exit', (code) => finish(failed('unreadable', `the reader stopped (${code})`)));
  });
}
