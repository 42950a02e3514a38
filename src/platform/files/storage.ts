// Uploaded files on local disk under server-made keys (never a name the client chose). One place for storage,
// so an object store can replace it later.
import { randomUUID, createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

export interface StoredFile {
  key: string;
  size: number;
  sha256: string;
}

const KEY = /^[0-9a-f]{2}\/[0-9a-f-]{36}$/;
const fullPath = (dir: string, key: string) => {
  if (!KEY.test(key)) throw new Error('bad storage key');
  return path.join(dir, key);
};

export async function storeFile(dir: string, data: Buffer): Promise<StoredFile> {
  const id = randomUUID();
  const key = `${id.slice(0, 2)}/${id}`;
  await mkdir(path.join(dir, key.slice(0, 2)), { recursive: true, mode: 0o700 });
  await writeFile(fullPath(dir, key), data, { flag: 'wx', mode: 0o600 });
  return { key, size: data.length, sha256: createHash('sha256').update(data).digest('hex') };
}

export const readStoredFile = (dir: string, key: string) => readFile(fullPath(dir, key));
export const removeStoredFile = (dir: string, key: string) => rm(fullPath(dir, key), { force: true });
