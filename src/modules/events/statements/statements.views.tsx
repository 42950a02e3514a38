// Views of statements: the recording form (per session) and the searchable archive.
import { AUTONYMS, LOCALES, nameIn } from '../../../platform/i18n/index.ts';
import {
  EmptyState,
  Field,
  FileField,
  FormPage,
  Pagination,
  Select,
  TextArea,
  type FormErrors,
} from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { Breadcrumb } from '../../../platform/views/lists.tsx';
import { textIn as text } from '../../../platform/i18n/text.ts';
import type { archiveOptions, StatementRow, statementTarget } from './statements.service.ts';

/** Rows of the archive per page. */
export const PAGE = 20;

/** The export link of the archive: the same filters, every page. */
const exportQuery = (query: Record<string, string | undefined>, format: 'csv' | 'xlsx') => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v && k !== 'page') q.set(k, v);
  q.set('format', format);
  return q.toString();
};
type Values = Record<string, string | undefined>;

export function StatementFormPage({
  ctx,
  t: tgt,
  orgs,
  values,
  errors,
}: {
  ctx: ViewContext;
  t: Awaited<ReturnType<typeof statementTarget>>;
  orgs: { id: string; name: string }[];
  values: Values;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  return (
    <FormPage
      ctx={ctx}
      title={t('events.statements.add')}
      action={`/events/${tgt.event.slug}/sessions/${tgt.session.id}/statements`}
      errors={errors}
      upload
      intro={
        <Breadcrumb
          links={[
            { href: `/events/${tgt.event.slug}`, label: text(tgt.event.title, ctx.locale) },
            { label: text(tgt.session.title, ctx.locale) },
          ]}
        />
      }
    >
      {tgt.speakers.length ? (
        <Select
          name="speakerId"
          label={t('events.statements.fromList')}
          value={values.speakerId}
          includeEmpty="—"
          options={tgt.speakers.map((s) => ({
            value: s.id,
            label: `${nameIn(s.orgNames, ctx.locale)}${s.speakerName ? ` — ${s.speakerName}` : ''}`,
          }))}
          error={errors?.speakerId}
        />
      ) : null}
      <Select
        name="organizationId"
        label={t('events.statements.onBehalfOf')}
        value={values.organizationId}
        includeEmpty="—"
        options={orgs.map((o) => ({ value: o.id, label: o.name }))}
        error={errors?.organizationId}
      />
      <Field
        name="speakerName"
        label={t('events.statements.speaker')}
        value={values.speakerName}
        error={errors?.speakerName}
        maxLength={200}
      />
      <Select
        name="language"
        label={t('events.statements.language')}
        value={values.language ?? ctx.locale}
        options={LOCALES.map((l) => ({ value: l, label: AUTONYMS[l] }))}
        error={errors?.language}
      />
      <TextArea
        name="body"
        label={t('events.statements.text')}
        value={values.body}
        error={errors?.body}
        rows={10}
        maxLength={50000}
      />
      <FileField
        name="file"
        label={t('events.authoring.file')}
        hint={t('events.statements.fileHint')}
        accept=".pdf,.docx"
        error={errors?.file}
      />
      <button type="submit">{t('events.statements.add')}</button>
    </FormPage>
  );
}

export function ArchivePage({
  ctx,
  rows,
  total,
  page,
  query,
  options,
  sessions,
}: {
  ctx: ViewContext;
  rows: StatementRow[];
  total: number;
  page: number;
  query: Values;
  options: Awaited<ReturnType<typeof archiveOptions>>;
  sessions: { id: string; title: string }[];
}) {
  const { t } = ctx;
  return (
    <section>
      <h1>{t('events.statements.title')}</h1>
      <form
        method="get"
        action="/events/statements"
        class="filters"
        role="search"
        aria-label={t('events.statements.filters')}
      >
        <div class="field">
          <label for="f-q">{t('events.statements.search')}</label>
          <input id="f-q" type="search" name="q" value={query.q ?? ''} dir="auto" maxLength={200} />
        </div>
        <Select
          name="event"
          label={t('events.statements.event')}
          value={query.event}
          includeEmpty={t('events.statements.allEvents')}
          options={options.events.map((e) => ({ value: e.slug, label: text(e.title, ctx.locale) }))}
        />
        {sessions.length ? (
          <Select
            name="session"
            label={t('events.authoring.session')}
            value={query.session}
            includeEmpty={t('events.statements.allSessions')}
            options={sessions.map((s) => ({ value: s.id, label: s.title }))}
          />
        ) : null}
        <Select
          name="org"
          label={t('events.statements.onBehalfOf')}
          value={query.org}
          includeEmpty={t('events.statements.allOrgs')}
          options={options.orgs
            .map((o) => ({ value: o.id, label: nameIn(o.names, ctx.locale) }))
            .sort((a, b) => a.label.localeCompare(b.label, ctx.locale))}
        />
        <Select
          name="lang"
          label={t('events.statements.language')}
          value={query.lang}
          includeEmpty={t('events.statements.allLanguages')}
          options={LOCALES.map((l) => ({ value: l, label: AUTONYMS[l] }))}
        />
        <button type="submit">{t('directory.apply')}</button>
      </form>
      <p class="count" role="status">
        {t('events.statements.count', { count: total })}
      </p>
      {total ? (
        <p>
          <a href={`/events/statements/export?${exportQuery(query, 'csv')}`}>{t('export.csv')}</a> ·{' '}
          <a href={`/events/statements/export?${exportQuery(query, 'xlsx')}`}>{t('export.xlsx')}</a>
        </p>
      ) : null}
      {rows.length ? (
        <ul class="statements">
          {rows.map((r) => (
            <li>
              <h2 class="h3">
                {nameIn(r.orgNames, ctx.locale)} — <span dir="auto">{r.s.speakerName}</span>
              </h2>
              <p class="muted">
                <a href={`/events/${r.eventSlug}`}>{text(r.eventTitle, ctx.locale)}</a> ·{' '}
                <span dir="auto">{text(r.sessionTitle, ctx.locale)}</span> · {AUTONYMS[r.s.language]}
              </p>
              {r.s.body ? (
                <div class="statement-body" lang={r.s.language} dir={r.s.language === 'ar' ? 'rtl' : 'ltr'}>
                  {r.s.body.split(/\n{2,}/).map((p) => (
                    <p>{p}</p>
                  ))}
                </div>
              ) : null}
              {r.s.file ? (
                <p>
                  <a href={`/events/statements/${r.s.id}/file`} hrefLang={r.s.language}>
                    {t('events.statements.download', { name: r.s.file.name })}
                  </a>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{t('events.statements.none')}</EmptyState>
      )}
      <Pagination ctx={ctx} page={page} pageSize={PAGE} total={total} baseQuery={{ ...query, page: undefined }} />
    </section>
  );
}
