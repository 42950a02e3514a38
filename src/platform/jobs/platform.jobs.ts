// The platform's own jobs: delivering the e-mail outbox, applying personal-data retention, exporting the audit
// chain's anchor. Modules add theirs through defineModule({ jobs }) (registry.ts).
import type { FastifyBaseLogger } from 'fastify';
import { Type } from 'typebox';
import { MailWorker, anyDue, releaseHeld } from '../mail/mailer.ts';
import { applyRetention, personalDataOwners } from '../privacy/retention.ts';
import { writeAuditAnchor } from '../audit/audit.service.ts';
import { defineJob, everyMinutes } from './jobs.types.ts';

const Empty = Type.Object({}, { additionalProperties: false });

/**
 * Delivers what is due in the outbox (deliverDue: leases make it exactly once with any number of runners). Sent
 * every minute (retries whose wait is over) and whenever a runner's check, every MAIL_POLL_MS, finds a due message.
 * The job never fails for one message: a message's own attempts and backoff live in the outbox (its dead letter is
 * the `failed` e-mail, resent from the outbox page).
 */
export const mailDeliverJob = defineJob({
  name: 'mail.deliver',
  version: 1,
  payload: Empty,
  enabled: (config) => !!config.smtpUrl && config.mailWorker,
  schedule: () => ({ cron: '* * * * *', payload: {} }),
  wake: {
    everyMs: (config) => config.mailPollMs,
    payload: {},
    due: async ({ db }) => anyDue(db),
  },
  // Messages written while no SMTP was configured become pending now that it is.
  onStart: async ({ db, log }) => {
    const released = await releaseHeld(db);
    if (released) log.info({ released }, 'held e-mails queued for delivery');
  },
  handler: async (_p, { db, config, log }) => {
    const worker = new MailWorker(db, config.smtpUrl!, config.mailFrom, log as unknown as FastifyBaseLogger, {
      leaseMs: config.mailLeaseMs,
      retryBaseMs: config.mailRetryBaseMs,
      maxAttempts: config.mailMaxAttempts,
    });
    try {
      // Until nothing is due: a burst of messages goes out in one run, a batch at a time.
      const total = { sent: 0, retried: 0, failed: 0 };
      for (;;) {
        const r = await worker.run();
        total.sent += r.sent;
        total.retried += r.retried;
        total.failed += r.failed;
        if (r.sent + r.retried + r.failed === 0) return total;
      }
    } finally {
      await worker.stop();
    }
  },
});

/** Personal-data retention every RETENTION_INTERVAL_MINUTES (0: not scheduled; `ctcp retention --apply`). */
export const retentionJob = defineJob({
  name: 'privacy.retention',
  version: 1,
  payload: Empty,
  schedule: (config) =>
    config.retentionIntervalMinutes > 0 ? { cron: everyMinutes(config.retentionIntervalMinutes), payload: {} } : null,
  handler: async (_p, { db, config, log }) => {
    const r = await applyRetention(db, personalDataOwners(), config);
    if (r.total > 0) log.info({ counts: r.counts }, 'retention applied');
    return r;
  },
});

/** The audit chain's head exported every AUDIT_ANCHOR_MINUTES to AUDIT_ANCHOR_DIR (unset: not run at all). */
export const auditAnchorJob = defineJob({
  name: 'audit.anchor',
  version: 1,
  payload: Empty,
  enabled: (config) => !!config.auditAnchorDir,
  schedule: (config) =>
    config.auditAnchorDir && config.auditAnchorMinutes > 0
      ? { cron: everyMinutes(config.auditAnchorMinutes), payload: {} }
      : null,
  // An anchor when a runner starts too (as the server always did), so a restart never leaves a period unanchored.
  onStart: async ({ db, log }) => {
    await writeAuditAnchor(db).catch((err) => log.error({ err }, 'audit anchor not written'));
  },
  handler: async (_p, { db }) => {
    const a = await writeAuditAnchor(db);
    return { id: a?.id ?? null, count: a?.count ?? 0 };
  },
});

export const PLATFORM_JOBS = [mailDeliverJob, retentionJob, auditAnchorJob];
