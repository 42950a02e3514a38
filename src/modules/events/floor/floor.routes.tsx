// Speakers' list pages, the room view, and its server-sent events stream. The stream follows the change channel, so
// a change made through any app process reaches it; each event's id is the list's change number, and a client that
// comes back with Last-Event-ID (or the page's ?since) behind the current number gets one change event at once.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { confirmation } from '../../../platform/http/confirm.tsx';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { isUser } from '../../../platform/auth/policy.ts';
import { nameIn } from '../../../platform/i18n/index.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ServerResponse } from 'node:http';
import { Type } from 'typebox';
import { attempt, formErrors } from '../../../platform/http/forms.ts';
import type { FormErrors } from '../../../platform/views/components.tsx';
import { organizationChoices } from '../../directory/index.ts';
import { textIn as text } from '../../../platform/i18n/text.ts';
import { Csrf, SessionParams } from '../shared/http.ts';
import * as floor from './floor.service.ts';
import { FloorPage, RoomPage } from './floor.views.tsx';

const SpeakerParams = Type.Object({
  slug: Type.String({ minLength: 1, maxLength: 120 }),
  sid: Type.String({ maxLength: 36 }),
  rid: Type.String({ maxLength: 36 }),
});
const SpeakerBody = Type.Object({
  organizationId: Type.String({ maxLength: 36 }),
  speakerName: Type.Optional(Type.String({ maxLength: 200 })),
  ...Csrf,
});
type Values = Record<string, string | undefined>;
const StreamQuery = Type.Object({ since: Type.Optional(Type.String({ maxLength: 20 })) });
/** The stream's heartbeat; the room view's script polls when it hears nothing for twice as long. */
const HEARTBEAT_MS = 15_000;
/** A change number from a header or the query (anything else: none). */
const changeNumber = (v: unknown): number | null =>
  typeof v === 'string' && /^\d{1,15}$/.test(v.trim()) ? Number(v.trim()) : null;

export default async function floorRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { changes, db } = app.platform;
  const streams = new Set<ServerResponse>();
  // Open streams end when the app closes (otherwise they would hold the server open).
  app.addHook('preClose', async () => {
    for (const s of streams) s.end();
    streams.clear();
  });
  const floorCtx = (req: FastifyRequest): floor.FloorContext => ctxOf(req);

  const orgOptions = (req: FastifyRequest) => organizationChoices(ctxOf(req), req.locale);

  const floorPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    sid: string,
    errors?: FormErrors,
    values?: Values,
    status = 200,
  ) => {
    const st = await floor.floorState(floorCtx(req), slug, sid);
    return reply.page(
      `${req.t('events.floor.title')}: ${text(st.session.title, req.locale)}`,
      <FloorPage
        ctx={reply.viewContext()}
        st={st}
        orgs={st.manage ? await orgOptions(req) : []}
        errors={errors}
        values={values}
      />,
      status,
    );
  };
  const back = (req: FastifyRequest, reply: FastifyReply, key: string) => {
    const p = req.params as { slug: string; sid: string };
    return reply.flash(req.t(key)).redirect(`/events/${p.slug}/sessions/${p.sid}/speakers`, 303);
  };

  app.get(
    '/events/:slug/sessions/:sid/speakers',
    { config: { access: 'public' }, schema: { params: SessionParams } },
    async (req, reply) => floorPage(req, reply, req.params.slug, req.params.sid),
  );

  app.get(
    '/events/:slug/sessions/:sid/room',
    { config: { access: 'public' }, schema: { params: SessionParams } },
    async (req, reply) => {
      const st = await floor.floorState(floorCtx(req), req.params.slug, req.params.sid);
      return reply.page(text(st.session.title, req.locale), <RoomPage ctx={reply.viewContext()} st={st} />);
    },
  );

  app.get(
    '/events/:slug/sessions/:sid/speakers/stream',
    { config: { access: 'public' }, schema: { params: SessionParams, querystring: StreamQuery } },
    async (req, reply) => {
      const st = await floor.floorState(floorCtx(req), req.params.slug, req.params.sid);
      const sessionId = st.session.id;
      // The last change the client has seen: the browser sends Last-Event-ID when it reconnects; the page names the
      // number it was rendered with (?since), for the changes made before the stream first opens.
      const claimed = changeNumber(req.headers['last-event-id']) ?? changeNumber(req.query.since);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      res.write('retry: 5000\n\n');
      streams.add(res);
      let sent = claimed ?? -1;
      const send = (seq: number) => {
        if (seq <= sent || res.writableEnded) return;
        sent = seq;
        res.write(`event: change\nid: ${seq}\ndata: {"session":"${sessionId}","seq":${seq}}\n\n`);
      };
      const unsubscribe = changes.subscribe(floor.FLOOR_TOPIC, (c) => {
        if (c.s === sessionId && typeof c.q === 'number') send(c.q);
      });
      // What the client may have missed: before this stream, or while this process did not listen to the channel.
      const catchUp = async () => {
        const seq = await floor.floorSeq(db, sessionId);
        if (res.writableEnded) return;
        if (claimed === null && sent < 0) {
          // A first connection without a number: the current one, as the id the browser sends back on reconnecting.
          sent = seq;
          res.write(`id: ${seq}\n\n`);
        } else {
          // A number ahead of the list's (a database restored from a backup) is also a change.
          if (seq < sent) sent = -1;
          send(seq);
        }
      };
      const unState = changes.onState((live) => {
        if (live) catchUp().catch((err) => req.log.warn({ err }, 'speakers list not read'));
      });
      // A heartbeat the script can see (comments are not passed to it): silence for longer means a stuck stream.
      const beat = setInterval(() => res.write('event: heartbeat\ndata: {}\n\n'), HEARTBEAT_MS);
      const done = () => {
        clearInterval(beat);
        unsubscribe();
        unState();
        streams.delete(res);
      };
      req.raw.on('close', done);
      res.on('close', done);
      await catchUp().catch((err) => req.log.warn({ err }, 'speakers list not read'));
    },
  );

  app.post(
    '/events/:slug/sessions/:sid/speakers/request',
    {
      config: { access: { action: 'event.floor.request' } },
      schema: { params: SessionParams, body: SpeakerBody },
      attachValidation: true,
    },
    async (req, reply) => {
      const values = (req.body ?? {}) as Values;
      const rerender = (e: FormErrors) => floorPage(req, reply, req.params.slug, req.params.sid, e, values, 422);
      const errors = formErrors(req);
      if (errors) return rerender(errors);
      const rerendered = await attempt(
        req,
        () =>
          floor.requestFloor(
            floorCtx(req),
            req.params.slug,
            req.params.sid,
            values.organizationId ?? '',
            values.speakerName ?? '',
          ),
        rerender,
      );
      return rerendered ? reply : back(req, reply, 'events.floor.requested');
    },
  );

  app.post(
    '/events/:slug/sessions/:sid/speakers',
    {
      config: { access: { action: 'event.manage' } },
      schema: { params: SessionParams, body: SpeakerBody },
      attachValidation: true,
    },
    async (req, reply) => {
      const values = (req.body ?? {}) as Values;
      const rerender = (e: FormErrors) => floorPage(req, reply, req.params.slug, req.params.sid, e, values, 422);
      const errors = formErrors(req);
      if (errors) return rerender(errors);
      const rerendered = await attempt(
        req,
        () =>
          floor.addSpeaker(
            floorCtx(req),
            req.params.slug,
            req.params.sid,
            values.organizationId ?? '',
            values.speakerName ?? '',
          ),
        rerender,
      );
      return rerendered ? reply : back(req, reply, 'events.floor.added');
    },
  );

  app.post(
    '/events/:slug/sessions/:sid/speakers/next',
    { config: { access: { action: 'event.manage' } }, schema: { params: SessionParams, body: Type.Object(Csrf) } },
    async (req, reply) => {
      const id = await floor.callNext(floorCtx(req), req.params.slug, req.params.sid);
      return back(req, reply, id ? 'events.floor.calledNext' : 'events.floor.ended');
    },
  );

  app.post(
    '/events/:slug/sessions/:sid/speakers/minutes',
    {
      config: { access: { action: 'event.manage' } },
      schema: { params: SessionParams, body: Type.Object({ minutes: Type.String({ maxLength: 5 }), ...Csrf }) },
      attachValidation: true,
    },
    async (req, reply) => {
      const values = (req.body ?? {}) as Values;
      const rerender = (e: FormErrors) => floorPage(req, reply, req.params.slug, req.params.sid, e, values, 422);
      const errors = formErrors(req);
      if (errors) return rerender(errors);
      const rerendered = await attempt(
        req,
        () =>
          floor.setStatementMinutes(
            floorCtx(req),
            req.params.slug,
            req.params.sid,
            /^\d+$/.test(values.minutes ?? '') ? Number(values.minutes) : NaN,
          ),
        rerender,
      );
      return rerendered ? reply : back(req, reply, 'events.floor.minutesSaved');
    },
  );

  app.post(
    '/events/:slug/sessions/:sid/speakers/:rid/move',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        params: SpeakerParams,
        body: Type.Object({ direction: Type.Union([Type.Literal('up'), Type.Literal('down')]), ...Csrf }),
      },
    },
    async (req, reply) => {
      await floor.moveSpeaker(floorCtx(req), req.params.slug, req.params.sid, req.params.rid, req.body.direction);
      return reply.redirect(`/events/${req.params.slug}/sessions/${req.params.sid}/speakers`, 303);
    },
  );

  app.post(
    '/events/:slug/sessions/:sid/speakers/:rid/spoken',
    { config: { access: { action: 'event.manage' } }, schema: { params: SpeakerParams, body: Type.Object(Csrf) } },
    async (req, reply) => {
      await floor.setSpeakerStatus(floorCtx(req), req.params.slug, req.params.sid, req.params.rid, 'spoken');
      return back(req, reply, 'events.floor.markedSpoken');
    },
  );

  // Taking a delegation off the list (the organizers), or withdrawing one's own request: confirmed first.
  confirmation(
    app,
    '/events/:slug/sessions/:sid/speakers/:rid/withdraw',
    { config: { access: { action: 'event.floor.request' } }, params: SpeakerParams },
    async (req) => {
      const st = await floor.floorState(floorCtx(req), req.params.slug, req.params.sid);
      const row = st.rows.find((r) => r.id === req.params.rid && (r.status === 'waiting' || r.status === 'speaking'));
      if (!row) throw notFound();
      const mine = isUser(req.actor) && row.requestedBy === req.actor.userId && row.status === 'waiting';
      if (!st.manage && !mine) throw new AppError('forbidden', 403, 'errors.forbidden');
      const session = text(st.session.title, req.locale);
      const delegation = nameIn(row.orgNames, req.locale);
      const back = `/events/${st.event.slug}/sessions/${st.session.id}/speakers`;
      const own = mine && !st.manage;
      return {
        title: req.t(own ? 'events.confirm.withdrawMine.title' : 'events.confirm.withdraw.title'),
        question: req.t(own ? 'events.confirm.withdrawMine.question' : 'events.confirm.withdraw.question', {
          delegation,
          session,
        }),
        button: req.t(own ? 'events.confirm.withdrawMine.button' : 'events.confirm.withdraw.button'),
        back,
        breadcrumb: [
          { href: `/events/${st.event.slug}`, label: text(st.event.title, req.locale) },
          { href: back, label: `${req.t('events.floor.title')}: ${session}` },
        ],
      };
    },
  );
  app.post(
    '/events/:slug/sessions/:sid/speakers/:rid/withdraw',
    {
      config: { access: { action: 'event.floor.request' }, confirm: true },
      schema: { params: SpeakerParams, body: Type.Object(Csrf) },
    },
    async (req, reply) => {
      await floor.setSpeakerStatus(floorCtx(req), req.params.slug, req.params.sid, req.params.rid, 'withdrawn');
      return back(req, reply, 'events.floor.withdrawn');
    },
  );
}
