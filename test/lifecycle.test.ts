// Health endpoints and graceful shutdown: requests in flight when the server closes all complete.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { dbLabel, makeTestEnv } from './helper.ts';

function get(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const r = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    r.on('error', reject);
    r.end();
  });
}

test(`/healthz and /readyz answer; closing the server lets in-flight requests finish (${dbLabel()})`, async () => {
  const env = await makeTestEnv({}, true);
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (env.app.server.address() as { port: number }).port;
  assert.equal(await get(port, '/healthz'), 200);
  assert.equal(await get(port, '/readyz'), 200);
  const inflight = Array.from({ length: 40 }, (_, i) => get(port, i % 2 ? '/directory' : '/'));
  // In flight = accepted by the server: wait until every connection is open, then close.
  for (let i = 0; i < 200; i++) {
    const n = await new Promise<number>((r) => env.app.server.getConnections((_e, c) => r(c)));
    if (n >= inflight.length) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const closing = env.close();
  const statuses = await Promise.all(inflight);
  await closing;
  const failed = statuses.filter((s) => s !== 200 && s !== 303);
  console.log(`# shutdown: ${statuses.length} in-flight requests, ${failed.length} failed`);
  assert.deepEqual(failed, []);
});
