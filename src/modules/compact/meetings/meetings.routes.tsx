// Pages of meetings and minutes: /compact/meetings…
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { confirmation } from '../../../platform/http/confirm.tsx';
import { attempt } from '../../../platform/http/forms.ts';
import { AppError, type FieldError } from '../../../platform/http/errors.ts';
import { can, type Action } from '../../../platform/auth/policy.ts';
import { textFormValues, textFromForm, textIn, type TranslatableText } from '../../../platform/i18n/text.ts';
import type { FormErrors } from '../../../platform/views/components.tsx';
import { organizationChoices } from '../../directory/index.ts';
import { listBodies } from '../structure/structure.service.ts';
import * as svc from './meetings.service.ts';
import * as min from '../minutes/minutes.service.ts';
import {
  AgendaItemFormPage,
  ConfirmPage,
  MeetingFormPage,
  MeetingPage,
  MeetingsListPage,
  MinutesFormPage,
  ScopeChoice,
} from './meetings.views.tsx';

const Form = Type.Object(
  {},
  {
    additionalProperties: Type.Union([
      Type.String({ maxLength: 60000 }),
      Type.Array(Type.String({ maxLength: 300 }), { maxItems: 200 }),
    ]),
  },
);
const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
const ItemParams = Type.Object({ id: Type.String({ maxLength: 36 }), itemId: Type.String({ maxLength: 36 }) });
const MinParams = Type.Object({ id: Type.String({ maxLength: 36 }), minutesId: Type.String({ maxLength: 36 }) });
const InviteeParams = Type.Object({ id: Type.String({ maxLength: 36 }), inviteeId: Type.String({ maxLength: 36 }) });
type V = Record<string, unknown>;
const one = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');
const read = { access: { action: 'meeting.read' as const } };
const manage = { access: { action: 'meeting.manage' as const } };
const minutesManage = { access: { action: 'minutes.manage' as const } };

function agendaFromForm(v: V, previous: TranslatableText | null, fields: FieldError[]): svc.AgendaInput {
  const title = textFromForm(v, 'title', fields, { maxLength: 500, required: true, previous });
  const docs = one(v.documents)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const m = /^(.*?)\s*\|\s*(\S+)$/.exec(l);
      return m ? { label: m[1] || m[2], url: m[2] } : { label: l, url: l };
    });
  const dur = one(v.durationMinutes).trim();
  const durationMinutes = dur ? Number(dur) : null;
  if (dur && !Number.isInteger(durationMinutes))
    fields.push({ field: 'durationMinutes', messageKey: 'meetings.errors.duration' });
  return {
    type: one(v.type),
    title,
    leadOrgId: one(v.leadOrgId) || null,
    documents: docs,
    startTime: one(v.startTime) || null,
    durationMinutes: Number.isInteger(durationMinutes) ? durationMinutes : null,
  };
}

export default async function meetingsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const bodyChoices = async (req: FastifyRequest) =>
    (await listBodies(req.server.platform.db, req.locale)).map((b) => ({
      id: b.id,
      name: textIn(b.names, req.locale),
    }));

  app.get(
    '/compact/meetings',
    {
      config: { access: { action: 'meeting.list' } },
      schema: {
        querystring: Type.Object({
          body: Type.Optional(Type.String({ maxLength: 40 })),
          when: Type.Optional(Type.Union([Type.Literal('upcoming'), Type.Literal('past')])),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
        }),
      },
    },
    async (req, reply) => {
      const when = req.query.when ?? 'upcoming';
      const r = await svc.listMeetings(ctxOf(req), { bodyId: req.query.body, when, page: req.query.page });
      return reply.page(
        req.t('meetings.title'),
        <MeetingsListPage
          ctx={reply.viewContext()}
          {...r}
          when={when}
          bodyId={req.query.body ?? ''}
          bodies={await bodyChoices(req)}
          canCreate={can(req.actor, 'meeting.manage')}
        />,
      );
    },
  );

  const newForm = async (req: FastifyRequest, reply: FastifyReply, values: V, errors?: FormErrors, status = 200) =>
    reply.page(
      req.t('meetings.new'),
      <MeetingFormPage
        ctx={reply.viewContext()}
        values={values}
        errors={errors}
        bodies={await bodyChoices(req)}
        timeZones={svc.TIME_ZONES}
        kinds={svc.MEETING_KINDS}
        formats={svc.MEETING_FORMATS}
        recurrences={svc.RECURRENCES}
      />,
      status,
    );

  app.get('/compact/meetings/new', { config: manage }, async (req, reply) => newForm(req, reply, {}));

  app.post('/compact/meetings', { config: manage, schema: { body: Form } }, async (req, reply) => {
    const v = (req.body ?? {}) as V;
    const fields: FieldError[] = [];
    const title = textFromForm(v, 'title', fields, { maxLength: 300, required: true });
    let id = '';
    const run = async () => {
      try {
        id = (
          await svc.createMeeting(ctxOf(req), {
            bodyId: one(v.bodyId),
            kind: one(v.kind),
            title,
            timeZone: one(v.timeZone),
            start: one(v.start),
            end: one(v.end),
            format: one(v.format),
            venue: one(v.venue),
            meetingLink: one(v.meetingLink),
            recurrence: one(v.recurrence) || 'none',
          })
        ).id;
      } catch (e) {
        // Every error at once: the title's with the service's.
        if (e instanceof AppError && e.status === 422)
          throw new AppError(e.code, 422, e.messageKey, e.values, [...fields, ...e.fields]);
        throw e;
      }
      if (fields.length) throw new AppError('validation_failed', 422, 'errors.validation', {}, fields);
    };
    if (await attempt(req, run, (errors) => newForm(req, reply, v, errors, 422))) return reply;
    return reply.flash(req.t('meetings.created')).redirect(`/compact/meetings/${id}`, 303);
  });

  const meetingPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    errors?: FormErrors,
    status = 200,
    q?: string,
  ) => {
    const ctx = ctxOf(req);
    const m = await svc.getMeeting(ctx, id, req.locale);
    // The people picker's search (managers; the directory's people the manager may see).
    const picker =
      q !== undefined && m.canManage && m.meeting.status === 'scheduled'
        ? { q, matches: await svc.inviteCandidates(ctx, id, q, req.locale) }
        : null;
    const versions = await min.minutesOf(ctx.db, id);
    const comments = await min.commentsFor(
      ctx.db,
      m,
      req.actor.kind === 'user' ? req.actor.userId : null,
      versions.map((x) => x.id),
    );
    const cur = versions[0];
    return reply.page(
      textIn(m.meeting.title, req.locale),
      <MeetingPage
        ctx={reply.viewContext()}
        meeting={m.meeting}
        bodyName={textIn(m.body.names, req.locale)}
        agenda={m.agenda}
        openActions={m.openActions}
        invitees={m.invitees}
        minutes={versions}
        comments={comments}
        canManage={m.canManage}
        canComment={
          !!cur &&
          can(req.actor, 'minutes.comment', {
            ...m.resource,
            minutesStatus: cur.status,
            commentDeadline: cur.commentDeadline,
          })
        }
        errors={errors}
        picker={picker}
      />,
      status,
    );
  };

  app.get(
    '/compact/meetings/:id',
    {
      config: read,
      schema: { params: IdParams, querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })) }) },
    },
    async (req, reply) => {
      const id = req.params.id;
      if (id.endsWith('.ics')) {
        const body = await svc.meetingIcsFor(ctxOf(req), id.slice(0, -4), req.locale);
        return reply
          .type('text/calendar; charset=utf-8')
          .header('content-disposition', 'attachment; filename="meeting.ics"')
          .send(body);
      }
      return meetingPage(req, reply, id, undefined, 200, req.query.q);
    },
  );

  const post = (
    path: string,
    config: { access: { action: Action }; confirm?: boolean },
    run: (
      req: FastifyRequest<{ Params: { id: string; itemId?: string; minutesId?: string } }>,
      v: V,
    ) => Promise<unknown>,
    flashKey: string,
    params = IdParams as typeof IdParams | typeof ItemParams | typeof MinParams,
  ) =>
    app.post(path, { config: config as typeof manage, schema: { params, body: Form } }, async (req, reply) => {
      const r = req as FastifyRequest<{ Params: { id: string; itemId?: string; minutesId?: string } }>;
      const v = (req.body ?? {}) as V;
      if (
        await attempt(
          req,
          () => run(r, v),
          (errors) => meetingPage(req, reply, r.params.id, errors, 422),
        )
      )
        return reply;
      return reply.flash(req.t(flashKey)).redirect(`/compact/meetings/${r.params.id}`, 303);
    });

  post(
    '/compact/meetings/:id/circulate',
    manage,
    (req) => svc.circulateAgenda(ctxOf(req), req.params.id),
    'meetings.circulated',
  );
  post(
    '/compact/meetings/:id/attendance',
    manage,
    (req, v) =>
      svc.recordAttendance(
        ctxOf(req),
        req.params.id,
        Object.fromEntries(
          Object.entries(v)
            .filter(([k]) => k.startsWith('attendance_'))
            .map(([k, x]) => [k.slice('attendance_'.length), one(x)]),
        ),
      ),
    'meetings.attendanceSaved',
  );
  post(
    '/compact/meetings/:id/agenda/:itemId/move',
    manage,
    (req, v) =>
      svc.moveAgendaItem(ctxOf(req), req.params.id, req.params.itemId ?? '', one(v.direction) === 'up' ? 'up' : 'down'),
    'meetings.saved',
    ItemParams,
  );
  post(
    '/compact/meetings/:id/minutes',
    minutesManage,
    (req) => min.createMinutes(ctxOf(req), req.params.id),
    'minutes.started',
  );
  post(
    '/compact/meetings/:id/minutes/:minutesId/circulate',
    minutesManage,
    (req, v) => {
      const d = one(v.deadline);
      return min.circulateMinutes(
        ctxOf(req),
        req.params.minutesId ?? '',
        /^\d{4}-\d{2}-\d{2}$/.test(d) ? new Date(`${d}T23:59:59Z`) : null,
      );
    },
    'minutes.circulated',
    MinParams,
  );
  post(
    '/compact/meetings/:id/minutes/:minutesId/comments',
    { access: { action: 'minutes.comment' } },
    (req, v) => min.commentOnMinutes(ctxOf(req), req.params.minutesId ?? '', one(v.body)),
    'minutes.commented',
    MinParams,
  );
  post(
    '/compact/meetings/:id/minutes/:minutesId/adopt',
    { ...minutesManage, confirm: true },
    (req) => min.adoptMinutes(ctxOf(req), req.params.minutesId ?? ''),
    'minutes.adopted',
    MinParams,
  );
  post(
    '/compact/meetings/:id/minutes/:minutesId/corrigendum',
    minutesManage,
    (req) => min.corrigendum(ctxOf(req), req.params.minutesId ?? ''),
    'minutes.corrigendumCreated',
    MinParams,
  );
  post(
    '/compact/meetings/:id/delete',
    { ...manage, confirm: true },
    (req) => svc.deleteMeeting(ctxOf(req), req.params.id),
    'meetings.deleted',
  );
  post(
    '/compact/meetings/:id/agenda/:itemId/delete',
    { ...manage, confirm: true },
    (req) => svc.deleteAgendaItem(ctxOf(req), req.params.id, req.params.itemId ?? ''),
    'meetings.itemDeleted',
    ItemParams,
  );

  // Confirmations of destructive actions (pages that work without JavaScript): the platform's confirmation page.
  const confirm = (
    path: string,
    titleKey: string,
    questionKey: string,
    params = IdParams as typeof IdParams | typeof ItemParams | typeof MinParams,
    access: { access: { action: Action } } = manage,
  ) =>
    confirmation(app, path, { config: access as typeof manage, params }, async (req) => {
      const m = await svc.getMeeting(ctxOf(req), req.params.id, req.locale);
      if (!m.canManage) throw new AppError('forbidden', 403, 'errors.forbidden');
      return {
        title: req.t(titleKey),
        question: req.t(questionKey),
        button: req.t(titleKey),
        back: `/compact/meetings/${req.params.id}`,
      };
    });
  confirm('/compact/meetings/:id/delete', 'meetings.delete', 'meetings.confirmDelete');
  confirm(
    '/compact/meetings/:id/agenda/:itemId/delete',
    'meetings.deleteItem',
    'meetings.confirmDeleteItem',
    ItemParams,
  );
  confirm(
    '/compact/meetings/:id/minutes/:minutesId/adopt',
    'minutes.adopt',
    'minutes.confirmAdopt',
    MinParams,
    minutesManage,
  );

  // Editing a meeting (or this and the following meetings of its series): the creation's form without the body and
  // the recurrence, prefilled; every error at once (422).
  const editForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    values: V | null,
    errors?: FormErrors,
    status = 200,
  ) => {
    const a = await svc.meetingForEdit(ctxOf(req), id);
    return reply.page(
      req.t('meetings.editTitle'),
      <MeetingFormPage
        ctx={reply.viewContext()}
        values={values ?? { ...svc.meetingFormValues(a.meeting), ...textFormValues('title', a.meeting.title) }}
        errors={errors}
        bodies={[]}
        timeZones={svc.TIME_ZONES}
        kinds={svc.MEETING_KINDS}
        formats={svc.MEETING_FORMATS}
        recurrences={svc.RECURRENCES}
        edit={{
          id,
          bodyName: textIn(a.body.names, req.locale),
          stored: a.meeting.title,
          following: a.following,
          circulated: a.meeting.circulatedVersion !== null,
        }}
      />,
      status,
    );
  };
  app.get('/compact/meetings/:id/edit', { config: manage, schema: { params: IdParams } }, async (req, reply) =>
    editForm(req, reply, req.params.id, null),
  );
  app.post(
    '/compact/meetings/:id/edit',
    { config: manage, schema: { params: IdParams, body: Form } },
    async (req, reply) => {
      const a = await svc.meetingForEdit(ctxOf(req), req.params.id);
      const v = (req.body ?? {}) as V;
      const fields: FieldError[] = [];
      const title = textFromForm(v, 'title', fields, { maxLength: 300, required: true, previous: a.meeting.title });
      let sent = 0;
      const run = async () => {
        try {
          sent = (
            await svc.updateMeeting(ctxOf(req), req.params.id, {
              kind: one(v.kind),
              title,
              timeZone: one(v.timeZone),
              start: one(v.start),
              end: one(v.end),
              format: one(v.format),
              venue: one(v.venue),
              meetingLink: one(v.meetingLink),
              scope: one(v.scope) || 'this',
            })
          ).sent;
        } catch (e) {
          if (e instanceof AppError && e.status === 422)
            throw new AppError(e.code, 422, e.messageKey, e.values, [...fields, ...e.fields]);
          throw e;
        }
        if (fields.length) throw new AppError('validation_failed', 422, 'errors.validation', {}, fields);
      };
      if (await attempt(req, run, (errors) => editForm(req, reply, req.params.id, v, errors, 422))) return reply;
      return reply
        .flash(sent ? req.t('meetings.updatedSent', { count: sent }) : req.t('meetings.updated'))
        .redirect(`/compact/meetings/${req.params.id}`, 303);
    },
  );

  // Cancelling: a confirmation page (the scope for a meeting of a series), then the POST.
  const cancelPage = async (req: FastifyRequest, reply: FastifyReply, id: string, v: V, errors?: FormErrors) => {
    const a = await svc.meetingForEdit(ctxOf(req), id);
    if (a.meeting.endsAt.getTime() <= Date.now()) throw svc.endedError();
    return reply.page(
      req.t('meetings.cancelMeeting'),
      <ConfirmPage
        ctx={reply.viewContext()}
        title={req.t('meetings.cancelMeeting')}
        question={req.t(
          a.meeting.circulatedVersion !== null ? 'meetings.confirmCancelCirculated' : 'meetings.confirmCancel',
          // Isolated (FSI … PDI): a title in another script keeps its place in the sentence (Arabic, right to left).
          { title: `\u2068${textIn(a.meeting.title, req.locale)}\u2069` },
        )}
        action={`/compact/meetings/${id}/cancel`}
        back={`/compact/meetings/${id}`}
        button={req.t('meetings.cancelMeeting')}
        backLabel={req.t('meetings.keep')}
        errors={errors}
      >
        {a.following > 1 ? (
          <ScopeChoice
            ctx={reply.viewContext()}
            value={one(v.scope)}
            following={a.following}
            error={errors?.scope}
            verb="cancel"
          />
        ) : null}
      </ConfirmPage>,
      errors ? 422 : 200,
    );
  };
  app.get(
    '/compact/meetings/:id/cancel',
    { config: { ...manage, confirmationPage: true }, schema: { params: IdParams } },
    async (req, reply) => cancelPage(req, reply, req.params.id, {}),
  );
  app.post(
    '/compact/meetings/:id/cancel',
    { config: { ...manage, confirm: true }, schema: { params: IdParams, body: Form } },
    async (req, reply) => {
      const v = (req.body ?? {}) as V;
      let sent = 0;
      const run = async () => {
        sent = (await svc.cancelMeeting(ctxOf(req), req.params.id, one(v.scope) || 'this')).sent;
      };
      if (await attempt(req, run, (errors) => cancelPage(req, reply, req.params.id, v, errors))) return reply;
      return reply
        .flash(sent ? req.t('meetings.cancelledSent', { count: sent }) : req.t('meetings.cancelled'))
        .redirect(`/compact/meetings/${req.params.id}`, 303);
    },
  );

  // Named invitees: the picker's "Invite" buttons, and removal behind a confirmation page.
  app.post(
    '/compact/meetings/:id/invitees',
    { config: manage, schema: { params: IdParams, body: Form } },
    async (req, reply) => {
      const v = (req.body ?? {}) as V;
      const q = one(v.q).slice(0, 100);
      let created = true;
      const run = async () => {
        created = (await svc.invitePerson(ctxOf(req), req.params.id, one(v.personId))).created;
      };
      if (await attempt(req, run, (errors) => meetingPage(req, reply, req.params.id, errors, 422, q))) return reply;
      const back = `/compact/meetings/${req.params.id}${q ? `?q=${encodeURIComponent(q)}` : ''}#invitees`;
      return reply.flash(req.t(created ? 'meetings.invited' : 'meetings.alreadyInvited')).redirect(back, 303);
    },
  );
  app.get(
    '/compact/meetings/:id/invitees/:inviteeId/remove',
    { config: { ...manage, confirmationPage: true }, schema: { params: InviteeParams } },
    async (req, reply) => {
      const inv = await svc.getInvitee(ctxOf(req), req.params.id, req.params.inviteeId, req.locale);
      return reply.page(
        req.t('meetings.removeTitle'),
        <ConfirmPage
          ctx={reply.viewContext()}
          title={req.t('meetings.removeTitle')}
          question={req.t('meetings.confirmRemove', { name: `\u2068${inv.fullName}\u2069` })}
          action={`/compact/meetings/${req.params.id}/invitees/${inv.id}/remove`}
          back={`/compact/meetings/${req.params.id}#invitees`}
          button={req.t('meetings.remove')}
        />,
      );
    },
  );
  app.post(
    '/compact/meetings/:id/invitees/:inviteeId/remove',
    { config: { ...manage, confirm: true }, schema: { params: InviteeParams, body: Form } },
    async (req, reply) => {
      await svc.removeInvitee(ctxOf(req), req.params.id, req.params.inviteeId);
      return reply.flash(req.t('meetings.removed')).redirect(`/compact/meetings/${req.params.id}#invitees`, 303);
    },
  );

  // Agenda item forms.
  const itemForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    meetingId: string,
    itemId: string | undefined,
    values: V,
    stored: TranslatableText | null,
    errors?: FormErrors,
    status = 200,
  ) =>
    reply.page(
      req.t(itemId ? 'meetings.editItem' : 'meetings.addItem'),
      <AgendaItemFormPage
        ctx={reply.viewContext()}
        meetingId={meetingId}
        itemId={itemId}
        values={values}
        stored={stored}
        errors={errors}
        orgs={(await organizationChoices(ctxOf(req), req.locale)).map((o) => ({ value: o.id, label: o.name }))}
        types={svc.AGENDA_TYPES}
      />,
      status,
    );

  app.get('/compact/meetings/:id/agenda/new', { config: manage, schema: { params: IdParams } }, async (req, reply) => {
    const m = await svc.getMeeting(ctxOf(req), req.params.id, req.locale);
    if (!m.canManage) throw new AppError('forbidden', 403, 'errors.forbidden');
    return itemForm(req, reply, req.params.id, undefined, { type: 'discussion' }, null);
  });
  app.post(
    '/compact/meetings/:id/agenda',
    { config: manage, schema: { params: IdParams, body: Form } },
    async (req, reply) => {
      const v = (req.body ?? {}) as V;
      const fields: FieldError[] = [];
      const input = agendaFromForm(v, null, fields);
      const run = async () => {
        if (fields.length) throw new AppError('validation_failed', 422, 'errors.validation', {}, fields);
        await svc.addAgendaItem(ctxOf(req), req.params.id, input);
      };
      if (await attempt(req, run, (errors) => itemForm(req, reply, req.params.id, undefined, v, null, errors, 422)))
        return reply;
      return reply.flash(req.t('meetings.saved')).redirect(`/compact/meetings/${req.params.id}#agenda`, 303);
    },
  );
  app.get(
    '/compact/meetings/:id/agenda/:itemId',
    { config: manage, schema: { params: ItemParams } },
    async (req, reply) => {
      const it = await svc.getAgendaItem(ctxOf(req), req.params.id, req.params.itemId);
      return itemForm(
        req,
        reply,
        req.params.id,
        it.id,
        {
          ...textFormValues('title', it.title),
          type: it.type,
          leadOrgId: it.leadOrgId ?? '',
          startTime: it.startTime ?? '',
          durationMinutes: it.durationMinutes ? String(it.durationMinutes) : '',
          documents: it.documents.map((d) => `${d.label} | ${d.url}`).join('\n'),
        },
        it.title,
      );
    },
  );
  app.post(
    '/compact/meetings/:id/agenda/:itemId',
    { config: manage, schema: { params: ItemParams, body: Form } },
    async (req, reply) => {
      const it = await svc.getAgendaItem(ctxOf(req), req.params.id, req.params.itemId);
      const v = (req.body ?? {}) as V;
      const fields: FieldError[] = [];
      const input = agendaFromForm(v, it.title, fields);
      const run = async () => {
        if (fields.length) throw new AppError('validation_failed', 422, 'errors.validation', {}, fields);
        await svc.updateAgendaItem(ctxOf(req), req.params.id, it.id, input);
      };
      if (await attempt(req, run, (errors) => itemForm(req, reply, req.params.id, it.id, v, it.title, errors, 422)))
        return reply;
      return reply.flash(req.t('meetings.saved')).redirect(`/compact/meetings/${req.params.id}#agenda`, 303);
    },
  );

  // Minutes form: every field in six languages.
  const minutesForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    minutesId: string,
    values: V | null,
    errors?: FormErrors,
    status = 200,
  ) => {
    const r = await min.getMinutes(ctxOf(req), minutesId);
    if (!can(req.actor, 'minutes.manage', r.access.resource)) throw new AppError('forbidden', 403, 'errors.forbidden');
    const v =
      values ??
      Object.assign(
        textFormValues('summary', r.minutes.summary),
        ...r.agenda.flatMap((it) => [
          textFormValues(`discussion_${it.id}`, r.minutes.items[it.id]?.discussion),
          textFormValues(`outcome_${it.id}`, r.minutes.items[it.id]?.outcome),
        ]),
      );
    return reply.page(
      req.t('minutes.editTitle', { version: r.minutes.version }),
      <MinutesFormPage
        ctx={reply.viewContext()}
        meetingId={r.minutes.meetingId}
        minutes={r.minutes}
        agenda={r.agenda}
        values={v}
        errors={errors}
      />,
      status,
    );
  };
  app.get(
    '/compact/meetings/:id/minutes/:minutesId',
    { config: minutesManage, schema: { params: MinParams } },
    async (req, reply) => minutesForm(req, reply, req.params.minutesId, null),
  );
  app.post(
    '/compact/meetings/:id/minutes/:minutesId',
    { config: minutesManage, schema: { params: MinParams, body: Form } },
    async (req, reply) => {
      const v = (req.body ?? {}) as V;
      const r = await min.getMinutes(ctxOf(req), req.params.minutesId);
      const fields: FieldError[] = [];
      const summary = textFromForm(v, 'summary', fields, { maxLength: 50000, previous: r.minutes.summary });
      const items: min.MinutesInput['items'] = {};
      for (const it of r.agenda)
        items[it.id] = {
          discussion: textFromForm(v, `discussion_${it.id}`, fields, {
            maxLength: 50000,
            previous: r.minutes.items[it.id]?.discussion,
          }),
          outcome: textFromForm(v, `outcome_${it.id}`, fields, {
            maxLength: 20000,
            previous: r.minutes.items[it.id]?.outcome,
          }),
        };
      const run = async () => {
        if (fields.length) throw new AppError('validation_failed', 422, 'errors.validation', {}, fields);
        await min.saveMinutes(ctxOf(req), req.params.minutesId, { summary, items });
      };
      if (await attempt(req, run, (errors) => minutesForm(req, reply, req.params.minutesId, v, errors, 422)))
        return reply;
      return reply.flash(req.t('minutes.saved')).redirect(`/compact/meetings/${req.params.id}#minutes`, 303);
    },
  );
}
