// Pages of a library document's publication: the review page, and each step of the workflow posted from it (a 422 —
// findings, a missing reason — shows the page again with the errors in place).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { isUuid } from '../../../platform/db/sql.ts';
import { confirmation } from '../../../platform/http/confirm.tsx';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { FormErrors } from '../../../platform/views/components.tsx';
import { stepErrors, stepFromForm, withdrawConfirmation } from '../../publishing/index.ts';
import * as svc from './publication.service.ts';
import { PublicationPage } from './publication.views.tsx';

const Form = Type.Object(
  {},
  {
    additionalProperties: Type.Union([
      Type.String({ maxLength: 4000 }),
      Type.Array(Type.String({ maxLength: 300 }), { maxItems: 200 }),
    ]),
  },
);
type V = Record<string, unknown>;
const one = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');
const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
const signedIn = { access: { action: 'publishing.author' as const } };

export default async function publicationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  const page = async (req: FastifyRequest, reply: FastifyReply, id: string, errors?: FormErrors, values?: V) => {
    if (!isUuid(id)) throw notFound();
    const v = await svc.publicationOf(ctxOf(req), id);
    return reply.page(
      req.t('library.publication.title', { symbol: v.doc.symbol }),
      <PublicationPage ctx={reply.viewContext()} v={v} errors={errors} values={values} />,
      errors ? 422 : 200,
    );
  };

  app.get('/library/:id/publication', { config: signedIn, schema: { params: IdParams } }, async (req, reply) =>
    page(req, reply, req.params.id),
  );

  app.post(
    '/library/:id/publication/prepare',
    { config: signedIn, schema: { params: IdParams, body: Form } },
    async (req, reply) => {
      if (!isUuid(req.params.id)) throw notFound();
      try {
        await svc.prepare(ctxOf(req), req.params.id);
      } catch (e) {
        if (e instanceof AppError && e.status === 422)
          return page(req, reply, req.params.id, { _: req.t(e.fields?.[0]?.messageKey ?? e.messageKey) });
        throw e;
      }
      return reply.flash(req.t('library.publication.prepared')).redirect(`/library/${req.params.id}/publication`, 303);
    },
  );

  const step = (name: svc.PublicationStep, done: string) =>
    app.post(
      `/library/:id/publication/${name}`,
      { config: { ...signedIn, confirm: name === 'withdraw' }, schema: { params: IdParams, body: Form } },
      async (req, reply) => {
        const v = (req.body ?? {}) as V;
        const id = req.params.id;
        if (!isUuid(id) || !isUuid(one(v.revision))) throw notFound();
        try {
          await svc.runStep(ctxOf(req), id, name, stepFromForm(v));
        } catch (e) {
          if (e instanceof AppError && (e.status === 422 || e.status === 409))
            return page(req, reply, id, stepErrors(req.t, e), v);
          throw e;
        }
        return reply.flash(req.t(done)).redirect(`/library/${id}/publication`, 303);
      },
    );
  step('submit', 'library.publication.submitted');
  step('approve', 'library.publication.approved');
  step('publish', 'library.publication.published');
  step('withdraw', 'library.publication.withdrawn');

  // Withdrawal (a publisher takes the document off line): the publication page's form (a reason) goes through the
  // platform's confirmation page first.
  confirmation(
    app,
    '/library/:id/publication/withdraw',
    { config: signedIn, params: IdParams, fields: ['revision', 'sha256', 'reason'] },
    async (req) => {
      if (!isUuid(req.params.id)) throw notFound();
      const v = await svc.publicationOf(ctxOf(req), req.params.id);
      return withdrawConfirmation(
        req.t,
        'library.publication',
        req.query.reason ?? '',
        `/library/${v.doc.id}/publication`,
      );
    },
  );
}
