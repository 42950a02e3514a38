// Statements: the recording form (per session) and the searchable archive, with file downloads by the event's visibility.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { asc, eq } from 'drizzle-orm';
import { create as contentDisposition } from 'content-disposition';
import { attempt, multipartForm } from '../../platform/http/forms.ts';
import { AUTONYMS, LOCALES } from '../../platform/i18n/index.ts';
import {
  EmptyState,
  Field,
  FileField,
  FormPage,
  Pagination,
  Select,
  TextArea,
  type FormErrors,
} from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { organizations, type LocalizedText } from '../directory/directory.schema.ts';
import { eventSessions, events } from './events.schema.ts';
import * as st from './events.statements.ts';
import { pick, text } from './shared/translate.ts';

const SessionParams = Type.Object({
  slug: Type.String({ minLength: 1, maxLength: 120 }),
  sid: Type.String({ maxLength: 36 }),
});
const ArchiveQuery = Type.Object({
  event: Type.Optional(Type.String({ maxLength: 120 })),
  session: Type.Optional(Type.String({ maxLength: 36 })),
  org: Type.Optional(Type.String({ maxLength: 36 })),
  lang: Type.Optional(Type.Union([Type.Literal(''), ...LOCALES.map((l) => Type.Literal(l))])),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
});
const PAGE = 20;
type Values = Record<string, string | undefined>;
const orgName = (n: LocalizedText, ctx: ViewContext) => n[ctx.locale] || n.en;

function StatementFormPage({
  ctx,
  t: tgt,
  orgs,
  values,
  errors,
}: {
  ctx: ViewContext;
  t: Awaited<ReturnType<typeof st.statementTarget>>;
  orgs: { id: string; name: string }[];
  values: Values;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  return (
    <FormPage
      ctx={ctx}
      title={t('events.statements.add')}
      action={`/events/${tgt.event.slug}/sessions/${tgt.session.id}/statements`}
      errors={errors}
      upload
      intro={
        <p class="breadcrumb">
          <a href={`/events/${tgt.event.slug}`}>{text(tgt.event.title, ctx.locale)}</a> ›{' '}
          <span dir="auto">{text(tgt.session.title, ctx.locale)}</span>
        </p>
      }
    >
      {tgt.speakers.length ? (
        <Select
          name="speakerId"
          label={t('events.statements.fromList')}
          value={values.speakerId}
          includeEmpty="—"
          options={tgt.speakers.map((s) => ({
            value: s.id,
            label: `${orgName(s.orgNames, ctx)}${s.speakerName ? ` — ${s.speakerName}` : ''}`,
          }))}
          error={errors?.speakerId}
        />
      ) : null}
      <Select
        name="organizationId"
        label={t('events.statements.onBehalfOf')}
        value={values.organizationId}
        includeEmpty="—"
        options={orgs.map((o) => ({ value: o.id, label: o.name }))}
        error={errors?.organizationId}
      />
      <Field
        name="speakerName"
        label={t('events.statements.speaker')}
        value={values.speakerName}
        error={errors?.speakerName}
        maxLength={200}
      />
      <Select
        name="language"
        label={t('events.statements.language')}
        value={values.language ?? ctx.locale}
        options={LOCALES.map((l) => ({ value: l, label: AUTONYMS[l] }))}
        error={errors?.language}
      />
      <TextArea
        name="body"
        label={t('events.statements.text')}
        value={values.body}
        error={errors?.body}
        rows={10}
        maxLength={50000}
      />
      <FileField
        name="file"
        label={t('events.authoring.file')}
        hint={t('events.statements.fileHint')}
        accept=".pdf,.docx"
        error={errors?.file}
      />
      <button type="submit">{t('events.statements.add')}</button>
    </FormPage>
  );
}

function ArchivePage({
  ctx,
  rows,
  total,
  page,
  query,
  options,
  sessions,
}: {
  ctx: ViewContext;
  rows: st.StatementRow[];
  total: number;
  page: number;
  query: Values;
  options: Awaited<ReturnType<typeof st.archiveOptions>>;
  sessions: { id: string; title: string }[];
}) {
  const { t } = ctx;
  return (
    <section>
      <h1>{t('events.statements.title')}</h1>
      <form
        method="get"
        action="/events/statements"
        class="filters"
        role="search"
        aria-label={t('events.statements.filters')}
      >
        <div class="field">
          <label for="f-q">{t('events.statements.search')}</label>
          <input id="f-q" type="search" name="q" value={query.q ?? ''} dir="auto" maxLength={200} />
        </div>
        <Select
          name="event"
          label={t('events.statements.event')}
          value={query.event}
          includeEmpty={t('events.statements.allEvents')}
          options={options.events.map((e) => ({ value: e.slug, label: text(e.title, ctx.locale) }))}
        />
        {sessions.length ? (
          <Select
            name="session"
            label={t('events.authoring.session')}
            value={query.session}
            includeEmpty={t('events.statements.allSessions')}
            options={sessions.map((s) => ({ value: s.id, label: s.title }))}
          />
        ) : null}
        <Select
          name="org"
          label={t('events.statements.onBehalfOf')}
          value={query.org}
          includeEmpty={t('events.statements.allOrgs')}
          options={options.orgs
            .map((o) => ({ value: o.id, label: orgName(o.names, ctx) }))
            .sort((a, b) => a.label.localeCompare(b.label, ctx.locale))}
        />
        <Select
          name="lang"
          label={t('events.statements.language')}
          value={query.lang}
          includeEmpty={t('events.statements.allLanguages')}
          options={LOCALES.map((l) => ({ value: l, label: AUTONYMS[l] }))}
        />
        <button type="submit">{t('directory.apply')}</button>
      </form>
      <p class="count" role="status">
        {t('events.statements.count', { count: total })}
      </p>
      {rows.length ? (
        <ul class="statements">
          {rows.map((r) => (
            <li>
              <h2 class="h3">
                {orgName(r.orgNames, ctx)} — <span dir="auto">{r.s.speakerName}</span>
              </h2>
              <p class="muted">
                <a href={`/events/${r.eventSlug}`}>{text(r.eventTitle, ctx.locale)}</a> ·{' '}
                <span dir="auto">{text(r.sessionTitle, ctx.locale)}</span> · {AUTONYMS[r.s.language]}
              </p>
              {r.s.body ? (
                <div class="statement-body" lang={r.s.language} dir={r.s.language === 'ar' ? 'rtl' : 'ltr'}>
                  {r.s.body.split(/\n{2,}/).map((p) => (
                    <p>{p}</p>
                  ))}
                </div>
              ) : null}
              {r.s.file ? (
                <p>
                  <a href={`/events/statements/${r.s.id}/file`} hrefLang={r.s.language}>
                    {t('events.statements.download', { name: r.s.file.name })}
                  </a>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{t('events.statements.none')}</EmptyState>
      )}
      <Pagination ctx={ctx} page={page} pageSize={PAGE} total={total} baseQuery={{ ...query, page: undefined }} />
    </section>
  );
}

export default async function statementsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app.platform;
  const ctxOf = (req: FastifyRequest) => ({ db, config, actor: req.actor, ip: req.ip });

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
    const all = await db.select({ id: organizations.id, names: organizations.names }).from(organizations).limit(2000);
    const orgs = all
      .filter((o) => tgt.manage || tgt.own.includes(o.id))
      .map((o) => ({ id: o.id, name: o.names[req.locale] || o.names.en }))
      .sort((a, b) => a.name.localeCompare(b.name, req.locale));
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
      const done = await attempt(
        req,
        () => st.addStatement(ctxOf(req), req.params.slug, req.params.sid, input, file),
        (e) => form(req, reply, req.params.slug, req.params.sid, fields, e, 422),
      );
      if (done) return done;
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
          ? (
              await db
                .select({ id: eventSessions.id, title: eventSessions.title })
                .from(eventSessions)
                .innerJoin(events, eq(events.id, eventSessions.eventId))
                .where(eq(events.slug, q.event))
                .orderBy(asc(eventSessions.sort))
            ).map((s) => ({ id: s.id, title: pick(s.title, req.locale)?.text ?? '' }))
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
