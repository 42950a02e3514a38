// Import of needs and projects: a page with templates, a dry run that lists every row's errors, an all-or-nothing commit; and the API.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { multipartForm } from '../../platform/http/forms.ts';
import { AppError } from '../../platform/http/errors.ts';
import { StringEnum, errorResponses } from '../../platform/http/api.ts';
import { formatNumber } from '../../platform/i18n/index.ts';
import { FileField, PostForm, Select } from '../../platform/views/components.tsx';
import { sendTable } from '../../platform/export/tabular.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import {
  IMPORT_COLUMNS,
  IMPORT_KINDS,
  importFile,
  MAX_IMPORT_ROWS,
  type ImportKind,
  type ImportResult,
} from './import.service.ts';

export default async function importRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.platform;
  const ctxOf = (req: FastifyRequest) => ({ db, actor: req.actor, ip: req.ip });

  app.get('/import', { config: { access: { action: 'portfolio.import' } } }, async (req, reply) =>
    reply.page(req.t('import.title'), <ImportPage ctx={reply.viewContext()} />),
  );

  app.get(
    '/import/templates/:kind',
    {
      config: { access: { action: 'portfolio.import' } },
      schema: {
        params: Type.Object({
          kind: StringEnum(['needs.csv', 'projects.csv', 'needs.xlsx', 'projects.xlsx'] as const),
        }),
      },
    },
    async (req, reply) => {
      const [kind, format] = req.params.kind.split('.') as [ImportKind, 'csv' | 'xlsx'];
      const cols = IMPORT_COLUMNS[kind].map((c) => ({ key: c.key, header: c.key, hxl: c.hxl, value: () => '' }));
      return sendTable(reply, format, `${kind}-template.${format}`, cols, [], { hxl: true, sheetName: kind });
    },
  );

  app.post('/import', { config: { access: { action: 'portfolio.import' } } }, async (req, reply) => {
    const { fields, file } = await multipartForm(req);
    const kind = fields.kind as ImportKind;
    const dryRun = fields.mode !== 'commit';
    try {
      const result = await importFile(ctxOf(req), kind, file, dryRun);
      const status = result.errors.length ? 422 : 200;
      return reply.page(
        req.t('import.title'),
        <ImportPage ctx={reply.viewContext()} result={result} kind={kind} />,
        status,
      );
    } catch (e) {
      if (e instanceof AppError && e.status === 422)
        return reply.page(
          req.t('import.title'),
          <ImportPage ctx={reply.viewContext()} fileError={req.t(e.messageKey, e.values as never)} kind={kind} />,
          422,
        );
      throw e;
    }
  });

  app.post(
    '/api/v1/import/:kind',
    {
      config: { access: { action: 'portfolio.import' } },
      schema: {
        tags: ['portfolio'],
        security: [{ bearer: [] }],
        summary:
          'Import needs or projects from CSV or XLSX (multipart/form-data, field "file"); ?dryRun=true checks every row and stores nothing; otherwise all rows or none',
        params: Type.Object({ kind: StringEnum(IMPORT_KINDS) }),
        querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean()) }),
        response: {
          200: Type.Object({ rows: Type.Integer(), committed: Type.Boolean(), ids: Type.Array(Type.String()) }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const { file } = await multipartForm(req);
      const r = await importFile(ctxOf(req), req.params.kind, file, req.query.dryRun === true);
      if (r.errors.length) {
        throw new AppError(
          'validation_failed',
          422,
          'import.rowsInvalid',
          { count: new Set(r.errors.map((e) => e.row)).size },
          r.errors.map((e) => ({ field: `row ${e.row}: ${e.field}`, messageKey: e.messageKey, values: e.values })),
        );
      }
      return { rows: r.rows, committed: r.committed, ids: r.ids };
    },
  );
}

function ImportPage({
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
            <table>
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
                    <td>{formatNumber(locale, e.row)}</td>
                    <td>
                      <code>{e.field}</code>
                    </td>
                    <td>{t(e.messageKey, e.values as never)}</td>
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
