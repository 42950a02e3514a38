// Registration pages: registering oneself and cancelling, a State's delegation, the participant list, and the
// organizers' registrations page (decisions, check-in, CSV/XLSX exports).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { confirmation } from '../../../platform/http/confirm.tsx';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { textIn } from '../../../platform/i18n/text.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { attempt, formErrors } from '../../../platform/http/forms.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import type { FormErrors } from '../../../platform/views/components.tsx';
import { REGISTRATION_STATUSES, type RegistrationStatus } from '../events.schema.ts';
import { Csrf, SlugParams } from '../shared/http.ts';
import { sendTable } from '../../../platform/export/tabular.ts';
import * as dl from './delegations.service.ts';
import * as ex from './exports.service.ts';
import * as svc from './registration.service.ts';
import {
  DELEGATION_MEMBERS,
  DelegationFormPage,
  ParticipantsPage,
  RegisterFormPage,
  RegistrationGatePage,
  REGISTRATIONS_PAGE,
  RegistrationsPage,
  registrationGate,
} from './registration.views.tsx';
import { ManageMenu } from '../shared/views.tsx';

const Empty = Type.Literal('');
const RegParams = Type.Object({
  slug: Type.String({ minLength: 1, maxLength: 120 }),
  id: Type.String({ maxLength: 36 }),
});
const RegisterBody = Type.Object(
  {
    attendance: Type.Optional(Type.String({ maxLength: 20 })),
    gender: Type.Optional(Type.String({ maxLength: 20 })),
    ...Csrf,
  },
  { additionalProperties: Type.String({ maxLength: 2000 }) },
);
const delegateFields = Object.fromEntries(
  Array.from({ length: DELEGATION_MEMBERS }, (_, i) => i + 1).flatMap((i) => [
    [`member${i}Name`, Type.Optional(Type.String({ maxLength: 200 }))],
    [`member${i}Email`, Type.Optional(Type.String({ maxLength: 320 }))],
  ]),
);
const DelegationBody = Type.Object({
  stateOrgId: Type.String({ maxLength: 36 }),
  locale: Type.String({ maxLength: 5 }),
  attendance: Type.Optional(Type.String({ maxLength: 20 })),
  // Presence and form are checked by the service with every other field (one pass), not by the schema.
  headName: Type.Optional(Type.String({ maxLength: 200 })),
  headEmail: Type.Optional(Type.String({ maxLength: 320 })),
  ...delegateFields,
  ...Csrf,
});
type Values = Record<string, string | undefined>;

export default async function registrationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.platform;

  // ----- registration -----

  /**
   * The registration page: the form, or — before any form — the reader's registration (200), why they may not
   * register (403) or why registration is closed (409), each with the way back to the event.
   */
  const registerForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    d: svc.RegistrationState,
    values: Values,
    errors?: FormErrors,
    status = 200,
  ) => {
    const gate = registrationGate(d);
    if (gate)
      return reply.page(
        req.t('events.register'),
        <RegistrationGatePage ctx={reply.viewContext()} d={d} />,
        gate === 'registered' ? 200 : gate === 'not_eligible' ? 403 : 409,
      );
    if (!d.window.open) throw svc.closedError(d.window, req.locale, d.event.timeZone);
    return reply.page(
      req.t('events.register'),
      <RegisterFormPage ctx={reply.viewContext()} e={d.event} values={values} errors={errors} w={d.window} />,
      status,
    );
  };

  app.get(
    '/events/:slug/register',
    { config: { access: { action: 'event.register' } }, schema: { params: SlugParams } },
    async (req, reply) => registerForm(req, reply, await svc.registrationState(ctxOf(req), req.params.slug), {}),
  );

  app.post(
    '/events/:slug/register',
    {
      config: { access: { action: 'event.register' } },
      schema: { params: SlugParams, body: RegisterBody },
      attachValidation: true,
    },
    async (req, reply) => {
      const values = (req.body ?? {}) as Values;
      const d = await svc.registrationState(ctxOf(req), req.params.slug);
      // Already registered, not eligible, closed: said as on the form's page, not as an error page.
      if (registrationGate(d) && !(d.mine && d.mine.status !== 'cancelled')) return registerForm(req, reply, d, values);
      const rerender = async (errors: FormErrors) =>
        registerForm(req, reply, await svc.registrationState(ctxOf(req), req.params.slug), values, errors, 422);
      const errors = formErrors(req);
      if (errors) return rerender(errors);
      const answers = Object.fromEntries(
        Object.entries(values)
          .filter(([k, v]) => k.startsWith('q_') && typeof v === 'string')
          .map(([k, v]) => [k.slice(2), v as string]),
      );
      let result: Awaited<ReturnType<typeof svc.register>> | null = null;
      const rerendered = await attempt(
        req,
        async () => {
          result = await svc.register(ctxOf(req), req.params.slug, {
            answers,
            attendance: values.attendance,
            gender: values.gender || undefined,
          });
        },
        rerender,
      );
      if (rerendered) return reply;
      const r = result!;
      return reply
        .flash(req.t(r.created ? `events.registered.${r.registration.status}` : 'events.alreadyRegistered'))
        .redirect(`/events/${req.params.slug}`, 303);
    },
  );

  confirmation(
    app,
    '/events/:slug/cancel',
    { config: { access: { action: 'event.register' } }, params: SlugParams },
    async (req) => {
      const d = await svc.registrationState(ctxOf(req), req.params.slug);
      if (!d.mine || !svc.ACTIVE.includes(d.mine.status))
        throw new AppError('no_registration', 409, 'events.errors.nothingToCancel');
      const event = textIn(d.event.title, req.locale);
      const back = `/events/${d.event.slug}`;
      return {
        title: req.t('events.confirm.cancel.title'),
        question: req.t('events.confirm.cancel.question', { event }),
        button: req.t('events.confirm.cancel.button'),
        back,
        breadcrumb: [{ href: back, label: event }],
      };
    },
  );
  app.post(
    '/events/:slug/cancel',
    {
      config: { access: { action: 'event.register' }, confirm: true },
      schema: { params: SlugParams, body: Type.Object(Csrf) },
    },
    async (req, reply) => {
      await svc.cancelRegistration(ctxOf(req), req.params.slug);
      return reply.flash(req.t('events.registrationCancelled')).redirect(`/events/${req.params.slug}`, 303);
    },
  );

  // ----- delegations -----

  const delegationForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    values: Values,
    errors?: FormErrors,
    status = 200,
  ) => {
    const d = await svc.registrationState(ctxOf(req), slug);
    if (!d.window.open) throw svc.closedError(d.window, req.locale, d.event.timeZone);
    const states = await dl.delegationStates(ctxOf(req), req.locale);
    const existing = await dl.delegationOf(
      db,
      d.event.id,
      states.map((s) => s.id),
    );
    return reply.page(
      req.t('events.registerDelegation'),
      <DelegationFormPage
        ctx={reply.viewContext()}
        e={d.event}
        states={states}
        values={values}
        errors={errors}
        existing={existing}
      />,
      status,
    );
  };

  app.get(
    '/events/:slug/delegation',
    { config: { access: { action: 'event.delegation.manage' } }, schema: { params: SlugParams } },
    async (req, reply) => delegationForm(req, reply, req.params.slug, {}),
  );

  app.post(
    '/events/:slug/delegation',
    {
      config: { access: { action: 'event.delegation.manage' } },
      schema: { params: SlugParams, body: DelegationBody },
      attachValidation: true,
    },
    async (req, reply) => {
      const values = (req.body ?? {}) as Values;
      const rerender = (errors: FormErrors) => delegationForm(req, reply, req.params.slug, values, errors, 422);
      const errors = formErrors(req);
      if (errors) return rerender(errors);
      const members = Array.from({ length: DELEGATION_MEMBERS }, (_, i) => i + 1)
        .map((i) => ({ fullName: values[`member${i}Name`] ?? '', email: values[`member${i}Email`] ?? '' }))
        .filter((m) => m.fullName.trim() || m.email.trim());
      const rerendered = await attempt(
        req,
        () =>
          dl.registerDelegation(ctxOf(req), req.params.slug, {
            stateOrgId: values.stateOrgId ?? '',
            locale: (values.locale ?? '') as Locale,
            attendance: values.attendance,
            head: { fullName: values.headName ?? '', email: values.headEmail ?? '' },
            members,
          }),
        rerender,
      );
      if (rerendered) return reply;
      return reply.flash(req.t('events.delegationSaved')).redirect(`/events/${req.params.slug}/delegation`, 303);
    },
  );

  // ----- participant lists and organizers' pages -----

  app.get(
    '/events/:slug/participants',
    { config: { access: 'public' }, schema: { params: SlugParams } },
    async (req, reply) => {
      const r = await svc.listParticipants(ctxOf(req), req.params.slug);
      return reply.page(
        req.t('events.participants'),
        <ParticipantsPage ctx={reply.viewContext()} e={r.event} rows={r.rows} hiddenCso={r.hiddenCso} />,
      );
    },
  );

  const StatusQuery = Type.Object({
    status: Type.Optional(Type.Union([Empty, ...REGISTRATION_STATUSES.map((s) => Type.Literal(s))])),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  });
  app.get(
    '/events/:slug/registrations',
    { config: { access: { action: 'event.manage' } }, schema: { params: SlugParams, querystring: StatusQuery } },
    async (req, reply) => {
      const page = req.query.page ?? 1;
      const r = await svc.listRegistrations(
        ctxOf(req),
        req.params.slug,
        (req.query.status || undefined) as RegistrationStatus | undefined,
        { page, pageSize: REGISTRATIONS_PAGE },
      );
      return reply.page(
        req.t('events.manageRegistrations'),
        <>
          <ManageMenu
            ctx={reply.viewContext()}
            slug={r.event.slug}
            current="registrations"
            week={r.event.type === 'week'}
          />
          <RegistrationsPage
            ctx={reply.viewContext()}
            e={r.event}
            rows={r.rows}
            status={req.query.status}
            total={r.total}
            page={page}
          />
        </>,
      );
    },
  );

  for (const format of ['csv', 'xlsx'] as const)
    app.get(
      `/events/:slug/registrations.${format}`,
      { config: { access: { action: 'event.manage' } }, schema: { params: SlugParams } },
      async (req, reply) => {
        const x = await ex.registrationsExport(ctxOf(req), req.params.slug);
        return sendTable(
          reply,
          format,
          `${x.event.slug}-registrations`,
          ex.registrationColumns(req.t, req.locale, x.event.questions),
          x.rows,
          { hxl: true, sheetName: 'registrations' },
        );
      },
    );

  // Declining goes through its confirmation page; accepting and moving to the waiting list do not.
  confirmation(
    app,
    '/events/:slug/registrations/:id/decision',
    { config: { access: { action: 'event.manage' } }, params: RegParams, fields: ['decision'] },
    async (req) => {
      if (req.query.decision !== 'decline') throw notFound();
      const r = await svc.listRegistrations(ctxOf(req), req.params.slug);
      const reg = r.rows.find((x) => x.id === req.params.id && x.status !== 'cancelled');
      if (!reg) throw notFound();
      const event = textIn(r.event.title, req.locale);
      const back = `/events/${r.event.slug}/registrations`;
      return {
        title: req.t('events.confirm.decline.title'),
        question: req.t('events.confirm.decline.question', { name: reg.fullName, email: reg.email, event }),
        button: req.t('events.confirm.decline.button'),
        back,
        breadcrumb: [
          { href: `/events/${r.event.slug}`, label: event },
          { href: back, label: req.t('events.manageRegistrations') },
        ],
      };
    },
  );
  app.post(
    '/events/:slug/registrations/:id/decision',
    {
      config: { access: { action: 'event.manage' }, confirm: (form) => form.decision === 'decline' },
      schema: {
        params: RegParams,
        body: Type.Object({
          decision: Type.Union([Type.Literal('accept'), Type.Literal('decline'), Type.Literal('waitlist')]),
          ...Csrf,
        }),
      },
    },
    async (req, reply) => {
      await svc.decide(ctxOf(req), req.params.slug, req.params.id, req.body.decision);
      return reply.flash(req.t('events.decisionSaved')).redirect(`/events/${req.params.slug}/registrations`, 303);
    },
  );

  app.post(
    '/events/:slug/registrations/:id/check-in',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        params: RegParams,
        body: Type.Object({ present: Type.Union([Type.Literal('1'), Type.Literal('0')]), ...Csrf }),
      },
    },
    async (req, reply) => {
      await svc.checkIn(ctxOf(req), req.params.slug, req.params.id, req.body.present === '1');
      return reply.flash(req.t('events.attendanceSaved')).redirect(`/events/${req.params.slug}/registrations`, 303);
    },
  );
}
