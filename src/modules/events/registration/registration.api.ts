// JSON API v1 for registration: registering with an Idempotency-Key, cancelling, the organizers' registration lists and
// decisions, delegations registered by a State's focal point.
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LOCALES } from '../../../platform/i18n/index.ts';
import { NullableString, StringEnum, errorResponses } from '../../../platform/http/api.ts';
import { REGISTRATION_STATUSES, type RegistrationStatus } from '../events.schema.ts';
import { IdParams, RegistrationOut, regOut, tags } from '../shared/api.ts';
import * as dl from './delegations.service.ts';
import * as svc from './registration.service.ts';

export default async function registrationApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/v1/events/:id/registrations',
    {
      config: { access: { action: 'event.register' } },
      schema: {
        tags,
        security: [{ bearer: [] }],
        summary:
          'Register yourself. Send an Idempotency-Key header: ' +
          'a replay returns the same registration (200) instead of a new one (201)',
        params: IdParams,
        headers: Type.Object({
          'idempotency-key': Type.Optional(
            Type.String({ minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]+$' }),
          ),
        }),
        body: Type.Object(
          {
            answers: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 2000 }))),
            attendance: Type.Optional(Type.Union([Type.Literal('in_person'), Type.Literal('virtual')])),
            gender: Type.Optional(
              Type.Union([
                Type.Literal('woman'),
                Type.Literal('man'),
                Type.Literal('other'),
                Type.Literal('undisclosed'),
              ]),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: RegistrationOut, 201: RegistrationOut, 409: Type.Ref('ErrorBody'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const b = req.body ?? {};
      const r = await svc.register(ctxOf(req), req.params.id, {
        answers: b.answers ?? {},
        attendance: b.attendance,
        gender: b.gender,
        idempotencyKey: req.headers['idempotency-key'] as string | undefined,
      });
      return reply.code(r.created ? 201 : 200).send(regOut(r.registration));
    },
  );

  app.delete(
    '/api/v1/events/:id/registrations/mine',
    {
      config: { access: { action: 'event.register' } },
      schema: {
        tags,
        security: [{ bearer: [] }],
        summary: 'Cancel your registration (a freed seat goes to the waiting list)',
        params: IdParams,
        response: { 200: RegistrationOut, 409: Type.Ref('ErrorBody'), ...errorResponses },
      },
    },
    async (req) => regOut(await svc.cancelRegistration(ctxOf(req), req.params.id)),
  );

  app.get(
    '/api/v1/events/:id/registrations',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        tags,
        security: [{ bearer: [] }],
        summary: 'Registrations of an event (its organizers)',
        params: IdParams,
        querystring: Type.Object({ status: Type.Optional(StringEnum(REGISTRATION_STATUSES)) }),
        response: {
          200: Type.Object({
            data: Type.Array(
              Type.Object({
                id: Type.String(),
                fullName: Type.String(),
                email: Type.String(),
                organizationId: NullableString(),
                orgType: NullableString(),
                status: StringEnum(REGISTRATION_STATUSES),
                attendance: Type.String(),
                delegationRole: NullableString(),
                answers: Type.Record(Type.String(), Type.String()),
                checkedIn: Type.Boolean(),
                createdAt: Type.String(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const r = await svc.listRegistrations(
        ctxOf(req),
        req.params.id,
        req.query.status as RegistrationStatus | undefined,
      );
      return {
        data: r.rows.map((x) => ({
          id: x.id,
          fullName: x.fullName,
          email: x.email,
          organizationId: x.organizationId,
          orgType: x.orgType,
          status: x.status,
          attendance: x.attendance,
          delegationRole: x.delegationRole,
          answers: x.answers,
          checkedIn: !!x.checkedInAt,
          createdAt: x.createdAt.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/api/v1/events/:id/registrations/:rid/decision',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        tags,
        security: [{ bearer: [] }],
        summary:
          "An organizer's decision on a registration (moderated events, the waiting list); " +
          'the registrant gets the e-mail in their language. ' +
          'Declining or moving an accepted registration frees its seat for the waiting list',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 120 }), rid: Type.String({ maxLength: 36 }) }),
        body: Type.Object(
          { decision: StringEnum(['accept', 'decline', 'waitlist'] as const) },
          { additionalProperties: false },
        ),
        response: { 200: RegistrationOut, 409: Type.Ref('ErrorBody'), ...errorResponses },
      },
    },
    async (req) => regOut(await svc.decide(ctxOf(req), req.params.id, req.params.rid, req.body.decision)),
  );

  const Delegate = Type.Object(
    { fullName: Type.String({ minLength: 1, maxLength: 200 }), email: Type.String({ minLength: 3, maxLength: 320 }) },
    { additionalProperties: false },
  );
  app.post(
    '/api/v1/events/:id/delegations',
    {
      config: { access: { action: 'event.delegation.manage' } },
      schema: {
        tags,
        security: [{ bearer: [] }],
        summary:
          "A Member State's focal point registers the State's delegation: " +
          'the head and members, each a registration with its own e-mail ' +
          '(same rules as the page: capacity, waiting list, no one registered twice)',
        params: IdParams,
        body: Type.Object(
          {
            stateOrgId: Type.String({ maxLength: 36 }),
            locale: Type.Optional(StringEnum(LOCALES)),
            attendance: Type.Optional(Type.Union([Type.Literal('in_person'), Type.Literal('virtual')])),
            head: Delegate,
            members: Type.Array(Delegate, { maxItems: 20 }),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            data: Type.Array(
              Type.Object({
                ...RegistrationOut.properties,
                fullName: Type.String(),
                email: Type.String(),
                delegationRole: NullableString(),
              }),
            ),
          }),
          409: Type.Ref('ErrorBody'),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const rows = await dl.registerDelegation(ctxOf(req), req.params.id, {
        stateOrgId: b.stateOrgId,
        locale: b.locale ?? req.locale,
        attendance: b.attendance,
        head: b.head,
        members: b.members,
      });
      return reply.code(201).send({
        data: rows.map((r) => ({
          ...regOut(r),
          fullName: r.fullName,
          email: r.email,
          delegationRole: r.delegationRole,
        })),
      });
    },
  );
}
