// Views of the directory: the search page, an organization, a person, the organization form.
import { nameIn } from '../../platform/i18n/index.ts';
import { formatNumber, LOCALES } from '../../platform/i18n/index.ts';
import type { TranslatableText } from '../../platform/i18n/text.ts';
import { Text, TextFields } from '../../platform/i18n/text.views.tsx';
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
import { Breadcrumb, ListTable } from '../../platform/views/lists.tsx';
import { ORG_TYPES, REGIONAL_GROUPS, type LocalizedText } from './directory.schema.ts';
import type * as svc from './directory.service.ts';

export const PAGE_SIZE = 25;
/** The organization form's values: strings as submitted (or as filled from the stored organization). */
export type OrgFormValues = Record<string, string | undefined>;

const typeLabel = (ctx: ViewContext, t: string) => ctx.t(`orgType.${t}`);

/** The export link of the list: the same filters, every page. */
const exportQuery = (query: Record<string, string | undefined>, format: 'csv' | 'xlsx') => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v && k !== 'page') q.set(k, v);
  q.set('format', format);
  return q.toString();
};

export function DirectoryPage({
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
      {result.total ? (
        <p>
          <a href={`/directory/export?${exportQuery(query, 'csv')}`}>{t('export.csv')}</a> ·{' '}
          <a href={`/directory/export?${exportQuery(query, 'xlsx')}`}>{t('export.xlsx')}</a>
        </p>
      ) : null}
      <ListTable
        class="directory"
        caption={t('directory.title')}
        rows={result.rows}
        empty={t('directory.empty')}
        columns={[
          {
            label: t('field.name'),
            cell: (o) => (
              <>
                <a href={`/directory/organizations/${o.slug}`}>{nameIn(o.names, ctx.locale)}</a>
                {o.acronym ? <span class="muted"> ({o.acronym})</span> : null}
              </>
            ),
          },
          { label: t('field.type'), cell: (o) => typeLabel(ctx, o.type) },
          { label: t('field.regionalGroup'), cell: (o) => (o.regionalGroup ? t(`group.${o.regionalGroup}`) : '—') },
        ]}
      />
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

export function OrgPage({
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
      <Breadcrumb links={[{ href: '/directory', label: t('directory.title') }]} />
      <h1>{nameIn(org.names, ctx.locale)}</h1>
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
      <Text ctx={ctx} value={org.description} as="div" />
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

export function PersonPage({
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
      <Breadcrumb links={[{ href: '/directory', label: t('directory.title') }]} />
      <h1>{person.fullName}</h1>
      {person.jobTitle ? <p>{person.jobTitle}</p> : null}
      <ErrorSummary ctx={ctx} errors={errors} />
      <h2>{t('directory.memberships')}</h2>
      {orgs.length ? (
        <ul class="memberships">
          {orgs.map((o) => (
            <li>
              <a href={`/directory/organizations/${o.slug}`}>{nameIn(o.names, ctx.locale)}</a>
              {o.title ? `, ${o.title}` : ''}
              {o.focalPoint ? <span class="badge">{t('field.focalPoint')}</span> : null}
              {canManage ? (
                <a class="button secondary danger" href={`/directory/people/${person.id}/memberships/${o.id}/remove`}>
                  {t('directory.removeMembership')}
                </a>
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

export function OrgForm({
  ctx,
  action,
  values,
  errors,
  title,
  stored,
}: {
  ctx: ViewContext;
  action: string;
  values: OrgFormValues;
  errors?: FormErrors;
  title: string;
  /** The stored description: the languages the form does not show are named and kept. */
  stored?: TranslatableText | null;
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
      <TextFields
        ctx={ctx}
        name="description"
        label={t('field.description')}
        values={values}
        stored={stored}
        errors={errors}
        long
        maxLength={5000}
      />
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
