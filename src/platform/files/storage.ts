// Uploaded files under server-made keys (never a name the client chose), in one of two stores chosen by the
// configuration: a directory on local disk (FILES_DIR, the default) or a bucket of an S3-compatible object store
// (S3_BUCKET set). Callers see one interface and the same keys, sizes and SHA-256 from both; the objects are private
// (no ACL is ever set, no URL is ever handed out): every download goes through the application and its audit.
import { randomUUID, createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { Config } from '../../config.ts';

export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

export interface StoredFile {
  key: string;
  size: number;
  sha256: string;
}

/** `xx/<uuid>`: the first two characters of the uuid, then the uuid (a directory of at most 256 entries on disk). */
export const STORAGE_KEY = /^[0-9a-f]{2}\/[0-9a-f-]{36}$/;
const checkKey = (key: string) => {
  if (!STORAGE_KEY.test(key)) throw new Error('bad storage key');
  return key;
};

/** One store of uploaded files. Keys are made by `put`; `write` and `list` serve backup and restore. */
export interface FileStore {
  readonly kind: 'disk' | 's3';
  /** Where the files are, for the operator's messages: a directory or s3://bucket. */
  readonly location: string;
  /** Stores new content under a fresh random key. */
  put(data: Buffer): Promise<StoredFile>;
  /** The whole content (uploads are at most MAX_UPLOAD_BYTES); rejects when the key holds nothing. */
  read(key: string): Promise<Buffer>;
  /** The content in chunks (backups). */
  stream(key: string): Promise<AsyncIterable<Uint8Array>>;
  /** Writes content under a known key (restore), replacing what is there. */
  write(key: string, data: Buffer): Promise<void>;
  /** Removes the content; no error when there is none. */
  remove(key: string): Promise<void>;
  /** Every key of the platform's shape in the store, sorted (anything else there is not the platform's). */
  list(): Promise<string[]>;
  /** Resolves when the store can be used; rejects with a message for the operator (the bucket is checked at start). */
  check(): Promise<void>;
}

const newKey = () => {
  const id = randomUUID();
  return `${id.slice(0, 2)}/${id}`;
};
const describe = (key: string, data: Buffer): StoredFile => ({
  key,
  size: data.length,
  sha256: createHash('sha256').update(data).digest('hex'),
});

export function diskStore(dir: string): FileStore {
  const full = (key: string) => path.join(dir, checkKey(key));
  const writeAt = async (key: string, data: Buffer, flag: 'wx' | 'w') => {
    await mkdir(path.join(dir, key.slice(0, 2)), { recursive: true, mode: 0o700 });
    await writeFile(full(key), data, { flag, mode: 0o600 });
  };
  return {
    kind: 'disk',
    location: dir,
    async put(data) {
      const key = newKey();
      await writeAt(key, data, 'wx');
      return describe(key, data);
    },
    read: (key) => readFile(full(key)),
    stream: async (key) => {
      const p = full(key);
      await stat(p);
      return createReadStream(p);
    },
    write: (key, data) => writeAt(checkKey(key), data, 'w'),
    remove: (key) => rm(full(key), { force: true }),
    async list() {
      let dirs: string[];
      try {
        dirs = await readdir(dir);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw e;
      }
      const keys: string[] = [];
      for (const d of dirs.sort()) {
        if (!/^[0-9a-f]{2}$/.test(d)) continue;
        if (!(await stat(path.join(dir, d))).isDirectory()) continue;
        for (const f of (await readdir(path.join(dir, d))).sort())
          if (STORAGE_KEY.test(`${d}/${f}`)) keys.push(`${d}/${f}`);
      }
      return keys;
    },
    // The directory is made at the first upload, as before.
    check: async () => {},
  };
}

export type S3Settings = NonNullable<Config['s3']>;

export function s3Store(s: S3Settings): FileStore {
  const client = new S3Client({
    region: s.region,
    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
    forcePathStyle: s.forcePathStyle,
    ...(s.accessKeyId && s.secretAccessKey
      ? { credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey } }
      : {}),
    // Checksums only where the protocol requires them: several S3-compatible servers reject the newer headers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = s.bucket;
  const body = async (key: string) => {
    const r = await client.send(new GetObjectCommand({ Bucket, Key: checkKey(key) }));
    if (!r.Body) throw new Error(`object ${key} has no body`);
    return r.Body as Readable & { transformToByteArray(): Promise<Uint8Array> };
  };
  const putAt = async (key: string, data: Buffer) => {
    // No ACL: the bucket's default (private). The SHA-256 travels as metadata for whoever inspects the bucket.
    await client.send(
      new PutObjectCommand({
        Bucket,
        Key: key,
        Body: data,
        ContentLength: data.length,
        ContentType: 'application/octet-stream',
        Metadata: { sha256: createHash('sha256').update(data).digest('hex') },
      }),
    );
  };
  return {
    kind: 's3',
    location: `s3://${Bucket}`,
    async put(data) {
      const key = newKey();
      await putAt(key, data);
      return describe(key, data);
    },
    read: async (key) => Buffer.from(await (await body(key)).transformToByteArray()),
    stream: (key) => body(key),
    write: (key, data) => putAt(checkKey(key), data),
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: checkKey(key) }));
    },
    async list() {
      const keys: string[] = [];
      let ContinuationToken: string | undefined;
      do {
        const r = await client.send(new ListObjectsV2Command({ Bucket, ContinuationToken }));
        for (const o of r.Contents ?? []) if (o.Key && STORAGE_KEY.test(o.Key)) keys.push(o.Key);
        ContinuationToken = r.IsTruncated ? r.NextContinuationToken : undefined;
      } while (ContinuationToken);
      return keys.sort();
    },
    async check() {
      try {
        await client.send(new HeadBucketCommand({ Bucket }));
      } catch (e) {
        const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        const why =
          status === 404
            ? 'it does not exist (create it, private, first)'
            : status === 403
              ? 'access denied (check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY and the bucket policy)'
              : `${(e as Error).name}: ${(e as Error).message}`;
        throw new Error(`S3 bucket "${Bucket}"${s.endpoint ? ` at ${s.endpoint}` : ''} cannot be used: ${why}`);
      }
    },
  };
}

export type FileStoreConfig = Pick<Config, 'filesDir' | 's3'>;

// One store (one S3 client and its connection pool) per configuration object.
const stores = new WeakMap<FileStoreConfig, FileStore>();

/** The store the configuration names: the S3 bucket when S3_BUCKET is set, else FILES_DIR on local disk. */
export function fileStore(config: FileStoreConfig): FileStore {
  let s = stores.get(config);
  if (!s) {
    s = config.s3 ? s3Store(config.s3) : diskStore(config.filesDir);
    stores.set(config, s);
  }
  return s;
}

export const storeFile = (config: FileStoreConfig, data: Buffer) => fileStore(config).put(data);
export const readStoredFile = (config: FileStoreConfig, key: string) => fileStore(config).read(key);
export const removeStoredFile = (config: FileStoreConfig, key: string) => fileStore(config).remove(key);
