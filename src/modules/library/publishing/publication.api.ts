// The JSON API of a library document's publication: its state (the latest revision with the check's findings, and
// what the public gets), preparing a draft from the document as it is, and each step on a revision named by its id
// and the SHA-256 the caller reviewed.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { isUuid } from '../../../platform/db/sql.ts';
import { StringEnum, errorResponses } from '../../../platform/http/api.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import {
  FindingOut,
  revisionOut,
  stepBody,
  stepFromApi,
  stepResponses,
  type Revision,
} from '../../publishing/index.ts';
import * as svc from './publication.service.ts';

const base = { tags: ['library'], security: [{ bearer: [] }] };
const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
const signedIn = { access: { action: 'publishing.author' as const } };

const StepBody = stepBody();

// A library document's revision shows its content (what the publisher signs: symbol, title, summary, files); it is
// never force-published.
const revision = (r: Revision) => revisionOut(r, ['content']);

export default async function publicationApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/library/:id/publication',
    {
      config: signedIn,
      schema: {
        ...base,
        operationId: 'getLibraryPublication',
        summary: "A library document's publication to the public",
        description:
          'The latest revision (with the findings of the pre-publish check), whether the document changed since ' +
          'it was prepared, and what anonymous readers get now.',
        params: IdParams,
        response: {
          200: Type.Object({
            revision: Type.Union([Type.Ref('RevisionOut'), Type.Null()]),
            findings: Type.Array(FindingOut),
            stale: Type.Boolean(),
            public: StringEnum(['none', 'current', 'previous', 'under_review'] as const),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      if (!isUuid(req.params.id)) throw notFound();
      const v = await svc.publicationOf(ctxOf(req), req.params.id);
      return {
        revision: v.latest ? revision(v.latest) : null,
        findings: v.findings,
        stale: v.stale,
        public: v.view?.state ?? 'none',
      };
    },
  );

  app.post(
    '/api/v1/library/:id/publication',
    {
      config: signedIn,
      schema: {
        ...base,
        operationId: 'prepareLibraryPublication',
        summary: 'Prepare the next publication from the document as it is now',
        description:
          'Symbol, title and summary, and each language’s latest file revision become the draft (back to draft: a ' +
          'submission or approval is void). A publisher who may manage the document; public unclassified only (422).',
        params: IdParams,
        response: { 200: Type.Ref('RevisionOut'), ...errorResponses },
      },
    },
    async (req) => {
      if (!isUuid(req.params.id)) throw notFound();
      return revision(await svc.prepare(ctxOf(req), req.params.id));
    },
  );

  const step = (name: svc.PublicationStep, operationId: string, summary: string, description: string) =>
    app.post(
      `/api/v1/library/:id/publication/${name}`,
      {
        config: signedIn,
        schema: {
          ...base,
          operationId,
          summary,
          description,
          params: IdParams,
          body: StepBody,
          response: stepResponses,
        },
      },
      async (req) => {
        if (!isUuid(req.params.id) || !isUuid(req.body.revision)) throw notFound();
        return revision(await svc.runStep(ctxOf(req), req.params.id, name, stepFromApi(req.body)));
      },
    );
  step(
    'submit',
    'submitLibraryPublication',
    'Submit a draft publication for approval',
    'Runs the pre-publish check over every language version: 422 with one field error per finding unless each is ' +
      'accepted with a reason (recorded in the audit log). 409 when the document changed since the draft.',
  );
  step(
    'approve',
    'approveLibraryPublication',
    'Approve a submitted publication',
    'By someone neither its author nor its last editor (403), for the SHA-256 submitted (409 once it changed).',
  );
  step(
    'publish',
    'publishLibraryPublication',
    'Publish an approved publication',
    'Anonymous readers then get its signed content; its hash, author and approver go to the audit log.',
  );
  step(
    'withdraw',
    'withdrawLibraryPublication',
    'Withdraw the published publication',
    'By a publisher, with a reason (422 without one): the document goes off line for the public until a new ' +
      'revision is published. Audited; the publishers are told.',
  );
}
