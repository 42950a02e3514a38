// Shared by the API tests: a person's write token (made once), JSON and multipart calls with it, and the audit entries
// an operation appended.
import { createApiToken, loadActor } from '../src/modules/access/access.service.ts';
import type { TestEnv, TestUser } from './helper.ts';

export interface ApiResponse {
  status: number;
  body: string;
  json: () => any;
}
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const tokens = new WeakMap<TestEnv, Map<string, string>>();

/** The person's API token with the "write" scope (one per person and test environment). */
export async function tokenOf(env: TestEnv, u: TestUser, scopes: string[] = ['write']): Promise<string> {
  const key = `${u.id}:${scopes.join(',')}`;
  const map = tokens.get(env) ?? new Map<string, string>();
  tokens.set(env, map);
  if (!map.has(key)) {
    const actor = (await loadActor(env.database.db, u.id, 'session', true, []))!.actor;
    map.set(
      key,
      (
        await createApiToken(
          { db: env.database.db, config: env.config, actor },
          { name: 't', scopes, expiresInDays: 1 },
        )
      ).token,
    );
  }
  return map.get(key)!;
}

/** A JSON API call as the person (anonymous when `u` is null). */
export async function api(
  env: TestEnv,
  u: TestUser | null,
  method: Method,
  url: string,
  payload?: unknown,
): Promise<ApiResponse> {
  const r = await env.app.inject({
    method,
    url,
    headers: {
      ...(u ? { authorization: `Bearer ${await tokenOf(env, u)}` } : {}),
      ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}),
  });
  return { status: r.statusCode, body: r.body, json: () => r.json() };
}

/** A multipart/form-data API call as the person: text fields and at most one file (field "file"). */
export async function apiUpload(
  env: TestEnv,
  u: TestUser,
  url: string,
  fields: Record<string, string>,
  file?: { name: string; data: Buffer },
): Promise<ApiResponse> {
  const boundary = `----ctcp${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const r = await env.app.inject({
    method: 'POST',
    url,
    payload: Buffer.concat(parts),
    headers: {
      authorization: `Bearer ${await tokenOf(env, u)}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
  });
  return { status: r.statusCode, body: r.body, json: () => r.json() };
}

/** The audit actions recorded for a target, oldest first. */
export async function auditActions(env: TestEnv, targetId: string): Promise<string[]> {
  return (
    await env.database.query<{ action: string }>('select action from audit_log where target_id = $1 order by id', [
      targetId,
    ])
  ).map((r) => r.action);
}

/** How many rows a query counts (`select count(*)::int as n …`). */
export async function count(env: TestEnv, q: string, p: unknown[] = []): Promise<number> {
  return (await env.database.query<{ n: number }>(q, p))[0].n;
}
