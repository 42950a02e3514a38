// The load generator, in its own process (bench/proc.ts spawns it): one job given as JSON in argv[2], its result
// printed as one JSON line.
//   {"kind":"cannon","url":…,"headers":{…},"connections":10,"duration":8}  autocannon: requests/s, p99, errors;
//   {"kind":"burst","url":…,"tokensFile":…}   one POST per bearer token, all at once (an Idempotency-Key each):
//                                             seconds, answers by status, p99;
//   {"kind":"soak",…}                         bench/soak.ts's mixed traffic (see there).
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

const job = JSON.parse(process.argv[2]);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

if (job.kind === 'cannon') {
  const r = await autocannon({
    url: job.url,
    connections: job.connections ?? 10,
    duration: job.duration ?? 8,
    headers: job.headers ?? {},
  });
  console.log(
    JSON.stringify({
      rps: r.requests.average,
      total: r.requests.total,
      p99: r.latency.p99,
      non2xx: r.non2xx,
      errors: r.errors + r.timeouts,
    }),
  );
} else if (job.kind === 'burst') {
  const tokens = JSON.parse(readFileSync(job.tokensFile, 'utf8')) as string[];
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const t0 = performance.now();
  await Promise.all(
    tokens.map(async (token) => {
      const s = performance.now();
      let status = 0;
      try {
        const r = await fetch(job.url, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'idempotency-key': randomUUID(),
          },
          body: '{}',
        });
        await r.arrayBuffer();
        status = r.status;
      } catch {
        status = 0;
      }
      latencies.push(performance.now() - s);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  console.log(JSON.stringify({ seconds, statuses, p99: pct(latencies, 99) }));
} else if (job.kind === 'soak') {
  const { soakTraffic } = await import('./soak.ts');
  await soakTraffic(job);
}
