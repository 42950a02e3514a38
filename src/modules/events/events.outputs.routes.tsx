// Outputs: the Chair's Summary form, follow-up actions (list and update), and the draft outcome report (print stylesheet).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { attempt, formErrors } from '../../platform/http/forms.ts';
import { AUTONYMS, LOCALES, dir, type Locale, dateFormat, listFormat } from '../../platform/i18n/index.ts';
import { EmptyState, Field, FormPage, Select, TextArea, type FormErrors } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { organizations, type LocalizedText } from '../directory/directory.schema.ts';
import { ACTION_STATUSES } from './events.schema.ts';
import * as out from './events.outputs.ts';
import { pick, text } from './shared/translate.ts';
import { formatRange, formatTime } from './shared/time.ts';
import { When } from './events.views.tsx';
import type { EventRow } from './events.service.ts';

const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 120 }) });
const ActionParams = Type.Object({
  slug: Type.String({ minLength: 1, maxLength: 120 }),
  aid: Type.String({ maxLength: 36 }),
});
const Csrf = { _csrf: Type.Optional(Type.String({ maxLength: 200 })) };
type Values = Record<string, string | undefined>;
const orgName = (n: LocalizedText | null, ctx: ViewContext) => (n ? n[ctx.locale] || n.en : '—');

function SummaryFormPage({
  ctx,
  e,
  values,
  errors,
}: {
  ctx: ViewContext;
  e: EventRow;
  values: Values;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  return (
    <FormPage
      ctx={ctx}
      title={t('events.outputs.summary')}
      action={`/events/${e.slug}/summary`}
      errors={errors}
      intro={
        <>
          <p class="breadcrumb">
            <a href={`/events/${e.slug}`}>{text(e.title, ctx.locale)}</a>
          </p>
          <p>{t('events.outputs.summaryIntro')}</p>
        </>
      }
    >
      <Select
        name="language"
        label={t('events.statements.language')}
        value={values.language ?? ctx.locale}
        options={LOCALES.map((l) => ({ value: l, label: AUTONYMS[l] }))}
        error={errors?.language}
      />
      <TextArea
        name="conclusions"
        label={t('events.outputs.conclusions')}
        hint={t('events.outputs.onePerLine')}
        value={values.conclusions}
        error={errors?.conclusions}
        rows={8}
        maxLength={300000}
      />
      <TextArea
        name="recommendations"
        label={t('events.outputs.recommendations')}
        hint={t('events.outputs.recommendationsHint')}
        value={values.recommendations}
        error={errors?.recommendations}
        rows={8}
        maxLength={300000}
      />
      <button type="submit">{t('common.save')}</button>
    </FormPage>
  );
}

/** The Chair's Summary as the event page shows it. */
export function SummarySection({ ctx, items }: { ctx: ViewContext; items: Awaited<ReturnType<typeof out.summaryOf>> }) {
  const { t } = ctx;
  if (!items.length) return null;
  const lang = items[0].language;
  const conclusions = items.filter((i) => i.kind === 'conclusion');
  const recs = items.filter((i) => i.kind === 'recommendation');
  return (
    <section aria-labelledby="chairs-summary" class="chairs-summary">
      <h2 id="chairs-summary">{t('events.outputs.summary')}</h2>
      <div lang={lang} dir={dir(lang)}>
        {conclusions.length ? (
          <>
            <h3>{t('events.outputs.conclusions')}</h3>
            <ol>
              {conclusions.map((c) => (
                <li>{c.body}</li>
              ))}
            </ol>
          </>
        ) : null}
        {recs.length ? (
          <>
            <h3>{t('events.outputs.recommendations')}</h3>
            <ol>
              {recs.map((c) => (
                <li>{c.body}</li>
              ))}
            </ol>
          </>
        ) : null}
      </div>
      {lang !== ctx.locale ? (
        <p class="muted">{t('events.outputs.summaryLanguage', { language: AUTONYMS[lang] })}</p>
      ) : null}
    </section>
  );
}

function ActionsPage({
  ctx,
  e,
  rows,
}: {
  ctx: ViewContext;
  e: EventRow;
  rows: Awaited<ReturnType<typeof out.listActions>>['rows'];
}) {
  const { t } = ctx;
  return (
    <section>
      <p class="breadcrumb">
        <a href={`/events/${e.slug}`}>{text(e.title, ctx.locale)}</a>
      </p>
      <h1>{t('events.outputs.actions')}</h1>
      {rows.length ? (
        <table>
          <caption class="visually-hidden">{t('events.outputs.actions')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('events.outputs.action')}</th>
              <th scope="col">{t('events.outputs.owner')}</th>
              <th scope="col">{t('events.statusLabel')}</th>
              <th scope="col">{t('events.outputs.due')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('events.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td dir="auto">
                  {r.a.title}
                  {r.a.recommendationId ? null : <span class="badge">{t('events.outputs.detached')}</span>}
                </td>
                <td>{orgName(r.owner, ctx)}</td>
                <td>{t(`events.outputs.status.${r.a.status}`)}</td>
                <td>
                  {r.a.dueOn
                    ? dateFormat(ctx.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
                        new Date(`${r.a.dueOn}T00:00:00Z`),
                      )
                    : '—'}
                </td>
                <td>
                  <a href={`/events/${e.slug}/actions/${r.a.id}`}>
                    {t('events.outputs.update')}
                    <span class="visually-hidden">: {r.a.title}</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState>{t('events.outputs.noActions')}</EmptyState>
      )}
    </section>
  );
}

function ActionFormPage({
  ctx,
  e,
  a,
  orgs,
  values,
  errors,
}: {
  ctx: ViewContext;
  e: EventRow;
  a: { id: string; title: string };
  orgs: { id: string; name: string }[];
  values: Values;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  return (
    <FormPage
      ctx={ctx}
      title={t('events.outputs.update')}
      action={`/events/${e.slug}/actions/${a.id}`}
      errors={errors}
      intro={
        <>
          <p class="breadcrumb">
            <a href={`/events/${e.slug}/actions`}>{t('events.outputs.actions')}</a>
          </p>
          <p dir="auto">
            <strong>{a.title}</strong>
          </p>
        </>
      }
    >
      <Select
        name="ownerOrgId"
        label={t('events.outputs.owner')}
        value={values.ownerOrgId}
        includeEmpty="—"
        options={orgs.map((o) => ({ value: o.id, label: o.name }))}
        error={errors?.ownerOrgId}
      />
      <Select
        name="status"
        label={t('events.statusLabel')}
        value={values.status}
        options={ACTION_STATUSES.map((s) => ({ value: s, label: t(`events.outputs.status.${s}`) }))}
        error={errors?.status}
      />
      <Field
        name="dueOn"
        type="date"
        label={t('events.outputs.due')}
        value={values.dueOn}
        error={errors?.dueOn}
        dirAuto={false}
      />
      <TextArea
        name="note"
        label={t('events.outputs.note')}
        value={values.note}
        error={errors?.note}
        rows={3}
        maxLength={2000}
      />
      <button type="submit">{t('common.save')}</button>
    </FormPage>
  );
}

function ReportPage({ ctx, d }: { ctx: ViewContext; d: out.ReportData }) {
  const { t, locale } = ctx;
  const e = d.event;
  const tz = e.timeZone;
  const sentence = d.sentence(locale);
  const org = (n: LocalizedText) => orgName(n, ctx);
  return (
    <article class="report">
      <p class="no-print breadcrumb">
        <a href={`/events/${e.slug}`}>{text(e.title, locale)}</a>
      </p>
      <p class="draft-mark">{t('events.outputs.draft')}</p>
      <h1>{t('events.outputs.reportTitle', { title: text(e.title, locale) })}</h1>
      <p class="no-print hint">{t('events.outputs.printHint')}</p>
      <p>
        <When ctx={ctx} e={e} compact />
        {e.venue ? (
          <>
            {' '}
            · <span dir="auto">{e.venue}</span>
          </>
        ) : null}
      </p>
      {d.detail.organizers.length ? (
        <p>
          {t('events.outputs.organizedBy', {
            list: listFormat(locale, { type: 'conjunction' }).format(d.detail.organizers.map((o) => org(o.names))),
          })}
        </p>
      ) : null}
      {sentence ? <p>{sentence}</p> : null}
      <section aria-labelledby="r-programme">
        <h2 id="r-programme">{t('events.outputs.proceedings')}</h2>
        {d.detail.sessions.length ? (
          d.detail.sessions.map((s) => {
            const spoke = d.speakers.filter((x) => x.sessionId === s.id);
            const stmts = d.statements.filter((x) => x.s.sessionId === s.id);
            return (
              <section class="report-session" aria-label={pick(s.title, locale)?.text}>
                <h3>
                  <span dir="auto">{pick(s.title, locale)?.text}</span>{' '}
                  <span class="muted">
                    ({t(`events.session.${s.kind}`)}
                    {s.startsAt
                      ? `, ${s.endsAt ? formatRange(locale, s.startsAt, s.endsAt, tz) : formatTime(locale, s.startsAt, tz)}`
                      : ''}
                    )
                  </span>
                </h3>
                {s.chairName ? (
                  <p>
                    {t(s.chairRole === 'moderator' ? 'events.moderator' : 'events.chair')}:{' '}
                    <span dir="auto">{s.chairName}</span>
                  </p>
                ) : null}
                {s.slots.length ? (
                  <p>
                    {t('events.authoring.speakers')}:{' '}
                    {s.slots.map((x, i) => (
                      <>
                        {i ? '; ' : ''}
                        <span dir="auto">
                          {x.speakerName}
                          {x.affiliation ? `, ${x.affiliation}` : ''}
                        </span>
                      </>
                    ))}
                  </p>
                ) : null}
                {spoke.length ? (
                  <p>
                    {t('events.outputs.tookFloor', { count: spoke.length })}:{' '}
                    {spoke.map((x, i) => (
                      <>
                        {i ? '; ' : ''}
                        {org(x.org)}
                        {x.speakerName ? <span dir="auto"> ({x.speakerName})</span> : null}
                      </>
                    ))}
                  </p>
                ) : null}
                {stmts.map((x) => (
                  <blockquote lang={x.s.language} dir={dir(x.s.language as Locale)}>
                    <p>
                      <strong>{org(x.org)}</strong> — <span dir="auto">{x.s.speakerName}</span>
                    </p>
                    {x.s.body ? (
                      x.s.body.split(/\n{2,}/).map((p) => <p>{p}</p>)
                    ) : (
                      <p>{t('events.outputs.fileOnly', { name: x.s.file?.name ?? '' })}</p>
                    )}
                  </blockquote>
                ))}
              </section>
            );
          })
        ) : (
          <p>{t('events.authoring.noSessions')}</p>
        )}
      </section>
      {d.summary.length ? <SummarySection ctx={ctx} items={d.summary} /> : <p>{t('events.outputs.noSummary')}</p>}
      {d.actions.length ? (
        <section aria-labelledby="r-actions">
          <h2 id="r-actions">{t('events.outputs.actions')}</h2>
          <ul>
            {d.actions.map((a) => (
              <li>
                <span dir="auto">{a.a.title}</span> — {orgName(a.owner, ctx)} —{' '}
                {t(`events.outputs.status.${a.a.status}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}

export default async function outputsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app.platform;
  const ctxOf = (req: FastifyRequest) => ({ db, config, actor: req.actor, ip: req.ip });
  const orgOptions = async (req: FastifyRequest) =>
    (await db.select({ id: organizations.id, names: organizations.names }).from(organizations).limit(2000))
      .map((o) => ({ id: o.id, name: o.names[req.locale] || o.names.en }))
      .sort((a, b) => a.name.localeCompare(b.name, req.locale));

  const summaryForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    values?: Values,
    errors?: FormErrors,
    status = 200,
  ) => {
    const s = await out.summaryFormValues(ctxOf(req), slug);
    return reply.page(
      req.t('events.outputs.summary'),
      <SummaryFormPage ctx={reply.viewContext()} e={s.event} values={values ?? s.values} errors={errors} />,
      status,
    );
  };
  app.get(
    '/events/:slug/summary',
    { config: { access: { action: 'event.manage' } }, schema: { params: SlugParams } },
    async (req, reply) => summaryForm(req, reply, req.params.slug),
  );

  app.post(
    '/events/:slug/summary',
    {
      config: { access: { action: 'event.manage' } },
      attachValidation: true,
      schema: {
        params: SlugParams,
        body: Type.Object({
          language: Type.String({ maxLength: 5 }),
          conclusions: Type.Optional(Type.String({ maxLength: 300000 })),
          recommendations: Type.Optional(Type.String({ maxLength: 300000 })),
          ...Csrf,
        }),
      },
    },
    async (req, reply) => {
      const v = (req.body ?? {}) as Values;
      const errors = formErrors(req);
      if (errors) return summaryForm(req, reply, req.params.slug, v, errors, 422);
      const done = await attempt(
        req,
        () =>
          out.saveSummary(ctxOf(req), req.params.slug, {
            language: v.language ?? '',
            conclusions: v.conclusions ?? '',
            recommendations: v.recommendations ?? '',
          }),
        (e) => summaryForm(req, reply, req.params.slug, v, e, 422),
      );
      if (done) return done;
      return reply
        .flash(req.t('events.outputs.summarySaved'))
        .redirect(`/events/${req.params.slug}#chairs-summary`, 303);
    },
  );

  app.get(
    '/events/:slug/actions',
    { config: { access: { action: 'event.manage' } }, schema: { params: SlugParams } },
    async (req, reply) => {
      const r = await out.listActions(ctxOf(req), req.params.slug);
      return reply.page(
        req.t('events.outputs.actions'),
        <ActionsPage ctx={reply.viewContext()} e={r.event} rows={r.rows} />,
      );
    },
  );

  const actionForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    aid: string,
    values?: Values,
    errors?: FormErrors,
    status = 200,
  ) => {
    const r = await out.getAction(ctxOf(req), slug, aid);
    const v = values ?? {
      ownerOrgId: r.action.ownerOrgId ?? '',
      status: r.action.status,
      dueOn: r.action.dueOn ?? '',
      note: r.action.note ?? '',
    };
    return reply.page(
      req.t('events.outputs.update'),
      <ActionFormPage
        ctx={reply.viewContext()}
        e={r.event}
        a={r.action}
        orgs={await orgOptions(req)}
        values={v}
        errors={errors}
      />,
      status,
    );
  };
  app.get(
    '/events/:slug/actions/:aid',
    { config: { access: { action: 'event.manage' } }, schema: { params: ActionParams } },
    async (req, reply) => actionForm(req, reply, req.params.slug, req.params.aid),
  );

  app.post(
    '/events/:slug/actions/:aid',
    {
      config: { access: { action: 'event.manage' } },
      attachValidation: true,
      schema: {
        params: ActionParams,
        body: Type.Object({
          ownerOrgId: Type.Optional(Type.String({ maxLength: 36 })),
          status: Type.String({ maxLength: 20 }),
          dueOn: Type.Optional(Type.String({ maxLength: 10 })),
          note: Type.Optional(Type.String({ maxLength: 2000 })),
          ...Csrf,
        }),
      },
    },
    async (req, reply) => {
      const v = (req.body ?? {}) as Values;
      const errors = formErrors(req);
      if (errors) return actionForm(req, reply, req.params.slug, req.params.aid, v, errors, 422);
      const done = await attempt(
        req,
        () =>
          out.updateAction(ctxOf(req), req.params.slug, req.params.aid, {
            ownerOrgId: v.ownerOrgId ?? '',
            status: v.status ?? '',
            dueOn: v.dueOn ?? '',
            note: v.note ?? '',
          }),
        (e) => actionForm(req, reply, req.params.slug, req.params.aid, v, e, 422),
      );
      if (done) return done;
      return reply.flash(req.t('events.outputs.actionSaved')).redirect(`/events/${req.params.slug}/actions`, 303);
    },
  );

  app.get(
    '/events/:slug/report',
    { config: { access: { action: 'event.manage' } }, schema: { params: SlugParams } },
    async (req, reply) => {
      const d = await out.reportData(ctxOf(req), req.params.slug);
      return reply.page(
        req.t('events.outputs.reportTitle', { title: text(d.event.title, req.locale) }),
        <ReportPage ctx={reply.viewContext()} d={d} />,
      );
    },
  );
}
