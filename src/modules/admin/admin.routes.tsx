// Administrator pages: the audit log (with chain verification), the e-mail outbox, user accounts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { and, desc, eq, gte, like, lte, sql, type SQL } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/audit.schema.ts';
import { verifyAuditChain } from '../../platform/audit/audit.service.ts';
import { mailOutbox } from '../../platform/mail/mail.schema.ts';
import { ROLES, type Role } from '../../platform/auth/auth.schema.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { notFound } from '../../platform/http/errors.ts';
import { formatDate } from '../../platform/i18n/index.ts';
import { EmptyState, Pagination, PostForm, Select } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { changeRole, listUsers, setDisabled } from '../access/access.service.ts';

const PAGE = 50;

export default async function adminRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app.platform;
  const ctxOf = (req: FastifyRequest) => ({ db, config, actor: req.actor, ip: req.ip });

  const AuditQuery = Type.Object({
    action: Type.Optional(Type.String({ maxLength: 100 })),
    actor: Type.Optional(Type.String({ maxLength: 320 })),
    from: Type.Optional(Type.Union([Type.Literal(''), Type.String({ format: 'date' })])),
    to: Type.Optional(Type.Union([Type.Literal(''), Type.String({ format: 'date' })])),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    verify: Type.Optional(Type.Literal('1')),
  });
  app.get(
    '/admin/audit',
    { config: { access: { action: 'admin.audit.read' } }, schema: { querystring: AuditQuery } },
    async (req, reply) => {
      authorize(req.actor, 'admin.audit.read');
      const q = req.query;
      const where: SQL[] = [];
      if (q.action) where.push(like(auditLog.action, `${q.action.replace(/[\\%_]/g, (c) => '\\' + c)}%`));
      if (q.actor)
        where.push(
          sql`lower(${auditLog.actorLabel}) like ${'%' + q.actor.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`,
        );
      if (q.from) where.push(gte(auditLog.at, new Date(`${q.from}T00:00:00Z`)));
      if (q.to) where.push(lte(auditLog.at, new Date(`${q.to}T23:59:59.999Z`)));
      const page = q.page ?? 1;
      const cond = where.length ? and(...where) : undefined;
      const [rows, [{ n }]] = await Promise.all([
        db
          .select()
          .from(auditLog)
          .where(cond)
          .orderBy(desc(auditLog.id))
          .limit(PAGE)
          .offset((page - 1) * PAGE),
        db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(cond),
      ]);
      const chain = q.verify ? await verifyAuditChain(db) : null;
      return reply.page(
        req.t('audit.title'),
        <AuditPage
          ctx={reply.viewContext()}
          rows={rows}
          total={n}
          page={page}
          query={q as Record<string, string | undefined>}
          chain={chain}
        />,
      );
    },
  );

  app.get(
    '/admin/outbox',
    {
      config: { access: { action: 'admin.outbox.read' } },
      schema: { querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })) }) },
    },
    async (req, reply) => {
      authorize(req.actor, 'admin.outbox.read');
      const page = req.query.page ?? 1;
      const [rows, [{ n }]] = await Promise.all([
        db
          .select()
          .from(mailOutbox)
          .orderBy(desc(mailOutbox.createdAt))
          .limit(PAGE)
          .offset((page - 1) * PAGE),
        db.select({ n: sql<number>`count(*)::int` }).from(mailOutbox),
      ]);
      return reply.page(
        req.t('outbox.title'),
        <OutboxPage ctx={reply.viewContext()} rows={rows} total={n} page={page} />,
      );
    },
  );

  app.get(
    '/admin/outbox/:id',
    {
      config: { access: { action: 'admin.outbox.read' } },
      schema: { params: Type.Object({ id: Type.String({ format: 'uuid' }) }) },
    },
    async (req, reply) => {
      authorize(req.actor, 'admin.outbox.read');
      const m = (await db.select().from(mailOutbox).where(eq(mailOutbox.id, req.params.id)).limit(1))[0];
      if (!m) throw notFound();
      return reply.page(m.subject, <OutboxMessage ctx={reply.viewContext()} m={m} />);
    },
  );

  app.get(
    '/admin/users',
    {
      config: { access: { action: 'admin.users.manage' } },
      schema: { querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })) }) },
    },
    async (req, reply) => {
      const page = req.query.page ?? 1;
      const { rows, total } = await listUsers(ctxOf(req), page, PAGE);
      return reply.page(
        req.t('users.title'),
        <UsersPage ctx={reply.viewContext()} rows={rows} total={total} page={page} />,
      );
    },
  );

  const UserParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
  app.post(
    '/admin/users/:id/role',
    {
      config: { access: { action: 'admin.users.manage' } },
      schema: {
        params: UserParams,
        body: Type.Object({
          role: Type.Union(ROLES.map((r) => Type.Literal(r))),
          _csrf: Type.Optional(Type.String({ maxLength: 200 })),
        }),
      },
    },
    async (req, reply) => {
      await changeRole(ctxOf(req), req.params.id, req.body.role as Role);
      return reply.flash(req.t('users.roleChanged')).redirect('/admin/users', 303);
    },
  );

  app.post(
    '/admin/users/:id/disable',
    {
      config: { access: { action: 'admin.users.manage' } },
      schema: {
        params: UserParams,
        body: Type.Object({
          disabled: Type.Union([Type.Literal('1'), Type.Literal('0')]),
          _csrf: Type.Optional(Type.String({ maxLength: 200 })),
        }),
      },
    },
    async (req, reply) => {
      await setDisabled(ctxOf(req), req.params.id, req.body.disabled === '1');
      return reply.flash(req.t('users.updated')).redirect('/admin/users', 303);
    },
  );
}

function AuditPage({
  ctx,
  rows,
  total,
  page,
  query,
  chain,
}: {
  ctx: ViewContext;
  rows: (typeof auditLog.$inferSelect)[];
  total: number;
  page: number;
  query: Record<string, string | undefined>;
  chain: { ok: boolean; checked: number; firstBadId: number | null } | null;
}) {
  const { t } = ctx;
  return (
    <section>
      <h1>{t('audit.title')}</h1>
      <p>{t('audit.intro')}</p>
      {chain ? (
        <p class={chain.ok ? 'notice' : 'error-summary'} role="status">
          {chain.ok
            ? t('audit.chainOk', { count: chain.checked })
            : t('audit.chainBroken', { id: chain.firstBadId ?? 0 })}
        </p>
      ) : (
        <p>
          <a href={`/admin/audit?verify=1`}>{t('audit.verify')}</a>
        </p>
      )}
      <form method="get" action="/admin/audit" class="filters" aria-label={t('audit.filters')}>
        <div class="field">
          <label for="f-action">{t('audit.action')}</label>
          <input id="f-action" name="action" value={query.action ?? ''} maxLength={100} />
        </div>
        <div class="field">
          <label for="f-actor">{t('audit.actor')}</label>
          <input id="f-actor" name="actor" value={query.actor ?? ''} maxLength={320} />
        </div>
        <div class="field">
          <label for="f-from">{t('audit.from')}</label>
          <input id="f-from" type="date" name="from" value={query.from ?? ''} />
        </div>
        <div class="field">
          <label for="f-to">{t('audit.to')}</label>
          <input id="f-to" type="date" name="to" value={query.to ?? ''} />
        </div>
        <button type="submit">{t('directory.apply')}</button>
      </form>
      {rows.length ? (
        <table>
          <caption class="visually-hidden">{t('audit.title')}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('audit.when')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.target')}</th>
              <th scope="col">{t('audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>{r.id}</td>
                <td>{formatDate(ctx.locale, r.at, ctx.timeZone)}</td>
                <td dir="ltr">
                  <code>{r.action}</code>
                </td>
                <td dir="ltr">{r.actorLabel ?? '—'}</td>
                <td dir="ltr">{r.targetType ? `${r.targetType}:${r.targetId ?? ''}` : '—'}</td>
                <td dir="ltr">
                  <code class="details">{JSON.stringify(r.details)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState>{t('audit.empty')}</EmptyState>
      )}
      <Pagination
        ctx={ctx}
        page={page}
        pageSize={PAGE}
        total={total}
        baseQuery={{ ...query, page: undefined, verify: undefined }}
      />
    </section>
  );
}

function OutboxPage({
  ctx,
  rows,
  total,
  page,
}: {
  ctx: ViewContext;
  rows: (typeof mailOutbox.$inferSelect)[];
  total: number;
  page: number;
}) {
  const { t } = ctx;
  return (
    <section>
      <h1>{t('outbox.title')}</h1>
      <p>{t('outbox.intro')}</p>
      {rows.length ? (
        <table>
          <caption class="visually-hidden">{t('outbox.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('outbox.when')}</th>
              <th scope="col">{t('outbox.to')}</th>
              <th scope="col">{t('field.language')}</th>
              <th scope="col">{t('outbox.subject')}</th>
              <th scope="col">{t('outbox.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr>
                <td>{formatDate(ctx.locale, m.createdAt, ctx.timeZone)}</td>
                <td dir="ltr">{m.to}</td>
                <td>{t(`language.${m.locale}`)}</td>
                <td>
                  <a href={`/admin/outbox/${m.id}`} lang={m.locale} dir="auto">
                    {m.subject}
                  </a>
                </td>
                <td>{t(`outbox.status.${m.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState>{t('outbox.empty')}</EmptyState>
      )}
      <Pagination ctx={ctx} page={page} pageSize={PAGE} total={total} baseQuery={{}} />
    </section>
  );
}

/** Shows the plain-text body with its links made clickable (the HTML body is not rendered, so no sender markup runs here). */
function OutboxMessage({ ctx, m }: { ctx: ViewContext; m: typeof mailOutbox.$inferSelect }) {
  const { t } = ctx;
  const parts = m.text.split(/(https?:\/\/[^\s]+)/g);
  return (
    <article>
      <p class="breadcrumb">
        <a href="/admin/outbox">{t('outbox.title')}</a>
      </p>
      <h1 lang={m.locale} dir="auto">
        {m.subject}
      </h1>
      <dl class="facts">
        <dt>{t('outbox.to')}</dt>
        <dd dir="ltr">{m.to}</dd>
        <dt>{t('field.language')}</dt>
        <dd>{t(`language.${m.locale}`)}</dd>
        <dt>{t('outbox.status')}</dt>
        <dd>{t(`outbox.status.${m.status}`)}</dd>
        <dt>{t('outbox.when')}</dt>
        <dd>{formatDate(ctx.locale, m.createdAt, ctx.timeZone)}</dd>
      </dl>
      <pre class="mail-body" lang={m.locale} dir="auto" data-testid="mail-body">
        {parts.map((p, i) => (i % 2 ? <a href={p}>{p}</a> : p))}
      </pre>
    </article>
  );
}

function UsersPage({
  ctx,
  rows,
  total,
  page,
}: {
  ctx: ViewContext;
  rows: Awaited<ReturnType<typeof listUsers>>['rows'];
  total: number;
  page: number;
}) {
  const { t } = ctx;
  return (
    <section>
      <h1>{t('users.title')}</h1>
      <p>
        <a class="button" href="/invitations/new">
          {t('invitation.newTitle')}
        </a>
      </p>
      <table>
        <caption class="visually-hidden">{t('users.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('field.email')}</th>
            <th scope="col">{t('field.name')}</th>
            <th scope="col">{t('field.role')}</th>
            <th scope="col">{t('users.twoFactor')}</th>
            <th scope="col">{t('users.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((u) => (
            <tr>
              <td dir="ltr">{u.email}</td>
              <td>{u.name}</td>
              <td>
                <PostForm ctx={ctx} action={`/admin/users/${u.id}/role`} class="inline">
                  <Select
                    name="role"
                    label={t('field.role')}
                    value={u.role}
                    options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
                  />
                  <button type="submit" class="secondary">
                    {t('users.changeRole')}
                  </button>
                </PostForm>
              </td>
              <td>{u.totpEnabledAt ? t('common.yes') : t('common.no')}</td>
              <td>
                <PostForm ctx={ctx} action={`/admin/users/${u.id}/disable`} class="inline">
                  <input type="hidden" name="disabled" value={u.disabledAt ? '0' : '1'} />
                  <span>{u.disabledAt ? t('users.disabled') : t('users.active')}</span>{' '}
                  <button type="submit" class="secondary">
                    {u.disabledAt ? t('users.enable') : t('users.disable')}
                  </button>
                </PostForm>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination ctx={ctx} page={page} pageSize={PAGE} total={total} baseQuery={{}} />
    </section>
  );
}
