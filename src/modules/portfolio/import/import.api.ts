// JSON API of the import (same service as the page).
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { FilePart } from '../../../platform/http/openapi.ts';
import { multipartForm } from '../../../platform/http/forms.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { StringEnum, errorResponses } from '../../../platform/http/api.ts';
import { IMPORT_KINDS, importFile } from './import.service.ts';

export default async function importApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/v1/import/:kind',
    {
      config: {
        access: { action: 'portfolio.import' },
        multipartBody: Type.Object({ file: FilePart('The rows: a CSV or XLSX file with a header row') }),
      },
      schema: {
        tags: ['portfolio'],
        security: [{ bearer: [] }],
        operationId: 'importPortfolioRecords',
        summary:
          'Import needs or projects from CSV or XLSX (multipart/form-data, field "file"); ' +
          '?dryRun=true checks every row and stores nothing; otherwise all rows or none',
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
      const r = await importFile(ctxOf(req), req.params.kind, file, req.query.dryRun === true, req.locale);
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
