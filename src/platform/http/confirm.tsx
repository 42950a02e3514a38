// Confirmation before a destructive page action (revoke, decline, cancel, delete, remove, disable), without JavaScript:
// GET <action's address> shows what will happen (the one ConfirmPage), and its form POSTs the action with
// `confirmed=yes`. The action's POST route declares `config.confirm`; a POST without the confirmation (a stale form, a
// one-click button) is sent to the confirmation page (303) and changes nothing. The JSON API is not concerned.
//
//   confirmation(app, '/things/:id/delete', { config: { access }, params }, async (req) => ({ title, question, … }));
//   app.post('/things/:id/delete', { config: { access, confirm: true }, … }, handler);
//
// A POST route with `confirm` and no confirmation page at its address stops the app from starting.
import fp from 'fastify-plugin';
import type { FastifyContextConfig, FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { CONFIRMED_FIELD, CONFIRMED_VALUE, ConfirmPage, type Confirmation } from '../views/confirm.tsx';
import { isApi } from './platform.ts';

export type { Confirmation } from '../views/confirm.tsx';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * A destructive page action: a POST without `confirmed=yes` goes to its confirmation page instead. A function
     * decides from the submitted form (e.g. only `decision=decline` of a decision form).
     */
    confirm?: boolean | ((form: Record<string, unknown>) => boolean);
    /** Set by `confirmation()` on the GET route of a confirmation page. */
    confirmationPage?: boolean;
  }
}

export type ConfirmRequest = FastifyRequest<{
  Params: Record<string, string>;
  Querystring: Record<string, string | undefined>;
}>;

/**
 * Registers the confirmation page of the POST action at `url`. `fields` are the form fields the action needs besides
 * the confirmation, taken from the query string (`?decision=decline`) into the page's form; `describe` reads what the
 * action is about (through the services: 404 and 403 as on the action) and says what will happen.
 */
export function confirmation(
  app: FastifyInstance,
  url: string,
  opts: { config: FastifyContextConfig; params?: TSchema; fields?: string[] },
  describe: (req: ConfirmRequest) => Promise<Confirmation>,
): void {
  const fields = opts.fields ?? [];
  const querystring = Type.Object(
    Object.fromEntries(fields.map((f) => [f, Type.Optional(Type.String({ maxLength: 200 }))])),
  );
  app.get(
    url,
    {
      config: { ...opts.config, confirmationPage: true },
      schema: opts.params ? { params: opts.params, querystring } : { querystring },
    },
    async (req, reply) => {
      const r = req as ConfirmRequest;
      const c = await describe(r);
      const values: Record<string, string> = {};
      for (const f of fields) {
        const v = r.query[f];
        if (typeof v === 'string') values[f] = v;
      }
      return reply.page(
        c.title,
        <ConfirmPage ctx={reply.viewContext()} c={c} action={req.url.split('?')[0]} fields={values} />,
      );
    },
  );
}

async function confirmations(app: FastifyInstance) {
  const actions = new Set<string>();
  const pages = new Set<string>();
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    if (methods.includes('POST') && route.config?.confirm) actions.add(route.url);
    if (methods.includes('GET') && route.config?.confirmationPage) pages.add(route.url);
  });
  app.addHook('onReady', async () => {
    const missing = [...actions].filter((u) => !pages.has(u));
    if (missing.length)
      throw new Error(`POST routes with config.confirm and no confirmation page: ${missing.join(', ')}`);
  });
  // After the CSRF check and validation: an unconfirmed action goes to its confirmation page with the form's fields.
  app.addHook('preHandler', async (req, reply) => {
    const rule = req.routeOptions.config?.confirm;
    if (req.method !== 'POST' || !rule || isApi(req)) return;
    const form = (req.body ?? {}) as Record<string, unknown>;
    if (typeof rule === 'function' && !rule(form)) return;
    if (form[CONFIRMED_FIELD] === CONFIRMED_VALUE) return;
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(form))
      if (k !== '_csrf' && k !== CONFIRMED_FIELD && typeof v === 'string') query.set(k, v);
    const path = req.url.split('?')[0];
    return reply.redirect(query.size ? `${path}?${query}` : path, 303);
  });
}

export default fp(confirmations, { name: 'ctcp-confirmations' });
