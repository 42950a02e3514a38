// Group commit: concurrent requests that write to the same thing (one event's seats) are written by one transaction
// and one commit, instead of one transaction each, queued on the same row lock and each waiting for its own commit.
// The first request for a key starts a batch at once; those that arrive while it runs go together in the next one.
// There is no timer: a request alone waits for nothing. Per process; processes still meet on the database's locks.

export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

interface Waiting<T, R> {
  item: T;
  resolve(outcome: Outcome<R>): void;
}

export class GroupCommit<T, R> {
  private queues = new Map<string, { waiting: Waiting<T, R>[]; running: boolean }>();

  /**
   * run writes one batch (in arrival order) and answers each item, in the same order; when it throws, every item of
   * the batch gets the error.
   */
  constructor(
    private run: (key: string, items: T[]) => Promise<Outcome<R>[]>,
    private maxBatch = 200,
  ) {}

  submit(key: string, item: T): Promise<Outcome<R>> {
    return new Promise((resolve) => {
      let q = this.queues.get(key);
      if (!q) {
        q = { waiting: [], running: false };
        this.queues.set(key, q);
      }
      q.waiting.push({ item, resolve });
      if (!q.running) void this.drain(key, q);
    });
  }

  private async drain(key: string, q: { waiting: Waiting<T, R>[]; running: boolean }): Promise<void> {
    q.running = true;
    // Let the requests already parsed in this turn of the event loop join the first batch.
    await new Promise((r) => setImmediate(r));
    while (q.waiting.length) {
      const batch = q.waiting.splice(0, this.maxBatch);
      let outcomes: Outcome<R>[];
      try {
        outcomes = await this.run(
          key,
          batch.map((w) => w.item),
        );
        if (outcomes.length !== batch.length) throw new Error('group commit: one outcome per item expected');
      } catch (error) {
        outcomes = batch.map(() => ({ ok: false, error }));
      }
      for (const [i, w] of batch.entries()) w.resolve(outcomes[i]);
    }
    q.running = false;
    this.queues.delete(key);
  }
}
