// JSON API v1 for the person's workspace: their tasks and notifications (rendered in the request's language).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { UserActor } from '../../platform/auth/policy.ts';
import { NullableString, errorResponses } from '../../platform/http/api.ts';
import type { Notification } from '../../platform/notify/notify.service.ts';
import * as svc from './home.service.ts';

const TaskBody = Type.Object(
  {
    module: Type.String(),
    kind: Type.String(),
    title: Type.String(),
    count: Type.Union([Type.Integer(), Type.Null()]),
    url: Type.String(),
    due: NullableString({ format: 'date-time' }),
  },
  { $id: 'WorkspaceTask' },
);

const NotificationBody = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: Type.String(),
    message: Type.String(),
    url: NullableString(),
    createdAt: Type.String({ format: 'date-time' }),
    readAt: NullableString({ format: 'date-time' }),
    resolvedAt: NullableString({ format: 'date-time' }),
  },
  { $id: 'Notification' },
);

export const workspaceApiSchemas = [TaskBody, NotificationBody];

export default async function workspaceApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const security = [{ bearer: [] }];
  const ctx = (req: FastifyRequest): svc.HomeContext => ({
    db: app.platform.db,
    actor: req.actor as UserActor,
    locale: req.locale,
    ip: req.ip,
  });
  const view = (req: FastifyRequest, n: Notification) => ({
    id: n.id,
    kind: n.kind,
    message: req.t(n.messageKey, n.values),
    url: n.url,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
    resolvedAt: n.resolvedAt?.toISOString() ?? null,
  });

  app.get(
    '/api/v1/me/tasks',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['workspace'],
        security,
        summary: 'What waits for the token holder, from every module',
        response: { 200: Type.Object({ data: Type.Array(Type.Ref('WorkspaceTask')) }), ...errorResponses },
      },
    },
    async (req) => ({
      data: (await svc.tasksOf(ctx(req))).map((t) => ({
        module: t.module,
        kind: t.kind,
        title: req.t(t.titleKey, { ...t.values, count: t.count ?? 1 }),
        count: t.count ?? null,
        url: t.url,
        due: t.due ? t.due.toISOString() : null,
      })),
    }),
  );

  app.get(
    '/api/v1/me/notifications',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['workspace'],
        security,
        summary: "The token holder's notifications, newest first",
        querystring: Type.Object({
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
        }),
        response: {
          200: Type.Object({
            data: Type.Array(Type.Ref('Notification')),
            page: Type.Integer(),
            pageSize: Type.Integer(),
            total: Type.Integer(),
            unread: Type.Integer(),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const page = req.query.page ?? 1;
      const pageSize = req.query.pageSize ?? 50;
      const r = await svc.notificationsOf(ctx(req), page, pageSize);
      return { data: r.items.map((n) => view(req, n)), page, pageSize, total: r.total, unread: r.unread };
    },
  );

  app.post(
    '/api/v1/me/notifications/read-all',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['workspace'],
        security,
        summary: 'Mark every notification read',
        response: { 200: Type.Object({ marked: Type.Integer() }), ...errorResponses },
      },
    },
    async (req) => ({ marked: await svc.readAllNotifications(ctx(req)) }),
  );

  app.post(
    '/api/v1/me/notifications/:id/read',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['workspace'],
        security,
        summary: 'Mark one notification read (404 when it is not yours)',
        params: Type.Object({ id: Type.String({ maxLength: 36 }) }),
        response: { 200: Type.Ref('Notification'), ...errorResponses },
      },
    },
    async (req) => view(req, await svc.readNotification(ctx(req), req.params.id)),
  );
}
