// Administrator pages: the audit log (with chain verification), the e-mail outbox, the failed jobs, user accounts.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ROLES, type Role } from '../../platform/auth/auth.schema.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { confirmation } from '../../platform/http/confirm.tsx';
import { notFound } from '../../platform/http/errors.ts';
import { OUTBOX_STATUSES } from '../../platform/mail/mail.schema.ts';
import { PAGE } from './admin.paging.ts';
import * as svc from './admin.service.ts';
import { AuditPage, JobsPage, OutboxMessage, OutboxPage, UsersPage } from './admin.views.tsx';

const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })) });

export default async function adminRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

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
      const q = req.query;
      const r = await svc.auditPage(ctxOf(req), { ...q, verify: !!q.verify });
      return reply.page(
        req.t('audit.title'),
        <AuditPage
          ctx={reply.viewContext()}
          rows={r.rows}
          total={r.total}
          page={r.page}
          query={q as Record<string, string | undefined>}
          chain={r.chain}
        />,
      );
    },
  );

  const OutboxQuery = Type.Object({
    status: Type.Optional(Type.Union([Type.Literal(''), ...OUTBOX_STATUSES.map((s) => Type.Literal(s))])),
    to: Type.Optional(Type.String({ maxLength: 320 })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  });
  app.get(
    '/admin/outbox',
    { config: { access: { action: 'admin.outbox.read' } }, schema: { querystring: OutboxQuery } },
    async (req, reply) => {
      const { page = 1, status, to } = req.query;
      const query = { status: status || undefined, to: to || undefined };
      const r = await svc.outboxPage(ctxOf(req), page, query);
      return reply.page(req.t('outbox.title'), <OutboxPage ctx={reply.viewContext()} {...r} query={query} />);
    },
  );

  app.get(
    '/admin/outbox/:id',
    {
      config: { access: { action: 'admin.outbox.read' } },
      schema: { params: Type.Object({ id: Type.String({ format: 'uuid' }) }) },
    },
    async (req, reply) => {
      const m = await svc.outboxMessage(ctxOf(req), req.params.id);
      return reply.page(m.subject, <OutboxMessage ctx={reply.viewContext()} m={m} />);
    },
  );

  app.get(
    '/admin/jobs',
    { config: { access: { action: 'admin.jobs.read' } }, schema: { querystring: PageQuery } },
    async (req, reply) => {
      const r = await svc.jobsPage(ctxOf(req), req.query.page ?? 1);
      return reply.page(req.t('jobs.pageTitle'), <JobsPage ctx={reply.viewContext()} {...r} />);
    },
  );

  // Running a failed (dead-letter) job again is confirmed first.
  const JobParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
  confirmation(
    app,
    '/admin/jobs/:id/retry',
    { config: { access: { action: 'admin.jobs.retry' } }, params: JobParams },
    async (req) => {
      const j = await svc.failedJob(ctxOf(req), req.params.id);
      return {
        title: req.t('jobs.retry.title'),
        question: req.t('jobs.retry.question', { name: j.name, attempts: j.attempts }),
        button: req.t('jobs.retry.button'),
        back: '/admin/jobs',
        breadcrumb: [{ href: '/admin/jobs', label: req.t('jobs.pageTitle') }],
      };
    },
  );
  app.post(
    '/admin/jobs/:id/retry',
    {
      config: { access: { action: 'admin.jobs.retry' }, confirm: true },
      schema: {
        params: JobParams,
        body: Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })) }),
      },
    },
    async (req, reply) => {
      await svc.retryJob(ctxOf(req), req.params.id);
      return reply.flash(req.t('jobs.retry.done')).redirect('/admin/jobs', 303);
    },
  );

  // Sending a failed (dead-letter) or sent message again is confirmed first.
  const OutboxParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
  confirmation(
    app,
    '/admin/outbox/:id/resend',
    { config: { access: { action: 'admin.outbox.resend' } }, params: OutboxParams },
    async (req) => {
      const m = await svc.outboxMessage(ctxOf(req), req.params.id);
      return {
        title: req.t('outbox.resend.title'),
        question: req.t('outbox.resend.question', { subject: m.subject, to: m.to }),
        button: req.t('outbox.resend.button'),
        back: `/admin/outbox/${m.id}`,
        breadcrumb: [{ href: '/admin/outbox', label: req.t('outbox.title') }],
      };
    },
  );
  app.post(
    '/admin/outbox/:id/resend',
    {
      config: { access: { action: 'admin.outbox.resend' }, confirm: true },
      schema: {
        params: OutboxParams,
        body: Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })) }),
      },
    },
    async (req, reply) => {
      await svc.resendMessage(ctxOf(req), req.params.id);
      return reply.flash(req.t('outbox.resend.done')).redirect('/admin/outbox', 303);
    },
  );

  app.get(
    '/admin/users',
    { config: { access: { action: 'admin.users.manage' } }, schema: { querystring: PageQuery } },
    async (req, reply) => {
      const page = req.query.page ?? 1;
      const { rows, total } = await svc.listUsers(ctxOf(req), page, PAGE);
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
      await svc.changeRole(ctxOf(req), req.params.id, req.body.role as Role);
      return reply.flash(req.t('users.roleChanged')).redirect('/admin/users', 303);
    },
  );

  // Disabling an account is confirmed first (enabling it again is not).
  confirmation(
    app,
    '/admin/users/:id/disable',
    { config: { access: { action: 'admin.users.manage' } }, params: UserParams, fields: ['disabled'] },
    async (req) => {
      if (req.query.disabled !== '1') throw notFound();
      const u = await svc.userToManage(ctxOf(req), req.params.id);
      return {
        title: req.t('users.confirm.disable.title'),
        question: req.t('users.confirm.disable.question', { name: u.name, email: u.email }),
        button: req.t('users.confirm.disable.button'),
        back: '/admin/users',
        breadcrumb: [{ href: '/admin/users', label: req.t('users.title') }],
      };
    },
  );
  app.post(
    '/admin/users/:id/disable',
    {
      config: { access: { action: 'admin.users.manage' }, confirm: (form) => form.disabled === '1' },
      schema: {
        params: UserParams,
        body: Type.Object({
          disabled: Type.Union([Type.Literal('1'), Type.Literal('0')]),
          _csrf: Type.Optional(Type.String({ maxLength: 200 })),
        }),
      },
    },
    async (req, reply) => {
      await svc.setDisabled(ctxOf(req), req.params.id, req.body.disabled === '1');
      return reply.flash(req.t('users.updated')).redirect('/admin/users', 303);
    },
  );
}
