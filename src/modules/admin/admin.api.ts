// JSON API v1 for the e-mail outbox: the failed e-mails (the dead letter) and sending one again.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/request-context.ts';
import { errorResponses } from '../../platform/http/api.ts';
import * as svc from './admin.service.ts';

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

export default async function adminApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const security = [{ bearer: [] }];
  const tags = ['outbox'];

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
}
