// Personal-data pages: the public privacy notice, retention (overview, run with a confirmation step), erasure of a
// person (find, confirm, erase), and the signed-in person's own data as a JSON download.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/request-context.ts';
import { confirmation } from '../../platform/http/confirm.tsx';
import { formatNumber } from '../../platform/i18n/index.ts';
import * as svc from './privacy.service.ts';
import { PrivacyNotice, RetentionPage } from './privacy.views.tsx';

const Csrf = { _csrf: Type.Optional(Type.String({ maxLength: 200 })) };
const UserParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export default async function privacyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const manage = { access: { action: 'privacy.retention.manage' as const } };
  const erase = { access: { action: 'privacy.erasure.perform' as const } };

  // The privacy notice (public, linked from every page's footer): what is kept, why, and the periods in force.
  app.get('/privacy', { config: { access: 'public', pageCache: true } }, async (req, reply) =>
    reply.page(
      req.t('privacyNotice.title'),
      <PrivacyNotice ctx={reply.viewContext()} rules={svc.retentionRules(fastify.platform.config)} />,
    ),
  );

  app.get('/admin/privacy', { config: manage }, async (req, reply) => {
    const r = await svc.retentionOverview(ctxOf(req));
    return reply.page(
      req.t('privacy.retention.title'),
      <RetentionPage ctx={reply.viewContext()} lines={r.lines} lastRun={r.lastRun} />,
    );
  });

  // Applying the rules now, and erasing a person, go through the platform's confirmation page with what will go.
  confirmation(app, '/admin/privacy/run', { config: manage }, async (req) => {
    const due = (await svc.retentionOverview(ctxOf(req))).lines.filter((l) => l.due > 0);
    return {
      title: req.t('privacy.run.title'),
      question: req.t(due.length ? 'privacy.run.intro' : 'privacy.run.nothing'),
      details: due.length ? (
        <ul>
          {due.map((l) => (
            <li>
              {req.t(`privacy.kind.${l.kind}`)}: {formatNumber(req.locale, l.due)}
            </li>
          ))}
        </ul>
      ) : undefined,
      button: req.t('privacy.run.confirm'),
      back: '/admin/privacy',
      breadcrumb: [{ href: '/admin/privacy', label: req.t('privacy.retention.title') }],
    };
  });

  const confirmedManage = { ...manage, confirm: true };
  app.post(
    '/admin/privacy/run',
    { config: confirmedManage, schema: { body: Type.Object({ ...Csrf }) } },
    async (req, reply) => {
      const r = await svc.runRetentionNow(ctxOf(req));
      return reply.flash(req.t('privacy.run.done', { count: r.total })).redirect('/admin/privacy', 303);
    },
  );

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

  confirmation(app, '/admin/privacy/erase/:id', { config: erase, params: UserParams }, async (req) => {
    const p = await svc.erasurePreview(ctxOf(req), req.params.id);
    const counts = p.counts.filter((c) => c.count > 0);
    return {
      title: req.t('privacy.erasure.confirmTitle'),
      question: (
        <>
          {req.t('privacy.erasure.person')} <strong dir="auto">{p.name}</strong> (<span dir="ltr">{p.email}</span>)
        </>
      ),
      details: (
        <>
          {p.erased ? <p>{req.t('privacy.erasure.already')}</p> : null}
          <p>{req.t('privacy.erasure.what')}</p>
          <ul>
            {counts.map((c) => (
              <li>
                {req.t(`privacy.section.${c.section}`)}: {formatNumber(req.locale, c.count)}
              </li>
            ))}
          </ul>
          <p>{req.t('privacy.erasure.irreversible')}</p>
        </>
      ),
      blocked: p.lastAdmin ? req.t('privacy.erasure.lastAdmin') : undefined,
      button: req.t('privacy.erasure.confirm'),
      back: '/admin/privacy',
      breadcrumb: [{ href: '/admin/privacy', label: req.t('privacy.retention.title') }],
    };
  });

  app.post(
    '/admin/privacy/erase/:id',
    { config: { ...erase, confirm: true }, schema: { params: UserParams, body: Type.Object({ ...Csrf }) } },
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
