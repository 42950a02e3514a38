// The organizers' programme pages: sessions (form, order, deletion), publishing a version; and a session's iCalendar
// file.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { confirmation } from '../../../platform/http/confirm.tsx';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { attempt, formErrors } from '../../../platform/http/forms.ts';
import type { FormErrors } from '../../../platform/views/components.tsx';
import { findVisibleEvent, managedEvent } from '../shared/events.service.ts';
import type { FormValues } from '../shared/forms.ts';
import { Csrf, FormBody, SessionParams, SlugParams, sendIcs } from '../shared/http.ts';
import { eventsIcs } from '../shared/ical.ts';
import { textIn as text } from '../../../platform/i18n/text.ts';
import * as pr from './programme.service.ts';
import { ProgrammeManagePage, SessionFormPage } from './programme.views.tsx';
import { ManageMenu } from '../shared/views.tsx';

export default async function programmeRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app.platform;

  const programmePage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    errors?: FormErrors,
    status = 200,
  ) => {
    const e = await managedEvent(ctxOf(req), slug);
    const sessions = await pr.programmeOf(db, e.id);
    const versions = await pr.programmeVersions(ctxOf(req), e.id);
    return reply.page(
      req.t('events.authoring.programme'),
      <>
        <ManageMenu ctx={reply.viewContext()} slug={e.slug} current="programme" week={e.type === 'week'} />
        <ProgrammeManagePage ctx={reply.viewContext()} e={e} sessions={sessions} versions={versions} errors={errors} />
      </>,
      status,
    );
  };
  app.get(
    '/events/:slug/programme',
    { config: { access: { action: 'event.manage' } }, schema: { params: SlugParams } },
    async (req, reply) => programmePage(req, reply, req.params.slug),
  );

  app.post(
    '/events/:slug/programme/publish',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        params: SlugParams,
        body: Type.Object({ note: Type.Optional(Type.String({ maxLength: 1000 })), ...Csrf }),
      },
      attachValidation: true,
    },
    async (req, reply) => {
      const errors = formErrors(req);
      if (errors) return programmePage(req, reply, req.params.slug, errors, 422);
      let n = 0;
      const rerendered = await attempt(
        req,
        async () => {
          n = (await pr.publishProgramme(ctxOf(req), req.params.slug, req.body?.note ?? '')).number;
        },
        (e) => programmePage(req, reply, req.params.slug, e, 422),
      );
      if (rerendered) return reply;
      return reply
        .flash(req.t('events.authoring.published', { number: n }))
        .redirect(`/events/${req.params.slug}/programme`, 303);
    },
  );

  const sessionForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    sid: string | null,
    values: FormValues,
    errors?: FormErrors,
    status = 200,
  ) => {
    const e = await managedEvent(ctxOf(req), slug);
    const action = sid ? `/events/${e.slug}/sessions/${sid}/edit` : `/events/${e.slug}/sessions`;
    return reply.page(
      req.t('events.authoring.session'),
      <SessionFormPage ctx={reply.viewContext()} e={e} action={action} values={values} errors={errors} />,
      status,
    );
  };
  app.get(
    '/events/:slug/sessions/new',
    { config: { access: { action: 'event.manage' } }, schema: { params: SlugParams } },
    async (req, reply) =>
      sessionForm(req, reply, req.params.slug, null, {
        kind: 'thematic_plenary',
        title_en_status: 'original',
        statementMinutes: '5',
      }),
  );

  app.post(
    '/events/:slug/sessions',
    {
      config: { access: { action: 'event.manage' } },
      schema: { params: SlugParams, body: FormBody },
      attachValidation: true,
    },
    async (req, reply) => {
      const values = (req.body ?? {}) as FormValues;
      const errors = formErrors(req);
      if (errors) return sessionForm(req, reply, req.params.slug, null, values, errors, 422);
      const rerendered = await attempt(
        req,
        () => pr.saveSession(ctxOf(req), req.params.slug, null, values),
        (e) => sessionForm(req, reply, req.params.slug, null, values, e, 422),
      );
      if (rerendered) return reply;
      return reply.flash(req.t('events.authoring.sessionSaved')).redirect(`/events/${req.params.slug}/programme`, 303);
    },
  );

  app.get(
    '/events/:slug/sessions/:sid/edit',
    { config: { access: { action: 'event.manage' } }, schema: { params: SessionParams } },
    async (req, reply) => {
      const e = await managedEvent(ctxOf(req), req.params.slug);
      return sessionForm(req, reply, e.slug, req.params.sid, await pr.sessionFormValues(ctxOf(req), e, req.params.sid));
    },
  );

  app.post(
    '/events/:slug/sessions/:sid/edit',
    {
      config: { access: { action: 'event.manage' } },
      schema: { params: SessionParams, body: FormBody },
      attachValidation: true,
    },
    async (req, reply) => {
      const values = (req.body ?? {}) as FormValues;
      const errors = formErrors(req);
      if (errors) return sessionForm(req, reply, req.params.slug, req.params.sid, values, errors, 422);
      const rerendered = await attempt(
        req,
        () => pr.saveSession(ctxOf(req), req.params.slug, req.params.sid, values),
        (e) => sessionForm(req, reply, req.params.slug, req.params.sid, values, e, 422),
      );
      if (rerendered) return reply;
      return reply.flash(req.t('events.authoring.sessionSaved')).redirect(`/events/${req.params.slug}/programme`, 303);
    },
  );

  confirmation(
    app,
    '/events/:slug/sessions/:sid/delete',
    { config: { access: { action: 'event.manage' } }, params: SessionParams },
    async (req) => {
      const e = await managedEvent(ctxOf(req), req.params.slug);
      const s = await pr.sessionOf(ctxOf(req), e, req.params.sid);
      const event = text(e.title, req.locale);
      const back = `/events/${e.slug}/programme`;
      return {
        title: req.t('events.confirm.deleteSession.title'),
        question: req.t('events.confirm.deleteSession.question', { session: text(s.title, req.locale), event }),
        button: req.t('events.confirm.deleteSession.button'),
        back,
        breadcrumb: [
          { href: `/events/${e.slug}`, label: event },
          { href: back, label: req.t('events.authoring.programme') },
        ],
      };
    },
  );
  app.post(
    '/events/:slug/sessions/:sid/delete',
    {
      config: { access: { action: 'event.manage' }, confirm: true },
      schema: { params: SessionParams, body: Type.Object(Csrf) },
    },
    async (req, reply) => {
      await pr.deleteSession(ctxOf(req), req.params.slug, req.params.sid);
      return reply
        .flash(req.t('events.authoring.sessionDeleted'))
        .redirect(`/events/${req.params.slug}/programme`, 303);
    },
  );

  app.post(
    '/events/:slug/sessions/:sid/move',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        params: SessionParams,
        body: Type.Object({ direction: Type.Union([Type.Literal('up'), Type.Literal('down')]), ...Csrf }),
      },
    },
    async (req, reply) => {
      await pr.moveSession(ctxOf(req), req.params.slug, req.params.sid, req.body.direction);
      return reply.redirect(`/events/${req.params.slug}/programme`, 303);
    },
  );

  app.get(
    '/events/:slug/sessions/:sid/calendar.ics',
    { config: { access: 'public' }, schema: { params: SessionParams } },
    async (req, reply) => {
      const e = await findVisibleEvent(ctxOf(req), req.params.slug);
      const { session: s, item } = await pr.sessionCalendarItem(ctxOf(req), e, req.params.sid);
      return sendIcs(
        reply,
        `${e.slug}-session.ics`,
        eventsIcs([item], { name: text(s.title, req.locale), locale: req.locale, baseUrl: config.baseUrl }),
      );
    },
  );
}
