// Pages of news items: the public list and article, and the editors' pages (list with states, the form, the review
// page with the findings in place, and each step of the workflow as a form posted without JavaScript).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { can } from '../../../platform/auth/policy.ts';
import { isUuid } from '../../../platform/db/sql.ts';
import { AppError, notFound, type FieldError } from '../../../platform/http/errors.ts';
import { fieldErrors } from '../../../platform/http/forms.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { confirmation } from '../../../platform/http/confirm.tsx';
import { textFormValues, textFromForm } from '../../../platform/i18n/text.ts';
import type { FormErrors } from '../../../platform/views/components.tsx';
import { FindingsError, maySign, stepErrors, stepFromForm, withdrawConfirmation } from '../../publishing/index.ts';
import * as svc from './news.service.ts';
import {
  EditorListPage,
  ForcePublishPage,
  NewsFormPage,
  NewsListPage,
  NewsPage,
  ReviewPage,
  WithdrawPage,
  type ReviewRights,
} from './news.views.tsx';

const Form = Type.Object(
  {},
  {
    additionalProperties: Type.Union([
      Type.String({ maxLength: 60000 }),
      Type.Array(Type.String({ maxLength: 300 }), { maxItems: 200 }),
    ]),
  },
);
type V = Record<string, unknown>;
const one = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');
const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
const SlugParams = Type.Object({ slug: Type.String({ maxLength: 100 }) });
type Access = { access: { action: 'news.manage' | 'publishing.force' } };
const manage: Access = { access: { action: 'news.manage' } };
const force: Access = { access: { action: 'publishing.force' } };

/** The text fields of a submitted form (every language it showed) and the other answers, with the parser's errors. */
export function inputFromForm(v: V, previous: svc.NewsContent | null, fields: FieldError[]): svc.NewsInput {
  const text = (name: 'title' | 'summary' | 'body') =>
    textFromForm(v, name, fields, { maxLength: svc.LIMITS[name], required: true, previous: previous?.[name] });
  return { title: text('title'), summary: text('summary'), body: text('body'), date: one(v.date), event: one(v.event) };
}

const formValues = (c: svc.NewsContent): V => ({
  ...textFormValues('title', c.title),
  ...textFormValues('summary', c.summary),
  ...textFormValues('body', c.body),
  date: c.date,
  event: c.event?.slug ?? '',
});

export default async function newsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/news', { config: { access: 'public' } }, async (req, reply) => {
    const items = await svc.listPublicNews(req.server.platform.db);
    return reply.page(
      req.t('news.title'),
      <NewsListPage ctx={reply.viewContext()} items={items} canManage={can(req.actor, 'news.manage')} />,
    );
  });

  app.get('/news/:slug', { config: { access: 'public' }, schema: { params: SlugParams } }, async (req, reply) => {
    const news = await svc.getPublicNews(req.server.platform.db, req.params.slug);
    const title = news.content ? req.t('news.title') : req.t('news.underReview.title');
    return reply.page(title, <NewsPage ctx={reply.viewContext()} news={news} />);
  });

  // Editors

  app.get('/news/manage', { config: manage }, async (req, reply) => {
    const rows = await svc.listForEditors(ctxOf(req), req.locale);
    return reply.page(req.t('news.manage'), <EditorListPage ctx={reply.viewContext()} rows={rows} />);
  });

  const formPage = (
    req: FastifyRequest,
    reply: FastifyReply,
    o: { action: string; values: V; stored?: svc.NewsContent | null; errors?: FormErrors; creating: boolean },
  ) =>
    reply.page(
      o.creating ? req.t('news.new') : req.t('news.edit'),
      <NewsFormPage ctx={reply.viewContext()} {...o} />,
      o.errors ? 422 : 200,
    );

  app.get('/news/manage/new', { config: manage }, async (req, reply) =>
    formPage(req, reply, { action: '/news/manage', values: {}, creating: true }),
  );

  app.post('/news/manage', { config: manage, schema: { body: Form } }, async (req, reply) => {
    const v = (req.body ?? {}) as V;
    const fields: FieldError[] = [];
    const input = inputFromForm(v, null, fields);
    try {
      const { item } = await svc.createNews(ctxOf(req), one(v.slug), input, fields);
      return reply.flash(req.t('news.saved')).redirect(`/news/manage/${item.id}`, 303);
    } catch (e) {
      if (e instanceof AppError && e.status === 422)
        return formPage(req, reply, {
          action: '/news/manage',
          values: v,
          errors: fieldErrors(req.t, e.fields),
          creating: true,
        });
      throw e;
    }
  });

  const editorView = (req: FastifyRequest, id: string) => {
    if (!isUuid(id)) throw notFound();
    return svc.getForEditor(ctxOf(req), id);
  };

  const rightsOf = (req: FastifyRequest, v: svc.EditorView): ReviewRights => ({
    edit: can(req.actor, 'publishing.author'),
    sign: maySign(req.actor, v.latest),
    publish: can(req.actor, 'publishing.publish'),
    force: can(req.actor, 'publishing.force'),
    withdraw: can(req.actor, 'publishing.withdraw'),
  });

  const review = async (req: FastifyRequest, reply: FastifyReply, id: string, errors?: FormErrors, values?: V) => {
    const v = await editorView(req, id);
    return reply.page(
      req.t('news.review'),
      <ReviewPage ctx={reply.viewContext()} v={v} rights={rightsOf(req, v)} errors={errors} values={values} />,
      errors ? 422 : 200,
    );
  };

  app.get('/news/manage/:id', { config: manage, schema: { params: IdParams } }, async (req, reply) =>
    review(req, reply, req.params.id),
  );

  app.get('/news/manage/:id/edit', { config: manage, schema: { params: IdParams } }, async (req, reply) => {
    const v = await editorView(req, req.params.id);
    return formPage(req, reply, {
      action: `/news/manage/${v.item.id}/edit`,
      values: formValues(v.content),
      stored: v.content,
      creating: false,
    });
  });

  app.post(
    '/news/manage/:id/edit',
    { config: manage, schema: { params: IdParams, body: Form } },
    async (req, reply) => {
      const v = (req.body ?? {}) as V;
      const cur = await editorView(req, req.params.id);
      const fields: FieldError[] = [];
      const input = inputFromForm(v, cur.content, fields);
      try {
        await svc.updateNews(ctxOf(req), cur.item.id, input, fields);
      } catch (e) {
        if (e instanceof AppError && e.status === 422)
          return formPage(req, reply, {
            action: `/news/manage/${cur.item.id}/edit`,
            values: v,
            stored: cur.content,
            errors: fieldErrors(req.t, e.fields),
            creating: false,
          });
        throw e;
      }
      return reply.flash(req.t('news.saved')).redirect(`/news/manage/${cur.item.id}`, 303);
    },
  );

  /** A step posted from the review page: 422 (findings, a missing reason) shows the page again with the errors. */
  const step = (name: svc.Step, path: string, done: string, rerender?: 'force' | 'withdraw') =>
    app.post(
      `/news/manage/:id/${path}`,
      {
        config: { ...(name === 'force' ? force : manage), confirm: name === 'withdraw' },
        schema: { params: IdParams, body: Form },
      },
      async (req, reply) => {
        const v = (req.body ?? {}) as V;
        const id = req.params.id;
        if (!isUuid(id) || !isUuid(one(v.revision))) throw notFound();
        try {
          if (name === 'force' && one(v.confirmed) !== 'yes')
            throw new AppError('validation_failed', 422, 'errors.validation', {}, [
              { field: 'confirmed', messageKey: 'news.errors.confirm' },
            ]);
          await svc.runStep(ctxOf(req), id, name, stepFromForm(v));
        } catch (e) {
          if (e instanceof AppError && (e.status === 422 || e instanceof FindingsError)) {
            const errors = stepErrors(req.t, e);
            if (rerender) {
              const ev = await editorView(req, id);
              const Page = rerender === 'force' ? ForcePublishPage : WithdrawPage;
              return reply.page(
                req.t(`news.${rerender === 'force' ? 'forcePublish' : 'withdraw'}`),
                <Page ctx={reply.viewContext()} v={ev} errors={errors} values={v} />,
                422,
              );
            }
            return review(req, reply, id, errors, v);
          }
          throw e;
        }
        return reply.flash(req.t(done)).redirect(`/news/manage/${id}`, 303);
      },
    );
  step('submit', 'submit', 'news.submitted');
  step('approve', 'approve', 'news.approved');
  step('publish', 'publish', 'news.published');
  step('second', 'second-approval', 'news.secondApproved');
  step('force', 'force-publish', 'news.forcePublished', 'force');
  step('withdraw', 'withdraw', 'news.withdrawn', 'withdraw');

  app.get('/news/manage/:id/force-publish', { config: force, schema: { params: IdParams } }, async (req, reply) => {
    const v = await editorView(req, req.params.id);
    return reply.page(req.t('news.forcePublish'), <ForcePublishPage ctx={reply.viewContext()} v={v} />);
  });

  // Withdrawal: the review page's form (a reason) goes through the platform's confirmation page first.
  confirmation(
    app,
    '/news/manage/:id/withdraw',
    { config: manage, params: IdParams, fields: ['revision', 'sha256', 'reason'] },
    async (req) => {
      const v = await editorView(req, req.params.id);
      return withdrawConfirmation(req.t, 'news', req.query.reason ?? '', `/news/manage/${v.item.id}`, [
        { href: '/news/manage', label: req.t('news.manage') },
        { href: `/news/manage/${v.item.id}`, label: v.item.slug },
      ]);
    },
  );
}
