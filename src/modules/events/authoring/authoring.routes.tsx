// Secretariat authoring pages: the event form (new event, editing).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { attempt, formErrors } from '../../../platform/http/forms.ts';
import type { FormErrors } from '../../../platform/views/components.tsx';
import { organizationChoices } from '../../directory/index.ts';
import { managedEvent } from '../shared/events.service.ts';
import type { FormValues } from '../shared/forms.ts';
import { Csrf, FormBody, SlugParams } from '../shared/http.ts';
import * as au from './authoring.service.ts';
import { EventFormPage } from './authoring.views.tsx';

export default async function authoringRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.platform;

  const eventForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    action: string,
    values: FormValues,
    editing: boolean,
    errors?: FormErrors,
    status = 200,
  ) =>
    reply.page(
      editing ? req.t('events.authoring.edit') : req.t('events.authoring.new'),
      <EventFormPage
        ctx={reply.viewContext()}
        action={action}
        values={values}
        errors={errors}
        orgs={await organizationChoices(ctxOf(req), req.locale)}
        weeks={await au.weekOptions(db, req.locale)}
        editing={editing}
      />,
      status,
    );

  app.get('/events/new', { config: { access: { action: 'event.create' } } }, async (req, reply) =>
    eventForm(
      req,
      reply,
      '/events',
      {
        openTo: ['member_state', 'un_entity', 'regional_org', 'international_org', 'cso', 'academia'],
        waitlist: 'on',
        title_en_status: 'original',
      },
      false,
    ),
  );

  app.post(
    '/events',
    { config: { access: { action: 'event.create' } }, schema: { body: FormBody }, attachValidation: true },
    async (req, reply) => {
      const values = (req.body ?? {}) as FormValues;
      const errors = formErrors(req);
      if (errors) return eventForm(req, reply, '/events', values, false, errors, 422);
      let slug = '';
      const rerendered = await attempt(
        req,
        async () => {
          slug = (await au.createEvent(ctxOf(req), values)).slug;
        },
        (e) => eventForm(req, reply, '/events', values, false, e, 422),
      );
      if (rerendered) return reply;
      return reply.flash(req.t('events.authoring.saved')).redirect(`/events/${slug}`, 303);
    },
  );

  app.post(
    '/events/:slug/publish',
    { config: { access: { action: 'event.manage' } }, schema: { params: SlugParams, body: Type.Object(Csrf) } },
    async (req, reply) => {
      const e = await au.publishEvent(ctxOf(req), req.params.slug);
      return reply.flash(req.t('events.published')).redirect(`/events/${e.slug}`, 303);
    },
  );

  app.get(
    '/events/:slug/edit',
    { config: { access: { action: 'event.manage' } }, schema: { params: SlugParams } },
    async (req, reply) => {
      const e = await managedEvent(ctxOf(req), req.params.slug);
      return eventForm(req, reply, `/events/${e.slug}/edit`, await au.eventFormValues(ctxOf(req), e), true);
    },
  );

  app.post(
    '/events/:slug/edit',
    {
      config: { access: { action: 'event.manage' } },
      schema: { params: SlugParams, body: FormBody },
      attachValidation: true,
    },
    async (req, reply) => {
      const values = (req.body ?? {}) as FormValues;
      const action = `/events/${req.params.slug}/edit`;
      const errors = formErrors(req);
      if (errors) {
        await managedEvent(ctxOf(req), req.params.slug);
        return eventForm(req, reply, action, values, true, errors, 422);
      }
      let slug = '';
      const rerendered = await attempt(
        req,
        async () => {
          slug = (await au.updateEvent(ctxOf(req), req.params.slug, values)).slug;
        },
        (e) => eventForm(req, reply, action, values, true, e, 422),
      );
      if (rerendered) return reply;
      return reply.flash(req.t('events.authoring.saved')).redirect(`/events/${slug}`, 303);
    },
  );
}
