// The Chair's Summary's publishing page and each step of the two-signature workflow as a form posted without
// JavaScript, under the same rules as the event's (shared/publishing-subject.routes.tsx): its organizers submit, a
// publisher who neither wrote nor last edited the text approves the exact hash, and a publisher publishes it.
import type { FastifyInstance } from 'fastify';
import { ManageMenu } from '../shared/views.tsx';
import { subjectPublishingRoutes } from '../shared/publishing-subject.routes.tsx';
import { runSummaryStep, summaryPublishing } from './summary-publication.service.ts';
import { SummaryPublicationPage } from './summary-publication.views.tsx';

export default async function summaryPublicationRoutes(fastify: FastifyInstance) {
  subjectPublishingRoutes(fastify, {
    path: 'summary/publishing',
    titleKey: 'events.summaryPublication.title',
    load: summaryPublishing,
    run: runSummaryStep,
    page: (props) => (
      <>
        <ManageMenu ctx={props.ctx} slug={props.p.event.slug} current="summary" week={props.p.event.type === 'week'} />
        <SummaryPublicationPage {...props} />
      </>
    ),
    steps: [
      ['submit', 'submit', 'events.publication.submitted'],
      ['approve', 'approve', 'events.publication.approved'],
      ['publish', 'publish', 'events.summaryPublication.published'],
      ['second', 'second-approval', 'events.publication.secondApproved'],
    ],
  });
}
