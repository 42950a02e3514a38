// The event's publishing page and each step of the two-signature workflow as a form posted without JavaScript
// (shared/publishing-subject.routes.tsx): the organizers submit, a publisher who neither wrote nor last edited the text
// approves the exact hash, a publisher publishes it, and a publisher may withdraw it.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { confirmation } from '../../../platform/http/confirm.tsx';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { withdrawConfirmation } from '../../publishing/index.ts';
import { SlugParams } from '../shared/http.ts';
import { subjectPublishingRoutes } from '../shared/publishing-subject.routes.tsx';
import { eventPublishing, runEventStep } from './publication.service.ts';
import { PublicationPage } from './publication.views.tsx';

const manage = { access: { action: 'event.manage' as const } };

export default async function publicationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  subjectPublishingRoutes(app, {
    path: 'publishing',
    titleKey: 'events.publication.title',
    load: eventPublishing,
    run: runEventStep,
    page: PublicationPage,
    steps: [
      ['submit', 'submit', 'events.publication.submitted'],
      ['approve', 'approve', 'events.publication.approved'],
      ['publish', 'publish', 'events.publication.published'],
      ['second', 'second-approval', 'events.publication.secondApproved'],
      ['withdraw', 'withdraw', 'events.publication.withdrawn'],
    ],
  });

  // Withdrawal (a publisher takes the page off line): the publishing page's form (a reason) goes through the
  // platform's confirmation page first.
  confirmation(
    app,
    '/events/:slug/publishing/withdraw',
    { config: manage, params: SlugParams, fields: ['revision', 'sha256', 'reason'] },
    async (req) => {
      const p = await eventPublishing(ctxOf(req), req.params.slug);
      return withdrawConfirmation(
        req.t,
        'events.publication',
        req.query.reason ?? '',
        `/events/${p.event.slug}/publishing`,
      );
    },
  );
}
