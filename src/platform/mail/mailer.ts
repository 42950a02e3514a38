// E-mail: written to the outbox in the caller's transaction; delivered by the mail job over SMTP (nodemailer)
// when SMTP_URL is set, otherwise held in the outbox, where administrators read it.
import nodemailer, { type Transporter } from 'nodemailer';
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
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

export const MAX_ATTEMPTS = 5;

/** The mail job: picks pending messages and sends them. One instance per process; rows are claimed with SKIP LOCKED. */
export class MailWorker {
  private transport: Transporter;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private db: Db,
    smtpUrl: string,
    private from: string,
    private log: FastifyBaseLogger,
    private intervalMs = 2000,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  start(): void {
    this.timer = setInterval(() => {
      void this.tick();
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    this.transport.close();
  }

  /** Sends what is pending now; returns the number sent. */
  async tick(): Promise<number> {
    if (this.running) return 0;
    let sent = 0;
    this.running = (async () => {
      const batch = await this.db.transaction(async (tx) => {
        const rows = await tx
          .select()
          .from(mailOutbox)
          .where(and(eq(mailOutbox.status, 'pending'), lt(mailOutbox.attempts, MAX_ATTEMPTS)))
          .orderBy(asc(mailOutbox.createdAt))
          .limit(20)
          .for('update', { skipLocked: true });
        if (rows.length)
          await tx
            .update(mailOutbox)
            .set({ attempts: sql`${mailOutbox.attempts} + 1` })
            .where(
              inArray(
                mailOutbox.id,
                rows.map((r) => r.id),
              ),
            );
        return rows;
      });
      for (const m of batch) {
        try {
          await this.transport.sendMail({
            from: this.from,
            to: m.to,
            subject: m.subject,
            text: m.text,
            html: m.html,
            attachments: m.attachments.map((a) => ({
              filename: a.filename,
              contentType: a.contentType,
              content: a.content,
            })),
            headers: { 'Content-Language': m.locale },
          });
          await this.db
            .update(mailOutbox)
            .set({ status: 'sent', sentAt: new Date(), lastError: null })
            .where(eq(mailOutbox.id, m.id));
          sent++;
        } catch (err) {
          const failed = m.attempts + 1 >= MAX_ATTEMPTS;
          this.log.warn({ err, mailId: m.id }, 'mail delivery failed');
          await this.db
            .update(mailOutbox)
            .set({ status: failed ? 'failed' : 'pending', lastError: String((err as Error).message) })
            .where(eq(mailOutbox.id, m.id));
        }
      }
    })();
    try {
      await this.running;
    } finally {
      this.running = null;
    }
    return sent;
  }
}
