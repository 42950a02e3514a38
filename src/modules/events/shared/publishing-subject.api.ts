// The JSON API of an event's publishing subject (its public text, its Chair's Summary): the latest revision with the
// pre-publish check's findings, and each step of the two-signature workflow on a revision named by its id and the
// SHA-256 the caller reviewed. Each subject names its address, its operations and the steps it has.
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
import { IdParams } from './api.ts';
import type { EventsContext } from './events.service.ts';
import type { SubjectPublishing, SubjectStep, SubjectStepInput } from './publishing-subject.service.ts';

const base = { tags: ['events'], security: [{ bearer: [] }] };
const manage = { access: { action: 'event.manage' as const } };

const StepBody = stepBody();

// An event's revision shows whether it went out without a second signature (published before the workflow, recorded
// with a reason: adoptPublished) and who gave that signature since.
export const revision = (r: Revision) => revisionOut(r, ['forced', 'forceReason', 'secondApproverId']);

export interface SubjectApi {
  /** Below /api/v1/events/:id/. */
  path: string;
  get: { operationId: string; summary: string };
  load: (ctx: EventsContext, id: string) => Promise<SubjectPublishing<unknown>>;
  run: (ctx: EventsContext, id: string, step: SubjectStep, input: SubjectStepInput) => Promise<Revision>;
  /** The steps it has, each at `<path>/<path of the step>`. */
  steps: { step: SubjectStep; path: string; operationId: string; summary: string; description: string }[];
}

export function subjectPublishingApi(fastify: FastifyInstance, api: SubjectApi) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    `/api/v1/events/:id/${api.path}`,
    {
      config: manage,
      schema: {
        ...base,
        ...api.get,
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
      const p = await api.load(ctxOf(req), req.params.id);
      return {
        revision: p.latest ? revision(p.latest) : null,
        findings: p.findings,
        public: p.view?.state ?? null,
      };
    },
  );

  for (const { step, path, operationId, summary, description } of api.steps)
    app.post(
      `/api/v1/events/:id/${api.path}/${path}`,
      {
        config: manage,
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
        if (!isUuid(req.body.revision)) throw notFound();
        return revision(await api.run(ctxOf(req), req.params.id, step, stepFromApi(req.body)));
      },
    );
}
