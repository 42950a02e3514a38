// Secretariat authoring pages: event form, programme (sessions, order, published versions), documents, per-session iCalendar.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { asc, eq } from 'drizzle-orm';
import { create as contentDisposition } from 'content-disposition';
import { attempt, formErrors, multipartForm } from '../../platform/http/forms.ts';
import type { FormErrors } from '../../platform/views/components.tsx';
import { notFound } from '../../platform/http/errors.ts';
import { organizations } from '../directory/directory.schema.ts';
import { isUuid } from '../directory/directory.service.ts';
import { eventDocuments, events } from './events.schema.ts';
import * as svc from './events.service.ts';
import * as au from './events.authoring.ts';
import { eventsIcs } from './shared/ical.ts';
import { text } from './shared/translate.ts';
import {
  DocumentVersionFormPage,
  DocumentsManagePage,
  EventFormPage,
  ProgrammeManagePage,
  SessionFormPage,
  type OrgOption,
} from './events.authoring.views.tsx';
import { sendIcs } from './events.routes.tsx';

const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 120 }) });
const SessionParams = Type.Object({
  slug: Type.String({ minLength: 1, maxLength: 120 }),
  sid: Type.String({ maxLength: 36 }),
});
const DocParams = Type.Object({
  slug: Type.String({ minLength: 1, maxLength: 120 }),
  docId: Type.String({ maxLength: 36 }),
});
const DocLangParams = Type.Object({
  slug: Type.String({ minLength: 1, maxLength: 120 }),
  docId: Type.String({ maxLength: 36 }),
  lang: Type.String({ maxLength: 5 }),
});
/** Form bodies of the authoring forms: text fields, and repeated fields (multi-selects, check boxes). */
export const FormBody = Type.Object(
  {},
  {
    additionalProperties: Type.Union([
      Type.String({ maxLength: 20000 }),
      Type.Array(Type.String({ maxLength: 300 }), { maxItems: 500 }),
    ]),
  },
);
const Csrf = { _csrf: Type.Optional(Type.String({ maxLength: 200 })) };

export default async function authoringRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app.platform;
  const ctxOf = (req: FastifyRequest): svc.EventsContext => ({ db, config, actor: req.actor, ip: req.ip });

  const orgOptions = async (req: FastifyRequest): Promise<OrgOption[]> => {
    const rows = await db
      .select({ id: organizations.id, names: organizations.names, type: organizations.type })
      .from(organizations)
      .limit(2000);
    return rows
      .map((o) => ({ id: o.id, name: o.names[req.locale] || o.names.en, type: o.type }))
      .sort((a, b) => a.name.localeCompare(b.name, req.locale));
  };
  const weekOptions = async (req: FastifyRequest) =>
    (
      await db
        .select({ slug: events.slug, title: events.title })
        .from(events)
        .where(eq(events.type, 'week'))
        .orderBy(asc(events.startsAt))
    ).map((w) => ({ slug: w.slug, title: text(w.title, req.locale) }));

  // ----- events -----
  const eventForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    action: string,
    values: au.FormValues,
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
        orgs={await orgOptions(req)}
        weeks={await weekOptions(req)}
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
      const values = (req.body ?? {}) as au.FormValues;
      const errors = formErrors(req);
      if (errors) return eventForm(req, reply, '/events', values, false, errors, 422);
      let slug = '';
      const done = await attempt(
        req,
        async () => {
          slug = (await au.createEvent(ctxOf(req), values)).slug;
        },
        (e) => eventForm(req, reply, '/events', values, false, e, 422),
      );
      if (done) return done;
      return reply.flash(req.t('events.authoring.saved')).redirect(`/events/${slug}`, 303);
    },
  );

  app.get(
    '/events/:slug/edit',
    { config: { access: { action: 'event.manage' } }, schema: { params: SlugParams } },
    async (req, reply) => {
      const e = await au.managedEvent(ctxOf(req), req.params.slug);
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
      const values = (req.body ?? {}) as au.FormValues;
      const action = `/events/${req.params.slug}/edit`;
      const errors = formErrors(req);
      if (errors) {
        await au.managedEvent(ctxOf(req), req.params.slug);
        return eventForm(req, reply, action, values, true, errors, 422);
      }
      let slug = '';
      const done = await attempt(
        req,
        async () => {
          slug = (await au.updateEvent(ctxOf(req), req.params.slug, values)).slug;
        },
        (e) => eventForm(req, reply, action, values, true, e, 422),
      );
      if (done) return done;
      return reply.flash(req.t('events.authoring.saved')).redirect(`/events/${slug}`, 303);
    },
  );

  // ----- programme -----
  const programmePage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    errors?: FormErrors,
    status = 200,
  ) => {
    const e = await au.managedEvent(ctxOf(req), slug);
    const d = await svc.getEventDetail(ctxOf(req), e.id);
    const versions = await au.programmeVersions(ctxOf(req), e.id);
    return reply.page(
      req.t('events.authoring.programme'),
      <ProgrammeManagePage ctx={reply.viewContext()} e={e} sessions={d.sessions} versions={versions} errors={errors} />,
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
      const done = await attempt(
        req,
        async () => {
          n = (await au.publishProgramme(ctxOf(req), req.params.slug, req.body?.note ?? '')).number;
        },
        (e) => programmePage(req, reply, req.params.slug, e, 422),
      );
      if (done) return done;
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
    values: au.FormValues,
    errors?: FormErrors,
    status = 200,
  ) => {
    const e = await au.managedEvent(ctxOf(req), slug);
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
      const values = (req.body ?? {}) as au.FormValues;
      const errors = formErrors(req);
      if (errors) return sessionForm(req, reply, req.params.slug, null, values, errors, 422);
      const done = await attempt(
        req,
        () => au.saveSession(ctxOf(req), req.params.slug, null, values),
        (e) => sessionForm(req, reply, req.params.slug, null, values, e, 422),
      );
      if (done) return done;
      return reply.flash(req.t('events.authoring.sessionSaved')).redirect(`/events/${req.params.slug}/programme`, 303);
    },
  );

  app.get(
    '/events/:slug/sessions/:sid/edit',
    { config: { access: { action: 'event.manage' } }, schema: { params: SessionParams } },
    async (req, reply) => {
      const e = await au.managedEvent(ctxOf(req), req.params.slug);
      return sessionForm(req, reply, e.slug, req.params.sid, await au.sessionFormValues(ctxOf(req), e, req.params.sid));
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
      const values = (req.body ?? {}) as au.FormValues;
      const errors = formErrors(req);
      if (errors) return sessionForm(req, reply, req.params.slug, req.params.sid, values, errors, 422);
      const done = await attempt(
        req,
        () => au.saveSession(ctxOf(req), req.params.slug, req.params.sid, values),
        (e) => sessionForm(req, reply, req.params.slug, req.params.sid, values, e, 422),
      );
      if (done) return done;
      return reply.flash(req.t('events.authoring.sessionSaved')).redirect(`/events/${req.params.slug}/programme`, 303);
    },
  );

  app.post(
    '/events/:slug/sessions/:sid/delete',
    { config: { access: { action: 'event.manage' } }, schema: { params: SessionParams, body: Type.Object(Csrf) } },
    async (req, reply) => {
      await au.deleteSession(ctxOf(req), req.params.slug, req.params.sid);
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
      await au.moveSession(ctxOf(req), req.params.slug, req.params.sid, req.body.direction);
      return reply.redirect(`/events/${req.params.slug}/programme`, 303);
    },
  );

  app.get(
    '/events/:slug/sessions/:sid/calendar.ics',
    { config: { access: 'public' }, schema: { params: SessionParams } },
    async (req, reply) => {
      const e = await svc.findVisibleEvent(ctxOf(req), req.params.slug);
      const s = await au.sessionOf(ctxOf(req), e, req.params.sid);
      const item = {
        id: s.id,
        slug: e.slug,
        title: s.title,
        summary: e.title,
        venue: [e.venue, s.room].filter(Boolean).join(', ') || null,
        timeZone: e.timeZone,
        allDay: !s.startsAt && e.allDay,
        startsAt: s.startsAt ?? e.startsAt,
        endsAt: s.endsAt ?? (s.startsAt ? new Date(s.startsAt.getTime() + 3600_000) : e.endsAt),
        status: e.status,
        updatedAt: e.updatedAt,
      };
      return sendIcs(
        reply,
        `${e.slug}-session.ics`,
        eventsIcs([item], { name: text(s.title, req.locale), locale: req.locale, baseUrl: config.baseUrl }),
      );
    },
  );

  // ----- documents -----
  const docsPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    values: au.FormValues,
    errors?: FormErrors,
    status = 200,
  ) => {
    const e = await au.managedEvent(ctxOf(req), slug);
    const docs = await db
      .select()
      .from(eventDocuments)
      .where(eq(eventDocuments.eventId, e.id))
      .orderBy(asc(eventDocuments.sort));
    return reply.page(
      req.t('events.documents'),
      <DocumentsManagePage ctx={reply.viewContext()} e={e} docs={docs} values={values} errors={errors} />,
      status,
    );
  };
  app.get(
    '/events/:slug/documents',
    { config: { access: { action: 'event.manage' } }, schema: { params: SlugParams } },
    async (req, reply) => docsPage(req, reply, req.params.slug, {}),
  );

  app.post(
    '/events/:slug/documents',
    { config: { access: { action: 'event.manage' } }, schema: { params: SlugParams } },
    async (req, reply) => {
      const { fields, file } = await multipartForm(req);
      const input = {
        kind: fields.kind ?? '',
        title: fields.title ?? '',
        titleLanguage: fields.titleLanguage ?? '',
        language: fields.language ?? '',
        status: fields.status ?? '',
        url: (fields.url ?? '').trim(),
      };
      const done = await attempt(
        req,
        () => au.addDocument(ctxOf(req), req.params.slug, input, file),
        (e) => docsPage(req, reply, req.params.slug, fields, e, 422),
      );
      if (done) return done;
      return reply.flash(req.t('events.authoring.documentSaved')).redirect(`/events/${req.params.slug}/documents`, 303);
    },
  );

  const versionForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    docId: string,
    values: au.FormValues,
    errors?: FormErrors,
    status = 200,
  ) => {
    const e = await au.managedEvent(ctxOf(req), slug);
    if (!isUuid(docId)) throw notFound();
    const doc = (await db.select().from(eventDocuments).where(eq(eventDocuments.id, docId)).limit(1))[0];
    if (!doc || doc.eventId !== e.id) throw notFound();
    return reply.page(
      req.t('events.authoring.addVersion'),
      <DocumentVersionFormPage ctx={reply.viewContext()} e={e} doc={doc} values={values} errors={errors} />,
      status,
    );
  };
  app.get(
    '/events/:slug/documents/:docId/versions',
    { config: { access: { action: 'event.manage' } }, schema: { params: DocParams } },
    async (req, reply) => versionForm(req, reply, req.params.slug, req.params.docId, {}),
  );

  app.post(
    '/events/:slug/documents/:docId/versions',
    { config: { access: { action: 'event.manage' } }, schema: { params: DocParams } },
    async (req, reply) => {
      const { fields, file } = await multipartForm(req);
      const input = {
        title: fields.title ?? '',
        language: fields.language ?? '',
        status: fields.status ?? '',
        url: (fields.url ?? '').trim(),
      };
      const done = await attempt(
        req,
        () => au.addDocumentVersion(ctxOf(req), req.params.slug, req.params.docId, input, file),
        (e) => versionForm(req, reply, req.params.slug, req.params.docId, fields, e, 422),
      );
      if (done) return done;
      return reply.flash(req.t('events.authoring.documentSaved')).redirect(`/events/${req.params.slug}/documents`, 303);
    },
  );

  app.get(
    '/events/:slug/documents/:docId/:lang',
    { config: { access: 'public' }, schema: { params: DocLangParams } },
    async (req, reply) => {
      const f = await au.documentFile(ctxOf(req), req.params.slug, req.params.docId, req.params.lang);
      return reply
        .header('content-type', f.contentType)
        .header('content-disposition', contentDisposition(f.name))
        .header('x-content-type-options', 'nosniff')
        .send(f.data);
    },
  );
}
