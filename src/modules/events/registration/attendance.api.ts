// JSON API v1 for checking in an event's participants: the registrations page's check-in, with the same service and
// rule (registration.service.ts `checkIn`: the event's organizers, accepted registrations only, audited).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { tags } from '../shared/api.ts';
import * as svc from './registration.service.ts';

export default async function attendanceApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/v1/events/:id/registrations/:rid/check-in',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        tags,
        security: [{ bearer: [] }],
        summary:
          'Check a participant in (present: true) or undo it (false): accepted registrations of an event you ' +
          'organize (404 for another registration)',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 120 }), rid: Type.String({ maxLength: 36 }) }),
        body: Type.Object({ present: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Type.Object({ id: Type.String(), checkedIn: Type.Boolean() }) },
      },
    },
    async (req) => {
      await svc.checkIn(ctxOf(req), req.params.id, req.params.rid, req.body.present);
      return { id: req.params.rid, checkedIn: req.body.present };
    },
  );
}
