// The event's publishing page and each step of the two-signature workflow as a form posted without JavaScript: the
// organizers submit (the check's findings shown in place, each accepted with a reason), a publisher who neither wrote
// nor last edited the text approves the exact hash, and a publisher publishes it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { can } from '../../../platform/auth/policy.ts';
import { isUuid } from '../../../platform/db/sql.ts';
import { confirmation } from '../../../platform/http/confirm.tsx';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { fieldErrors } from '../../../platform/http/forms.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { FormErrors } from '../../../platform/views/components.tsx';
import { FindingsError, maySign, type AcceptanceInput } from '../../publishing/index.ts';
import { FormBody, SlugParams } from '../shared/http.ts';
import { eventPublishing, runEventStep, type EventPublishing, type EventStep } from './publication.service.ts';
import { PublicationPage, type PublicationRights } from './publication.views.tsx';

type V = Record<string, unknown>;
const one = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');
const manage = { access: { action: 'event.manage' as const } };

/** The findings accepted on the form (`accept.<id>` ticked, with `reason.<id>`), each passed on with its reason. */
export function acceptancesOf(v: V): AcceptanceInput[] {
  return Object.keys(v)
    .filter((k) => k.startsWith('accept.') && ['on', 'true'].includes(one(v[k])))
    .map((k) => {
      const id = k.slice('accept.'.length);
      return { id, reason: one(v[`reason.${id}`]) };
    });
}

export default async function publicationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  const rightsOf = (req: FastifyRequest, p: EventPublishing): PublicationRights => ({
    submit: can(req.actor, 'publishing.author'),
    sign: !!p.latest && maySign(req.actor, p.latest),
    publish: can(req.actor, 'publishing.publish'),
    withdraw: can(req.actor, 'publishing.withdraw'),
  });

  const page = async (req: FastifyRequest, reply: FastifyReply, slug: string, errors?: FormErrors, values?: V) => {
    const p = await eventPublishing(ctxOf(req), slug);
    return reply.page(
      req.t('events.publication.title'),
      <PublicationPage ctx={reply.viewContext()} p={p} rights={rightsOf(req, p)} errors={errors} values={values} />,
      errors ? 422 : 200,
    );
  };

  app.get('/events/:slug/publishing', { config: manage, schema: { params: SlugParams } }, async (req, reply) =>
    page(req, reply, req.params.slug),
  );

  const step = (name: EventStep, path: string, done: string) =>
    app.post(
      `/events/:slug/publishing/${path}`,
      { config: { ...manage, confirm: name === 'withdraw' }, schema: { params: SlugParams, body: FormBody } },
      async (req, reply) => {
        const v = (req.body ?? {}) as V;
        // No revision yet (an event written before the workflow): only a first submission, of the row's text.
        if (one(v.revision) ? !isUuid(one(v.revision)) : name !== 'submit') throw notFound();
        try {
          await runEventStep(ctxOf(req), req.params.slug, name, {
            revisionId: one(v.revision) || undefined,
            sha256: one(v.sha256),
            acceptances: acceptancesOf(v),
            reason: one(v.reason),
          });
        } catch (e) {
          if (e instanceof AppError && (e.status === 422 || e instanceof FindingsError)) {
            const errors = fieldErrors(req.t, e.fields);
            if (!Object.keys(errors).length) errors._ = req.t(e.messageKey, e.values as never);
            return page(req, reply, req.params.slug, errors, v);
          }
          throw e;
        }
        return reply.flash(req.t(done)).redirect(`/events/${req.params.slug}/publishing`, 303);
      },
    );
  step('submit', 'submit', 'events.publication.submitted');
  step('approve', 'approve', 'events.publication.approved');
  step('publish', 'publish', 'events.publication.published');
  step('second', 'second-approval', 'events.publication.secondApproved');
  step('withdraw', 'withdraw', 'events.publication.withdrawn');

  // Withdrawal (a publisher takes the page off line): the publishing page's form (a reason) goes through the
  // platform's confirmation page first.
  confirmation(
    app,
    '/events/:slug/publishing/withdraw',
    { config: manage, params: SlugParams, fields: ['revision', 'sha256', 'reason'] },
    async (req) => {
      const p = await eventPublishing(ctxOf(req), req.params.slug);
      const reason = req.query.reason ?? '';
      return {
        title: req.t('events.publication.withdraw'),
        question: req.t('events.publication.withdrawNote'),
        details: reason ? (
          <p>
            {req.t('events.publication.withdrawReason')}: <bdi>{reason}</bdi>
          </p>
        ) : undefined,
        button: req.t('events.publication.withdraw'),
        back: `/events/${p.event.slug}/publishing`,
      };
    },
  );
}
