// The State's consent decisions (forms on the visit page): grant, narrow, revoke.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { confirmation } from '../../../platform/http/confirm.tsx';
import { notFound } from '../../../platform/http/errors.ts';
import { nameIn } from '../../../platform/i18n/index.ts';
import { textIn } from '../../../platform/i18n/text.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { attempt } from '../../../platform/http/forms.ts';
import { type FormErrors } from '../../../platform/views/components.tsx';
import { type ConsentScope, type GranteeKind } from '../assessments.schema.ts';
import * as consent from '../consent/consent.service.ts';
import { ConsentErrors } from './consent.views.tsx';

const IdParams = Type.Object({ id: Type.String({ maxLength: 36 }) });

export default async function consentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const ConsentBody = Type.Object({
    granteeKind: Type.String({ maxLength: 30 }),
    granteeOrgId: Type.Optional(Type.String({ maxLength: 36 })),
    granteeGroupId: Type.Optional(Type.String({ maxLength: 36 })),
    scope: Type.String({ maxLength: 10 }),
    expiresOn: Type.Optional(Type.String({ maxLength: 10 })),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  });
  const visitBack = async (req: FastifyRequest, reply: FastifyReply, visitId: string, errors: FormErrors) =>
    reply.flash(Object.values(errors).join(' ')).redirect(`/assessments/visits/${visitId}#consent`, 303);

  app.post(
    '/assessments/visits/:id/consent',
    { config: { access: { action: 'assessment.consent.manage' } }, schema: { params: IdParams, body: ConsentBody } },
    async (req, reply) => {
      const b = req.body;
      const rerendered = await attempt(
        req,
        () =>
          consent.grantConsent(ctxOf(req), req.params.id, {
            granteeKind: b.granteeKind as GranteeKind,
            granteeOrgId: b.granteeOrgId || null,
            granteeGroupId: b.granteeGroupId || null,
            scope: b.scope as ConsentScope,
            expiresOn: b.expiresOn || null,
            note: b.note ?? '',
          }),
        (errors) =>
          reply
            .code(422)
            .page(
              req.t('consent.title'),
              <ConsentErrors ctx={reply.viewContext()} visitId={req.params.id} errors={errors} />,
              422,
            ),
      );
      if (rerendered) return reply;
      return reply.flash(req.t('consent.granted')).redirect(`/assessments/visits/${req.params.id}#consent`, 303);
    },
  );

  const NarrowBody = Type.Object({
    scope: Type.String({ maxLength: 10 }),
    expiresOn: Type.Optional(Type.String({ maxLength: 10 })),
    visitId: Type.String({ maxLength: 36 }),
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  });
  app.post(
    '/assessments/consent/:id/narrow',
    { config: { access: { action: 'assessment.consent.manage' } }, schema: { params: IdParams, body: NarrowBody } },
    async (req, reply) => {
      const rerendered = await attempt(
        req,
        () =>
          consent.narrowConsent(ctxOf(req), req.params.id, {
            scope: req.body.scope as ConsentScope,
            expiresOn: req.body.expiresOn || null,
          }),
        (errors) =>
          reply
            .code(422)
            .page(
              req.t('consent.title'),
              <ConsentErrors ctx={reply.viewContext()} visitId={req.body.visitId} errors={errors} />,
              422,
            ),
      );
      if (rerendered) return reply;
      return reply.flash(req.t('consent.narrowed')).redirect(`/assessments/visits/${req.body.visitId}#consent`, 303);
    },
  );

  // Revoking: the confirmation page names the recipient and what they will no longer read (the visit comes in the
  // query, as the panel's link gives it, and the form carries it back to the POST).
  confirmation(
    app,
    '/assessments/consent/:id/revoke',
    { config: { access: { action: 'assessment.consent.manage' } }, params: IdParams, fields: ['visitId'] },
    async (req) => {
      const visitId = req.query.visitId ?? '';
      const g = (await consent.grantsOfVisit(ctxOf(req), visitId)).find((x) => x.id === req.params.id && x.live);
      if (!g) throw notFound();
      const grantee =
        g.granteeKind === 'compact'
          ? req.t('consent.allCompact')
          : (g.granteeGroupNames ? textIn(g.granteeGroupNames, req.locale) : nameIn(g.granteeNames, req.locale)) || '—';
      const back = `/assessments/visits/${visitId}#consent`;
      return {
        title: req.t('consent.confirm.revoke.title'),
        question: req.t('consent.confirm.revoke.question', { grantee, scope: req.t(`consent.scope.${g.scope}`) }),
        button: req.t('consent.confirm.revoke.button'),
        back,
        breadcrumb: [
          { href: '/assessments/visits', label: req.t('assessments.visits') },
          { href: back, label: req.t('consent.title') },
        ],
      };
    },
  );
  app.post(
    '/assessments/consent/:id/revoke',
    {
      config: { access: { action: 'assessment.consent.manage' }, confirm: true },
      schema: {
        params: IdParams,
        body: Type.Object({
          visitId: Type.String({ maxLength: 36 }),
          _csrf: Type.Optional(Type.String({ maxLength: 200 })),
        }),
      },
    },
    async (req, reply) => {
      await consent.revokeConsent(ctxOf(req), req.params.id);
      return reply.flash(req.t('consent.revoked')).redirect(`/assessments/visits/${req.body.visitId}#consent`, 303);
    },
  );
  void visitBack;
}
