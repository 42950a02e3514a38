// The publishing page of an event's subject (its public text, its Chair's Summary) and each step of the two-signature
// workflow as a form posted without JavaScript: the organizers submit (the check's findings shown in place, each
// accepted with a reason), a publisher who neither wrote nor last edited the text approves the exact hash, and a
// publisher publishes it. Each subject names its address, its page and the steps it has.
import type { JSX } from 'preact';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { can } from '../../../platform/auth/policy.ts';
import { isUuid } from '../../../platform/db/sql.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { FormErrors } from '../../../platform/views/components.tsx';
import { FindingsError, maySign, stepErrors, stepFromForm, type Revision } from '../../publishing/index.ts';
import type { EventsContext } from './events.service.ts';
import { FormBody, SlugParams } from './http.ts';
import type { SubjectPublishing, SubjectStep, SubjectStepInput } from './publishing-subject.service.ts';
import type { PublicationRights, SubjectPageProps } from './publishing-subject.views.tsx';

type V = Record<string, unknown>;
const one = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');
const manage = { access: { action: 'event.manage' as const } };

export interface SubjectRoutes<T> {
  /** Below /events/:slug/. */
  path: string;
  titleKey: string;
  load: (ctx: EventsContext, slug: string) => Promise<SubjectPublishing<T>>;
  run: (ctx: EventsContext, slug: string, step: SubjectStep, input: SubjectStepInput) => Promise<Revision>;
  page: (props: SubjectPageProps<T>) => JSX.Element;
  /** The steps it has, each at `<path>/<path of the step>`, with the message shown once it is taken. */
  steps: [step: SubjectStep, path: string, done: string][];
}

export function subjectPublishingRoutes<T>(fastify: FastifyInstance, subject: SubjectRoutes<T>) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const withdraws = subject.steps.some(([step]) => step === 'withdraw');

  const rightsOf = (req: FastifyRequest, p: SubjectPublishing<T>): PublicationRights => ({
    submit: can(req.actor, 'publishing.author'),
    sign: !!p.latest && maySign(req.actor, p.latest),
    publish: can(req.actor, 'publishing.publish'),
    withdraw: withdraws && can(req.actor, 'publishing.withdraw'),
  });

  const page = async (req: FastifyRequest, reply: FastifyReply, slug: string, errors?: FormErrors, values?: V) => {
    const p = await subject.load(ctxOf(req), slug);
    return reply.page(
      req.t(subject.titleKey),
      subject.page({ ctx: reply.viewContext(), p, rights: rightsOf(req, p), errors, values }),
      errors ? 422 : 200,
    );
  };

  app.get(`/events/:slug/${subject.path}`, { config: manage, schema: { params: SlugParams } }, async (req, reply) =>
    page(req, reply, req.params.slug),
  );

  for (const [name, path, done] of subject.steps)
    app.post(
      `/events/:slug/${subject.path}/${path}`,
      { config: { ...manage, confirm: name === 'withdraw' }, schema: { params: SlugParams, body: FormBody } },
      async (req, reply) => {
        const v = (req.body ?? {}) as V;
        // No revision yet (written before the workflow): only a first submission, of the rows' text.
        if (one(v.revision) ? !isUuid(one(v.revision)) : name !== 'submit') throw notFound();
        try {
          await subject.run(ctxOf(req), req.params.slug, name, {
            ...stepFromForm(v),
            revisionId: one(v.revision) || undefined,
          });
        } catch (e) {
          if (e instanceof AppError && (e.status === 422 || e instanceof FindingsError))
            return page(req, reply, req.params.slug, stepErrors(req.t, e), v);
          throw e;
        }
        return reply.flash(req.t(done)).redirect(`/events/${req.params.slug}/${subject.path}`, 303);
      },
    );
}
