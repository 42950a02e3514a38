// The change channel: how one app process tells the others (and itself) that something changed, so live views,
// kept pages and kept credentials follow changes made through any process. It is PostgreSQL's LISTEN/NOTIFY on the
// channel ctcp_changes, on both databases: PostgreSQL (one dedicated LISTEN connection per process, reconnected
// with backoff) and PGlite (one process; its own listen). A change is announced with pg_notify in the writer's
// transaction, so it is delivered only when the transaction commits, and never when it rolls back.
// Messages are small JSON objects: a topic (t) and ids or sequence numbers, never confidential text.
// Topics: 'floor' (a speakers' list changed: s = session id, q = its change number), 'pages' (state changed: kept
// pages are dropped), 'cred' (a user's credentials or rights changed: u = user id; sent by database triggers,
// drizzle/0029_live_changes.sql), 'orgs' and 'notifications' (a table changed: statement triggers, drizzle/0037 and
// 0041; kept answers are dropped). See docs/architecture.md, "Change channel".
import { sql } from 'drizzle-orm';
import type { Database, Db, Tx } from '../db/client.ts';

export const CHANNEL = 'ctcp_changes';
/** NOTIFY refuses payloads of 8000 bytes or more. */
const MAX_PAYLOAD = 7900;

export interface Change {
  /** The topic. */
  t: string;
  [field: string]: string | number | boolean | null;
}

interface Log {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

function payloadOf(change: Change): string {
  const text = JSON.stringify(change);
  if (Buffer.byteLength(text) > MAX_PAYLOAD) throw new Error(`change payload too long (${change.t})`);
  return text;
}

/** Announces a change in the writer's transaction: the other processes hear of it when (and only if) it commits. */
export async function announce(tx: Tx | Db, change: Change): Promise<void> {
  await tx.execute(sql`select pg_notify(${CHANNEL}, ${payloadOf(change)})`);
}

type Listener = (change: Change) => void;
type StateListener = (live: boolean) => void;

/**
 * One per app process. Subscribers get the changes of their topic; state listeners hear when listening stops
 * (messages may be missed from now on) and when it starts again (what was missed meanwhile must be read again).
 */
export class ChangeChannel {
  private topics = new Map<string, Set<Listener>>();
  private states = new Set<StateListener>();
  private isLive = false;
  private stopped = false;
  private stopListening: (() => Promise<void>) | null = null;
  private retry: NodeJS.Timeout | undefined;
  private backoffMs = 0;
  /** publish's NOTIFY being sent, and the one that follows it, by payload. */
  private sending = new Map<string, Promise<void>>();
  private nextSend = new Map<string, Promise<void>>();

  constructor(
    private database: Database,
    private log: Log,
    private opts: { minBackoffMs?: number; maxBackoffMs?: number } = {},
  ) {}

  /** True while this process listens: every committed change reaches the subscribers. */
  get live(): boolean {
    return this.isLive;
  }

  subscribe(topic: string, fn: Listener): () => void {
    let set = this.topics.get(topic);
    if (!set) {
      set = new Set();
      this.topics.set(topic, set);
    }
    set.add(fn);
    return () => set.delete(fn);
  }

  onState(fn: StateListener): () => void {
    this.states.add(fn);
    return () => this.states.delete(fn);
  }

  /**
   * Announces a change outside a transaction (e.g. "state changed" after a request). Concurrent announcements of the
   * same message share one NOTIFY: while one is being sent, the callers that come meanwhile (whose change may have
   * committed after it left) wait for the next one, sent once for all of them when it is done. Each caller is still
   * answered only after a NOTIFY that left after its call.
   */
  publish(change: Change): Promise<void> {
    const payload = payloadOf(change);
    const sending = this.sending.get(payload);
    if (!sending) return this.send(payload);
    let next = this.nextSend.get(payload);
    if (!next) {
      next = sending
        .catch(() => undefined)
        .then(() => {
          this.nextSend.delete(payload);
          return this.send(payload);
        });
      this.nextSend.set(payload, next);
    }
    return next;
  }
  private send(payload: string): Promise<void> {
    const p = this.database
      .query('select pg_notify($1, $2)', [CHANNEL, payload])
      .then(() => undefined)
      .finally(() => {
        if (this.sending.get(payload) === p) this.sending.delete(payload);
      });
    this.sending.set(payload, p);
    return p;
  }

  /** Delivers a message to this process's subscribers (also what the listener does with each NOTIFY). */
  deliver(payload: string): void {
    let change: Change;
    try {
      change = JSON.parse(payload) as Change;
    } catch {
      return;
    }
    if (!change || typeof change.t !== 'string') return;
    for (const fn of this.topics.get(change.t) ?? []) {
      try {
        fn(change);
      } catch (err) {
        this.log.warn({ err }, 'change subscriber failed');
      }
    }
  }

  private setLive(live: boolean) {
    if (this.isLive === live) return;
    this.isLive = live;
    for (const fn of this.states) {
      try {
        fn(live);
      } catch (err) {
        this.log.warn({ err }, 'change state listener failed');
      }
    }
  }

  async start(): Promise<void> {
    this.stopped = false;
    if (this.database.listen) {
      this.stopListening = await this.database.listen(CHANNEL, (p) => this.deliver(p));
      this.setLive(true);
      return;
    }
    await this.connect();
  }

  /** PostgreSQL: a connection of its own (not the pool's: LISTEN belongs to one session), kept open. */
  private async connect(): Promise<void> {
    if (this.stopped || !this.database.url) return;
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: this.database.url, keepAlive: true });
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      this.stopListening = null;
      this.setLive(false);
      client.end().catch(() => {});
      if (this.stopped) return;
      this.backoffMs = Math.min(
        this.opts.maxBackoffMs ?? 10_000,
        Math.max(this.opts.minBackoffMs ?? 250, this.backoffMs * 2),
      );
      this.log.warn({ err, retryMs: this.backoffMs }, 'change channel lost; reconnecting');
      this.retry = setTimeout(() => void this.connect(), this.backoffMs);
      this.retry.unref();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (n) => {
      if (n.channel === CHANNEL && n.payload) this.deliver(n.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      onLost(err as Error);
      return;
    }
    if (lost) return;
    if (this.stopped) {
      // Stopped while connecting: nothing may stay open (it would hold the process).
      lost = true;
      await client.end().catch(() => {});
      return;
    }
    this.backoffMs = 0;
    this.stopListening = async () => {
      lost = true;
      await client.end().catch(() => {});
    };
    this.setLive(true);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const stop = this.stopListening;
    this.stopListening = null;
    this.setLive(false);
    await stop?.();
  }
}
