// JSON API v1 of the organizers' bulk tools, with the pages' rules (`event.manage` on the event): the import of
// registrations from CSV or XLSX, one decision for many registrations, and messages e-mailed to participants.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { AppError, type FieldError } from '../../../platform/http/errors.ts';
import { multipartForm } from '../../../platform/http/forms.ts';
import { StringEnum, errorResponses } from '../../../platform/http/api.ts';
import { TranslatableSchema, textFromApi } from '../../../platform/i18n/text.ts';
import { REGISTRATION_STATUSES } from '../events.schema.ts';
import { IdParams, TranslatedOut, tags } from '../shared/api.ts';
import * as bulk from './bulk.service.ts';
import { importRegistrations, MAX_IMPORT_ROWS } from './import.service.ts';

const Counts = Type.Object({
  accepted: Type.Integer(),
  pending: Type.Integer(),
  waitlisted: Type.Integer(),
});

export default async function bulkApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const manage = { access: { action: 'event.manage' as const } };

  app.post(
    '/api/v1/events/:id/registrations/import',
    {
      config: manage,
      schema: {
        tags,
        security: [{ bearer: [] }],
        summary:
          'Import registrations from CSV or XLSX (multipart/form-data, field "file"; columns as in the template ' +
          `on the import page; at most ${MAX_IMPORT_ROWS} rows). ?dryRun=true checks every row and stores nothing; ` +
          'otherwise every new row is stored, or none (422 with every row’s errors, 409 when the seats do not ' +
          'suffice). People already registered are left as they are, so importing a file again adds nothing. ' +
          '?notify=false sends no e-mail',
        params: IdParams,
        querystring: Type.Object({
          dryRun: Type.Optional(Type.Boolean()),
          notify: Type.Optional(Type.Boolean()),
        }),
        response: {
          200: Type.Object({
            rows: Type.Integer(),
            created: Type.Integer(),
            unchanged: Type.Integer(),
            byStatus: Counts,
            committed: Type.Boolean(),
            mails: Type.Integer(),
          }),
          409: Type.Ref('ErrorBody'),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const { file } = await multipartForm(req);
      const r = await importRegistrations(ctxOf(req), req.params.id, file, {
        dryRun: req.query.dryRun === true,
        notify: req.query.notify !== false,
        locale: req.locale,
      });
      if (r.errors.length)
        throw new AppError(
          'validation_failed',
          422,
          'import.rowsInvalid',
          { count: new Set(r.errors.map((e) => e.row)).size },
          r.errors.map((e) => ({
            field: e.row ? `row ${e.row}: ${e.field}` : e.field,
            messageKey: e.messageKey,
            values: e.values,
          })),
        );
      const { errors: _, ...out } = r;
      return out;
    },
  );

  app.post(
    '/api/v1/events/:id/registrations/decisions',
    {
      config: manage,
      schema: {
        tags,
        security: [{ bearer: [] }],
        summary:
          'One decision for many registrations: the ones listed, or every one with a status. All of them or none ' +
          '(409 when accepting them would exceed the free seats); each person changed is told by e-mail in their ' +
          'language; seats freed go to the waiting list',
        params: IdParams,
        body: Type.Object(
          {
            decision: StringEnum(['accept', 'decline', 'waitlist'] as const),
            registrationIds: Type.Optional(
              Type.Array(Type.String({ maxLength: 36 }), { minItems: 1, maxItems: bulk.MAX_SELECTED }),
            ),
            status: Type.Optional(StringEnum(REGISTRATION_STATUSES)),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ decision: Type.String(), changed: Type.Integer(), unchanged: Type.Integer() }),
          409: Type.Ref('ErrorBody'),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const b = req.body;
      if (!!b.registrationIds === !!b.status)
        throw new AppError('validation_failed', 422, 'events.bulk.selectOne', {}, [
          { field: 'registrationIds', messageKey: 'events.bulk.selectOne' },
        ]);
      return bulk.bulkDecide(
        ctxOf(req),
        req.params.id,
        b.registrationIds ? { registrationIds: b.registrationIds } : { status: b.status! },
        b.decision,
      );
    },
  );

  app.get(
    '/api/v1/events/:id/messages',
    {
      config: manage,
      schema: {
        tags,
        security: [{ bearer: [] }],
        summary: 'Messages e-mailed to the participants of an event (its organizers), newest first',
        params: IdParams,
        response: {
          200: Type.Object({
            data: Type.Array(
              Type.Object({
                id: Type.String(),
                subject: TranslatedOut,
                recipients: Type.Integer(),
                createdAt: Type.String({ format: 'date-time' }),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const { rows } = await bulk.listMessages(ctxOf(req), req.params.id);
      return {
        data: rows.map((m) => ({
          id: m.id,
          subject: m.subject,
          recipients: m.recipients,
          createdAt: m.createdAt.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/api/v1/events/:id/messages',
    {
      config: manage,
      schema: {
        tags,
        security: [{ bearer: [] }],
        summary:
          'E-mail a message to the participants with the given statuses, or to the registrations listed: one ' +
          'e-mail each, in their language (their version of subject and body, else the original), through the ' +
          'outbox. The Idempotency-Key header is required: a repeated request with the same key sends nothing ' +
          'more (200 with sent 0) — nobody gets a message twice',
        params: IdParams,
        headers: Type.Object({
          'idempotency-key': Type.String({ minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]+$' }),
        }),
        body: Type.Object(
          {
            subject: TranslatableSchema,
            body: TranslatableSchema,
            statuses: Type.Optional(Type.Array(StringEnum(bulk.MESSAGE_STATUSES), { minItems: 1, maxItems: 3 })),
            registrationIds: Type.Optional(
              Type.Array(Type.String({ maxLength: 36 }), { minItems: 1, maxItems: bulk.MAX_SELECTED }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            messageId: Type.String(),
            sent: Type.Integer(),
            already: Type.Boolean(),
            recipients: Type.Integer(),
          }),
          201: Type.Object({
            messageId: Type.String(),
            sent: Type.Integer(),
            already: Type.Boolean(),
            recipients: Type.Integer(),
          }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const b = req.body;
      if (!!b.registrationIds === !!b.statuses)
        throw new AppError('validation_failed', 422, 'events.bulk.selectOne', {}, [
          { field: 'registrationIds', messageKey: 'events.bulk.selectOne' },
        ]);
      const textErrors: FieldError[] = [];
      const subject = textFromApi(b.subject, 'subject', textErrors, { maxLength: 200, required: true });
      const body = textFromApi(b.body, 'body', textErrors, { maxLength: 10_000, required: true });
      const r = await bulk.sendMessage(
        ctxOf(req),
        req.params.id,
        {
          subject,
          body,
          key: req.headers['idempotency-key'] as string,
          audience: b.registrationIds ? { registrationIds: b.registrationIds } : { statuses: b.statuses! },
        },
        textErrors,
      );
      return reply.code(r.already ? 200 : 201).send(r);
    },
  );
}
