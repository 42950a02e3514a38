// JSON API v1 for the e-mail outbox (its list, the failed e-mails — the dead letter —, and sending one again) and the
// job queue (job by job, its failed jobs, and running one again).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/request-context.ts';
import { errorResponses } from '../../platform/http/api.ts';
import * as svc from './admin.service.ts';
import { PAGE } from './admin.paging.ts';
import { OUTBOX_STATUSES } from '../../platform/mail/mail.schema.ts';

const OutboxEntry = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    to: Type.String(),
    locale: Type.String(),
    kind: Type.String(),
    subject: Type.String(),
    status: Type.String({ description: 'pending, sent, failed (gave up: the dead letter) or held (no SMTP)' }),
    attempts: Type.Integer(),
    lastError: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    sentAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    nextAttemptAt: Type.String({ format: 'date-time' }),
  },
  { description: 'An e-mail of the outbox (its body is read on /admin/outbox/{id})' },
);

const entry = (m: svc.OutboxRow) => ({
  id: m.id,
  to: m.to,
  locale: m.locale,
  kind: m.kind,
  subject: m.subject,
  status: m.status,
  attempts: m.attempts,
  lastError: m.lastError,
  createdAt: m.createdAt.toISOString(),
  sentAt: m.sentAt ? m.sentAt.toISOString() : null,
  nextAttemptAt: m.nextAttemptAt.toISOString(),
});

const FailedJob = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String({ description: 'The job (mail.deliver, events.reminders…)' }),
    version: Type.Union([Type.Integer(), Type.Null()], { description: 'The payload schema version as queued' }),
    attempts: Type.Integer({ description: 'Runs made: the first and its retries' }),
    lastError: Type.Union([Type.String(), Type.Null()]),
    failedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { description: 'A job of the job queue that failed for good (the dead letter)' },
);

const failedJob = (j: svc.DeadLetter) => ({
  ...j,
  failedAt: j.failedAt ? j.failedAt.toISOString() : null,
  createdAt: j.createdAt.toISOString(),
});

const JobQueueLine = Type.Object(
  {
    name: Type.String({ description: 'The job (mail.deliver, events.reminders…): its queue' }),
    waiting: Type.Integer({ description: 'Runs waiting: queued, waiting for a retry, or to start later' }),
    running: Type.Integer(),
    doneLastDay: Type.Integer({ description: 'Runs finished in the last 24 hours' }),
    failed: Type.Integer({ description: 'Runs that failed for good (GET /api/v1/admin/jobs lists them)' }),
    lastDone: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    cron: Type.Union([Type.String(), Type.Null()], { description: 'Its schedule (cron, UTC); null: run on demand' }),
  },
  { description: 'One job of the job queue: its runs by state and its schedule' },
);

export default async function adminApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const security = [{ bearer: [] }];
  const tags = ['outbox'];

  app.get(
    '/api/v1/outbox',
    {
      config: { access: { action: 'admin.outbox.read' } },
      schema: {
        tags,
        security,
        operationId: 'listEmails',
        summary: `The e-mails of the outbox, newest first, ${PAGE} a page: by state, by part of the address (any case)`,
        querystring: Type.Object({
          status: Type.Optional(Type.Union(OUTBOX_STATUSES.map((s) => Type.Literal(s)))),
          to: Type.Optional(Type.String({ maxLength: 320 })),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
        }),
        response: {
          200: Type.Object({ items: Type.Array(OutboxEntry), total: Type.Integer(), page: Type.Integer() }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const { page = 1, status, to } = req.query;
      const r = await svc.outboxList(ctxOf(req), page, { status, to });
      return { items: r.rows.map(entry), total: r.total, page: r.page };
    },
  );

  app.get(
    '/api/v1/outbox/failed',
    {
      config: { access: { action: 'admin.outbox.read' } },
      schema: {
        tags,
        security,
        operationId: 'listFailedEmails',
        summary: `The e-mails delivery gave up on (the dead letter), newest first (at most ${svc.DEAD_LETTER_SHOWN})`,
        response: { 200: Type.Object({ items: Type.Array(OutboxEntry) }), ...errorResponses },
      },
    },
    async (req) => ({ items: (await svc.deadLetter(ctxOf(req))).map(entry) }),
  );

  app.post(
    '/api/v1/outbox/:id/resend',
    {
      config: { access: { action: 'admin.outbox.resend' } },
      schema: {
        tags,
        security,
        operationId: 'resendEmail',
        summary: 'Send a failed or sent e-mail again: back in the queue, attempts from zero (409 while it is queued)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: OutboxEntry, ...errorResponses, 409: Type.Ref('ErrorBody') },
      },
    },
    async (req) => entry(await svc.resendMessage(ctxOf(req), req.params.id)),
  );

  app.get(
    '/api/v1/admin/jobs',
    {
      config: { access: { action: 'admin.jobs.read' } },
      schema: {
        tags: ['jobs'],
        security,
        operationId: 'listFailedJobs',
        summary: `The jobs that failed for good (the dead letters), most recent first, ${PAGE} a page`,
        querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })) }),
        response: {
          200: Type.Object({ items: Type.Array(FailedJob), total: Type.Integer(), page: Type.Integer() }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const r = await svc.jobsPage(ctxOf(req), req.query.page ?? 1);
      return { items: r.rows.map(failedJob), total: r.total, page: r.page };
    },
  );

  app.get(
    '/api/v1/admin/jobs/queues',
    {
      config: { access: { action: 'admin.jobs.read' } },
      schema: {
        tags: ['jobs'],
        security,
        operationId: 'listJobQueues',
        summary: 'The job queue job by job: runs waiting, running, done in the last day and failed, and the schedule',
        response: { 200: Type.Object({ items: Type.Array(JobQueueLine) }), ...errorResponses },
      },
    },
    async (req) => ({
      items: (await svc.jobQueues(ctxOf(req))).map((q) => ({ ...q, lastDone: q.lastDone?.toISOString() ?? null })),
    }),
  );

  app.post(
    '/api/v1/admin/jobs/:id/retry',
    {
      config: { access: { action: 'admin.jobs.retry' } },
      schema: {
        tags: ['jobs'],
        security,
        operationId: 'retryJob',
        summary: 'Put a failed job back in the queue to run again (404 when it is not among the failed jobs)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: FailedJob, ...errorResponses, 409: Type.Ref('ErrorBody') },
      },
    },
    async (req) => failedJob(await svc.retryJob(ctxOf(req), req.params.id)),
  );
}
