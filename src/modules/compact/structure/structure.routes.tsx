// Pages of the Compact's structure (work without JavaScript): /compact, a body, membership forms and confirmations.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { confirmation, type Confirmation } from '../../../platform/http/confirm.tsx';
import { attempt } from '../../../platform/http/forms.ts';
import type { FormErrors } from '../../../platform/views/components.tsx';
import { textIn } from '../../../platform/i18n/text.ts';
import { nameIn } from '../../../platform/i18n/index.ts';
import { organizationChoices } from '../../directory/index.ts';
import { frameworkName } from '../../framework/index.ts';
import * as svc from './structure.service.ts';
import { programme } from '../programme/programme.service.ts';
import { BodyPage, CompactHome, type MemberFormValues } from './structure.views.tsx';

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 100 }) });
const SlugIdParams = Type.Object({ slug: Type.String({ maxLength: 100 }), id: Type.String({ maxLength: 36 }) });
const Csrf = { _csrf: Type.Optional(Type.String({ maxLength: 200 })) };
const MemberBody = Type.Object({
  organizationId: Type.Optional(Type.String({ maxLength: 36 })),
  role: Type.Optional(Type.String({ maxLength: 20 })),
  termStart: Type.Optional(Type.String({ maxLength: 10 })),
  termEnd: Type.Optional(Type.String({ maxLength: 10 })),
  ...Csrf,
});
const RepresentativeBody = Type.Object({
  personId: Type.Optional(Type.String({ maxLength: 36 })),
  roleTitle: Type.Optional(Type.String({ maxLength: 200 })),
  ...Csrf,
});
const CsrfOnly = Type.Object({ ...Csrf });

export default async function structureRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.platform;

  const bodyLinks = async (req: FastifyRequest) =>
    new Map((await svc.listBodies(db, req.locale)).map((b) => [b.id, b]));

  app.get('/compact', { config: { access: { action: 'compact.read' } } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const bodies = await svc.listBodies(db, req.locale);
    const cc = bodies.find((b) => b.kind === 'coordination_committee');
    return reply.page(
      req.t('compact.title'),
      <CompactHome
        ctx={reply.viewContext()}
        entities={await svc.compactEntityList(ctx)}
        bodies={bodies}
        counts={await svc.bodyMemberCounts(db)}
        committee={cc ? { body: cc, members: await svc.bodyMembers(ctx, cc.id) } : null}
      />,
    );
  });

  /** The body page; with `errors` and `values`, the add-member form re-rendered (422). */
  async function bodyPage(
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    errors?: FormErrors,
    values?: MemberFormValues,
  ) {
    const ctx = ctxOf(req);
    const d = await svc.bodyDetail(ctx, slug);
    const outputs = (await programme(ctx, { bodyId: d.body.id })).flatMap((p) => p.outputs);
    const taken = new Set(d.members.map((m) => m.organizationId));
    const orgChoices = d.canManage
      ? (await organizationChoices(ctx, req.locale, { types: svc.MEMBER_ORG_TYPES }))
          .filter((o) => !taken.has(o.id))
          .map((o) => ({ value: o.id, label: o.acronym && o.acronym !== o.name ? `${o.name} (${o.acronym})` : o.name }))
      : [];
    const peopleChoices = new Map<string, { value: string; label: string }[]>();
    if (d.canManage)
      for (const m of d.members)
        peopleChoices.set(
          m.id,
          (await svc.representativeChoices(ctx, m)).map((p) => ({
            value: p.personId,
            label: p.title ? `${p.fullName}, ${p.title}` : p.fullName,
          })),
        );
    const codes = [...d.body.pillars, ...d.body.themes];
    return reply.page(
      textIn(d.body.names, req.locale),
      <BodyPage
        ctx={reply.viewContext()}
        body={d.body}
        members={d.members}
        canManage={d.canManage}
        outputs={outputs}
        bodies={await bodyLinks(req)}
        frameworkNames={new Map(codes.map((c) => [c, frameworkName(c, req.locale)]))}
        orgChoices={orgChoices}
        peopleChoices={peopleChoices}
        errors={errors}
        values={values}
      />,
      errors ? 422 : 200,
    );
  }

  app.get(
    '/compact/bodies/:slug',
    { config: { access: { action: 'compact.read' } }, schema: { params: SlugParams } },
    async (req, reply) => bodyPage(req, reply, req.params.slug),
  );

  app.post(
    '/compact/bodies/:slug/members',
    { config: { access: { action: 'compact.manage' } }, schema: { params: SlugParams, body: MemberBody } },
    async (req, reply) => {
      const b = req.body;
      const values = { organizationId: b.organizationId, role: b.role, termStart: b.termStart, termEnd: b.termEnd };
      const rerendered = await attempt(
        req,
        () =>
          svc.addBodyMember(ctxOf(req), req.params.slug, {
            organizationId: b.organizationId ?? '',
            role: b.role ?? '',
            termStart: b.termStart,
            termEnd: b.termEnd,
          }),
        (errors) => bodyPage(req, reply, req.params.slug, errors, values),
      );
      if (rerendered) return reply;
      return reply.flash(req.t('compact.member.added')).redirect(`/compact/bodies/${req.params.slug}#members`, 303);
    },
  );

  // Removals go through the platform's confirmation page: nothing changes until its form is posted.
  const removal = (req: FastifyRequest, body: svc.Body, question: string): Confirmation => {
    const back = `/compact/bodies/${body.slug}#members`;
    return {
      title: req.t('compact.remove.title'),
      question,
      button: req.t('compact.remove.confirm'),
      back,
      breadcrumb: [
        { href: '/compact', label: req.t('compact.title') },
        { href: back, label: textIn(body.names, req.locale) },
      ],
    };
  };
  confirmation(
    app,
    '/compact/bodies/:slug/members/:id/remove',
    { config: { access: { action: 'compact.manage' } }, params: SlugIdParams },
    async (req) => {
      const { body, member } = await svc.bodyMember(ctxOf(req), req.params.slug, req.params.id);
      const name = nameIn(member.organizationNames, req.locale);
      const acronym = member.organizationAcronym;
      const entity = acronym && acronym !== name ? `${name} (${acronym})` : name;
      return removal(
        req,
        body,
        req.t('compact.member.removeQuestion', { entity, body: textIn(body.names, req.locale) }),
      );
    },
  );

  app.post(
    '/compact/bodies/:slug/members/:id/remove',
    {
      config: { access: { action: 'compact.manage' }, confirm: true },
      schema: { params: SlugIdParams, body: CsrfOnly },
    },
    async (req, reply) => {
      await svc.removeBodyMember(ctxOf(req), req.params.slug, req.params.id);
      return reply.flash(req.t('compact.member.removed')).redirect(`/compact/bodies/${req.params.slug}#members`, 303);
    },
  );

  app.post(
    '/compact/bodies/:slug/members/:id/representatives',
    {
      config: { access: { action: 'compact.manage' } },
      schema: { params: SlugIdParams, body: RepresentativeBody },
    },
    async (req, reply) => {
      const rerendered = await attempt(
        req,
        () =>
          svc.addRepresentative(ctxOf(req), req.params.slug, req.params.id, {
            personId: req.body.personId ?? '',
            roleTitle: req.body.roleTitle,
          }),
        (errors) => bodyPage(req, reply, req.params.slug, errors),
      );
      if (rerendered) return reply;
      return reply
        .flash(req.t('compact.representative.added'))
        .redirect(`/compact/bodies/${req.params.slug}#members`, 303);
    },
  );

  confirmation(
    app,
    '/compact/bodies/:slug/representatives/:id/remove',
    { config: { access: { action: 'compact.manage' } }, params: SlugIdParams },
    async (req) => {
      const { body, member, representative } = await svc.bodyRepresentative(ctxOf(req), req.params.slug, req.params.id);
      return removal(
        req,
        body,
        req.t('compact.representative.removeQuestion', {
          person: representative.fullName,
          entity: member.organizationAcronym ?? nameIn(member.organizationNames, req.locale),
        }),
      );
    },
  );

  app.post(
    '/compact/bodies/:slug/representatives/:id/remove',
    {
      config: { access: { action: 'compact.manage' }, confirm: true },
      schema: { params: SlugIdParams, body: CsrfOnly },
    },
    async (req, reply) => {
      await svc.removeRepresentative(ctxOf(req), req.params.slug, req.params.id);
      return reply
        .flash(req.t('compact.representative.removed'))
        .redirect(`/compact/bodies/${req.params.slug}#members`, 303);
    },
  );
}
