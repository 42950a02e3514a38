// Sequential timings of the in-process benchmarks (home, search…): percentiles after a warm-up, within a time budget,
// and their one-line format with the machine's load beside them.
import os from 'node:os';

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

export interface Timing {
  n: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface Sampling {
  /** Samples at most (at least 20 are taken whatever the budget). */
  samples: number;
  /** Calls before measuring (at least 2, the rest within ~3 s). */
  warmup: number;
  /** How long the samples may take, in ms. */
  budgetMs: number;
}

/** Sequential samples after a warm-up (at most ~3 s of it), within the time budget. */
export async function measure(fn: (i: number) => Promise<unknown>, s: Sampling): Promise<Timing> {
  const warm = performance.now();
  for (let i = 0; i < s.warmup && (i < 2 || performance.now() - warm < 3000); i++) await fn(i);
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < s.samples && (times.length < 20 || performance.now() - started < s.budgetMs); i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { n: times.length, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) };
}

export const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
export const fmt = (t: Timing) =>
  `n=${String(t.n).padStart(4)}  p50 ${ms(t.p50).padStart(6)}  ` +
  `p95 ${ms(t.p95).padStart(6)}  p99 ${ms(t.p99).padStart(6)} ms`;
export const load = () =>
  `load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${os.cpus().length} cores`;
