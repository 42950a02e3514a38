// The JSON API of a Chair's Summary's publishing, beside the event's (shared/publishing-subject.api.ts, its schemas):
// its latest revision with the pre-publish check's findings, and each step of the two-signature workflow on a revision
// named by its id and the SHA-256 the caller reviewed. It has no withdrawal step.
import type { FastifyInstance } from 'fastify';
import { subjectPublishingApi } from '../shared/publishing-subject.api.ts';
import { runSummaryStep, summaryPublishing } from './summary-publication.service.ts';

export default async function summaryPublicationApi(fastify: FastifyInstance) {
  subjectPublishingApi(fastify, {
    path: 'summary/publishing',
    get: {
      operationId: 'getChairsSummaryPublishing',
      summary:
        "An event's Chair's Summary: its latest revision, the findings of the pre-publish check, what readers get",
    },
    load: summaryPublishing,
    run: runSummaryStep,
    steps: [
      {
        step: 'submit',
        path: 'submit',
        operationId: 'submitChairsSummaryRevision',
        summary: "Submit the Chair's Summary for approval",
        description: 'Runs the pre-publish check over its text; each finding must be accepted with a reason (422).',
      },
      {
        step: 'approve',
        path: 'approve',
        operationId: 'approveChairsSummaryRevision',
        summary: "Approve a submitted revision of the Chair's Summary (second signature)",
        description:
          'By a publisher who neither wrote nor last edited it, for the exact SHA-256 submitted (403 for the author).',
      },
      {
        step: 'publish',
        path: 'publish',
        operationId: 'publishChairsSummaryRevision',
        summary: "Publish an approved revision of the Chair's Summary",
        description:
          'Readers of the event page and GET /api/v1/events/{id}/summary then get this text. Hash, author and ' +
          'approver are audited.',
      },
      {
        step: 'second',
        path: 'second-approval',
        operationId: 'secondApproveChairsSummaryRevision',
        summary: "Second approval of a Chair's Summary published without one",
        description:
          'The summaries published before the workflow (recorded by the system) until a second person approves them.',
      },
    ],
  });
}
