// The organizers' documents pages (new document, new language version) and the download of a version's file.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { create as contentDisposition } from 'content-disposition';
import { attempt, multipartForm } from '../../../platform/http/forms.ts';
import type { FormErrors } from '../../../platform/views/components.tsx';
import { managedEvent } from '../shared/events.service.ts';
import type { FormValues } from '../shared/forms.ts';
import { SlugParams } from '../shared/http.ts';
import * as dc from './documents.service.ts';
import { DocumentVersionFormPage, DocumentsManagePage } from './documents.views.tsx';
import { ManageMenu } from '../shared/views.tsx';

const DocParams = Type.Object({
  slug: Type.String({ minLength: 1, maxLength: 120 }),
  docId: Type.String({ maxLength: 36 }),
});
const DocLangParams = Type.Object({
  slug: Type.String({ minLength: 1, maxLength: 120 }),
  docId: Type.String({ maxLength: 36 }),
  lang: Type.String({ maxLength: 5 }),
});

export default async function documentsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.platform;

  const docsPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    values: FormValues,
    errors?: FormErrors,
    status = 200,
  ) => {
    const e = await managedEvent(ctxOf(req), slug);
    const docs = await dc.listDocuments(db, e.id);
    return reply.page(
      req.t('events.documents'),
      <>
        <ManageMenu ctx={reply.viewContext()} slug={e.slug} current="documents" week={e.type === 'week'} />
        <DocumentsManagePage ctx={reply.viewContext()} e={e} docs={docs} values={values} errors={errors} />
      </>,
      status,
    );
  };
  app.get(
    '/events/:slug/documents',
    { config: { access: { action: 'event.manage' } }, schema: { params: SlugParams } },
    async (req, reply) => docsPage(req, reply, req.params.slug, {}),
  );

  app.post(
    '/events/:slug/documents',
    { config: { access: { action: 'event.manage' } }, schema: { params: SlugParams } },
    async (req, reply) => {
      const { fields, file } = await multipartForm(req);
      const input = {
        kind: fields.kind ?? '',
        title: fields.title ?? '',
        titleLanguage: fields.titleLanguage ?? '',
        language: fields.language ?? '',
        status: fields.status ?? '',
        url: (fields.url ?? '').trim(),
      };
      const rerendered = await attempt(
        req,
        () => dc.addDocument(ctxOf(req), req.params.slug, input, file),
        (e) => docsPage(req, reply, req.params.slug, fields, e, 422),
      );
      if (rerendered) return reply;
      return reply.flash(req.t('events.authoring.documentSaved')).redirect(`/events/${req.params.slug}/documents`, 303);
    },
  );

  const versionForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    docId: string,
    values: FormValues,
    errors?: FormErrors,
    status = 200,
  ) => {
    const e = await managedEvent(ctxOf(req), slug);
    const doc = await dc.findDocument(db, e.id, docId);
    return reply.page(
      req.t('events.authoring.addVersion'),
      <DocumentVersionFormPage ctx={reply.viewContext()} e={e} doc={doc} values={values} errors={errors} />,
      status,
    );
  };
  app.get(
    '/events/:slug/documents/:docId/versions',
    { config: { access: { action: 'event.manage' } }, schema: { params: DocParams } },
    async (req, reply) => versionForm(req, reply, req.params.slug, req.params.docId, {}),
  );

  app.post(
    '/events/:slug/documents/:docId/versions',
    { config: { access: { action: 'event.manage' } }, schema: { params: DocParams } },
    async (req, reply) => {
      const { fields, file } = await multipartForm(req);
      const input = {
        title: fields.title ?? '',
        language: fields.language ?? '',
        status: fields.status ?? '',
        url: (fields.url ?? '').trim(),
      };
      const rerendered = await attempt(
        req,
        () => dc.addDocumentVersion(ctxOf(req), req.params.slug, req.params.docId, input, file),
        (e) => versionForm(req, reply, req.params.slug, req.params.docId, fields, e, 422),
      );
      if (rerendered) return reply;
      return reply.flash(req.t('events.authoring.documentSaved')).redirect(`/events/${req.params.slug}/documents`, 303);
    },
  );

  app.get(
    '/events/:slug/documents/:docId/:lang',
    { config: { access: 'public' }, schema: { params: DocLangParams } },
    async (req, reply) => {
      const f = await dc.documentFile(ctxOf(req), req.params.slug, req.params.docId, req.params.lang);
      return reply
        .header('content-type', f.contentType)
        .header('content-disposition', contentDisposition(f.name))
        .header('x-content-type-options', 'nosniff')
        .send(f.data);
    },
  );
}
