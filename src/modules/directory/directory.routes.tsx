// HTML pages of the directory: search and filters, organization and person pages, administrator edit pages.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { can } from '../../platform/auth/policy.ts';
import { attempt, checked, formErrors } from '../../platform/http/forms.ts';
import { LOCALES, formatNumber, type Locale } from '../../platform/i18n/index.ts';
import {
  Checkbox,
  EmptyState,
  ErrorSummary,
  Field,
  FormPage,
  Pagination,
  PostForm,
  Select,
  type FormErrors,
} from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import {
  ORG_TYPES,
  REGIONAL_GROUPS,
  type LocalizedText,
  type OrgType,
  type RegionalGroup,
} from './directory.schema.ts';
import * as svc from './directory.service.ts';

export const PAGE_SIZE = 25;
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
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  countriesOfOperation: Type.Optional(Type.String({ maxLength: 2000 })),
  compactMember: Flag,
  grassroots: Flag,
  womenLed: Flag,
  youthLed: Flag,
  publicListing: Flag,
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
});
type OrgBodyT = Record<string, string | undefined>;

function toOrgInput(b: OrgBodyT): svc.OrgInput {
  const names = { en: b.name_en ?? '' } as LocalizedText;
  for (const l of LOCALES) if (l !== 'en' && b[`name_${l}`]) names[l] = b[`name_${l}`];
  return {
    type: b.type as OrgType,
    names,
    acronym: b.acronym || null,
    regionalGroup: (b.regionalGroup || null) as RegionalGroup | null,
    website: b.website || null,
    description: b.description || null,
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
    description: o.description ?? '',
    countriesOfOperation: o.countriesOfOperation.join(', '),
  };
  for (const l of LOCALES) out[`name_${l}`] = o.names[l] ?? '';
  for (const k of ['compactMember', 'grassroots', 'womenLed', 'youthLed', 'publicListing'] as const)
    out[k] = o[k] ? 'on' : '';
  return out;
}

export default async function directoryRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.platform;
  const ctxOf = (req: FastifyRequest) => ({ db, actor: req.actor, ip: req.ip });

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
      const done = await attempt(
        req,
        async () => {
          slug = (await svc.createOrganization(ctxOf(req), toOrgInput(values))).slug;
        },
        rerender,
      );
      if (done) return done;
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
        svc.orgName(o, req.locale),
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
      const title = req.t('directory.editOrg', { name: svc.orgName(o, req.locale) });
      return reply.page(
        title,
        <OrgForm
          ctx={reply.viewContext()}
          action={`/directory/organizations/${o.slug}`}
          values={fromOrg(o)}
          title={title}
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
      const title = req.t('directory.editOrg', { name: svc.orgName(o, req.locale) });
      const rerender = (errors: FormErrors) =>
        reply.page(
          title,
          <OrgForm
            ctx={reply.viewContext()}
            action={`/directory/organizations/${o.slug}`}
            values={values}
            errors={errors}
            title={title}
          />,
          422,
        );
      const errors = formErrors(req);
      if (errors) return rerender(errors);
      const done = await attempt(req, () => svc.updateOrganization(ctxOf(req), o.id, toOrgInput(values)), rerender);
      if (done) return done;
      return reply.flash(req.t('directory.saved')).redirect(`/directory/organizations/${o.slug}`, 303);
    },
  );

  const PersonParams = Type.Object({ id: Type.String({ maxLength: 36 }) });
  const personPage = async (
    req: FastifyRequest,
    reply: import('fastify').FastifyReply,
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
      const done = await attempt(
        req,
        () => svc.updatePerson(ctxOf(req), req.params.id, req.body),
        (errs) => personPage(req, reply, errs, values, 422),
      );
      if (done) return done;
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
      const done = await attempt(
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
      if (done) return done;
      return reply.flash(req.t('directory.membershipSaved')).redirect(`/directory/people/${req.params.id}`, 303);
    },
  );

  app.post(
    '/directory/people/:id/memberships/:orgId/remove',
    {
      config: { access: { action: 'membership.manage' } },
      schema: { params: Type.Object({ id: Type.String({ maxLength: 36 }), orgId: Type.String({ maxLength: 36 }) }) },
    },
    async (req, reply) => {
      await svc.removeMembership(ctxOf(req), req.params.id, req.params.orgId);
      return reply.flash(req.t('directory.membershipRemoved')).redirect(`/directory/people/${req.params.id}`, 303);
    },
  );
}

// ---------- views ----------

const typeLabel = (ctx: ViewContext, t: string) => ctx.t(`orgType.${t}`);

function DirectoryPage({
  ctx,
  query,
  page,
  result,
  canCreate,
}: {
  ctx: ViewContext;
  query: Record<string, string | undefined>;
  page: number;
  result: { rows: svc.Organization[]; total: number };
  canCreate: boolean;
}) {
  const { t } = ctx;
  return (
    <section>
      <h1>{t('directory.title')}</h1>
      {canCreate ? (
        <p>
          <a class="button" href="/directory/organizations/new">
            {t('directory.newOrg')}
          </a>
        </p>
      ) : null}
      <form method="get" action="/directory" class="filters" role="search" aria-label={t('directory.searchLabel')}>
        <div class="field">
          <label for="f-q">{t('directory.search')}</label>
          <input id="f-q" type="search" name="q" value={query.q ?? ''} dir="auto" maxLength={200} />
        </div>
        <Select
          name="type"
          label={t('field.type')}
          value={query.type}
          includeEmpty={t('directory.allTypes')}
          options={ORG_TYPES.map((o) => ({ value: o, label: typeLabel(ctx, o) }))}
        />
        <Select
          name="group"
          label={t('field.regionalGroup')}
          value={query.group}
          includeEmpty={t('directory.allGroups')}
          options={REGIONAL_GROUPS.map((g) => ({ value: g, label: t(`group.${g}`) }))}
        />
        <fieldset>
          <legend>{t('directory.attributes')}</legend>
          <Checkbox name="compact" label={t('field.compactMember')} checked={query.compact === 'on'} />
          <Checkbox name="grassroots" label={t('field.grassroots')} checked={query.grassroots === 'on'} />
          <Checkbox name="womenLed" label={t('field.womenLed')} checked={query.womenLed === 'on'} />
          <Checkbox name="youthLed" label={t('field.youthLed')} checked={query.youthLed === 'on'} />
        </fieldset>
        <button type="submit">{t('directory.apply')}</button>
      </form>
      <p class="count" role="status">
        {t('directory.count', { count: result.total, formatted: formatNumber(ctx.locale, result.total) })}
      </p>
      {result.rows.length ? (
        <table class="directory">
          <caption class="visually-hidden">{t('directory.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('field.name')}</th>
              <th scope="col">{t('field.type')}</th>
              <th scope="col">{t('field.regionalGroup')}</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((o) => (
              <tr>
                <td>
                  <a href={`/directory/organizations/${o.slug}`}>{svc.orgName(o, ctx.locale)}</a>
                  {o.acronym ? <span class="muted"> ({o.acronym})</span> : null}
                </td>
                <td>{typeLabel(ctx, o.type)}</td>
                <td>{o.regionalGroup ? t(`group.${o.regionalGroup}`) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState>{t('directory.empty')}</EmptyState>
      )}
      <Pagination
        ctx={ctx}
        page={page}
        pageSize={PAGE_SIZE}
        total={result.total}
        baseQuery={{ ...query, page: undefined }}
      />
    </section>
  );
}

function OrgPage({
  ctx,
  org,
  members,
  canEdit,
  canInvite,
}: {
  ctx: ViewContext;
  org: svc.Organization;
  members: Awaited<ReturnType<typeof svc.listMembers>>;
  canEdit: boolean;
  canInvite: boolean;
}) {
  const { t } = ctx;
  const yes = (b: boolean) => (b ? t('common.yes') : t('common.no'));
  return (
    <article>
      <p class="breadcrumb">
        <a href="/directory">{t('directory.title')}</a>
      </p>
      <h1>{svc.orgName(org, ctx.locale)}</h1>
      {canEdit ? (
        <p>
          <a class="button" href={`/directory/organizations/${org.slug}/edit`}>
            {t('action.edit')}
          </a>
        </p>
      ) : null}
      <dl class="facts">
        <dt>{t('field.type')}</dt>
        <dd>{typeLabel(ctx, org.type)}</dd>
        {org.acronym ? (
          <>
            <dt>{t('field.acronym')}</dt>
            <dd>{org.acronym}</dd>
          </>
        ) : null}
        {org.iso3 ? (
          <>
            <dt>{t('field.isoCodes')}</dt>
            <dd dir="ltr">
              {org.iso2} / {org.iso3}
            </dd>
          </>
        ) : null}
        {org.regionalGroup ? (
          <>
            <dt>{t('field.regionalGroup')}</dt>
            <dd>{t(`group.${org.regionalGroup}`)}</dd>
          </>
        ) : null}
        {org.type === 'un_entity' || org.compactMember ? (
          <>
            <dt>{t('field.compactMember')}</dt>
            <dd>{yes(org.compactMember)}</dd>
          </>
        ) : null}
        {org.type === 'cso' ? (
          <>
            <dt>{t('field.grassroots')}</dt>
            <dd>{yes(org.grassroots)}</dd>
            <dt>{t('field.womenLed')}</dt>
            <dd>{yes(org.womenLed)}</dd>
            <dt>{t('field.youthLed')}</dt>
            <dd>{yes(org.youthLed)}</dd>
            <dt>{t('field.publicListing')}</dt>
            <dd>{yes(org.publicListing)}</dd>
            <dt>{t('field.countriesOfOperation')}</dt>
            <dd dir="ltr">{org.countriesOfOperation.join(', ') || '—'}</dd>
          </>
        ) : null}
        {org.website ? (
          <>
            <dt>{t('field.website')}</dt>
            <dd dir="ltr">
              <a href={org.website} rel="noopener noreferrer">
                {org.website}
              </a>
            </dd>
          </>
        ) : null}
        {org.isDemo ? (
          <>
            <dt>{t('common.demoData')}</dt>
            <dd>{t('common.demoDataNote')}</dd>
          </>
        ) : null}
      </dl>
      {org.description ? <p dir="auto">{org.description}</p> : null}
      <h2>{t('directory.people')}</h2>
      {members.length ? (
        <ul class="people">
          {members.map((m) => (
            <li>
              <a href={`/directory/people/${m.personId}`}>{m.fullName}</a>
              {m.title ? `, ${m.title}` : ''}
              {m.focalPoint ? <span class="badge">{t('field.focalPoint')}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{t('directory.noPeople')}</EmptyState>
      )}
      {canInvite ? (
        <p>
          <a href="/invitations/new">{t('invitation.newTitle')}</a>
        </p>
      ) : null}
    </article>
  );
}

function PersonPage({
  ctx,
  person,
  orgs,
  canEdit,
  canManage,
  choices,
  errors,
  values,
}: {
  ctx: ViewContext;
  person: { id: string; fullName: string; jobTitle: string | null; email: string | null };
  orgs: { id: string; slug: string; names: LocalizedText; title: string | null; focalPoint: boolean }[];
  canEdit: boolean;
  canManage: boolean;
  choices: { id: string; name: string }[];
  errors?: FormErrors;
  values?: Record<string, string | undefined>;
}) {
  const { t } = ctx;
  const v = values ?? { fullName: person.fullName, jobTitle: person.jobTitle ?? '', email: person.email ?? '' };
  return (
    <article>
      <p class="breadcrumb">
        <a href="/directory">{t('directory.title')}</a>
      </p>
      <h1>{person.fullName}</h1>
      {person.jobTitle ? <p>{person.jobTitle}</p> : null}
      <ErrorSummary ctx={ctx} errors={errors} />
      <h2>{t('directory.memberships')}</h2>
      {orgs.length ? (
        <ul class="memberships">
          {orgs.map((o) => (
            <li>
              <a href={`/directory/organizations/${o.slug}`}>{svc.orgName(o, ctx.locale as Locale)}</a>
              {o.title ? `, ${o.title}` : ''}
              {o.focalPoint ? <span class="badge">{t('field.focalPoint')}</span> : null}
              {canManage ? (
                <PostForm ctx={ctx} action={`/directory/people/${person.id}/memberships/${o.id}/remove`} class="inline">
                  <button type="submit" class="secondary">
                    {t('directory.removeMembership')}
                  </button>
                </PostForm>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{t('directory.noMemberships')}</EmptyState>
      )}
      {canManage ? (
        <section class="narrow">
          <h2>{t('directory.addMembership')}</h2>
          <PostForm ctx={ctx} action={`/directory/people/${person.id}/memberships`}>
            <Select
              name="organizationId"
              label={t('field.organization')}
              options={choices.map((c) => ({ value: c.id, label: c.name }))}
              error={errors?.organizationId}
            />
            <Field name="title" label={t('field.jobTitle')} error={errors?.title} />
            <Checkbox name="focalPoint" label={t('field.focalPoint')} />
            <button type="submit">{t('directory.addMembership')}</button>
          </PostForm>
        </section>
      ) : null}
      {canEdit ? (
        <section class="narrow">
          <h2>{t('directory.editPerson')}</h2>
          <PostForm ctx={ctx} action={`/directory/people/${person.id}`}>
            <Field name="fullName" label={t('field.name')} value={v.fullName} required error={errors?.fullName} />
            <Field name="jobTitle" label={t('field.jobTitle')} value={v.jobTitle} error={errors?.jobTitle} />
            <Field name="email" type="email" label={t('field.email')} value={v.email} error={errors?.email} />
            <button type="submit">{t('action.save')}</button>
          </PostForm>
        </section>
      ) : null}
    </article>
  );
}

function OrgForm({
  ctx,
  action,
  values,
  errors,
  title,
}: {
  ctx: ViewContext;
  action: string;
  values: OrgBodyT;
  errors?: FormErrors;
  title: string;
}) {
  const { t } = ctx;
  return (
    <FormPage ctx={ctx} title={title} action={action} errors={errors}>
      <Select
        name="type"
        label={t('field.type')}
        value={values.type}
        options={ORG_TYPES.map((o) => ({ value: o, label: typeLabel(ctx, o) }))}
        error={errors?.type}
      />
      {LOCALES.map((l) => (
        <Field
          name={`name_${l}`}
          label={t('field.nameIn', { language: t(`language.${l}`) })}
          value={values[`name_${l}`]}
          required={l === 'en'}
          error={errors?.[`name_${l}`]}
        />
      ))}
      <Field name="acronym" label={t('field.acronym')} value={values.acronym} error={errors?.acronym} />
      <Select
        name="regionalGroup"
        label={t('field.regionalGroup')}
        value={values.regionalGroup}
        includeEmpty="—"
        options={REGIONAL_GROUPS.map((g) => ({ value: g, label: t(`group.${g}`) }))}
        error={errors?.regionalGroup}
      />
      <Field name="website" type="url" label={t('field.website')} value={values.website} error={errors?.website} />
      <div class="field">
        <label for="f-description">{t('field.description')}</label>
        <textarea id="f-description" name="description" rows={4} dir="auto" maxLength={5000}>
          {values.description ?? ''}
        </textarea>
      </div>
      <Field
        name="countriesOfOperation"
        label={t('field.countriesOfOperation')}
        hint={t('directory.countriesHint')}
        value={values.countriesOfOperation}
        error={errors?.countriesOfOperation}
      />
      <fieldset>
        <legend>{t('directory.attributes')}</legend>
        <Checkbox name="compactMember" label={t('field.compactMember')} checked={values.compactMember === 'on'} />
        <Checkbox name="grassroots" label={t('field.grassroots')} checked={values.grassroots === 'on'} />
        <Checkbox name="womenLed" label={t('field.womenLed')} checked={values.womenLed === 'on'} />
        <Checkbox name="youthLed" label={t('field.youthLed')} checked={values.youthLed === 'on'} />
        <Checkbox name="publicListing" label={t('field.publicListing')} checked={values.publicListing === 'on'} />
      </fieldset>
      <button type="submit">{t('action.save')}</button>
    </FormPage>
  );
}
