// The JSON API of news items: the published news (what readers get), and the editors' use cases — create, edit, and
// each step of the publishing workflow on a revision named by its id and the SHA-256 the caller reviewed.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { isUuid } from '../../../platform/db/sql.ts';
import { StringEnum, errorResponses } from '../../../platform/http/api.ts';
import { invalid, notFound, type FieldError } from '../../../platform/http/errors.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { TranslatableSchema, textFromApi, type TranslatableText } from '../../../platform/i18n/text.ts';
import {
  FindingOut,
  revisionOut,
  stepBody,
  stepFromApi,
  stepResponses,
  type Revision,
} from '../../publishing/index.ts';
import * as svc from './news.service.ts';

const base = { tags: ['news'], security: [{ bearer: [] }] };
// Public reads: anonymous, or with a token.
const pub = { tags: ['news'], security: [{}, { bearer: [] }] as Record<string, string[]>[] };
const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
const SlugParams = Type.Object({ slug: Type.String({ maxLength: 100 }) });
type Access = { access: { action: 'news.manage' | 'publishing.force' } };
const manage: Access = { access: { action: 'news.manage' } };
const force: Access = { access: { action: 'publishing.force' } };

const EventRef = Type.Union([Type.Object({ slug: Type.String(), title: TranslatableSchema }), Type.Null()]);
const NewsOut = Type.Object(
  {
    slug: Type.String(),
    date: Type.String(),
    title: TranslatableSchema,
    summary: TranslatableSchema,
    body: TranslatableSchema,
    event: EventRef,
    state: StringEnum(['current', 'previous', 'under_review'] as const, {
      description: 'current: the published revision; previous: an earlier one while the latest is under review',
    }),
  },
  { $id: 'NewsOut' },
);
const newsFields = {
  title: TranslatableSchema,
  summary: TranslatableSchema,
  body: TranslatableSchema,
  date: Type.String({ maxLength: 10, description: 'YYYY-MM-DD' }),
  event: Type.Optional(Type.String({ maxLength: 200, description: "The related event's address (slug)" })),
};
const NewsBody = Type.Object(newsFields);
const CreateBody = Type.Object({ ...newsFields, slug: Type.String({ maxLength: 80 }) });
// A news item's step also takes the reason of a force-publish (as long as the workflow keeps one).
const StepBody = stepBody(Type.String({ maxLength: 500 }));

// A news item's revision shows a force-publish's deadline for the second approval (24 hours).
const revision = (r: Revision) => revisionOut(r, ['forced', 'forceDeadline', 'secondApproverId']);

const newsOut = (n: svc.PublicNews) => ({
  slug: n.item.slug,
  date: n.content?.date ?? '',
  title: n.content?.title ?? {},
  summary: n.content?.summary ?? {},
  body: n.content?.body ?? {},
  event: n.content?.event ?? null,
  state: n.view.state,
});

function inputFromApi(b: Static<typeof NewsBody>, fields: FieldError[]): svc.NewsInput {
  const text = (name: 'title' | 'summary' | 'body'): TranslatableText =>
    textFromApi(b[name], name, fields, { maxLength: svc.LIMITS[name], required: true });
  return { title: text('title'), summary: text('summary'), body: text('body'), date: b.date, event: b.event ?? '' };
}

export default async function newsApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/news',
    {
      config: { access: 'public' },
      schema: {
        ...pub,
        summary: 'The published news items, newest first (only approved and published content)',
        response: { 200: Type.Object({ data: Type.Array(Type.Ref('NewsOut')) }) },
      },
    },
    async (req) => ({ data: (await svc.listPublicNews(req.server.platform.db)).map(newsOut) }),
  );

  app.get(
    '/api/v1/news/:slug',
    {
      config: { access: 'public' },
      schema: {
        ...pub,
        summary: 'A published news item',
        description:
          'The published revision; while the latest is withdrawn for review, the last earlier approved revision ' +
          '(state previous) or none (state under_review, empty texts).',
        params: SlugParams,
        response: { 200: Type.Ref('NewsOut'), 404: Type.Ref('ErrorBody') },
      },
    },
    async (req) => newsOut(await svc.getPublicNews(req.server.platform.db, req.params.slug)),
  );

  app.post(
    '/api/v1/news',
    {
      config: manage,
      schema: {
        ...base,
        summary: 'Create a news item (its first revision, a draft)',
        body: CreateBody,
        response: { 201: Type.Object({ id: Type.String(), revision: Type.Ref('RevisionOut') }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const fields: FieldError[] = [];
      const input = inputFromApi(req.body, fields);
      const r = await svc.createNews(ctxOf(req), req.body.slug, input, fields);
      return reply.code(201).send({ id: r.item.id, revision: revision(r.revision) });
    },
  );

  app.put(
    '/api/v1/news/manage/:id',
    {
      config: manage,
      schema: {
        ...base,
        summary: 'Edit a news item',
        description:
          'Saves the revision being worked on (back to draft: a submission or approval of other content is void) ' +
          'or starts a new one after the published revision.',
        params: IdParams,
        body: NewsBody,
        response: { 200: Type.Ref('RevisionOut'), ...errorResponses },
      },
    },
    async (req) => {
      if (!isUuid(req.params.id)) throw notFound();
      const fields: FieldError[] = [];
      const input = inputFromApi(req.body, fields);
      return revision(await svc.updateNews(ctxOf(req), req.params.id, input, fields));
    },
  );

  app.get(
    '/api/v1/news/manage/:id/revision',
    {
      config: manage,
      schema: {
        ...base,
        summary: "A news item's latest revision, with the findings of the pre-publish check",
        params: IdParams,
        response: {
          200: Type.Object({ revision: Type.Ref('RevisionOut'), findings: Type.Array(FindingOut) }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      if (!isUuid(req.params.id)) throw notFound();
      const v = await svc.getForEditor(ctxOf(req), req.params.id);
      return { revision: revision(v.latest), findings: v.findings };
    },
  );

  const step = (name: svc.Step, path: string, summary: string, description: string) =>
    app.post(
      `/api/v1/news/manage/:id/${path}`,
      {
        config: name === 'force' ? force : manage,
        schema: {
          ...base,
          summary,
          description,
          params: IdParams,
          body: StepBody,
          response: stepResponses,
        },
      },
      async (req) => {
        if (!isUuid(req.params.id) || !isUuid(req.body.revision)) throw notFound();
        if ((name === 'force' || name === 'withdraw') && !req.body.reason?.trim())
          throw invalid([{ field: 'reason', messageKey: 'publishing.errors.reasonRequired' }]);
        return revision(await svc.runStep(ctxOf(req), req.params.id, name, stepFromApi(req.body)));
      },
    );
  step(
    'submit',
    'submit',
    'Submit a draft revision for approval',
    'Runs the pre-publish check over every language version: 422 with one field error per finding ' +
      '(finding_<id>) unless each is accepted with a reason (acceptances), which is recorded in the audit log.',
  );
  step(
    'approve',
    'approve',
    'Approve a submitted revision',
    'By someone neither its author nor its last editor, for the SHA-256 submitted (409 once the content changed, or ' +
      'when another approver was first).',
  );
  step('publish', 'publish', 'Publish an approved revision', 'Records its hash, author and approver in the audit log.');
  step(
    'force',
    'force-publish',
    'Force-publish a revision (platform administrator)',
    'A reason is required; the check still runs; flagged until a second person approves within 24 hours.',
  );
  step(
    'second',
    'second-approval',
    'Second approval of a force-published revision',
    'By someone other than the publisher, the author and the last editor.',
  );
  step('withdraw', 'withdraw', 'Withdraw the published revision', 'A reason is required; the item goes off line.');
}

export const newsApiSchemas = [NewsOut];
