// Side events of an umbrella week: the proposal form, the secretariat's list and review page (decision, scheduling).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { attempt, formErrors } from '../../../platform/http/forms.ts';
import type { FormErrors } from '../../../platform/views/components.tsx';
import { organizationChoices } from '../../directory/index.ts';
import { Csrf, FormBody, SlugParams } from '../shared/http.ts';
import * as side from './side-events.service.ts';
import { ProposalFormPage, ProposalPage, ProposalsPage } from './side-events.views.tsx';
import { ManageMenu } from '../shared/views.tsx';

const PropParams = Type.Object({
  slug: Type.String({ minLength: 1, maxLength: 120 }),
  pid: Type.String({ maxLength: 36 }),
});
type Values = Record<string, string | string[] | undefined>;
const one = (v: Values[string]) => (Array.isArray(v) ? v[0] : v) ?? '';
const many = (v: Values[string]) => (Array.isArray(v) ? v : v ? [v] : []);
export default async function sideEventsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const allOrgs = (req: FastifyRequest) => organizationChoices(ctxOf(req), req.locale);

  const proposalForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    values: Values,
    errors?: FormErrors,
    status = 200,
  ) => {
    const ctx = ctxOf(req);
    const w = await side.findWeek(ctx, slug);
    return reply.page(
      req.t('events.side.propose'),
      <ProposalFormPage
        ctx={reply.viewContext()}
        w={w}
        mine={await side.proposerOrgs(ctx)}
        orgs={await allOrgs(req)}
        values={values}
        errors={errors}
      />,
      status,
    );
  };
  app.get(
    '/events/:slug/side-events/propose',
    { config: { access: { action: 'event.sideEvent.propose' } }, schema: { params: SlugParams } },
    async (req, reply) => proposalForm(req, reply, req.params.slug, {}),
  );

  app.post(
    '/events/:slug/side-events/proposals',
    {
      config: { access: { action: 'event.sideEvent.propose' } },
      schema: { params: SlugParams, body: FormBody },
      attachValidation: true,
    },
    async (req, reply) => {
      const v = (req.body ?? {}) as Values;
      const errors = formErrors(req);
      if (errors) return proposalForm(req, reply, req.params.slug, v, errors, 422);
      const rerendered = await attempt(
        req,
        () =>
          side.proposeSideEvent(ctxOf(req), req.params.slug, {
            proposerOrgId: one(v.proposerOrgId),
            coOrganizerOrgIds: many(v.coOrganizerOrgIds),
            title: one(v.title),
            summary: one(v.summary),
            language: one(v.language),
            format: one(v.format),
            preferredTime: one(v.preferredTime),
          }),
        (e) => proposalForm(req, reply, req.params.slug, v, e, 422),
      );
      if (rerendered) return reply;
      return reply.flash(req.t('events.side.submitted')).redirect(`/events/${req.params.slug}`, 303);
    },
  );

  app.get(
    '/events/:slug/side-events/proposals',
    { config: { access: { action: 'event.manage' } }, schema: { params: SlugParams } },
    async (req, reply) => {
      const r = await side.listProposals(ctxOf(req), req.params.slug);
      return reply.page(
        req.t('events.side.proposals'),
        <>
          <ManageMenu
            ctx={reply.viewContext()}
            slug={r.week.slug}
            current="side-events/proposals"
            week={r.week.type === 'week'}
          />
          <ProposalsPage ctx={reply.viewContext()} w={r.week} rows={r.rows} />
        </>,
      );
    },
  );

  const proposalPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    pid: string,
    values: Values,
    errors?: FormErrors,
    status = 200,
  ) => {
    const d = await side.getProposal(ctxOf(req), slug, pid);
    return reply.page(
      d.proposal.title,
      <ProposalPage ctx={reply.viewContext()} d={d} errors={errors} values={values} />,
      status,
    );
  };
  app.get(
    '/events/:slug/side-events/proposals/:pid',
    { config: { access: { action: 'event.manage' } }, schema: { params: PropParams } },
    async (req, reply) => proposalPage(req, reply, req.params.slug, req.params.pid, {}),
  );

  app.post(
    '/events/:slug/side-events/proposals/:pid/decision',
    {
      config: { access: { action: 'event.manage' } },
      attachValidation: true,
      schema: {
        params: PropParams,
        body: Type.Object({
          decision: Type.Union([Type.Literal('accept'), Type.Literal('reject')]),
          reason: Type.Optional(Type.String({ maxLength: 2000 })),
          ...Csrf,
        }),
      },
    },
    async (req, reply) => {
      const v = (req.body ?? {}) as Values;
      const errors = formErrors(req);
      if (errors) return proposalPage(req, reply, req.params.slug, req.params.pid, v, errors, 422);
      const rerendered = await attempt(
        req,
        () =>
          side.decideProposal(
            ctxOf(req),
            req.params.slug,
            req.params.pid,
            one(v.decision) as 'accept' | 'reject',
            one(v.reason),
          ),
        (e) => proposalPage(req, reply, req.params.slug, req.params.pid, v, e, 422),
      );
      if (rerendered) return reply;
      return reply
        .flash(req.t('events.side.decided'))
        .redirect(`/events/${req.params.slug}/side-events/proposals/${req.params.pid}`, 303);
    },
  );

  app.post(
    '/events/:slug/side-events/proposals/:pid/schedule',
    {
      config: { access: { action: 'event.manage' } },
      attachValidation: true,
      schema: {
        params: PropParams,
        body: Type.Object({
          startsAt: Type.String({ maxLength: 16 }),
          endsAt: Type.String({ maxLength: 16 }),
          room: Type.String({ maxLength: 200 }),
          ...Csrf,
        }),
      },
    },
    async (req, reply) => {
      const v = (req.body ?? {}) as Values;
      const errors = formErrors(req);
      if (errors) return proposalPage(req, reply, req.params.slug, req.params.pid, v, errors, 422);
      const rerendered = await attempt(
        req,
        () =>
          side.scheduleSideEvent(ctxOf(req), req.params.slug, req.params.pid, {
            startsAt: one(v.startsAt),
            endsAt: one(v.endsAt),
            room: one(v.room),
          }),
        (e) => proposalPage(req, reply, req.params.slug, req.params.pid, v, e, 422),
      );
      if (rerendered) return reply;
      return reply
        .flash(req.t('events.side.scheduled'))
        .redirect(`/events/${req.params.slug}/side-events/proposals/${req.params.pid}`, 303);
    },
  );
}
