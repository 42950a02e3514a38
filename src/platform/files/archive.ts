// The one check before the server opens a ZIP archive (an .xlsx workbook is one): every entry is inflated as a stream
// and its bytes counted, with a running cap over the whole archive, before anything else reads it. The sizes an
// archive declares are never trusted: a 600 KB file can declare a few kilobytes and inflate to gigabytes.
import yauzl from 'yauzl';

export type ArchiveCheck =
  | { ok: true; entries: number; inflated: number }
  | { ok: false; reason: 'too_large'; inflated: number }
  | { ok: false; reason: 'unreadable'; message: string };

/** At most this many entries (an .xlsx has a few dozen). */
const MAX_ENTRIES = 10_000;

/**
 * Inflates every entry of the ZIP in `buffer`, counting bytes; stops as soon as the total passes `maxInflated`
 * (memory stays at one chunk: nothing is kept). `inflated` says how far it got.
 */
export function checkArchive(buffer: Buffer, maxInflated: number): Promise<ArchiveCheck> {
  return new Promise((resolve) => {
    let inflated = 0;
    let entries = 0;
    let settled = false;
    const finish = (r: ArchiveCheck, zip?: yauzl.ZipFile) => {
      if (settled) return;
      settled = true;
      zip?.close();
      resolve(r);
    };
    yauzl.fromBuffer(
      buffer,
      // Sizes are checked by counting here (validateEntrySizes would stop at the declared size with a less useful
      // error). Nothing is written to disk, so entry names are not checked.
      { lazyEntries: true, validateEntrySizes: false, strictFileNames: false, decodeStrings: true },
      (err, zip) => {
        if (err || !zip) return finish({ ok: false, reason: 'unreadable', message: String(err?.message ?? err) });
        zip.on('error', (e: Error) => finish({ ok: false, reason: 'unreadable', message: e.message }, zip));
        zip.on('end', () => finish({ ok: true, entries, inflated }, zip));
        zip.on('entry', (entry: yauzl.Entry) => {
          if (++entries > MAX_ENTRIES)
            return finish({ ok: false, reason: 'unreadable', message: 'too many entries' }, zip);
          if (entry.fileName.endsWith('/')) return zip.readEntry();
          zip.openReadStream(entry, (e, stream) => {
            if (e || !stream) return finish({ ok: false, reason: 'unreadable', message: String(e?.message) }, zip);
            stream.on('data', (chunk: Buffer) => {
              inflated += chunk.length;
              if (inflated > maxInflated) {
                stream.destroy();
                finish({ ok: false, reason: 'too_large', inflated }, zip);
              }
            });
            stream.on('error', (se: Error) => finish({ ok: false, reason: 'unreadable', message: se.message }, zip));
            stream.on('end', () => {
              if (!settled) zip.readEntry();
            });
          });
        });
        zip.readEntry();
      },
    );
  });
}
