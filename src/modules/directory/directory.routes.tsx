// HTML pages of the directory: search and filters, organization and person pages, administrator edit pages.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { authorize, can } from '../../platform/auth/policy.ts';
import { sendTable, type Column } from '../../platform/export/tabular.ts';
import { invalid, notFound, type FieldError } from '../../platform/http/errors.ts';
import { attempt, checked, formErrors } from '../../platform/http/forms.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { confirmation } from '../../platform/http/confirm.tsx';
import { LOCALES, nameIn, type Locale, type T } from '../../platform/i18n/index.ts';
import { textFormValues, textFromForm, type TranslatableText } from '../../platform/i18n/text.ts';
import type { FormErrors } from '../../platform/views/components.tsx';
import {
  ORG_TYPES,
  REGIONAL_GROUPS,
  type LocalizedText,
  type OrgType,
  type RegionalGroup,
} from './directory.schema.ts';
import * as svc from './directory.service.ts';
import { DirectoryPage, OrgForm, OrgPage, PAGE_SIZE, PersonPage, type OrgFormValues } from './directory.views.tsx';

export { PAGE_SIZE };

/** The export's columns: names in the reader's language, codes, category, group, the Compact and CSO attributes. */
const directoryColumns = (t: T, locale: Locale): Column<svc.Organization>[] => [
  { key: 'name', header: t('field.name'), hxl: '#org+name', value: (o) => nameIn(o.names, locale) },
  { key: 'acronym', header: t('field.acronym'), hxl: '#org+acronym', value: (o) => o.acronym },
  { key: 'slug', header: 'id', hxl: '#org+code', value: (o) => o.slug },
  { key: 'type', header: t('field.type'), hxl: '#org+type', value: (o) => t(`orgType.${o.type}`) },
  { key: 'iso3', header: 'ISO3', hxl: '#country+code', value: (o) => o.iso3 },
  {
    key: 'group',
    header: t('field.regionalGroup'),
    hxl: '#region+name',
    value: (o) => (o.regionalGroup ? t(`group.${o.regionalGroup}`) : null),
  },
  {
    key: 'compact',
    header: t('field.compactMember'),
    hxl: '#meta+compact',
    value: (o) => (o.compactMember ? t('common.yes') : t('common.no')),
  },
  {
    key: 'grassroots',
    header: t('field.grassroots'),
    hxl: '#meta+grassroots',
    value: (o) => (o.type === 'cso' ? (o.grassroots ? t('common.yes') : t('common.no')) : null),
  },
  {
    key: 'womenLed',
    header: t('field.womenLed'),
    hxl: '#meta+women_led',
    value: (o) => (o.type === 'cso' ? (o.womenLed ? t('common.yes') : t('common.no')) : null),
  },
  {
    key: 'youthLed',
    header: t('field.youthLed'),
    hxl: '#meta+youth_led',
    value: (o) => (o.type === 'cso' ? (o.youthLed ? t('common.yes') : t('common.no')) : null),
  },
  {
    key: 'countries',
    header: t('field.countriesOfOperation'),
    hxl: '#country+operation',
    value: (o) => o.countriesOfOperation.join(';'),
  },
  { key: 'website', header: t('field.website'), hxl: '#meta+url', value: (o) => o.website },
];

const Flag = Type.Optional(Type.Union([Type.Literal('on'), Type.Literal('')]));
export const DirectoryQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  type: Type.Optional(Type.Union([Type.Literal(''), ...ORG_TYPES.map((t) => Type.Literal(t))])),
  group: Type.Optional(Type.Union([Type.Literal(''), ...REGIONAL_GROUPS.map((t) => Type.Literal(t))])),
  compact: Flag,
  grassroots: Flag,
  womenLed: Flag,
  youthLed: Flag,
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
});

const OrgBody = Type.Object({
  type: Type.Union(ORG_TYPES.map((t) => Type.Literal(t))),
  name_en: Type.String({ minLength: 1, maxLength: 300 }),
  name_ar: Type.Optional(Type.String({ maxLength: 300 })),
  name_es: Type.Optional(Type.String({ maxLength: 300 })),
  name_fr: Type.Optional(Type.String({ maxLength: 300 })),
  name_ru: Type.Optional(Type.String({ maxLength: 300 })),
  name_zh: Type.Optional(Type.String({ maxLength: 300 })),
  acronym: Type.Optional(Type.String({ maxLength: 40 })),
  regionalGroup: Type.Optional(Type.Union([Type.Literal(''), ...REGIONAL_GROUPS.map((t) => Type.Literal(t))])),
  website: Type.Optional(Type.String({ maxLength: 500 })),
  ...Object.fromEntries(
    LOCALES.flatMap((l) => [
      [`description_${l}`, Type.Optional(Type.String({ maxLength: 5000 }))],
      [`description_${l}_status`, Type.Optional(Type.String({ maxLength: 20 }))],
    ]),
  ),
  countriesOfOperation: Type.Optional(Type.String({ maxLength: 2000 })),
  compactMember: Flag,
  grassroots: Flag,
  womenLed: Flag,
  youthLed: Flag,
  publicListing: Flag,
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
});
type OrgBodyT = OrgFormValues;

/** The service's input from the form; the description keeps the languages the form did not show (`previous`). */
function toOrgInput(b: OrgBodyT, previous?: TranslatableText | null): svc.OrgInput {
  const fields: FieldError[] = [];
  const description = textFromForm(b, 'description', fields, { maxLength: 5000, previous });
  if (fields.length) throw invalid(fields);
  const names = { en: b.name_en ?? '' } as LocalizedText;
  for (const l of LOCALES) if (l !== 'en' && b[`name_${l}`]) names[l] = b[`name_${l}`];
  return {
    type: b.type as OrgType,
    names,
    acronym: b.acronym || null,
    regionalGroup: (b.regionalGroup || null) as RegionalGroup | null,
    website: b.website || null,
    description,
    countriesOfOperation: (b.countriesOfOperation ?? '')
      .split(/[\s,;]+/)
      .map((s) => s.trim().toUpperCase())
      .filter(Boolean),
    compactMember: checked(b.compactMember),
    grassroots: checked(b.grassroots),
    womenLed: checked(b.womenLed),
    youthLed: checked(b.youthLed),
    publicListing: checked(b.publicListing),
  };
}

function fromOrg(o: svc.Organization): OrgBodyT {
  const out: OrgBodyT = {
    type: o.type,
    acronym: o.acronym ?? '',
    regionalGroup: o.regionalGroup ?? '',
    website: o.website ?? '',
    countriesOfOperation: o.countriesOfOperation.join(', '),
    ...textFormValues('description', o.description),
  };
  for (const l of LOCALES) out[`name_${l}`] = o.names[l] ?? '';
  for (const k of ['compactMember', 'grassroots', 'womenLed', 'youthLed', 'publicListing'] as const)
    out[k] = o[k] ? 'on' : '';
  return out;
}

export default async function directoryRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/directory',
    { config: { access: { action: 'directory.list' } }, schema: { querystring: DirectoryQuery } },
    async (req, reply) => {
      const q = req.query;
      const page = q.page ?? 1;
      const result = await svc.listOrganizations(ctxOf(req), {
        q: q.q,
        type: (q.type || undefined) as OrgType | undefined,
        group: (q.group || undefined) as RegionalGroup | undefined,
        compactMember: checked(q.compact),
        grassroots: checked(q.grassroots),
        womenLed: checked(q.womenLed),
        youthLed: checked(q.youthLed),
        page,
        pageSize: PAGE_SIZE,
        locale: req.locale,
      });
      return reply.page(
        req.t('directory.title'),
        <DirectoryPage
          ctx={reply.viewContext()}
          query={q as Record<string, string | undefined>}
          page={page}
          result={result}
          canCreate={can(req.actor, 'organization.create')}
        />,
      );
    },
  );

  // The list as CSV or Excel through the platform's one tabular export: the page's filters and rules (hidden CSOs
  // stay hidden), every row.
  app.get(
    '/directory/export',
    {
      config: { access: { action: 'directory.list' } },
      schema: {
        querystring: Type.Object({
          ...DirectoryQuery.properties,
          format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
        }),
      },
    },
    async (req, reply) => {
      const q = req.query;
      // Checked before the download starts, so a refusal is a page, not a cut file.
      authorize(req.actor, 'directory.list');
      const rows = svc.exportOrganizations(ctxOf(req), {
        q: q.q,
        type: (q.type || undefined) as OrgType | undefined,
        group: (q.group || undefined) as RegionalGroup | undefined,
        compactMember: checked(q.compact),
        grassroots: checked(q.grassroots),
        womenLed: checked(q.womenLed),
        youthLed: checked(q.youthLed),
        locale: req.locale,
      });
      return sendTable(reply, q.format ?? 'csv', 'directory', directoryColumns(req.t, req.locale), rows, {
        hxl: true,
        sheetName: 'directory',
      });
    },
  );

  app.get(
    '/directory/organizations/new',
    { config: { access: { action: 'organization.create' } } },
    async (req, reply) =>
      reply.page(
        req.t('directory.newOrg'),
        <OrgForm
          ctx={reply.viewContext()}
          action="/directory/organizations"
          values={{ type: 'cso' }}
          title={req.t('directory.newOrg')}
        />,
      ),
  );

  app.post(
    '/directory/organizations',
    { config: { access: { action: 'organization.create' } }, schema: { body: OrgBody }, attachValidation: true },
    async (req, reply) => {
      const values = (req.body ?? {}) as OrgBodyT;
      const rerender = (errors: FormErrors) =>
        reply.page(
          req.t('directory.newOrg'),
          <OrgForm
            ctx={reply.viewContext()}
            action="/directory/organizations"
            values={values}
            errors={errors}
            title={req.t('directory.newOrg')}
          />,
          422,
        );
      const errors = formErrors(req);
      if (errors) return rerender(errors);
      let slug = '';
      const rerendered = await attempt(
        req,
        async () => {
          slug = (await svc.createOrganization(ctxOf(req), toOrgInput(values))).slug;
        },
        rerender,
      );
      if (rerendered) return reply;
      return reply.flash(req.t('directory.saved')).redirect(`/directory/organizations/${slug}`, 303);
    },
  );

  const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 100 }) });
  app.get(
    '/directory/organizations/:slug',
    { config: { access: { action: 'directory.list' } }, schema: { params: SlugParams } },
    async (req, reply) => {
      const o = await svc.getOrganization(ctxOf(req), req.params.slug);
      const members = await svc.listMembers(ctxOf(req), o);
      return reply.page(
        nameIn(o.names, req.locale),
        <OrgPage
          ctx={reply.viewContext()}
          org={o}
          members={members}
          canEdit={can(req.actor, 'organization.update')}
          canInvite={can(req.actor, 'invitation.create', { organizationId: o.id, role: 'observer' })}
        />,
      );
    },
  );

  app.get(
    '/directory/organizations/:slug/edit',
    { config: { access: { action: 'organization.update' } }, schema: { params: SlugParams } },
    async (req, reply) => {
      const o = await svc.getOrganization(ctxOf(req), req.params.slug);
      const title = req.t('directory.editOrg', { name: nameIn(o.names, req.locale) });
      return reply.page(
        title,
        <OrgForm
          ctx={reply.viewContext()}
          action={`/directory/organizations/${o.slug}`}
          values={fromOrg(o)}
          title={title}
          stored={o.description}
        />,
      );
    },
  );

  app.post(
    '/directory/organizations/:slug',
    {
      config: { access: { action: 'organization.update' } },
      schema: { params: SlugParams, body: OrgBody },
      attachValidation: true,
    },
    async (req, reply) => {
      const o = await svc.getOrganization(ctxOf(req), req.params.slug);
      const values = (req.body ?? {}) as OrgBodyT;
      const title = req.t('directory.editOrg', { name: nameIn(o.names, req.locale) });
      const rerender = (errors: FormErrors) =>
        reply.page(
          title,
          <OrgForm
            ctx={reply.viewContext()}
            action={`/directory/organizations/${o.slug}`}
            values={values}
            errors={errors}
            title={title}
            stored={o.description}
          />,
          422,
        );
      const errors = formErrors(req);
      if (errors) return rerender(errors);
      const rerendered = await attempt(
        req,
        () => svc.updateOrganization(ctxOf(req), o.id, toOrgInput(values, o.description)),
        rerender,
      );
      if (rerendered) return reply;
      return reply.flash(req.t('directory.saved')).redirect(`/directory/organizations/${o.slug}`, 303);
    },
  );

  const PersonParams = Type.Object({ id: Type.String({ maxLength: 36 }) });
  const personPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    errors?: FormErrors,
    values?: Record<string, string | undefined>,
    status = 200,
  ) => {
    const { person, orgs } = await svc.getPerson(ctxOf(req), (req.params as { id: string }).id);
    const canManage = can(req.actor, 'membership.manage');
    const choices = canManage ? await svc.organizationChoices(ctxOf(req), req.locale) : [];
    return reply.page(
      person.fullName,
      <PersonPage
        ctx={reply.viewContext()}
        person={person}
        orgs={orgs}
        canEdit={can(req.actor, 'person.update')}
        canManage={canManage}
        choices={choices}
        errors={errors}
        values={values}
      />,
      status,
    );
  };
  app.get(
    '/directory/people/:id',
    { config: { access: { action: 'directory.list' } }, schema: { params: PersonParams } },
    async (req, reply) => personPage(req, reply),
  );

  const PersonBody = Type.Object({
    fullName: Type.String({ minLength: 1, maxLength: 200 }),
    jobTitle: Type.Optional(Type.String({ maxLength: 200 })),
    email: Type.Optional(Type.String({ maxLength: 320 })),
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  });
  app.post(
    '/directory/people/:id',
    {
      config: { access: { action: 'person.update' } },
      schema: { params: PersonParams, body: PersonBody },
      attachValidation: true,
    },
    async (req, reply) => {
      const errors = formErrors(req);
      const values = (req.body ?? {}) as Record<string, string | undefined>;
      if (errors) return personPage(req, reply, errors, values, 422);
      const rerendered = await attempt(
        req,
        () => svc.updatePerson(ctxOf(req), req.params.id, req.body),
        (errs) => personPage(req, reply, errs, values, 422),
      );
      if (rerendered) return reply;
      return reply.flash(req.t('directory.personSaved')).redirect(`/directory/people/${req.params.id}`, 303);
    },
  );

  const MembershipBody = Type.Object({
    organizationId: Type.String({ format: 'uuid' }),
    title: Type.Optional(Type.String({ maxLength: 200 })),
    focalPoint: Flag,
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  });
  app.post(
    '/directory/people/:id/memberships',
    {
      config: { access: { action: 'membership.manage' } },
      schema: { params: PersonParams, body: MembershipBody },
      attachValidation: true,
    },
    async (req, reply) => {
      const errors = formErrors(req);
      if (errors) return personPage(req, reply, errors, undefined, 422);
      const rerendered = await attempt(
        req,
        () =>
          svc.setMembership(ctxOf(req), {
            personId: req.params.id,
            organizationId: req.body.organizationId,
            title: req.body.title,
            focalPoint: checked(req.body.focalPoint),
          }),
        (errs) => personPage(req, reply, errs, undefined, 422),
      );
      if (rerendered) return reply;
      return reply.flash(req.t('directory.membershipSaved')).redirect(`/directory/people/${req.params.id}`, 303);
    },
  );

  const MembershipParams = Type.Object({ id: Type.String({ maxLength: 36 }), orgId: Type.String({ maxLength: 36 }) });
  confirmation(
    app,
    '/directory/people/:id/memberships/:orgId/remove',
    { config: { access: { action: 'membership.manage' } }, params: MembershipParams },
    async (req) => {
      const { person, orgs } = await svc.getPerson(ctxOf(req), req.params.id);
      const org = orgs.find((o) => o.id === req.params.orgId);
      if (!org) throw notFound();
      const back = `/directory/people/${person.id}`;
      return {
        title: req.t('directory.confirm.removeMembership.title'),
        question: req.t('directory.confirm.removeMembership.question', {
          person: person.fullName,
          organization: nameIn(org.names, req.locale),
        }),
        button: req.t('directory.confirm.removeMembership.button'),
        back,
        breadcrumb: [
          { href: '/directory', label: req.t('directory.title') },
          { href: back, label: person.fullName },
        ],
      };
    },
  );
  app.post(
    '/directory/people/:id/memberships/:orgId/remove',
    {
      config: { access: { action: 'membership.manage' }, confirm: true },
      schema: { params: MembershipParams },
    },
    async (req, reply) => {
      await svc.removeMembership(ctxOf(req), req.params.id, req.params.orgId);
      return reply.flash(req.t('directory.membershipRemoved')).redirect(`/directory/people/${req.params.id}`, 303);
    },
  );
}
