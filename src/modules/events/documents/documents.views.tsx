// Views of an event's documents: the organizers' page (language versions, new document) and the version form.
import { AUTONYMS, dir, LOCALES, type Locale } from '../../../platform/i18n/index.ts';
import { Breadcrumb } from '../../../platform/views/lists.tsx';
import {
  EmptyState,
  Field,
  FileField,
  FormPage,
  PostForm,
  Select,
  type FormErrors,
} from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { DOCUMENT_KINDS, type eventDocuments } from '../events.schema.ts';
import { TEXT_STATUSES } from '../../../platform/i18n/text.ts';
import type { EventRow } from '../shared/events.service.ts';
import type { FormValues } from '../shared/forms.ts';
import { pick } from '../../../platform/i18n/text.ts';
import { Text } from '../../../platform/i18n/text.views.tsx';

type EventDocument = typeof eventDocuments.$inferSelect;

const one = (v: FormValues[string]) => (Array.isArray(v) ? v[0] : v) ?? '';
const plain = (ctx: ViewContext, f: Parameters<typeof pick>[0]) => pick(f, ctx.locale)?.text ?? '';

export interface DocRow {
  id: string;
  kind: string;
  title: Parameters<typeof pick>[0];
  versions: Partial<Record<Locale, { url?: string; file?: { name: string; size: number }; status: string }>>;
}

function VersionFields({ ctx, values, errors }: { ctx: ViewContext; values: FormValues; errors?: FormErrors }) {
  const { t } = ctx;
  return (
    <>
      <Select
        name="language"
        label={t('events.authoring.versionLanguage')}
        value={one(values.language) || ctx.locale}
        options={LOCALES.map((l) => ({ value: l, label: AUTONYMS[l] }))}
        error={errors?.language}
      />
      <Select
        name="status"
        label={t('events.authoring.status')}
        value={one(values.status) || 'original'}
        options={TEXT_STATUSES.map((s) => ({ value: s, label: t(`text.status.${s}`) }))}
        error={errors?.status}
      />
      <FileField
        name="file"
        label={t('events.authoring.file')}
        hint={t('events.authoring.fileHint')}
        accept=".pdf,.docx"
        error={errors?.file}
      />
      <Field
        name="url"
        type="url"
        label={t('events.authoring.link')}
        value={one(values.url)}
        error={errors?.url}
        maxLength={500}
        dirAuto={false}
      />
    </>
  );
}

export function DocumentsManagePage({
  ctx,
  e,
  docs,
  values,
  errors,
}: {
  ctx: ViewContext;
  e: EventRow;
  docs: DocRow[];
  values: FormValues;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  return (
    <section>
      <Breadcrumb links={[{ href: `/events/${e.slug}`, label: plain(ctx, e.title) }]} />
      <h1>{t('events.documents')}</h1>
      {docs.length ? (
        <ul class="documents">
          {docs.map((d) => (
            <li>
              <h2 class="h3" dir="auto">
                {plain(ctx, d.title)} <span class="muted">({t(`events.docKind.${d.kind}`)})</span>
              </h2>
              <ul class="plain">
                {(Object.keys(d.versions) as Locale[]).map((l) => {
                  const v = d.versions[l]!;
                  return (
                    <li>
                      {AUTONYMS[l]} — {t(`text.status.${v.status}`)}
                      {v.file ? (
                        <>
                          {' '}
                          — <a href={`/events/${e.slug}/documents/${d.id}/${l}`}>{v.file.name}</a>
                        </>
                      ) : null}
                      {v.url ? (
                        <>
                          {' '}
                          —{' '}
                          <a href={v.url} rel="noopener noreferrer">
                            {t('events.open')}
                          </a>
                        </>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
              <p>
                <a href={`/events/${e.slug}/documents/${d.id}/versions`}>{t('events.authoring.addVersion')}</a>
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{t('events.authoring.noDocuments')}</EmptyState>
      )}
      <section aria-labelledby="new-document">
        <h2 id="new-document">{t('events.authoring.newDocument')}</h2>
        <PostForm ctx={ctx} errors={errors} action={`/events/${e.slug}/documents`} upload>
          <Select
            name="kind"
            label={t('field.type')}
            value={one(values.kind)}
            options={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`events.docKind.${k}`) }))}
            error={errors?.kind}
          />
          <Field
            name="title"
            label={t('events.authoring.title')}
            value={one(values.title)}
            error={errors?.title}
            maxLength={300}
          />
          <Select
            name="titleLanguage"
            label={t('events.authoring.titleLanguage')}
            value={one(values.titleLanguage) || ctx.locale}
            options={LOCALES.map((l) => ({ value: l, label: AUTONYMS[l] }))}
            error={errors?.titleLanguage}
          />
          <VersionFields ctx={ctx} values={values} errors={errors} />
          <button type="submit">{t('events.authoring.addDocument')}</button>
        </PostForm>
      </section>
    </section>
  );
}

export function DocumentVersionFormPage({
  ctx,
  e,
  doc,
  values,
  errors,
}: {
  ctx: ViewContext;
  e: EventRow;
  doc: DocRow;
  values: FormValues;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  return (
    <FormPage
      ctx={ctx}
      title={t('events.authoring.addVersion')}
      action={`/events/${e.slug}/documents/${doc.id}/versions`}
      errors={errors}
      upload
      intro={<Breadcrumb links={[{ href: `/events/${e.slug}/documents`, label: plain(ctx, doc.title) }]} />}
    >
      <Field
        name="title"
        label={t('events.authoring.titleInLanguage')}
        value={one(values.title)}
        error={errors?.title}
        maxLength={300}
      />
      <VersionFields ctx={ctx} values={values} errors={errors} />
      <button type="submit">{t('events.authoring.addVersion')}</button>
    </FormPage>
  );
}

/** One document as readers see it: in their language when it has that version (saying so otherwise). */
export function DocumentEntry({ ctx, slug, doc }: { ctx: ViewContext; slug: string; doc: EventDocument }) {
  const { t, locale } = ctx;
  const langs = Object.keys(doc.versions) as Locale[];
  const mine = doc.versions[locale] ?? (langs[0] ? doc.versions[langs[0]] : undefined);
  const mineLang = doc.versions[locale] ? locale : langs[0];
  return (
    <li>
      <strong>
        <Text ctx={ctx} value={doc.title} note={false} />
      </strong>{' '}
      <span class="muted">({t(`events.docKind.${doc.kind}`)})</span>
      {langs.length ? (
        <span class="muted">
          {' '}
          · {t('events.languages')}: {langs.map((l) => AUTONYMS[l]).join(', ')}
        </span>
      ) : (
        <span class="muted"> · {t('events.docNotOnline')}</span>
      )}
      {mine?.url ? (
        <p>
          <a href={mine.url} hrefLang={mineLang}>
            {t('events.open')}
          </a>
        </p>
      ) : null}
      {mine?.file ? (
        <p>
          <a href={`/events/${slug}/documents/${doc.id}/${mineLang}`} hrefLang={mineLang}>
            {t('events.statements.download', { name: mine.file.name })}
          </a>
        </p>
      ) : null}
      {mine?.body ? (
        <div class="doc-body" lang={mineLang} dir={dir(mineLang as Locale)}>
          {mine.body.split('\n').map((l) => (
            <p>{l}</p>
          ))}
        </div>
      ) : null}
      {mine && mineLang !== locale ? (
        <p class="notice translation" role="note">
          {t('events.fallback', { language: AUTONYMS[mineLang as Locale] })}
        </p>
      ) : null}
    </li>
  );
}

/**
 * The documents on the event page. A Chair's Summary document is not listed here: it is shown with the Chair's
 * Summary itself (outputs), the one place that summary is read from.
 */
export function DocumentsSection({
  ctx,
  slug,
  documents,
}: {
  ctx: ViewContext;
  slug: string;
  documents: EventDocument[];
}) {
  const { t } = ctx;
  const listed = documents.filter((d) => d.kind !== 'chairs_summary');
  if (!listed.length) return null;
  return (
    <section aria-labelledby="documents">
      <h2 id="documents">{t('events.documents')}</h2>
      <ul class="documents">
        {listed.map((doc) => (
          <DocumentEntry ctx={ctx} slug={slug} doc={doc} />
        ))}
      </ul>
    </section>
  );
}
