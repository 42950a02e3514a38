// The import page: templates, the form, the result of a dry run or a commit.
import { formatNumber } from '../../../platform/i18n/index.ts';
import { FileField, PostForm, Select } from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { ImportResult } from './import.service.ts';
import { MAX_IMPORT_ROWS } from './import.limits.ts';

export function ImportPage({
  ctx,
  result,
  kind,
  fileError,
}: {
  ctx: ViewContext;
  result?: ImportResult;
  kind?: string;
  fileError?: string;
}) {
  const { t, locale } = ctx;
  const byRow = new Map<number, ImportResult['errors']>();
  for (const e of result?.errors ?? []) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  return (
    <section>
      <h1>{t('import.title')}</h1>
      <p>{t('import.intro', { max: MAX_IMPORT_ROWS })}</p>
      <ul>
        <li>
          {t('import.templateNeeds')}: <a href="/import/templates/needs.csv">CSV</a> ·{' '}
          <a href="/import/templates/needs.xlsx">XLSX</a>
        </li>
        <li>
          {t('import.templateProjects')}: <a href="/import/templates/projects.csv">CSV</a> ·{' '}
          <a href="/import/templates/projects.xlsx">XLSX</a>
        </li>
      </ul>
      {result ? (
        <div
          class={result.errors.length ? 'error-summary' : 'notice'}
          role={result.errors.length ? 'alert' : 'status'}
          tabIndex={-1}
        >
          <h2>
            {result.committed
              ? t('import.committed', { count: result.rows })
              : result.errors.length
                ? t('import.rowsInvalid', { count: byRow.size })
                : t('import.dryRunOk', { count: result.rows })}
          </h2>
          {result.errors.length ? (
            <table class="stack">
              <caption>{t('import.errorsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('import.row')}</th>
                  <th scope="col">{t('import.column')}</th>
                  <th scope="col">{t('import.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {result.errors.map((e) => (
                  <tr>
                    <td data-label={t('import.row')}>{formatNumber(locale, e.row)}</td>
                    <td data-label={t('import.column')}>
                      <code>{e.field}</code>
                    </td>
                    <td data-label={t('import.problem')}>{t(e.messageKey, e.values as never)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {result.errors.length ? <p>{t('import.nothingStored')}</p> : null}
        </div>
      ) : null}
      {fileError ? (
        <div class="error-summary" role="alert">
          <p>{fileError}</p>
        </div>
      ) : null}
      <PostForm ctx={ctx} action="/import" upload>
        <Select
          name="kind"
          label={t('import.kind')}
          value={kind ?? 'needs'}
          options={[
            { value: 'needs', label: t('needs.title') },
            { value: 'projects', label: t('projects.title') },
          ]}
        />
        <FileField name="file" label={t('reports.file')} hint={t('import.fileHint')} accept=".csv,.xlsx" />
        <fieldset class="field">
          <legend>{t('import.mode')}</legend>
          <div class="checkbox">
            <input type="radio" id="mode-dry" name="mode" value="dry" checked />
            <label for="mode-dry">{t('import.dryRun')}</label>
          </div>
          <div class="checkbox">
            <input type="radio" id="mode-commit" name="mode" value="commit" />
            <label for="mode-commit">{t('import.commit')}</label>
          </div>
        </fieldset>
        <button type="submit">{t('import.submit')}</button>
      </PostForm>
    </section>
  );
}
