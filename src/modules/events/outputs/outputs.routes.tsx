// Outputs pages: the Chair's Summary form, follow-up actions (list and update), and the draft outcome report.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { attempt, formErrors } from '../../../platform/http/forms.ts';
import type { FormErrors } from '../../../platform/views/components.tsx';
import { organizationChoices } from '../../directory/index.ts';
import { Csrf, SlugParams } from '../shared/http.ts';
import { textIn as text } from '../../../platform/i18n/text.ts';
import * as out from './outputs.service.ts';
import { ActionFormPage, ActionsPage, ReportPage, SummaryFormPage } from './outputs.views.tsx';
import { ManageMenu } from '../shared/views.tsx';

const ActionParams = Type.Object({
  slug: Type.String({ minLength: 1, maxLength: 120 }),
  aid: Type.String({ maxLength: 36 }),
});
type Values = Record<string, string | undefined>;
export default async function outputsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const orgOptions = (req: FastifyRequest) => organizationChoices(ctxOf(req), req.locale);

  const summaryForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    values?: Values,
    errors?: FormErrors,
    status = 200,
  ) => {
    const s = await out.summaryFormValues(ctxOf(req), slug);
    return reply.page(
      req.t('events.outputs.summary'),
      <>
        <ManageMenu ctx={reply.viewContext()} slug={s.event.slug} current="summary" week={s.event.type === 'week'} />
        <SummaryFormPage
          ctx={reply.viewContext()}
          e={s.event}
          values={values ?? s.values}
          errors={errors}
          documents={s.summary.documents}
        />
      </>,
      status,
    );
  };
  app.get(
    '/events/:slug/summary',
    { config: { access: { action: 'event.manage' } }, schema: { params: SlugParams } },
    async (req, reply) => summaryForm(req, reply, req.params.slug),
  );

  app.post(
    '/events/:slug/summary',
    {
      config: { access: { action: 'event.manage' } },
      attachValidation: true,
      schema: {
        params: SlugParams,
        body: Type.Object({
          language: Type.String({ maxLength: 5 }),
          conclusions: Type.Optional(Type.String({ maxLength: 300000 })),
          recommendations: Type.Optional(Type.String({ maxLength: 300000 })),
          ...Csrf,
        }),
      },
    },
    async (req, reply) => {
      const v = (req.body ?? {}) as Values;
      const errors = formErrors(req);
      if (errors) return summaryForm(req, reply, req.params.slug, v, errors, 422);
      const rerendered = await attempt(
        req,
        () =>
          out.saveSummary(ctxOf(req), req.params.slug, {
            language: v.language ?? '',
            conclusions: v.conclusions ?? '',
            recommendations: v.recommendations ?? '',
          }),
        (e) => summaryForm(req, reply, req.params.slug, v, e, 422),
      );
      if (rerendered) return reply;
      // Saved is a draft: readers get it once two people sign it, on its publishing page (the next step).
      return reply
        .flash(req.t('events.outputs.summarySaved'))
        .redirect(`/events/${req.params.slug}/summary/publishing`, 303);
    },
  );

  app.get(
    '/events/:slug/actions',
    { config: { access: { action: 'event.manage' } }, schema: { params: SlugParams } },
    async (req, reply) => {
      const r = await out.listActions(ctxOf(req), req.params.slug);
      return reply.page(
        req.t('events.outputs.actions'),
        <ActionsPage ctx={reply.viewContext()} e={r.event} rows={r.rows} />,
      );
    },
  );

  const actionForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    aid: string,
    values?: Values,
    errors?: FormErrors,
    status = 200,
  ) => {
    const r = await out.getAction(ctxOf(req), slug, aid);
    const v = values ?? {
      ownerOrgId: r.action.ownerOrgId ?? '',
      status: r.action.status,
      dueOn: r.action.dueOn ?? '',
      note: r.action.note ?? '',
    };
    return reply.page(
      req.t('events.outputs.update'),
      <ActionFormPage
        ctx={reply.viewContext()}
        e={r.event}
        a={r.action}
        orgs={await orgOptions(req)}
        values={v}
        errors={errors}
      />,
      status,
    );
  };
  app.get(
    '/events/:slug/actions/:aid',
    { config: { access: { action: 'event.manage' } }, schema: { params: ActionParams } },
    async (req, reply) => actionForm(req, reply, req.params.slug, req.params.aid),
  );

  app.post(
    '/events/:slug/actions/:aid',
    {
      config: { access: { action: 'event.manage' } },
      attachValidation: true,
      schema: {
        params: ActionParams,
        body: Type.Object({
          ownerOrgId: Type.Optional(Type.String({ maxLength: 36 })),
          status: Type.String({ maxLength: 20 }),
          dueOn: Type.Optional(Type.String({ maxLength: 10 })),
          note: Type.Optional(Type.String({ maxLength: 2000 })),
          ...Csrf,
        }),
      },
    },
    async (req, reply) => {
      const v = (req.body ?? {}) as Values;
      const errors = formErrors(req);
      if (errors) return actionForm(req, reply, req.params.slug, req.params.aid, v, errors, 422);
      const rerendered = await attempt(
        req,
        () =>
          out.updateAction(ctxOf(req), req.params.slug, req.params.aid, {
            ownerOrgId: v.ownerOrgId ?? '',
            status: v.status ?? '',
            dueOn: v.dueOn ?? '',
            note: v.note ?? '',
          }),
        (e) => actionForm(req, reply, req.params.slug, req.params.aid, v, e, 422),
      );
      if (rerendered) return reply;
      return reply.flash(req.t('events.outputs.actionSaved')).redirect(`/events/${req.params.slug}/actions`, 303);
    },
  );

  app.get(
    '/events/:slug/report',
    { config: { access: { action: 'event.manage' } }, schema: { params: SlugParams } },
    async (req, reply) => {
      const d = await out.reportData(ctxOf(req), req.params.slug);
      return reply.page(
        req.t('events.outputs.reportTitle', { title: text(d.event.title, req.locale) }),
        <ReportPage ctx={reply.viewContext()} d={d} />,
      );
    },
  );
}
