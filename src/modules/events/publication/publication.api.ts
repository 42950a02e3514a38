// The JSON API of an event's publishing: its public text's latest revision with the pre-publish check's findings, and
// each step of the two-signature workflow (withdrawal too) on a revision named by its id and the SHA-256 the caller
// reviewed (shared/publishing-subject.api.ts).
import type { FastifyInstance } from 'fastify';
import { subjectPublishingApi } from '../shared/publishing-subject.api.ts';
import { eventPublishing, runEventStep } from './publication.service.ts';

export default async function publicationApi(fastify: FastifyInstance) {
  subjectPublishingApi(fastify, {
    path: 'publishing',
    get: {
      operationId: 'getEventPublishing',
      summary: "An event's public text: its latest revision, the findings of the pre-publish check, what readers get",
    },
    load: eventPublishing,
    run: runEventStep,
    steps: [
      {
        step: 'submit',
        path: 'submit',
        operationId: 'submitEventRevision',
        summary: "Submit the event's public text for approval",
        description:
          'Runs the pre-publish check over every language version; each finding must be accepted with a reason (422).',
      },
      {
        step: 'approve',
        path: 'approve',
        operationId: 'approveEventRevision',
        summary: 'Approve a submitted revision (second signature)',
        description:
          'By a publisher who neither wrote nor last edited it, for the exact SHA-256 submitted (403 for the author).',
      },
      {
        step: 'publish',
        path: 'publish',
        operationId: 'publishEventRevision',
        summary: 'Publish an approved revision',
        description:
          'Readers then get this text; a draft event becomes published. Hash, author and approver are audited.',
      },
      {
        step: 'second',
        path: 'second-approval',
        operationId: 'secondApproveEventRevision',
        summary: 'Second approval of a revision published without one',
        description:
          'The events published before the workflow (recorded by the system) until a second person approves them.',
      },
      {
        step: 'withdraw',
        path: 'withdraw',
        operationId: 'withdrawEventRevision',
        summary: 'Withdraw the published revision',
        description:
          'By a publisher, with a reason (422 without one): the event goes off line for everyone but its managers ' +
          'until a new revision is published; registrations are kept. Audited; the publishers are told.',
      },
    ],
  });
}
