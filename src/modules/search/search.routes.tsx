// The search page, GET /search: the header's search box submits here (a GET form, so it works without JavaScript).
// Public: an anonymous reader finds what is public (published public events and what belongs to them).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../platform/http/errors.ts';
import type { Values } from '../../platform/i18n/index.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { FRAMEWORK } from '../framework/index.ts';
import { parseSearch, search } from './search.service.ts';
import { SearchPage, type SearchForm } from './search.views.tsx';

const Text = Type.Optional(Type.String({ maxLength: 2000 }));
const PILLARS = FRAMEWORK.filter((f) => f.kind === 'pillar').map((p) => ({ code: p.code, names: p.names }));

export default async function searchRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/search',
    {
      config: { access: 'public' },
      schema: {
        querystring: Type.Object({ q: Text, kind: Text, lang: Text, from: Text, to: Text, pillar: Text, page: Text }),
      },
    },
    async (req, reply) => {
      const r = req.query;
      const form: SearchForm = {
        q: (r.q ?? '').normalize('NFC'),
        kind: r.kind ?? '',
        lang: r.lang ?? '',
        from: r.from ?? '',
        to: r.to ?? '',
        pillar: r.pillar ?? '',
      };
      const page = r.page === undefined || r.page === '' ? 1 : /^\d{1,4}$/.test(r.page) ? Number(r.page) : Number.NaN;
      try {
        const parsed = parseSearch({
          q: form.q,
          kinds: form.kind ? [form.kind] : [],
          language: form.lang,
          from: form.from,
          to: form.to,
          pillar: form.pillar,
          page,
        });
        const result = await search({ ...ctxOf(req), locale: req.locale }, parsed);
        const title = parsed.q ? req.t('search.titleFor', { q: parsed.q }) : req.t('search.title');
        return reply.page(
          title,
          <SearchPage ctx={reply.viewContext()} form={form} result={result} pillars={PILLARS} />,
        );
      } catch (e) {
        if (!(e instanceof AppError) || e.status !== 400) throw e;
        const errors = Object.fromEntries(e.fields.map((f) => [f.field, req.t(f.messageKey, f.values as Values)]));
        return reply.page(
          req.t('search.title'),
          <SearchPage ctx={reply.viewContext()} form={form} result={null} errors={errors} pillars={PILLARS} />,
          400,
        );
      }
    },
  );
}
