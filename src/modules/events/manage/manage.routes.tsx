// The management area of an event: its overview (/events/:slug/manage) and the clone form.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { attempt, formErrors } from '../../../platform/http/forms.ts';
import type { FormErrors } from '../../../platform/views/components.tsx';
import { managedEvent } from '../shared/events.service.ts';
import { Csrf, SlugParams } from '../shared/http.ts';
import * as svc from './manage.service.ts';
import { CloneFormPage, ManageOverviewPage } from './manage.views.tsx';

const CloneBody = Type.Object({
  ...Csrf,
  slug: Type.Optional(Type.String({ maxLength: 200 })),
  startsAt: Type.Optional(Type.String({ maxLength: 40 })),
});

export default async function manageRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const manage = { access: { action: 'event.manage' } } as const;

  app.get('/events/:slug/manage', { config: manage, schema: { params: SlugParams } }, async (req, reply) => {
    const o = await svc.manageOverview(ctxOf(req), req.params.slug);
    return reply.page(req.t('events.manage.title'), <ManageOverviewPage ctx={reply.viewContext()} o={o} />);
  });

  const cloneForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    values?: svc.CloneInput,
    errors?: FormErrors,
    status = 200,
  ) => {
    const e = await managedEvent(ctxOf(req), slug);
    return reply.page(
      req.t('events.clone.title'),
      <CloneFormPage ctx={reply.viewContext()} e={e} values={values ?? svc.cloneDefaults(e)} errors={errors} />,
      status,
    );
  };

  app.get('/events/:slug/clone', { config: manage, schema: { params: SlugParams } }, async (req, reply) =>
    cloneForm(req, reply, req.params.slug),
  );

  app.post(
    '/events/:slug/clone',
    { config: manage, schema: { params: SlugParams, body: CloneBody }, attachValidation: true },
    async (req, reply) => {
      const values = { slug: req.body?.slug ?? '', startsAt: req.body?.startsAt ?? '' };
      const errors = formErrors(req);
      if (errors) return cloneForm(req, reply, req.params.slug, values, errors, 422);
      let slug = '';
      const rerendered = await attempt(
        req,
        async () => {
          slug = (await svc.cloneEvent(ctxOf(req), req.params.slug, values)).slug;
        },
        (e) => cloneForm(req, reply, req.params.slug, values, e, 422),
      );
      if (rerendered) return reply;
      return reply.flash(req.t('events.clone.done')).redirect(`/events/${slug}/manage`, 303);
    },
  );
}
