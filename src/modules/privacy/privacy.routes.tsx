// Personal-data pages: retention (overview, run with a confirmation step), erasure of a person (find, confirm,
// erase), and the signed-in person's own data as a JSON download.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/request-context.ts';
import * as svc from './privacy.service.ts';
import { ErasureConfirmPage, RetentionPage, RunConfirmPage } from './privacy.views.tsx';

const Csrf = { _csrf: Type.Optional(Type.String({ maxLength: 200 })) };
const UserParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export default async function privacyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const manage = { access: { action: 'privacy.retention.manage' as const } };
  const erase = { access: { action: 'privacy.erasure.perform' as const } };

  app.get('/admin/privacy', { config: manage }, async (req, reply) => {
    const r = await svc.retentionOverview(ctxOf(req));
    return reply.page(
      req.t('privacy.retention.title'),
      <RetentionPage ctx={reply.viewContext()} lines={r.lines} lastRun={r.lastRun} />,
    );
  });

  app.get('/admin/privacy/run', { config: manage }, async (req, reply) => {
    const r = await svc.retentionOverview(ctxOf(req));
    return reply.page(req.t('privacy.run.title'), <RunConfirmPage ctx={reply.viewContext()} lines={r.lines} />);
  });

  app.post('/admin/privacy/run', { config: manage, schema: { body: Type.Object({ ...Csrf }) } }, async (req, reply) => {
    const r = await svc.runRetentionNow(ctxOf(req));
    return reply.flash(req.t('privacy.run.done', { count: r.total })).redirect('/admin/privacy', 303);
  });

  app.get(
    '/admin/privacy/erase',
    {
      config: erase,
      schema: { querystring: Type.Object({ email: Type.String({ minLength: 3, maxLength: 320 }) }) },
    },
    async (req, reply) => {
      const id = await svc.findUserForErasure(ctxOf(req), req.query.email);
      return reply.redirect(`/admin/privacy/erase/${id}`, 303);
    },
  );

  app.get('/admin/privacy/erase/:id', { config: erase, schema: { params: UserParams } }, async (req, reply) => {
    const p = await svc.erasurePreview(ctxOf(req), req.params.id);
    return reply.page(req.t('privacy.erasure.confirmTitle'), <ErasureConfirmPage ctx={reply.viewContext()} p={p} />);
  });

  app.post(
    '/admin/privacy/erase/:id',
    { config: erase, schema: { params: UserParams, body: Type.Object({ ...Csrf }) } },
    async (req, reply) => {
      const r = await svc.eraseUser(ctxOf(req), req.params.id);
      return reply.flash(req.t('privacy.erasure.done', { pseudonym: r.pseudonym })).redirect('/admin/privacy', 303);
    },
  );

  app.get('/account/my-data.json', { config: { access: { action: 'privacy.export.own' } } }, async (req, reply) => {
    const data = await svc.myData(ctxOf(req));
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', 'attachment; filename="my-data.json"')
      .header('cache-control', 'no-store')
      .send(JSON.stringify(data, null, 2));
  });
}
