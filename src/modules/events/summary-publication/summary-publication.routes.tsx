// The Chair's Summary's publishing page and each step of the two-signature workflow as a form posted without
// JavaScript, under the same rules as the event's (publication.routes.tsx): its organizers submit, a publisher who
// neither wrote nor last edited the text approves the exact hash, and a publisher publishes it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { can } from '../../../platform/auth/policy.ts';
import { isUuid } from '../../../platform/db/sql.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { fieldErrors } from '../../../platform/http/forms.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { FormErrors } from '../../../platform/views/components.tsx';
import { FindingsError, maySign } from '../../publishing/index.ts';
import { FormBody, SlugParams } from '../shared/http.ts';
import { ManageMenu } from '../shared/views.tsx';
import { acceptancesOf } from '../publication/publication.routes.tsx';
import type { EventStep } from '../publication/publication.service.ts';
import type { PublicationRights } from '../publication/publication.views.tsx';
import { runSummaryStep, summaryPublishing, type SummaryPublishing } from './summary-publication.service.ts';
import { SummaryPublicationPage } from './summary-publication.views.tsx';

type V = Record<string, unknown>;
const one = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');
const manage = { access: { action: 'event.manage' as const } };

export default async function summaryPublicationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  const rightsOf = (req: FastifyRequest, p: SummaryPublishing): PublicationRights => ({
    submit: can(req.actor, 'publishing.author'),
    sign: !!p.latest && maySign(req.actor, p.latest),
    publish: can(req.actor, 'publishing.publish'),
  });

  const page = async (req: FastifyRequest, reply: FastifyReply, slug: string, errors?: FormErrors, values?: V) => {
    const p = await summaryPublishing(ctxOf(req), slug);
    const ctx = reply.viewContext();
    return reply.page(
      req.t('events.summaryPublication.title'),
      <>
        <ManageMenu ctx={ctx} slug={p.event.slug} current="summary" week={p.event.type === 'week'} />
        <SummaryPublicationPage ctx={ctx} p={p} rights={rightsOf(req, p)} errors={errors} values={values} />
      </>,
      errors ? 422 : 200,
    );
  };

  app.get('/events/:slug/summary/publishing', { config: manage, schema: { params: SlugParams } }, async (req, reply) =>
    page(req, reply, req.params.slug),
  );

  const step = (name: EventStep, path: string, done: string) =>
    app.post(
      `/events/:slug/summary/publishing/${path}`,
      { config: manage, schema: { params: SlugParams, body: FormBody } },
      async (req, reply) => {
        const v = (req.body ?? {}) as V;
        // No revision yet (a summary written before the workflow): only a first submission, of the rows' text.
        if (one(v.revision) ? !isUuid(one(v.revision)) : name !== 'submit') throw notFound();
        try {
          await runSummaryStep(ctxOf(req), req.params.slug, name, {
            revisionId: one(v.revision) || undefined,
            sha256: one(v.sha256),
            acceptances: acceptancesOf(v),
          });
        } catch (e) {
          if (e instanceof AppError && (e.status === 422 || e instanceof FindingsError)) {
            const errors = fieldErrors(req.t, e.fields);
            if (!Object.keys(errors).length) errors._ = req.t(e.messageKey, e.values as never);
            return page(req, reply, req.params.slug, errors, v);
          }
          throw e;
        }
        return reply.flash(req.t(done)).redirect(`/events/${req.params.slug}/summary/publishing`, 303);
      },
    );
  step('submit', 'submit', 'events.publication.submitted');
  step('approve', 'approve', 'events.publication.approved');
  step('publish', 'publish', 'events.summaryPublication.published');
  step('second', 'second-approval', 'events.publication.secondApproved');
}
