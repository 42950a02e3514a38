// The import page: templates, a dry run that lists every row's errors, an all-or-nothing commit.
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { multipartForm } from '../../../platform/http/forms.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { StringEnum } from '../../../platform/http/api.ts';
import { sendTable } from '../../../platform/export/tabular.ts';
import { IMPORT_COLUMNS, importFile, type ImportKind } from './import.service.ts';
import { ImportPage } from './import.views.tsx';

export default async function importRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

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
      const result = await importFile(ctxOf(req), kind, file, dryRun, req.locale);
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
}
