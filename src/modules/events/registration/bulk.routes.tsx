// Pages of the organizers' bulk tools (no JavaScript needed): the import of registrations (templates, dry run,
// commit), one decision for many registrations, messages to participants, printable badges and participants list.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { AppError, type FieldError } from '../../../platform/http/errors.ts';
import { attempt, checked, multipartForm } from '../../../platform/http/forms.ts';
import { sendTable } from '../../../platform/export/tabular.ts';
import { textFromForm } from '../../../platform/i18n/text.ts';
import type { FormErrors } from '../../../platform/views/components.tsx';
import { REGISTRATION_STATUSES, type RegistrationStatus } from '../events.schema.ts';
import { managedEvent } from '../shared/events.service.ts';
import { FormBody, SlugParams } from '../shared/http.ts';
import { many, one, type FormValues } from '../shared/forms.ts';
import * as bulk from './bulk.service.ts';
import { importColumns, importRegistrations } from './import.service.ts';
import { listRegistrations, type Decision } from './registration.service.ts';
import { REGISTRATIONS_PAGE, RegistrationsPage } from './registration.views.tsx';
import { BadgesPage, ImportRegistrationsPage, MessagesPage, PrintListPage } from './bulk.views.tsx';
import { ManageMenu } from '../shared/views.tsx';

const StatusQuery = Type.Object({
  status: Type.Optional(Type.Union(REGISTRATION_STATUSES.map((s) => Type.Literal(s)))),
});

/** The selection of the registrations page's bulk form: the rows picked, or every registration of the filter. */
function selectionOf(v: FormValues): bulk.Selection {
  if (one(v.scope) === 'status') return { status: one(v.status) as RegistrationStatus };
  return { registrationIds: many(v.ids) };
}

export default async function bulkRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const manage = { access: { action: 'event.manage' as const } };

  // ----- import -----

  app.get(
    '/events/:slug/registrations/import',
    { config: manage, schema: { params: SlugParams } },
    async (req, reply) => {
      const e = await managedEvent(ctxOf(req), req.params.slug);
      return reply.page(
        req.t('events.bulk.importTitle'),
        <ImportRegistrationsPage
          ctx={reply.viewContext()}
          e={e}
          columns={importColumns(e)}
          notify={e.endsAt > new Date()}
        />,
      );
    },
  );

  app.get(
    '/events/:slug/registrations/import/template.:format',
    {
      config: manage,
      schema: {
        params: Type.Object({
          slug: Type.String({ minLength: 1, maxLength: 120 }),
          format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
        }),
      },
    },
    async (req, reply) => {
      const e = await managedEvent(ctxOf(req), req.params.slug);
      const cols = importColumns(e).map((c) => ({ key: c.key, header: c.key, hxl: c.hxl, value: () => '' }));
      return sendTable(reply, req.params.format, `${e.slug}-registrations-template`, cols, [], {
        hxl: true,
        sheetName: 'registrations',
      });
    },
  );

  app.post(
    '/events/:slug/registrations/import',
    { config: manage, schema: { params: SlugParams } },
    async (req, reply) => {
      const { fields, file } = await multipartForm(req);
      const e = await managedEvent(ctxOf(req), req.params.slug);
      const notify = checked(fields.notify);
      const page = (props: Partial<Parameters<typeof ImportRegistrationsPage>[0]>, status: number) =>
        reply.page(
          req.t('events.bulk.importTitle'),
          <ImportRegistrationsPage
            ctx={reply.viewContext()}
            e={e}
            columns={importColumns(e)}
            notify={notify}
            {...props}
          />,
          status,
        );
      try {
        const result = await importRegistrations(ctxOf(req), e.id, file, {
          dryRun: fields.mode !== 'commit',
          notify,
          locale: req.locale,
        });
        return page({ result }, result.errors.length ? 422 : 200);
      } catch (err) {
        if (err instanceof AppError && (err.status === 422 || err.status === 409))
          return page({ fileError: req.t(err.messageKey, err.values as never) }, err.status);
        throw err;
      }
    },
  );

  // ----- one decision for many -----

  app.post(
    '/events/:slug/registrations/bulk',
    { config: manage, schema: { params: SlugParams, body: FormBody } },
    async (req, reply) => {
      const v = (req.body ?? {}) as FormValues;
      const back = `/events/${encodeURIComponent(req.params.slug)}/registrations`;
      const decision = one(v.decision) as Decision;
      try {
        const r = await bulk.bulkDecide(ctxOf(req), req.params.slug, selectionOf(v), decision);
        return reply
          .flash(req.t('events.bulk.decided', { changed: r.changed, unchanged: r.unchanged }))
          .redirect(back, 303);
      } catch (err) {
        // A selection that cannot be applied is said on the page it came from, with nothing changed.
        if (err instanceof AppError && (err.status === 422 || err.status === 409)) {
          const f = err.fields[0];
          const status = (one(v.status) || undefined) as RegistrationStatus | undefined;
          const list = await listRegistrations(ctxOf(req), req.params.slug, status, {
            page: 1,
            pageSize: REGISTRATIONS_PAGE,
          });
          return reply.page(
            req.t('events.manageRegistrations'),
            <RegistrationsPage
              ctx={reply.viewContext()}
              e={list.event}
              rows={list.rows}
              status={status}
              total={list.total}
              page={1}
              error={f ? req.t(f.messageKey, f.values as never) : req.t(err.messageKey, err.values as never)}
            />,
            err.status,
          );
        }
        throw err;
      }
    },
  );

  // ----- messages -----

  const messagesPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    values: Record<string, unknown>,
    picked: string[] | null,
    errors?: FormErrors,
  ) => {
    const ctx = ctxOf(req);
    const { event, rows } = await bulk.listMessages(ctx, slug);
    const [counts, names] = await Promise.all([
      bulk.audienceCounts(ctx, event.id),
      picked ? bulk.pickedNames(ctx, event.id, picked) : null,
    ]);
    return reply.page(
      req.t('events.messages.title'),
      <>
        <ManageMenu ctx={reply.viewContext()} slug={event.slug} current="messages" week={event.type === 'week'} />
        <MessagesPage
          ctx={reply.viewContext()}
          e={event}
          values={{ key: randomUUID(), ...values }}
          errors={errors}
          counts={counts}
          picked={names}
          sent={rows}
        />
      </>,
      errors ? 422 : 200,
    );
  };

  app.get('/events/:slug/messages', { config: manage, schema: { params: SlugParams } }, async (req, reply) =>
    messagesPage(req, reply, req.params.slug, {}, null),
  );

  // From the registrations page: the form for the registrations picked there (nothing is sent yet).
  app.post(
    '/events/:slug/messages/new',
    { config: manage, schema: { params: SlugParams, body: FormBody } },
    async (req, reply) => {
      const ids = many((req.body as FormValues).ids).slice(0, bulk.MAX_SELECTED);
      if (!ids.length)
        return reply
          .flash(req.t('events.bulk.noneSelected'))
          .redirect(`/events/${encodeURIComponent(req.params.slug)}/registrations`, 303);
      return messagesPage(req, reply, req.params.slug, {}, ids);
    },
  );

  app.post(
    '/events/:slug/messages',
    { config: manage, schema: { params: SlugParams, body: FormBody } },
    async (req, reply) => {
      const v = (req.body ?? {}) as FormValues;
      const ids = many(v.ids);
      let result: bulk.SendResult | null = null;
      const rerendered = await attempt(
        req,
        async () => {
          const textErrors: FieldError[] = [];
          const subject = textFromForm(v, 'subject', textErrors, { maxLength: 200 });
          const body = textFromForm(v, 'body', textErrors, { maxLength: 10_000 });
          result = await bulk.sendMessage(
            ctxOf(req),
            req.params.slug,
            {
              subject,
              body,
              key: one(v.key),
              audience: ids.length ? { registrationIds: ids } : { statuses: many(v.statuses) as RegistrationStatus[] },
            },
            textErrors,
          );
        },
        (errors) =>
          messagesPage(
            req,
            reply,
            req.params.slug,
            { ...v, statuses: many(v.statuses) },
            ids.length ? ids : null,
            errors,
          ),
      );
      if (rerendered) return reply;
      const r = result as bulk.SendResult | null;
      return reply
        .flash(
          r?.already
            ? req.t('events.messages.already', { count: r.recipients })
            : req.t('events.messages.sentTo', { count: r?.sent ?? 0 }),
        )
        .redirect(`/events/${encodeURIComponent(req.params.slug)}/messages`, 303);
    },
  );

  // ----- printable badges and participants list -----

  app.get(
    '/events/:slug/badges',
    { config: manage, schema: { params: SlugParams, querystring: StatusQuery } },
    async (req, reply) => {
      const r = await bulk.printableParticipants(ctxOf(req), req.params.slug, req.query.status ?? 'accepted');
      return reply.page(
        req.t('events.bulk.badges'),
        <BadgesPage ctx={reply.viewContext()} e={r.event} rows={r.rows} />,
      );
    },
  );

  app.get(
    '/events/:slug/participants/print',
    { config: manage, schema: { params: SlugParams, querystring: StatusQuery } },
    async (req, reply) => {
      const r = await bulk.printableParticipants(ctxOf(req), req.params.slug, req.query.status ?? 'accepted');
      return reply.page(
        req.t('events.bulk.printList'),
        <PrintListPage ctx={reply.viewContext()} e={r.event} rows={r.rows} />,
      );
    },
  );
}
