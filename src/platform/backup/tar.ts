// A minimal POSIX tar (ustar) writer and reader for backup archives: regular files only, names up to 100 bytes,
// sizes beyond 8 GiB in the base-256 form GNU tar and bsdtar read. Readable with any `tar -tf`.
import type { FileHandle } from 'node:fs/promises';

const BLOCK = 512;

export class TarError extends Error {}

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, '0')}\0`;
}

function header(name: string, size: number, mtime: Date): Buffer {
  const b = Buffer.alloc(BLOCK);
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > 100) throw new TarError(`name too long for the archive: ${name}`);
  nameBytes.copy(b, 0);
  b.write(octal(0o600, 8), 100, 'ascii');
  b.write(octal(0, 8), 108, 'ascii');
  b.write(octal(0, 8), 116, 'ascii');
  if (size < 8 ** 11) b.write(octal(size, 12), 124, 'ascii');
  else {
    b[124] = 0x80;
    b.writeBigUInt64BE(BigInt(size), 128);
  }
  b.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  b.write('        ', 148, 'ascii');
  b.write('0', 156, 'ascii');
  b.write('ustar\0', 257, 'ascii');
  b.write('00', 263, 'ascii');
  let sum = 0;
  for (const x of b) sum += x;
  b.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return b;
}

const padding = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;

/** Appends entries to an open file; `end()` writes the two closing zero blocks. */
export class TarWriter {
  private pos = 0;
  constructor(private fh: FileHandle) {}
  private async write(b: Buffer) {
    await this.fh.write(b, 0, b.length, this.pos);
    this.pos += b.length;
  }
  async add(name: string, data: Buffer, mtime = new Date()): Promise<void> {
    await this.write(header(name, data.length, mtime));
    await this.write(data);
    await this.write(Buffer.alloc(padding(data.length)));
  }
  /** Copies a file in chunks (database dumps may be large). */
  async addFile(name: string, src: FileHandle, size: number, mtime = new Date()): Promise<void> {
    await this.write(header(name, size, mtime));
    const chunk = Buffer.alloc(1 << 20);
    let done = 0;
    while (done < size) {
      const { bytesRead } = await src.read(chunk, 0, Math.min(chunk.length, size - done), done);
      if (bytesRead === 0) throw new TarError(`${name} shrank while it was copied`);
      await this.write(chunk.subarray(0, bytesRead));
      done += bytesRead;
    }
    await this.write(Buffer.alloc(padding(size)));
  }
  /** Copies a stream of known size (objects of an object store); a stream of another length is an error. */
  async addStream(name: string, src: AsyncIterable<Uint8Array>, size: number, mtime = new Date()): Promise<void> {
    await this.write(header(name, size, mtime));
    let done = 0;
    for await (const c of src) {
      done += c.length;
      if (done > size) throw new TarError(`${name} grew while it was copied`);
      await this.write(Buffer.from(c.buffer, c.byteOffset, c.length));
    }
    if (done < size) throw new TarError(`${name} shrank while it was copied`);
    await this.write(Buffer.alloc(padding(size)));
  }
  async end(): Promise<void> {
    await this.write(Buffer.alloc(BLOCK * 2));
  }
}

export interface TarEntry {
  name: string;
  size: number;
  /** Offset of the entry's data in the archive. */
  offset: number;
}

function parseSize(h: Buffer): number {
  if (h[124] & 0x80) {
    const n = h.readBigUInt64BE(128);
    if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new TarError('entry too large');
    return Number(n);
  }
  return parseOctal(h, 124, 12);
}

function parseOctal(h: Buffer, at: number, len: number): number {
  const s = h
    .toString('ascii', at, at + len)
    .replace(/\0.*$/s, '')
    .trim();
  if (!/^[0-7]+$/.test(s)) throw new TarError('not a tar archive (bad header field)');
  return Number.parseInt(s, 8);
}

/** Lists the regular-file entries of an archive, checking every header's checksum and that the data is all there. */
export async function readTarIndex(fh: FileHandle): Promise<TarEntry[]> {
  const { size: total } = await fh.stat();
  const entries: TarEntry[] = [];
  const h = Buffer.alloc(BLOCK);
  let pos = 0;
  for (;;) {
    const { bytesRead } = await fh.read(h, 0, BLOCK, pos);
    if (bytesRead < BLOCK) throw new TarError('the archive is truncated (no end-of-archive marker)');
    if (h.every((x) => x === 0)) return entries;
    if (h.toString('ascii', 257, 262) !== 'ustar') throw new TarError('not a tar archive (no ustar header)');
    const stored = parseOctal(h, 148, 8);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
    if (sum !== stored) throw new TarError(`damaged archive: bad header checksum at byte ${pos}`);
    const name = h.toString('utf8', 0, 100).replace(/\0.*$/s, '');
    const size = parseSize(h);
    const type = String.fromCharCode(h[156] || 0x30);
    if (pos + BLOCK + size > total) throw new TarError(`the archive is truncated (in ${name})`);
    if (type === '0') entries.push({ name, size, offset: pos + BLOCK });
    else if (type !== '5') throw new TarError(`unexpected entry type "${type}" for ${name}`);
    pos += BLOCK + size + padding(size);
  }
}

/** Streams an entry's data, chunk by chunk. */
export async function* readEntry(fh: FileHandle, e: TarEntry): AsyncGenerator<Buffer> {
  const chunk = Buffer.alloc(1 << 20);
  let done = 0;
  while (done < e.size) {
    const { bytesRead } = await fh.read(chunk, 0, Math.min(chunk.length, e.size - done), e.offset + done);
    if (bytesRead === 0) throw new TarError(`the archive is truncated (in ${e.name})`);
    yield Buffer.from(chunk.subarray(0, bytesRead));
    done += bytesRead;
  }
}

export async function readEntryBuffer(fh: FileHandle, e: TarEntry): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of readEntry(fh, e)) parts.push(c);
  return Buffer.concat(parts);
}
