// Pages of the document library: list, document, metadata form, upload form, parity view, download, deletion.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { attempt, checked, multipartForm } from '../../../platform/http/forms.ts';
import { confirmation } from '../../../platform/http/confirm.tsx';
import { can, isUser } from '../../../platform/auth/policy.ts';
import { textFormValues, textFromForm } from '../../../platform/i18n/text.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import { type FormErrors } from '../../../platform/views/components.tsx';
import * as svc from './documents.service.ts';
import { sendLibraryFile } from './documents.download.ts';
import { publicationState } from '../publishing/publication.service.ts';
import {
  DocumentFormView,
  DocumentView,
  LibraryListView,
  ParityView,
  UploadFormView,
  type DocumentFormChoices,
} from './documents.views.tsx';

type V = Record<string, unknown>;
const one = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');
const many = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);
const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
const FileParams = Type.Object({ id: Type.String({ maxLength: 40 }), fileId: Type.String({ maxLength: 40 }) });
const Form = Type.Object(
  {},
  {
    additionalProperties: Type.Union([
      Type.String({ maxLength: 20000 }),
      Type.Array(Type.String({ maxLength: 100 }), { maxItems: 300 }),
    ]),
  },
);
const PAGE_SIZE = 25;
const create = { access: { action: 'library.create' as const } };

/** The form's values as the service's input (title and summary through the one translatable-text parser). */
export function inputFromForm(v: V, previous: svc.LibraryDocument | null, fields: FieldError[]): svc.DocumentInput {
  return {
    symbol: one(v.symbol),
    title: textFromForm(v, 'title', fields, { maxLength: 500, required: true, previous: previous?.title }),
    summary: textFromForm(v, 'summary', fields, { maxLength: 4000, previous: previous?.summary }),
    originalLanguage: one(v.originalLanguage),
    classification: one(v.classification),
    distribution: one(v.distribution),
    workingGroupId: one(v.workingGroupId),
    organizationIds: many(v.organizationIds),
    retainUntil: one(v.retainUntil).trim(),
    legalHold: checked(v.legalHold),
    ownerOrgId: one(v.ownerOrgId),
  };
}

const formValues = (d: svc.LibraryDocument): Record<string, string | string[]> => ({
  ...textFormValues('title', d.title),
  ...textFormValues('summary', d.summary),
  originalLanguage: d.originalLanguage,
  classification: d.classification,
  distribution: d.distribution,
  workingGroupId: d.workingGroupId ?? '',
  organizationIds: d.distributionOrgIds,
  retainUntil: d.retainUntil ?? '',
  legalHold: d.legalHold ? 'on' : '',
  ownerOrgId: d.ownerOrgId ?? '',
});

export default async function documentsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  const choices = async (req: FastifyRequest, d: svc.LibraryDocument | null): Promise<DocumentFormChoices> => {
    const c = await svc.formChoices(ctxOf(req), req.locale);
    return { ...c, canHold: svc.mayHold(req.actor, d) };
  };
  const docForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: V,
    errors?: FormErrors,
    status = 200,
    stored?: svc.DocumentDetail,
  ) =>
    reply.page(
      stored ? req.t('library.edit') : req.t('library.new'),
      <DocumentFormView
        ctx={reply.viewContext()}
        action={stored ? `/library/${stored.id}/edit` : '/library'}
        values={values as Record<string, string>}
        errors={errors}
        stored={stored}
        choices={await choices(req, stored ?? null)}
      />,
      status,
    );

  app.get(
    '/library',
    {
      config: { access: 'public' },
      schema: { querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })) }) },
    },
    async (req, reply) => {
      const page = req.query.page ?? 1;
      const r = await svc.listDocuments(ctxOf(req), { page, pageSize: PAGE_SIZE });
      return reply.page(
        req.t('library.title'),
        <LibraryListView
          ctx={reply.viewContext()}
          rows={r.rows}
          total={r.total}
          page={page}
          pageSize={PAGE_SIZE}
          canCreate={can(req.actor, 'library.create')}
        />,
      );
    },
  );

  app.get('/library/new', { config: create }, async (req, reply) =>
    docForm(req, reply, {
      originalLanguage: req.locale,
      classification: 'unclassified',
      distribution: 'signed_in',
      ownerOrgId: isUser(req.actor) ? (req.actor.orgIds[0] ?? '') : '',
    }),
  );

  app.post('/library', { config: create, schema: { body: Form } }, async (req, reply) => {
    const v = (req.body ?? {}) as V;
    let id = '';
    const fields: FieldError[] = [];
    const rerendered = await attempt(
      req,
      async () => {
        id = (await svc.createDocument(ctxOf(req), inputFromForm(v, null, fields), fields)).id;
      },
      (errors) => docForm(req, reply, v, errors, 422),
    );
    if (rerendered) return reply;
    return reply.flash(req.t('library.saved')).redirect(`/library/${id}`, 303);
  });

  app.get('/library/:id', { config: { access: 'public' }, schema: { params: IdParams } }, async (req, reply) => {
    const d = await svc.getDocument(ctxOf(req), req.params.id);
    // Publishers see where a public document stands in the two-signature workflow.
    const publication =
      d.distribution === 'public' && can(req.actor, 'publishing.author')
        ? await publicationState(req.server.platform.db, d.id)
        : undefined;
    return reply.page(
      d.symbol,
      <DocumentView
        ctx={reply.viewContext()}
        d={d}
        canManage={svc.mayManage(req.actor, d)}
        canDelete={svc.mayDelete(req.actor, d)}
        distributionLabel={await svc.distributionLabel(ctxOf(req), d, req.t, req.locale)}
        publication={publication}
      />,
    );
  });

  app.get('/library/:id/parity', { config: { access: 'public' }, schema: { params: IdParams } }, async (req, reply) => {
    const d = await svc.getDocument(ctxOf(req), req.params.id);
    return reply.page(req.t('library.parity.title'), <ParityView ctx={reply.viewContext()} d={d} />);
  });

  app.get('/library/:id/edit', { config: create, schema: { params: IdParams } }, async (req, reply) => {
    const d = await svc.getDocument(ctxOf(req), req.params.id);
    svc.assertManage(req.actor, d);
    return docForm(req, reply, formValues(d), undefined, 200, d);
  });

  app.post('/library/:id/edit', { config: create, schema: { params: IdParams, body: Form } }, async (req, reply) => {
    const v = (req.body ?? {}) as V;
    const d = await svc.getDocument(ctxOf(req), req.params.id, false);
    svc.assertManage(req.actor, d);
    const fields: FieldError[] = [];
    const rerendered = await attempt(
      req,
      () => svc.updateDocument(ctxOf(req), d.id, inputFromForm(v, d, fields), fields),
      (errors) => docForm(req, reply, v, errors, 422, d),
    );
    if (rerendered) return reply;
    return reply.flash(req.t('library.saved')).redirect(`/library/${d.id}`, 303);
  });

  const uploadForm = (
    req: FastifyRequest,
    reply: FastifyReply,
    d: svc.DocumentDetail,
    values: V,
    errors?: FormErrors,
    status = 200,
  ) =>
    reply.page(
      req.t('library.uploadTitle', { symbol: d.symbol }),
      <UploadFormView ctx={reply.viewContext()} d={d} values={values as Record<string, string>} errors={errors} />,
      status,
    );

  app.get('/library/:id/upload', { config: create, schema: { params: IdParams } }, async (req, reply) => {
    const d = await svc.getDocument(ctxOf(req), req.params.id);
    svc.assertManage(req.actor, d);
    return uploadForm(req, reply, d, {});
  });

  app.post('/library/:id/files', { config: create, schema: { params: IdParams } }, async (req, reply) => {
    const { fields, file } = await multipartForm(req);
    const rerendered = await attempt(
      req,
      () =>
        svc.uploadRevision(
          ctxOf(req),
          req.params.id,
          { language: fields.language ?? '', translatedFrom: fields.translatedFrom },
          file,
        ),
      async (errors) =>
        uploadForm(req, reply, await svc.getDocument(ctxOf(req), req.params.id, false), fields, errors, 422),
    );
    if (rerendered) return reply;
    return reply.flash(req.t('library.uploadedFlash')).redirect(`/library/${req.params.id}`, 303);
  });

  app.get(
    '/library/:id/files/:fileId',
    { config: { access: 'public' }, schema: { params: FileParams } },
    async (req, reply) => sendLibraryFile(ctxOf(req), req.params.id, req.params.fileId, reply),
  );

  confirmation(app, '/library/:id/delete', { config: create, params: IdParams }, async (req) => {
    const d = await svc.getDocument(ctxOf(req), req.params.id, false);
    svc.assertDelete(req.actor, d);
    return {
      title: req.t('library.delete'),
      question: req.t('library.confirmDelete', { symbol: d.symbol }),
      button: req.t('library.delete'),
      back: `/library/${d.id}`,
      blocked: d.legalHold ? req.t('library.errors.legalHold') : undefined,
    };
  });

  app.post(
    '/library/:id/delete',
    { config: { ...create, confirm: true }, schema: { params: IdParams, body: Form } },
    async (req, reply) => {
      await svc.deleteDocument(ctxOf(req), req.params.id);
      return reply.flash(req.t('library.deleted')).redirect('/library', 303);
    },
  );
}
