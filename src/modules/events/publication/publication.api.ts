// The JSON API of an event's publishing: its public text's latest revision with the pre-publish check's findings, and
// each step of the two-signature workflow on a revision named by its id and the SHA-256 the caller reviewed.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { isUuid } from '../../../platform/db/sql.ts';
import { StringEnum, errorResponses } from '../../../platform/http/api.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { FindingOut, revisionOut, type Revision } from '../../publishing/index.ts';
import { IdParams } from '../shared/api.ts';
import { eventPublishing, runEventStep, type EventStep } from './publication.service.ts';

const base = { tags: ['events'], security: [{ bearer: [] }] };
const manage = { access: { action: 'event.manage' as const } };

export const StepBody = Type.Object({
  revision: Type.String({ maxLength: 40 }),
  sha256: Type.String({ maxLength: 64, description: 'The SHA-256 of the content the caller reviewed' }),
  acceptances: Type.Optional(
    Type.Array(Type.Object({ id: Type.String({ maxLength: 64 }), reason: Type.String({ maxLength: 500 }) }), {
      maxItems: 200,
    }),
  ),
  reason: Type.Optional(Type.String({ maxLength: 200, description: 'Why the published revision is withdrawn' })),
});

// An event's revision shows whether it went out without a second signature (an event published before the workflow,
// recorded with a reason: adoptPublished) and who gave that signature since.
export const revision = (r: Revision) => revisionOut(r, ['forced', 'forceReason', 'secondApproverId']);

export default async function publicationApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/events/:id/publishing',
    {
      config: manage,
      schema: {
        ...base,
        operationId: 'getEventPublishing',
        summary: "An event's public text: its latest revision, the findings of the pre-publish check, what readers get",
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
      const p = await eventPublishing(ctxOf(req), req.params.id);
      return {
        revision: p.latest ? revision(p.latest) : null,
        findings: p.findings,
        public: p.view?.state ?? null,
      };
    },
  );

  const step = (name: EventStep, path: string, operationId: string, summary: string, description: string) =>
    app.post(
      `/api/v1/events/:id/publishing/${path}`,
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
        return revision(
          await runEventStep(ctxOf(req), req.params.id, name, {
            revisionId: req.body.revision,
            sha256: req.body.sha256,
            acceptances: req.body.acceptances,
            reason: req.body.reason,
          }),
        );
      },
    );
  step(
    'submit',
    'submit',
    'submitEventRevision',
    "Submit the event's public text for approval",
    'Runs the pre-publish check over every language version; each finding must be accepted with a reason (422).',
  );
  step(
    'approve',
    'approve',
    'approveEventRevision',
    'Approve a submitted revision (second signature)',
    'By a publisher who neither wrote nor last edited it, for the exact SHA-256 submitted (403 for the author).',
  );
  step(
    'publish',
    'publish',
    'publishEventRevision',
    'Publish an approved revision',
    'Readers then get this text; a draft event becomes published. Hash, author and approver are audited.',
  );
  step(
    'second',
    'second-approval',
    'secondApproveEventRevision',
    'Second approval of a revision published without one',
    'The events published before the workflow (recorded by the system) until a second person approves them.',
  );
  step(
    'withdraw',
    'withdraw',
    'withdrawEventRevision',
    'Withdraw the published revision',
    'By a publisher, with a reason (422 without one): the event goes off line for everyone but its managers until ' +
      'a new revision is published; registrations are kept. Audited; the publishers are told.',
  );
}
