// Pages of the briefing pack (work without JavaScript): the list, the period form (errors all at once), the pack in
// the reader's language (`?lang=` or the language switcher), and the approve / circulate confirmations.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { attempt } from '../../../platform/http/forms.ts';
import { can } from '../../../platform/auth/policy.ts';
import type { FormErrors } from '../../../platform/views/components.tsx';
import { briefingProvider } from '../../../platform/modules/briefing.ts';
import { isLocale, translator } from '../../../platform/i18n/index.ts';
import * as svc from './briefing.service.ts';
import { BriefingConfirm, BriefingForm, BriefingList, BriefingPage, day } from './briefing.views.tsx';

const IdParams = Type.Object({ id: Type.String({ maxLength: 36 }) });
const Csrf = { _csrf: Type.Optional(Type.String({ maxLength: 200 })) };
const PeriodBody = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 20 })),
  to: Type.Optional(Type.String({ maxLength: 20 })),
  ...Csrf,
});
const CsrfOnly = Type.Object({ ...Csrf });
const LangQuery = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 5 })) });

export default async function briefingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const list = { config: { access: { action: 'compact.briefing.list' as const } } };

  app.get('/compact/briefings', list, async (req, reply) => {
    const items = await svc.listBriefings(ctxOf(req));
    return reply.page(
      req.t('briefing.title'),
      <BriefingList ctx={reply.viewContext()} items={items} canCreate={can(req.actor, 'compact.briefing.create')} />,
    );
  });

  const form = (
    req: FastifyRequest,
    reply: FastifyReply,
    values: { from?: string; to?: string },
    errors?: FormErrors,
  ) =>
    reply.page(
      req.t('briefing.new'),
      <BriefingForm ctx={reply.viewContext()} values={values} errors={errors} />,
      errors ? 422 : 200,
    );

  app.get('/compact/briefings/new', { config: { access: { action: 'compact.briefing.create' } } }, async (req, reply) =>
    form(req, reply, svc.defaultPeriod()),
  );

  app.post(
    '/compact/briefings',
    { config: { access: { action: 'compact.briefing.create' } }, schema: { body: PeriodBody } },
    async (req, reply) => {
      const values = { from: req.body.from, to: req.body.to };
      let id = '';
      const rerendered = await attempt(
        req,
        async () => {
          id = (await svc.createBriefing(ctxOf(req), values)).id;
        },
        (errors) => form(req, reply, values, errors),
      );
      if (rerendered) return reply;
      return reply.flash(req.t('briefing.created')).redirect(`/compact/briefings/${id}`, 303);
    },
  );

  app.get(
    '/compact/briefings/:id',
    { ...list, schema: { params: IdParams, querystring: LangQuery } },
    async (req, reply) => {
      // `?lang=` shows this pack in another of the six languages without changing the reader's choice (printing it).
      if (isLocale(req.query.lang)) {
        req.locale = req.query.lang;
        req.t = translator(req.locale);
      }
      const detail = await svc.getBriefing(ctxOf(req), req.params.id);
      const vc = reply.viewContext();
      const sections = detail.snapshot.sections.map((s) => briefingProvider(s.key)?.render(vc, s.figures) ?? null);
      return reply.page(
        `${req.t('briefing.packTitle')} — ${day(vc, detail.briefing.periodFrom)}`,
        <BriefingPage ctx={vc} detail={detail} sections={sections} />,
      );
    },
  );

  const confirm = (kind: 'approve' | 'circulate') =>
    app.get(
      `/compact/briefings/:id/${kind}`,
      { config: { access: { action: `compact.briefing.${kind}` as const } }, schema: { params: IdParams } },
      async (req, reply) => {
        const detail = await svc.getBriefing(ctxOf(req), req.params.id);
        const vc = reply.viewContext();
        return reply.page(
          req.t(`briefing.${kind}`),
          <BriefingConfirm
            ctx={vc}
            detail={detail}
            action={`/compact/briefings/${detail.briefing.id}/${kind}`}
            question={req.t(`briefing.${kind}.question`, { version: detail.briefing.version })}
            button={req.t(`briefing.${kind}`)}
          />,
        );
      },
    );
  confirm('approve');
  confirm('circulate');

  app.post(
    '/compact/briefings/:id/approve',
    { config: { access: { action: 'compact.briefing.approve' } }, schema: { params: IdParams, body: CsrfOnly } },
    async (req, reply) => {
      const r = await svc.approveBriefing(ctxOf(req), req.params.id);
      return reply
        .flash(req.t(r.status === 'approved' ? 'briefing.approvedAll' : 'briefing.approvedOne'))
        .redirect(`/compact/briefings/${req.params.id}`, 303);
    },
  );

  app.post(
    '/compact/briefings/:id/circulate',
    { config: { access: { action: 'compact.briefing.circulate' } }, schema: { params: IdParams, body: CsrfOnly } },
    async (req, reply) => {
      const r = await svc.circulateBriefing(ctxOf(req), req.params.id);
      return reply
        .flash(req.t('briefing.circulated', { count: r.notified }))
        .redirect(`/compact/briefings/${req.params.id}`, 303);
    },
  );
}
