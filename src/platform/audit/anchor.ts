// Audit anchors: the chain's head (last id, its hash, the number of rows, the time, the key id), MACed with the audit
// key and exported to a place the database role cannot write. A verifier holding the key then detects a chain rewritten
// before an anchor (the anchored row's hash or the count differs) and the removal of the newest rows (the chain ends
// before the latest anchor). docs/security.md, "Audit chain".
import fs from 'node:fs/promises';
import path from 'node:path';
import { hmacHex, sameHex, type AuditKeyring } from './keys.ts';

export interface AuditAnchor {
  v: 1;
  /** The last row's id, its hash, and the number of rows up to it. */
  id: number;
  hash: string;
  count: number;
  /** When the anchor was taken (ISO 8601). */
  at: string;
  keyId: string;
  /** HMAC-SHA-256(key, the other fields in this order), hex. */
  mac: string;
}

/** One line of exported anchors as read back (checked with anchorValid). */
export type ReadAnchor = { line: number; value: unknown };

/** Where anchors go. The file is the one implementation; an object store (S3 with object lock) is future work. */
export interface AnchorSink {
  /** Where, for messages. */
  readonly where: string;
  append(a: AuditAnchor): Promise<void>;
  /** Every anchor written, in file order. */
  readAll(): Promise<ReadAnchor[]>;
}

const anchorText = (a: Omit<AuditAnchor, 'mac'>) =>
  JSON.stringify(['ctcp-audit-anchor', a.v, a.id, a.hash, a.count, a.at, a.keyId]);

export function makeAnchor(keys: AuditKeyring, head: { id: number; hash: string; count: number }): AuditAnchor {
  const a = { v: 1 as const, ...head, at: new Date().toISOString(), keyId: keys.current.id };
  return { ...a, mac: hmacHex(keys.current.secret, anchorText(a)) };
}

/** True when the anchor is well-formed and its MAC verifies under one of the known keys. */
export function anchorValid(keys: AuditKeyring, a: unknown): a is AuditAnchor {
  const x = a as Partial<AuditAnchor> | null;
  if (!x || typeof x !== 'object' || x.v !== 1) return false;
  if (!Number.isInteger(x.id) || !Number.isInteger(x.count) || typeof x.hash !== 'string') return false;
  if (typeof x.at !== 'string' || typeof x.keyId !== 'string' || typeof x.mac !== 'string') return false;
  const key = keys.byId.get(x.keyId);
  return !!key && sameHex(hmacHex(key.secret, anchorText(x as AuditAnchor)), x.mac);
}

/**
 * Anchors as JSON lines appended to `<dir>/anchors.jsonl`. Each anchor is one write() on a file opened with O_APPEND,
 * so several processes may append at once without interleaving lines. Run the application as a user the database
 * server's account cannot impersonate, and ship the file off the host (or mount dir from WORM storage).
 */
export class FileAnchorSink implements AnchorSink {
  readonly where: string;
  constructor(dir: string) {
    this.where = path.join(dir, 'anchors.jsonl');
  }
  async append(a: AuditAnchor): Promise<void> {
    await fs.mkdir(path.dirname(this.where), { recursive: true, mode: 0o750 });
    const fh = await fs.open(this.where, 'a', 0o640);
    try {
      await fh.write(`${JSON.stringify(a)}\n`);
    } finally {
      await fh.close();
    }
  }
  async readAll(): Promise<ReadAnchor[]> {
    let text: string;
    try {
      text = await fs.readFile(this.where, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const out: ReadAnchor[] = [];
    text.split('\n').forEach((raw, i) => {
      if (raw.trim() === '') return;
      let value: unknown = null;
      try {
        value = JSON.parse(raw);
      } catch {
        /* an unreadable line: not a valid anchor */
      }
      out.push({ line: i + 1, value });
    });
    return out;
  }
}
