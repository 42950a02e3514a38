// The JSON API of a Chair's Summary's publishing, beside the event's (publication.api.ts, whose schemas it shares):
// its latest revision with the pre-publish check's findings, and each step of the two-signature workflow on a revision
// named by its id and the SHA-256 the caller reviewed.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { isUuid } from '../../../platform/db/sql.ts';
import { StringEnum, errorResponses } from '../../../platform/http/api.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { IdParams } from '../shared/api.ts';
import { FindingOut } from '../../publishing/index.ts';
import { revision as revisionOut, StepBody } from '../publication/publication.api.ts';
import type { EventStep } from '../publication/publication.service.ts';
import { runSummaryStep, summaryPublishing } from './summary-publication.service.ts';

const base = { tags: ['events'], security: [{ bearer: [] }] };
const manage = { access: { action: 'event.manage' as const } };

export default async function summaryPublicationApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/events/:id/summary/publishing',
    {
      config: manage,
      schema: {
        ...base,
        operationId: 'getChairsSummaryPublishing',
        summary:
          "An event's Chair's Summary: its latest revision, the findings of the pre-publish check, what readers get",
        params: IdParams,
        response: {
          200: Type.Object({
            revision: Type.Union([Type.Ref('RevisionOut'), Type.Null()]),
            findings: Type.Array(FindingOut),
            public: Type.Union([StringEnum(['current', 'previous', 'under_review'] as const), Type.Null()]),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const p = await summaryPublishing(ctxOf(req), req.params.id);
      return {
        revision: p.latest ? revisionOut(p.latest) : null,
        findings: p.findings,
        public: p.view?.state ?? null,
      };
    },
  );

  const step = (name: EventStep, path: string, operationId: string, summary: string, description: string) =>
    app.post(
      `/api/v1/events/:id/summary/publishing/${path}`,
      {
        config: manage,
        schema: {
          ...base,
          operationId,
          summary,
          description,
          params: IdParams,
          body: StepBody,
          response: { 200: Type.Ref('RevisionOut'), 409: Type.Ref('ErrorBody'), ...errorResponses },
        },
      },
      async (req) => {
        if (!isUuid(req.body.revision)) throw notFound();
        return revisionOut(
          await runSummaryStep(ctxOf(req), req.params.id, name, {
            revisionId: req.body.revision,
            sha256: req.body.sha256,
            acceptances: req.body.acceptances,
          }),
        );
      },
    );
  step(
    'submit',
    'submit',
    'submitChairsSummaryRevision',
    "Submit the Chair's Summary for approval",
    'Runs the pre-publish check over its text; each finding must be accepted with a reason (422).',
  );
  step(
    'approve',
    'approve',
    'approveChairsSummaryRevision',
    "Approve a submitted revision of the Chair's Summary (second signature)",
    'By a publisher who neither wrote nor last edited it, for the exact SHA-256 submitted (403 for the author).',
  );
  step(
    'publish',
    'publish',
    'publishChairsSummaryRevision',
    "Publish an approved revision of the Chair's Summary",
    'Readers of the event page and GET /api/v1/events/{id}/summary then get this text. Hash, author and approver are ' +
      'audited.',
  );
  step(
    'second',
    'second-approval',
    'secondApproveChairsSummaryRevision',
    "Second approval of a Chair's Summary published without one",
    'The summaries published before the workflow (recorded by the system) until a second person approves them.',
  );
}
