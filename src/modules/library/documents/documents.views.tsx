// Pages of the document library: the list, one document with its language versions and revisions, the metadata form,
// the upload form and the language parity view.
import { AUTONYMS, formatDate, formatFileSize, LOCALES } from '../../../platform/i18n/index.ts';
import { Text, TextFields } from '../../../platform/i18n/text.views.tsx';
import {
  Checkbox,
  EmptyState,
  Field,
  FileField,
  FormPage,
  MultiSelect,
  Pagination,
  Select,
  type FormErrors,
} from '../../../platform/views/components.tsx';
import { Breadcrumb, ListTable } from '../../../platform/views/lists.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { DISTRIBUTIONS, LIBRARY_CLASSIFICATIONS } from '../library.schema.ts';
import { StateBadge, type PublicView, type Revision } from '../../publishing/index.ts';
import { PublicStatus } from '../publishing/publication.views.tsx';
import type { DocumentDetail, ListedDocument, ParityRow, TextState } from './documents.service.ts';
import { EXTRACT_LIMITS } from '../extract/extract.ts';

type Values = Record<string, string | string[] | undefined>;
type Choice = { value: string; label: string };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

/** Whether a revision's text is searchable: waiting to be read, searchable (all or part of it), or why not. */
function textState(ctx: ViewContext, d: DocumentDetail, s: TextState | undefined): string {
  const { t } = ctx;
  const state = s ?? { status: 'pending', reason: null, characters: 0 };
  if (state.status === 'pending') return t('library.text.pending');
  const reason = state.reason
    ? t(`library.text.reason.${state.reason}`, {
        pages: EXTRACT_LIMITS.maxPages,
        characters: EXTRACT_LIMITS.maxChars,
      })
    : '';
  if (state.status === 'failed' || !state.characters)
    return state.status === 'done' ? t('library.text.empty') : t('library.text.failed', { reason });
  if (d.classification !== 'unclassified') return t('library.text.confidential');
  return state.status === 'done'
    ? t('library.text.done', { characters: state.characters })
    : t('library.text.partly', { reason, characters: state.characters });
}

function ClassificationBadge({ ctx, c }: { ctx: ViewContext; c: string }) {
  return <span class={`badge classification-${c}`}>{ctx.t(`library.classification.${c}`)}</span>;
}

export function LibraryListView({
  ctx,
  rows,
  total,
  page,
  pageSize,
  canCreate,
}: {
  ctx: ViewContext;
  rows: ListedDocument[];
  total: number;
  page: number;
  pageSize: number;
  canCreate: boolean;
}) {
  const { t } = ctx;
  return (
    <section>
      <h1>{t('library.title')}</h1>
      <p class="lead">{t('library.intro')}</p>
      {canCreate ? (
        <p>
          <a class="button" href="/library/new">
            {t('library.new')}
          </a>
        </p>
      ) : null}
      <ListTable
        caption={t('library.title')}
        rows={rows}
        empty={t('library.empty')}
        columns={[
          {
            label: t('library.symbol'),
            ltr: true,
            cell: (d) => <a href={`/library/${d.id}`}>{d.symbol}</a>,
          },
          { label: t('library.documentTitle'), cell: (d) => <Text ctx={ctx} value={d.title} /> },
          {
            label: t('library.classificationLabel'),
            cell: (d) => <ClassificationBadge ctx={ctx} c={d.classification} />,
          },
          {
            label: t('library.languages'),
            cell: (d) =>
              d.languages.length ? (
                d.languages.map((l, i) => (
                  <>
                    {i > 0 ? ', ' : ''}
                    <span lang={l.language}>{AUTONYMS[l.language]}</span>
                  </>
                ))
              ) : (
                <span class="muted">{t('library.noFiles')}</span>
              ),
          },
          { label: t('library.updated'), cell: (d) => formatDate(ctx.locale, d.updatedAt, ctx.timeZone) },
        ]}
      />
      {total > pageSize ? <Pagination ctx={ctx} page={page} pageSize={pageSize} total={total} baseQuery={{}} /> : null}
    </section>
  );
}

function ParityTable({ ctx, d }: { ctx: ViewContext; d: DocumentDetail }) {
  const { t } = ctx;
  const state = (p: ParityRow) => {
    if (p.state === 'original') return t('library.parity.original', { revision: p.revision });
    if (p.state === 'missing') return t('library.parity.missing');
    if (p.state === 'up_to_date') return t('library.parity.upToDate', { revision: p.translatedFrom ?? 0 });
    return t('library.parity.lagging', { behind: p.behind, revision: p.translatedFrom ?? 0 });
  };
  return (
    <ListTable
      caption={t('library.parity.title')}
      rows={d.parity}
      columns={[
        { label: t('library.language'), cell: (p) => <span lang={p.language}>{AUTONYMS[p.language]}</span> },
        { label: t('library.revision'), cell: (p) => (p.revision ? String(p.revision) : '—') },
        {
          label: t('library.parity.state'),
          cell: (p) => <span class={`parity parity-${p.state}`}>{state(p)}</span>,
        },
      ]}
    />
  );
}

type Heading = Pick<DocumentDetail, 'symbol' | 'title' | 'summary'>;

/** The document's symbol and title: for the public, the signed ones (the monitor renders it too). */
export function DocumentTitle({ ctx, d }: { ctx: ViewContext; d: Heading }) {
  return (
    <h1>
      <span dir="ltr">{d.symbol}</span>
      {' — '}
      <Text ctx={ctx} value={d.title} />
    </h1>
  );
}

/** The document's summary: for the public, the signed one (the monitor renders it too). */
export function DocumentSummary({ ctx, d }: { ctx: ViewContext; d: Heading }) {
  if (!Object.keys(d.summary).length) return null;
  return (
    <>
      <h2>{ctx.t('library.summary')}</h2>
      <p>
        <Text ctx={ctx} value={d.summary} note />
      </p>
    </>
  );
}

export function DocumentView({
  ctx,
  d,
  canManage,
  canDelete,
  distributionLabel,
  publication,
}: {
  ctx: ViewContext;
  d: DocumentDetail;
  canManage: boolean;
  canDelete: boolean;
  distributionLabel: string;
  /** For publishers, a public document's publication: what anonymous readers get, and its latest revision's state. */
  publication?: { view: PublicView | null; latest: Revision | null };
}) {
  const { t } = ctx;
  const languages = LOCALES.filter((l) => d.files.some((f) => f.language === l));
  return (
    <section>
      <Breadcrumb links={[{ href: '/library', label: t('library.title') }]} />
      <DocumentTitle ctx={ctx} d={d} />
      {d.classification !== 'unclassified' ? (
        <p class="notice classification" role="note">
          {t('library.confidentialNotice', { level: t(`library.classification.${d.classification}`) })}
        </p>
      ) : null}
      {d.legalHold ? (
        <p class="notice" role="note">
          {t('library.legalHoldNotice')}
        </p>
      ) : null}
      <dl class="facts">
        <dt>{t('library.classificationLabel')}</dt>
        <dd>
          <ClassificationBadge ctx={ctx} c={d.classification} />
        </dd>
        <dt>{t('library.distributionLabel')}</dt>
        <dd>{distributionLabel}</dd>
        {publication ? (
          <>
            <dt>{t('library.publication.label')}</dt>
            <dd id="publication-state">
              <PublicStatus ctx={ctx} view={publication.view} />{' '}
              {publication.latest ? (
                <>
                  <StateBadge ctx={ctx} r={publication.latest} />{' '}
                  {t('publishing.revision', { number: publication.latest.number })}{' '}
                </>
              ) : null}
              <a href={`/library/${d.id}/publication`}>{t('library.publication.review')}</a>
            </dd>
          </>
        ) : null}
        <dt>{t('library.originalLanguage')}</dt>
        <dd lang={d.originalLanguage}>{AUTONYMS[d.originalLanguage]}</dd>
        {d.related ? (
          <>
            <dt>{t(`library.relation.${d.relation}`)}</dt>
            <dd>
              <a href={`/library/${d.related.id}`} dir="ltr">
                {d.related.symbol}
              </a>
            </dd>
          </>
        ) : null}
        {d.retainUntil ? (
          <>
            <dt>{t('library.retainUntil')}</dt>
            <dd>{formatDate(ctx.locale, `${d.retainUntil}T00:00:00Z`, 'UTC', false)}</dd>
          </>
        ) : null}
      </dl>
      <DocumentSummary ctx={ctx} d={d} />
      {d.followers.length ? (
        <>
          <h2>{t('library.followers')}</h2>
          <ul>
            {d.followers.map((f) => (
              <li>
                <a href={`/library/${f.id}`} dir="ltr">
                  {f.symbol}
                </a>{' '}
                <Text ctx={ctx} value={f.title} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {canManage ? (
        <p class="actions">
          <a class="button" href={`/library/${d.id}/upload`}>
            {t('library.upload')}
          </a>{' '}
          <a class="button secondary" href={`/library/${d.id}/edit`}>
            {t('library.edit')}
          </a>
        </p>
      ) : null}
      <h2>{t('library.versions')}</h2>
      {languages.length ? (
        languages.map((l) => (
          <ListTable
            caption={AUTONYMS[l]}
            showCaption
            rows={d.files.filter((f) => f.language === l)}
            columns={[
              { label: t('library.revision'), cell: (f) => String(f.revision) },
              {
                label: t('library.file'),
                cell: (f) => (
                  <a href={`/library/${d.id}/files/${f.id}`} dir="auto">
                    {f.fileName}
                  </a>
                ),
              },
              { label: t('library.size'), cell: (f) => formatFileSize(ctx.locale, f.size) },
              { label: t('library.sha256'), ltr: true, cell: (f) => <code class="hash">{f.sha256}</code> },
              {
                label: t('library.translatedFrom'),
                cell: (f) => (f.translatedFromRevision ? String(f.translatedFromRevision) : '—'),
              },
              { label: t('library.uploaded'), cell: (f) => formatDate(ctx.locale, f.uploadedAt, ctx.timeZone) },
              {
                label: t('library.text.column'),
                cell: (f) => (
                  <span data-text-status={d.texts.get(f.id)?.status ?? 'pending'}>
                    {textState(ctx, d, d.texts.get(f.id))}
                  </span>
                ),
              },
            ]}
          />
        ))
      ) : (
        <EmptyState>{t('library.noFiles')}</EmptyState>
      )}
      <h2>{t('library.parity.title')}</h2>
      <p>
        <a href={`/library/${d.id}/parity`}>{t('library.parity.link')}</a>
      </p>
      {canDelete ? (
        <p>
          <a class="button danger" href={`/library/${d.id}/delete`}>
            {t('library.delete')}
          </a>
        </p>
      ) : null}
    </section>
  );
}

export function ParityView({ ctx, d }: { ctx: ViewContext; d: DocumentDetail }) {
  const { t } = ctx;
  return (
    <section>
      <Breadcrumb
        links={[
          { href: '/library', label: t('library.title') },
          { href: `/library/${d.id}`, label: d.symbol },
        ]}
      />
      <h1>{t('library.parity.title')}</h1>
      <p class="lead">{t('library.parity.intro')}</p>
      <ParityTable ctx={ctx} d={d} />
    </section>
  );
}

export interface DocumentFormChoices {
  workingGroups: Choice[];
  organizations: Choice[];
  owners: Choice[];
  canHold: boolean;
}

export function DocumentFormView({
  ctx,
  action,
  values,
  errors,
  stored,
  choices,
}: {
  ctx: ViewContext;
  action: string;
  values: Values;
  errors?: FormErrors;
  /** The document being edited (its symbol is shown, never changed). */
  stored?: DocumentDetail;
  choices: DocumentFormChoices;
}) {
  const { t } = ctx;
  return (
    <FormPage ctx={ctx} title={stored ? t('library.edit') : t('library.new')} action={action} errors={errors}>
      {stored ? (
        <p>
          {t('library.symbol')}: <span dir="ltr">{stored.symbol}</span>
        </p>
      ) : (
        <Field
          name="symbol"
          label={t('library.symbol')}
          hint={t('library.symbolHint')}
          value={one(values.symbol)}
          required
          error={errors?.symbol}
          maxLength={120}
          dir="ltr"
        />
      )}
      <TextFields ctx={ctx} name="title" label={t('library.documentTitle')} values={values} errors={errors} />
      <TextFields
        ctx={ctx}
        name="summary"
        label={t('library.summary')}
        values={values}
        errors={errors}
        long
        maxLength={4000}
      />
      <Select
        name="originalLanguage"
        label={t('library.originalLanguage')}
        value={one(values.originalLanguage)}
        options={LOCALES.map((l) => ({ value: l, label: AUTONYMS[l] }))}
        error={errors?.originalLanguage}
      />
      <Select
        name="classification"
        label={t('library.classificationLabel')}
        hint={t('library.classificationHint')}
        value={one(values.classification)}
        options={LIBRARY_CLASSIFICATIONS.map((c) => ({ value: c, label: t(`library.classification.${c}`) }))}
        error={errors?.classification}
      />
      <Select
        name="distribution"
        label={t('library.distributionLabel')}
        value={one(values.distribution)}
        options={DISTRIBUTIONS.map((c) => ({ value: c, label: t(`library.distribution.${c}`) }))}
        error={errors?.distribution}
      />
      <Select
        name="workingGroupId"
        label={t('library.workingGroup')}
        hint={t('library.workingGroupHint')}
        value={one(values.workingGroupId)}
        options={choices.workingGroups}
        includeEmpty={t('library.none')}
        error={errors?.workingGroupId}
      />
      <MultiSelect
        name="organizationIds"
        label={t('library.organizations')}
        hint={t('library.organizationsHint')}
        values={many(values.organizationIds)}
        options={choices.organizations}
        error={errors?.organizationIds}
      />
      <Select
        name="ownerOrgId"
        label={t('library.owner')}
        value={one(values.ownerOrgId)}
        options={choices.owners}
        includeEmpty={choices.canHold ? t('library.none') : undefined}
        error={errors?.ownerOrgId}
      />
      <Field
        name="retainUntil"
        type="date"
        label={t('library.retainUntil')}
        hint={t('library.retainHint')}
        value={one(values.retainUntil)}
        error={errors?.retainUntil}
      />
      {choices.canHold ? (
        <Checkbox name="legalHold" label={t('library.legalHold')} checked={one(values.legalHold) === 'on'} />
      ) : null}
      <button type="submit">{t('library.save')}</button>
    </FormPage>
  );
}

export function UploadFormView({
  ctx,
  d,
  values,
  errors,
}: {
  ctx: ViewContext;
  d: DocumentDetail;
  values: Values;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  return (
    <FormPage
      ctx={ctx}
      title={t('library.uploadTitle', { symbol: d.symbol })}
      action={`/library/${d.id}/files`}
      errors={errors}
      upload
      intro={<p class="hint">{t('library.uploadIntro', { language: AUTONYMS[d.originalLanguage] })}</p>}
    >
      <Select
        name="language"
        label={t('library.language')}
        value={one(values.language) || d.originalLanguage}
        options={LOCALES.map((l) => ({ value: l, label: AUTONYMS[l] }))}
        error={errors?.language}
      />
      <Field
        name="translatedFrom"
        type="number"
        inputMode="numeric"
        label={t('library.translatedFrom')}
        hint={t('library.translatedFromHint')}
        value={one(values.translatedFrom)}
        error={errors?.translatedFrom}
      />
      <FileField name="file" label={t('library.file')} hint={t('library.fileHint')} error={errors?.file} />
      <button type="submit">{t('library.upload')}</button>
    </FormPage>
  );
}
