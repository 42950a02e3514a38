// The managers' page of an event's published figures: each figure with its wording, how people took part, the kinds
// of organizations and its source (works without JavaScript).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { attempt } from '../../../platform/http/forms.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import { textFromForm } from '../../../platform/i18n/text.ts';
import type { FormErrors } from '../../../platform/views/components.tsx';
import { PUBLISHED_FIGURE_KINDS } from '../events.schema.ts';
import { FormBody, SlugParams } from '../shared/http.ts';
import { many, one } from '../shared/forms.ts';
import * as svc from './figures.service.ts';
import { FiguresFormPage, figuresFormValues, type FiguresFormValues } from './figures.views.tsx';
import { ManageMenu } from '../shared/views.tsx';

/** The source fieldsets the form carries (src0…), from its field names. */
const slotsIn = (v: FiguresFormValues) =>
  Math.min(
    svc.MAX_SOURCES,
    Math.max(0, ...Object.keys(v).map((k) => (/^src(\d+)_/.exec(k) ? Number(/^src(\d+)_/.exec(k)![1]) + 1 : 0))),
  );

/** The service's input from the form: the sources shown, and each figure whose value is filled in. */
export function figuresFromForm(v: FiguresFormValues): { input: svc.FiguresInput; labelErrors: FieldError[] } {
  const labelErrors: FieldError[] = [];
  const sources = Array.from({ length: slotsIn(v) }, (_, i) => ({
    label: textFromForm(v, `src${i}_label`, labelErrors, { maxLength: 300 }),
    url: one(v[`src${i}_url`]),
    quote: one(v[`src${i}_quote`]),
    quoteLang: one(v[`src${i}_quoteLang`]),
  }));
  const figures = PUBLISHED_FIGURE_KINDS.flatMap((kind) => {
    const raw = one(v[`fig_${kind}_value`]).replace(/[\s,.\u00a0\u202f]/g, '');
    if (!raw) return [];
    return [
      {
        kind,
        value: /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN,
        qualifier: one(v[`fig_${kind}_qualifier`]) || 'exact',
        mode: one(v[`fig_${kind}_mode`]) || null,
        orgKinds: many(v[`fig_${kind}_kinds`]),
        source: /^\d$/.test(one(v[`fig_${kind}_source`])) ? Number(one(v[`fig_${kind}_source`])) : 0,
      },
    ];
  });
  return { input: { sources, figures }, labelErrors };
}

export default async function figuresRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  const form = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    values?: FiguresFormValues,
    errors?: FormErrors,
  ) => {
    const e = await svc.figuresForEdit(ctxOf(req), slug);
    const v = values ?? figuresFormValues(e.publishedFigures);
    const slots = values
      ? Math.max(1, slotsIn(values))
      : Math.min(svc.MAX_SOURCES, (e.publishedFigures?.sources.length ?? 0) + 1);
    return reply.page(
      req.t('events.figures.title'),
      <>
        <ManageMenu ctx={reply.viewContext()} slug={e.slug} current="figures" week={e.type === 'week'} />
        <FiguresFormPage ctx={reply.viewContext()} e={e} values={v} sourceSlots={slots} errors={errors} />
      </>,
      errors ? 422 : 200,
    );
  };

  app.get(
    '/events/:slug/figures',
    { config: { access: { action: 'event.manage' } }, schema: { params: SlugParams } },
    async (req, reply) => form(req, reply, req.params.slug),
  );

  app.post(
    '/events/:slug/figures',
    { config: { access: { action: 'event.manage' } }, schema: { params: SlugParams, body: FormBody } },
    async (req, reply) => {
      const values = (req.body ?? {}) as FiguresFormValues;
      const rerendered = await attempt(
        req,
        () => {
          const { input, labelErrors } = figuresFromForm(values);
          return svc.savePublishedFigures(ctxOf(req), req.params.slug, input, labelErrors);
        },
        (errors) => form(req, reply, req.params.slug, values, errors),
      );
      if (rerendered) return reply;
      return reply
        .flash(req.t('events.figures.saved'))
        .redirect(`/events/${encodeURIComponent(req.params.slug)}/statistics`, 303);
    },
  );
}
