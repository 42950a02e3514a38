// Statements pages: the recording form (per session), the searchable archive, and file downloads (by the event's
// visibility).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { create as contentDisposition } from 'content-disposition';
import { attempt, multipartForm } from '../../../platform/http/forms.ts';
import { LOCALES } from '../../../platform/i18n/index.ts';
import type { FormErrors } from '../../../platform/views/components.tsx';
import { organizationChoices } from '../../directory/index.ts';
import { pick } from '../../../platform/i18n/text.ts';
import { SessionParams } from '../shared/http.ts';
import * as st from './statements.service.ts';
import { ArchivePage, PAGE, StatementFormPage } from './statements.views.tsx';
import { sendTable, type Column } from '../../../platform/export/tabular.ts';
import { AUTONYMS, nameIn, type Locale, type T } from '../../../platform/i18n/index.ts';
import { textIn } from '../../../platform/i18n/text.ts';

/** The export's columns: event, session, on whose behalf, speaker, language, when, the text and the file's address. */
const statementColumns = (t: T, locale: Locale, baseUrl: string): Column<st.StatementRow>[] => [
  {
    key: 'event',
    header: t('events.statements.event'),
    hxl: '#event+name',
    value: (r) => textIn(r.eventTitle, locale),
  },
  { key: 'eventId', header: 'event', hxl: '#event+code', value: (r) => r.eventSlug },
  {
    key: 'session',
    header: t('events.statements.session'),
    hxl: '#meta+session',
    value: (r) => textIn(r.sessionTitle, locale),
  },
  { key: 'org', header: t('events.statements.onBehalfOf'), hxl: '#org+name', value: (r) => nameIn(r.orgNames, locale) },
  { key: 'speaker', header: t('events.statements.speaker'), hxl: '#contact+name', value: (r) => r.s.speakerName },
  { key: 'language', header: t('events.statements.language'), hxl: '#meta+lang', value: (r) => AUTONYMS[r.s.language] },
  { key: 'at', header: t('events.statements.recordedAt'), hxl: '#date', value: (r) => r.s.createdAt },
  { key: 'text', header: t('events.statements.text'), hxl: '#description', value: (r) => r.s.body },
  {
    key: 'file',
    header: t('events.statements.file'),
    hxl: '#meta+url',
    value: (r) => (r.s.file ? `${baseUrl}/events/statements/${r.s.id}/file` : null),
  },
];

const ArchiveQuery = Type.Object({
  event: Type.Optional(Type.String({ maxLength: 120 })),
  session: Type.Optional(Type.String({ maxLength: 36 })),
  org: Type.Optional(Type.String({ maxLength: 36 })),
  lang: Type.Optional(Type.Union([Type.Literal(''), ...LOCALES.map((l) => Type.Literal(l))])),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
});
type Values = Record<string, string | undefined>;
export default async function statementsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app.platform;

  const form = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    sid: string,
    values: Values,
    errors?: FormErrors,
    status = 200,
  ) => {
    const tgt = await st.statementTarget(ctxOf(req), slug, sid);
    // Organizers pick any organization they may see; a delegation only its own.
    const orgs = await organizationChoices(ctxOf(req), req.locale, tgt.manage ? {} : { onlyIds: tgt.own });
    return reply.page(
      req.t('events.statements.add'),
      <StatementFormPage ctx={reply.viewContext()} t={tgt} orgs={orgs} values={values} errors={errors} />,
      status,
    );
  };

  app.get(
    '/events/:slug/sessions/:sid/statements/new',
    { config: { access: { action: 'event.floor.request' } }, schema: { params: SessionParams } },
    async (req, reply) => form(req, reply, req.params.slug, req.params.sid, {}),
  );

  app.post(
    '/events/:slug/sessions/:sid/statements',
    { config: { access: { action: 'event.floor.request' } }, schema: { params: SessionParams } },
    async (req, reply) => {
      const { fields, file } = await multipartForm(req);
      const input = {
        organizationId: fields.organizationId ?? '',
        speakerName: fields.speakerName ?? '',
        language: fields.language ?? '',
        body: fields.body ?? '',
        speakerId: fields.speakerId ?? '',
      };
      const rerendered = await attempt(
        req,
        () => st.addStatement(ctxOf(req), req.params.slug, req.params.sid, input, file),
        (e) => form(req, reply, req.params.slug, req.params.sid, fields, e, 422),
      );
      if (rerendered) return reply;
      return reply
        .flash(req.t('events.statements.saved'))
        .redirect(`/events/statements?event=${encodeURIComponent(req.params.slug)}&session=${req.params.sid}`, 303);
    },
  );

  app.get(
    '/events/statements',
    { config: { access: 'public' }, schema: { querystring: ArchiveQuery } },
    async (req, reply) => {
      const q = req.query;
      const page = q.page ?? 1;
      const [r, options] = await Promise.all([
        st.listStatements(ctxOf(req), {
          event: q.event || undefined,
          session: q.session || undefined,
          org: q.org || undefined,
          lang: q.lang || undefined,
          q: q.q || undefined,
          page,
          pageSize: PAGE,
        }),
        st.archiveOptions(ctxOf(req)),
      ]);
      const sessions =
        q.event && options.events.some((e) => e.slug === q.event)
          ? (await st.sessionsOfEvent(db, q.event)).map((s) => ({
              id: s.id,
              title: pick(s.title, req.locale)?.text ?? '',
            }))
          : [];
      const values: Values = { event: q.event, session: q.session, org: q.org, lang: q.lang, q: q.q };
      return reply.page(
        req.t('events.statements.title'),
        <ArchivePage
          ctx={reply.viewContext()}
          rows={r.rows}
          total={r.total}
          page={page}
          query={values}
          options={options}
          sessions={sessions}
        />,
      );
    },
  );

  // The archive as CSV or Excel through the platform's one tabular export: the archive's filters and rules (the
  // events the reader may see), every statement; files are named by their address on the platform.
  app.get(
    '/events/statements/export',
    {
      config: { access: 'public' },
      schema: {
        querystring: Type.Object({
          ...ArchiveQuery.properties,
          format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
        }),
      },
    },
    async (req, reply) => {
      const q = req.query;
      const rows = st.exportStatements(ctxOf(req), {
        event: q.event || undefined,
        session: q.session || undefined,
        org: q.org || undefined,
        lang: q.lang || undefined,
        q: q.q || undefined,
      });
      return sendTable(
        reply,
        q.format ?? 'csv',
        'statements',
        statementColumns(req.t, req.locale, config.baseUrl),
        rows,
        {
          hxl: true,
          sheetName: 'statements',
        },
      );
    },
  );

  app.get(
    '/events/statements/:id/file',
    { config: { access: 'public' }, schema: { params: Type.Object({ id: Type.String({ maxLength: 36 }) }) } },
    async (req, reply) => {
      const f = await st.statementFile(ctxOf(req), req.params.id);
      return reply
        .header('content-type', f.contentType)
        .header('content-disposition', contentDisposition(f.name))
        .header('x-content-type-options', 'nosniff')
        .send(f.data);
    },
  );
}
