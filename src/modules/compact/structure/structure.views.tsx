// Pages of the Compact's structure: the Compact (entities, Committee, bodies), a body (members, observers,
// representatives, pillars and themes, programme outputs, membership forms).
// Tables are of class "stack": labelled rows on a phone, no sideways scrolling at 390 px.
import type { ViewContext } from '../../../platform/views/context.ts';
import { Breadcrumb } from '../../../platform/views/lists.tsx';
import { EmptyState, Field, PostForm, Select, type FormErrors } from '../../../platform/views/components.tsx';
import { Text } from '../../../platform/i18n/text.views.tsx';
import { formatDate, nameIn } from '../../../platform/i18n/index.ts';
import type { Body, BodyMemberRow, CompactEntityRow } from './structure.service.ts';
import { BODY_ROLES } from '../compact.schema.ts';
import { OutputsTable, type BodyLink } from '../programme/programme.views.tsx';
import type { ProgrammeOutput } from '../programme/programme.service.ts';

const day = (ctx: ViewContext, d: string | null) => (d ? formatDate(ctx.locale, `${d}T12:00:00Z`, 'UTC', false) : '—');

function orgLabel(
  ctx: ViewContext,
  m: { organizationNames: Record<string, string>; organizationAcronym: string | null },
) {
  const name = nameIn(m.organizationNames, ctx.locale);
  return m.organizationAcronym && m.organizationAcronym !== name ? `${name} (${m.organizationAcronym})` : name;
}

export function term(ctx: ViewContext, m: { termStart: string | null; termEnd: string | null }) {
  if (!m.termStart && !m.termEnd) return ctx.t('compact.term.open');
  return ctx.t('compact.term.range', { start: day(ctx, m.termStart), end: m.termEnd ? day(ctx, m.termEnd) : '…' });
}

export function CompactHome({
  ctx,
  entities,
  bodies,
  counts,
  committee,
}: {
  ctx: ViewContext;
  entities: CompactEntityRow[];
  bodies: Body[];
  counts: Map<string, number>;
  committee: { body: Body; members: BodyMemberRow[] } | null;
}) {
  const { t } = ctx;
  return (
    <section>
      <h1>{t('compact.title')}</h1>
      <p>{t('compact.intro')}</p>
      <p>
        <a href="/compact/programme">{t('compact.programme.link')}</a>
      </p>

      <h2 id="bodies">{t('compact.bodies')}</h2>
      <table class="stack">
        <caption class="visually-hidden">{t('compact.bodies')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('compact.body.name')}</th>
            <th scope="col">{t('compact.body.kind')}</th>
            <th scope="col">{t('compact.body.symbol')}</th>
            <th scope="col">{t('compact.body.members')}</th>
          </tr>
        </thead>
        <tbody>
          {bodies.map((b) => (
            <tr>
              <td data-label={t('compact.body.name')}>
                <a href={`/compact/bodies/${b.slug}`}>
                  <Text ctx={ctx} value={b.names} note={false} />
                </a>
              </td>
              <td data-label={t('compact.body.kind')}>{t(`compact.kind.${b.kind}`)}</td>
              <td data-label={t('compact.body.symbol')} dir="ltr">
                {b.symbolPrefix}
              </td>
              <td data-label={t('compact.body.members')}>{counts.get(b.id) ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {committee ? (
        <>
          <h2 id="committee">
            <Text ctx={ctx} value={committee.body.names} note={false} />
          </h2>
          <p>{t('compact.committee.intro')}</p>
          <ul>
            {committee.members
              .filter((m) => m.role !== 'member' || m.byOfficeOf)
              .map((m) => (
                <li>
                  {orgLabel(ctx, m)} — {t(`compact.role.${m.role}`)}
                  {m.byOfficeOf ? ` (${t('compact.byOffice')})` : null}
                </li>
              ))}
          </ul>
          <p>
            <a href={`/compact/bodies/${committee.body.slug}`}>
              {t('compact.committee.all', { count: committee.members.length })}
            </a>
          </p>
        </>
      ) : null}

      <h2 id="entities">{t('compact.entities')}</h2>
      <p class="muted">{t('compact.entities.note')}</p>
      {entities.length ? (
        <table class="stack">
          <caption class="visually-hidden">{t('compact.entities')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('compact.entity')}</th>
              <th scope="col">{t('compact.joined')}</th>
            </tr>
          </thead>
          <tbody>
            {entities.map((e) => (
              <tr>
                <td data-label={t('compact.entity')}>
                  <a href={`/directory/organizations/${e.slug}`}>{nameIn(e.names, ctx.locale)}</a>
                  {e.acronym ? <span dir="ltr"> ({e.acronym})</span> : null}
                </td>
                <td data-label={t('compact.joined')}>{day(ctx, e.joinedOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState>{t('compact.entities.none')}</EmptyState>
      )}
    </section>
  );
}

export interface MemberFormValues {
  organizationId?: string;
  role?: string;
  termStart?: string;
  termEnd?: string;
}

export function BodyPage({
  ctx,
  body,
  members,
  canManage,
  outputs,
  bodies,
  frameworkNames,
  orgChoices,
  peopleChoices,
  errors,
  values,
}: {
  ctx: ViewContext;
  body: Body;
  members: BodyMemberRow[];
  canManage: boolean;
  outputs: ProgrammeOutput[];
  bodies: Map<string, BodyLink>;
  frameworkNames: Map<string, string>;
  orgChoices: { value: string; label: string }[];
  peopleChoices: Map<string, { value: string; label: string }[]>;
  errors?: FormErrors;
  values?: MemberFormValues;
}) {
  const { t } = ctx;
  const seated = members.filter((m) => m.role !== 'observer');
  const observers = members.filter((m) => m.role === 'observer');
  const table = (rows: BodyMemberRow[], caption: string) =>
    rows.length ? (
      <table class="stack">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('compact.entity')}</th>
            <th scope="col">{t('compact.role')}</th>
            <th scope="col">{t('compact.term')}</th>
            <th scope="col">{t('compact.representatives')}</th>
            {canManage ? <th scope="col">{t('compact.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr>
              <td data-label={t('compact.entity')}>
                <a href={`/directory/organizations/${m.organizationSlug}`}>{orgLabel(ctx, m)}</a>
              </td>
              <td data-label={t('compact.role')}>
                {t(`compact.role.${m.role}`)}
                {m.byOfficeOf ? (
                  <>
                    {' '}
                    ({t('compact.byOffice')}
                    {bodies.get(m.byOfficeOf) ? (
                      <>
                        {': '}
                        <span dir="ltr">{bodies.get(m.byOfficeOf)!.symbolPrefix}</span>
                      </>
                    ) : null}
                    )
                  </>
                ) : null}
              </td>
              <td data-label={t('compact.term')}>
                {term(ctx, m)}
                {m.current ? null : <> ({t('compact.term.notCurrent')})</>}
              </td>
              <td data-label={t('compact.representatives')}>
                {m.representatives === null ? (
                  <span class="muted">{t('compact.representatives.hidden')}</span>
                ) : m.representatives.length ? (
                  <ul class="plain">
                    {m.representatives.map((r) => (
                      <li>
                        <a href={`/directory/people/${r.personId}`}>{r.fullName}</a>
                        {r.roleTitle ? <>, {r.roleTitle}</> : null}
                        {canManage ? (
                          <>
                            {' '}
                            <a href={`/compact/bodies/${body.slug}/representatives/${r.id}/remove`}>
                              {t('compact.remove')}
                              <span class="visually-hidden"> {r.fullName}</span>
                            </a>
                          </>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                ) : (
                  '—'
                )}
                {canManage && (peopleChoices.get(m.id) ?? []).length ? (
                  <PostForm ctx={ctx} action={`/compact/bodies/${body.slug}/members/${m.id}/representatives`}>
                    <Select
                      name="personId"
                      label={t('compact.representative.add', { entity: m.organizationAcronym ?? '' })}
                      options={peopleChoices.get(m.id)!}
                    />
                    <Field name="roleTitle" label={t('compact.representative.roleTitle')} maxLength={200} />
                    <button type="submit">{t('compact.representative.submit')}</button>
                  </PostForm>
                ) : null}
              </td>
              {canManage ? (
                <td data-label={t('compact.actions')}>
                  <a href={`/compact/bodies/${body.slug}/members/${m.id}/remove`}>
                    {t('compact.remove')}
                    <span class="visually-hidden"> {orgLabel(ctx, m)}</span>
                  </a>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    ) : (
      <EmptyState>{t('compact.members.none')}</EmptyState>
    );
  return (
    <section>
      <Breadcrumb links={[{ href: '/compact', label: t('compact.title') }]} />
      <Text ctx={ctx} value={body.names} as="h1" />
      <dl>
        <dt>{t('compact.body.kind')}</dt>
        <dd>{t(`compact.kind.${body.kind}`)}</dd>
        <dt>{t('compact.body.symbol')}</dt>
        <dd dir="ltr">{body.symbolPrefix}</dd>
        {body.pillars.length || body.themes.length ? (
          <>
            <dt>{t('compact.body.pillarsThemes')}</dt>
            <dd>
              <ul class="plain">
                {[...body.pillars, ...body.themes].map((c) => (
                  <li>{frameworkNames.get(c) ?? c}</li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>

      <h2 id="members">{t('compact.members')}</h2>
      {table(seated, t('compact.members'))}
      <h2 id="observers">{t('compact.observers')}</h2>
      {table(observers, t('compact.observers'))}

      {canManage ? (
        <section id="add-member">
          <h2>{t('compact.member.add')}</h2>
          <PostForm ctx={ctx} errors={errors} action={`/compact/bodies/${body.slug}/members`}>
            <Select
              name="organizationId"
              label={t('compact.entity')}
              options={orgChoices}
              value={values?.organizationId}
              error={errors?.organizationId}
              includeEmpty={t('compact.choose')}
            />
            <Select
              name="role"
              label={t('compact.role')}
              options={BODY_ROLES.map((r) => ({ value: r, label: t(`compact.role.${r}`) }))}
              value={values?.role ?? 'member'}
              error={errors?.role}
            />
            <Field
              name="termStart"
              label={t('compact.term.start')}
              type="date"
              value={values?.termStart}
              error={errors?.termStart}
              hint={t('compact.term.hint')}
            />
            <Field
              name="termEnd"
              label={t('compact.term.end')}
              type="date"
              value={values?.termEnd}
              error={errors?.termEnd}
              hint={t('compact.term.hint')}
            />
            <button type="submit">{t('compact.member.submit')}</button>
          </PostForm>
        </section>
      ) : null}

      <h2 id="programme">{t('compact.programme.outputs')}</h2>
      <OutputsTable ctx={ctx} outputs={outputs} bodies={bodies} />
      {body.source ? (
        <p class="muted wrap-anywhere">
          {t('compact.source')}: <span dir="ltr">{body.source}</span>
        </p>
      ) : null}
    </section>
  );
}

export { orgLabel };
