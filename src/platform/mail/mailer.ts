// E-mail: written to the outbox in the caller's transaction; delivered by the mail job over SMTP (nodemailer)
// when SMTP_URL is set, otherwise held in the outbox, where administrators read it.
//
// Exactly once with any number of processes: a message is claimed with a lease (claimed_until) in ONE committed
// statement before it is sent, so no other process takes it while the send is in flight; `sent` is recorded before
// the lease is released. A failed attempt waits next_attempt_at (exponential backoff) and releases the lease; after
// the last attempt the message is `failed`, the dead letter an administrator resends. A process that dies between
// the send and the record leaves its lease to expire: the message is sent once more, with the same Message-ID.
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { mailOutbox, type MailAttachment } from './mail.schema.ts';
import type { Db, Tx } from '../db/client.ts';
import type { FastifyBaseLogger } from 'fastify';

export interface MailMessage {
  to: string;
  locale: string;
  kind: string;
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
}

export async function queueMail(tx: Tx, m: MailMessage, smtpConfigured: boolean): Promise<void> {
  await tx
    .insert(mailOutbox)
    .values({ ...m, attachments: m.attachments ?? [], status: smtpConfigured ? 'pending' : 'held' });
}

/** Several messages in a few multi-row INSERTs (bulk tools: one e-mail per participant, in the same transaction). */
export async function queueMails(tx: Tx, messages: MailMessage[], smtpConfigured: boolean): Promise<void> {
  const status = smtpConfigured ? 'pending' : 'held';
  for (let i = 0; i < messages.length; i += 200)
    await tx
      .insert(mailOutbox)
      .values(messages.slice(i, i + 200).map((m) => ({ ...m, attachments: m.attachments ?? [], status })));
}

/** How the mail job delivers: the platform's settings (config.ts) a job handler passes to deliverDue. */
export interface DeliveryOptions {
  /** The sender (MAIL_FROM); its domain names every Message-ID. */
  from: string;
  leaseMs: number;
  retryBaseMs: number;
  maxAttempts: number;
  /** Messages claimed at a time. */
  batch?: number;
  log?: Pick<FastifyBaseLogger, 'warn'>;
}

/** What sends a message: a nodemailer transport, or anything that answers like one. */
export interface MailTransport {
  sendMail(message: SendMailOptions): Promise<unknown>;
}

export const DEFAULT_DELIVERY = { leaseMs: 300_000, retryBaseMs: 30_000, maxAttempts: 14 };

/** The domain of MAIL_FROM ("Name <no-reply@example.org>" → "example.org"). */
export function mailDomain(from: string): string {
  const addr = /<([^>]+)>/.exec(from)?.[1] ?? from;
  const domain = addr.slice(addr.lastIndexOf('@') + 1).trim();
  return /^[A-Za-z0-9.-]+$/.test(domain) ? domain : 'localhost';
}

/** The wait before the next attempt after `attempts` failed ones: base, doubled each time, capped at 720 × base
 * (30 s → 6 h: 14 attempts spread over about a day). */
export function retryDelayMs(attempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), baseMs * 720);
}

/** Messages written while no SMTP was configured become pending (the mail job starts with SMTP). */
export async function releaseHeld(db: Db): Promise<number> {
  const rows = await db
    .update(mailOutbox)
    .set({ status: 'pending', nextAttemptAt: sql`now()`, claimedUntil: null })
    .where(eq(mailOutbox.status, 'held'))
    .returning({ id: mailOutbox.id });
  return rows.length;
}

/** A message due now: pending, its wait over, and no live claim on it. */
const isDue = () =>
  and(
    eq(mailOutbox.status, 'pending'),
    lte(mailOutbox.nextAttemptAt, sql`now()`),
    or(isNull(mailOutbox.claimedUntil), lt(mailOutbox.claimedUntil, sql`now()`)),
  );

/** Whether any message is due now (the mail job's cheap check between its runs). */
export async function anyDue(db: Db): Promise<boolean> {
  return (await db.select({ id: mailOutbox.id }).from(mailOutbox).where(isDue()).limit(1)).length > 0;
}

/** Claims up to `limit` due messages for `leaseMs`: one statement, committed before anything is sent. */
export async function claimDue(db: Db, opts: { leaseMs: number; limit: number; domain: string }) {
  const due = db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(isDue())
    .orderBy(asc(mailOutbox.nextAttemptAt), asc(mailOutbox.createdAt))
    .limit(opts.limit)
    .for('update', { skipLocked: true });
  return db
    .update(mailOutbox)
    .set({
      // Milliseconds, as the process reads it back (releaseClaims matches it exactly).
      claimedUntil: sql`date_trunc('milliseconds', now() + ${opts.leaseMs} * interval '1 millisecond')`,
      attempts: sql`${mailOutbox.attempts} + 1`,
      messageId: sql`coalesce(${mailOutbox.messageId}, '<' || ${mailOutbox.id} || '@' || ${opts.domain} || '>')`,
    })
    .where(inArray(mailOutbox.id, due))
    .returning();
}

/** Gives claimed messages back unsent (attempt not counted), unless another process claimed them since. */
async function releaseClaims(db: Db, rows: { id: string; claimedUntil: Date | null }[]): Promise<void> {
  for (const r of rows)
    await db
      .update(mailOutbox)
      .set({ claimedUntil: null, attempts: sql`${mailOutbox.attempts} - 1` })
      .where(
        and(
          eq(mailOutbox.id, r.id),
          eq(mailOutbox.status, 'pending'),
          r.claimedUntil ? eq(mailOutbox.claimedUntil, r.claimedUntil) : isNull(mailOutbox.claimedUntil),
        ),
      );
}

/** One run of the mail job: claims the due messages, sends them, records each outcome. A job handler calls it. */
export async function deliverDue(
  db: Db,
  transport: MailTransport,
  opts: DeliveryOptions,
): Promise<{ sent: number; retried: number; failed: number }> {
  const out = { sent: 0, retried: 0, failed: 0 };
  const batch = await claimDue(db, { leaseMs: opts.leaseMs, limit: opts.batch ?? 20, domain: mailDomain(opts.from) });
  // A send starts only while at least half of the lease is left; the rest of the batch is given back untouched.
  const deadline = Date.now() + opts.leaseMs / 2;
  for (const [i, m] of batch.entries()) {
    if (Date.now() > deadline) {
      await releaseClaims(db, batch.slice(i));
      break;
    }
    try {
      await transport.sendMail({
        from: opts.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        messageId: m.messageId ?? undefined,
        attachments: m.attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
        })),
        headers: { 'Content-Language': m.locale },
      });
    } catch (err) {
      const failed = m.attempts >= opts.maxAttempts;
      opts.log?.warn({ err, mailId: m.id, attempts: m.attempts }, 'mail delivery failed');
      await db
        .update(mailOutbox)
        .set({
          status: failed ? 'failed' : 'pending',
          lastError: String((err as Error).message).slice(0, 2000),
          nextAttemptAt: sql`now() + ${retryDelayMs(m.attempts, opts.retryBaseMs)} * interval '1 millisecond'`,
          claimedUntil: null,
        })
        .where(and(eq(mailOutbox.id, m.id), eq(mailOutbox.status, 'pending')));
      out[failed ? 'failed' : 'retried']++;
      continue;
    }
    // Recorded as sent in the same statement that releases the claim.
    await db
      .update(mailOutbox)
      .set({ status: 'sent', sentAt: sql`now()`, lastError: null, claimedUntil: null })
      .where(eq(mailOutbox.id, m.id));
    out.sent++;
  }
  return out;
}

/**
 * One run of mail delivery with its SMTP transport: the mail job's handler (platform/jobs, `mail.deliver`) makes one
 * per run. Any number of processes may run one at once (the leases of deliverDue).
 */
export class MailWorker {
  private transport: Transporter;
  private running: Promise<{ sent: number; retried: number; failed: number }> | null = null;
  private opts: DeliveryOptions;

  constructor(
    private db: Db,
    smtpUrl: string,
    from: string,
    private log: Pick<FastifyBaseLogger, 'info' | 'warn'>,
    opts: Partial<Omit<DeliveryOptions, 'from' | 'log'>> = {},
  ) {
    this.opts = { ...DEFAULT_DELIVERY, ...opts, from, log };
    // An SMTP conversation that stalls is abandoned well within the lease (settings in SMTP_URL's query still win).
    const stall = Math.round(this.opts.leaseMs / 4);
    this.transport = nodemailer.createTransport({
      url: smtpUrl,
      connectionTimeout: Math.min(120_000, stall),
      greetingTimeout: Math.min(30_000, stall),
      socketTimeout: Math.min(600_000, stall),
    });
  }

  /** Makes held messages pending: SMTP is configured now (the mail job does this when a runner starts). */
  async start(): Promise<void> {
    const released = await releaseHeld(this.db);
    if (released) this.log.info({ released }, 'held e-mails queued for delivery');
  }

  async stop(): Promise<void> {
    await this.running?.catch(() => {});
    this.transport.close();
  }

  /** Sends what is due now (one batch); a second call while one is under way does nothing. */
  async run(): Promise<{ sent: number; retried: number; failed: number }> {
    if (this.running) return { sent: 0, retried: 0, failed: 0 };
    this.running = deliverDue(this.db, this.transport, this.opts);
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  /** Sends what is due now; returns the number sent. */
  async tick(): Promise<number> {
    return (await this.run()).sent;
  }
}
