// Report pages: the upload form and one report with its language versions.
import { AUTONYMS, formatDate, LOCALES, numberFormat } from '../../../platform/i18n/index.ts';
import { Breadcrumb } from '../../../platform/views/lists.tsx';
import { Field, FileField, FormPage, Select, type FormErrors } from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { REPORT_CLASSIFICATIONS } from '../assessments.schema.ts';
import type * as reports from '../reports/reports.service.ts';

type Values = Record<string, string | undefined>;

const langOptions = () => LOCALES.map((l) => ({ value: l, label: AUTONYMS[l] }));
const size = (ctx: ViewContext, n: number) =>
  `${numberFormat(ctx.locale, { maximumFractionDigits: 1 }).format(n / 1024 / 1024)} MB`;

export function ReportFormView({
  ctx,
  action,
  values,
  errors,
}: {
  ctx: ViewContext;
  action: string;
  values: Values;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  return (
    <FormPage
      ctx={ctx}
      title={t('reports.new')}
      action={action}
      errors={errors}
      upload
      intro={
        <p class="notice classification" role="note">
          {t('reports.notice')}
        </p>
      }
    >
      <Field
        name="title"
        label={t('reports.title')}
        value={values.title}
        required
        error={errors?.title}
        maxLength={300}
      />
      <Select
        name="classification"
        label={t('reports.classification')}
        value={values.classification}
        options={REPORT_CLASSIFICATIONS.map((c) => ({ value: c, label: t(`classification.${c}`) }))}
        error={errors?.classification}
      />
      <Select
        name="language"
        label={t('reports.language')}
        value={values.language}
        options={langOptions()}
        error={errors?.language}
      />
      <FileField
        name="file"
        label={t('reports.file')}
        hint={t('reports.fileHint')}
        accept=".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        error={errors?.file}
      />
      <button type="submit">{t('reports.upload')}</button>
    </FormPage>
  );
}

export function ReportView({
  ctx,
  r,
  canUpload,
  errors,
  values,
}: {
  ctx: ViewContext;
  r: reports.ReportRow;
  canUpload: boolean;
  errors?: FormErrors;
  values?: Values;
}) {
  const { t } = ctx;
  return (
    <article>
      <Breadcrumb links={[{ href: `/assessments/visits/${r.visitId}`, label: t('reports.backToVisit') }]} />
      <h1 dir="auto">{r.title}</h1>
      <p class="notice classification" role="note">
        {t(`classification.${r.classification}`)} — {t('reports.readNotice')}
      </p>
      <h2>{t('reports.versions')}</h2>
      {r.files.length ? (
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">{t('reports.language')}</th>
              <th scope="col">{t('reports.format')}</th>
              <th scope="col">{t('reports.size')}</th>
              <th scope="col">{t('reports.uploaded')}</th>
              <th scope="col">{t('library.revision')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('reports.download')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {r.files.map((f) => (
              <tr>
                <td data-label={t('reports.language')} lang={f.language}>
                  {AUTONYMS[f.language as keyof typeof AUTONYMS] ?? f.language}
                </td>
                <td data-label={t('reports.format')}>{f.contentType === 'application/pdf' ? 'PDF' : 'DOCX'}</td>
                <td data-label={t('reports.size')}>{size(ctx, f.size)}</td>
                <td data-label={t('reports.uploaded')}>{formatDate(ctx.locale, f.uploadedAt, ctx.timeZone)}</td>
                <td data-label={t('library.revision')}>{f.revision}</td>
                <td data-label={t('reports.download')}>
                  <a href={`/assessments/reports/${r.id}/files/${f.id}`} download>
                    {t('reports.download')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="empty">{t('reports.noFiles')}</p>
      )}
      {canUpload ? (
        <section>
          <h2>{t('reports.addVersion')}</h2>
          {errors ? (
            <div class="error-summary" role="alert">
              <ul>
                {Object.entries(errors).map(([f, m]) => (
                  <li>
                    <a href={`#f-${f}`}>{m}</a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <form method="post" action={`/assessments/reports/${r.id}/files`} enctype="multipart/form-data" noValidate>
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <Select
              name="language"
              label={t('reports.language')}
              value={values?.language ?? 'fr'}
              options={langOptions()}
              error={errors?.language}
            />
            <FileField
              name="file"
              label={t('reports.file')}
              hint={t('reports.fileHint')}
              accept=".pdf,.docx"
              error={errors?.file}
            />
            <button type="submit">{t('reports.upload')}</button>
          </form>
        </section>
      ) : null}
    </article>
  );
}
