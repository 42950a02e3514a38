// Schemas and mappers shared by the JSON APIs of the content types that publish through the two signatures (events,
// library documents, news): a revision of a subject, a finding of the pre-publish check, and the body of a step.
// RevisionOut is registered once, by this module (its apiSchemas), under one $id: the APIs name it with
// Type.Ref('RevisionOut').
import { Type, type Static } from 'typebox';
import { NullableString, StringEnum, errorResponses } from '../../platform/http/api.ts';
import { REVISION_STATES } from './publishing.schema.ts';
import type { Revision, StepInput } from './workflow/workflow.service.ts';

export const FindingOut = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  lang: NullableString(),
  field: Type.String(),
  start: Type.Integer(),
  end: Type.Integer(),
  match: Type.String(),
});

// The optional fields are those only some content types' APIs return (see RevisionExtra): one schema fits them all,
// and each route answers the fields and values it always did (an absent optional field is not serialized; the
// serializer writes the optional ones after the required ones).
export const RevisionOut = Type.Object(
  {
    id: Type.String(),
    number: Type.Integer(),
    state: StringEnum(REVISION_STATES),
    sha256: Type.String(),
    content: Type.Optional(
      Type.Object(
        {},
        {
          additionalProperties: true,
          description: 'The signed content, { text, values } (library: { text: { title, summary }, values })',
        },
      ),
    ),
    authorId: NullableString(),
    lastEditorId: NullableString(),
    approverId: NullableString(),
    publishedBy: NullableString(),
    publishedSha256: NullableString(),
    forced: Type.Optional(Type.Boolean()),
    forceReason: Type.Optional(NullableString()),
    forceDeadline: Type.Optional(NullableString()),
    secondApproverId: Type.Optional(NullableString()),
    acceptances: Type.Array(Type.Object({ id: Type.String(), reason: Type.String(), match: Type.String() })),
  },
  { $id: 'RevisionOut' },
);

/** The fields of RevisionOut a content type's API adds to the ones every revision has. */
export type RevisionExtra = 'content' | 'forced' | 'forceReason' | 'forceDeadline' | 'secondApproverId';

/** A revision as RevisionOut, with the optional fields the caller's API returns (`extras`) and no others. */
export function revisionOut(r: Revision, extras: readonly RevisionExtra[] = []) {
  const has = (f: RevisionExtra) => extras.includes(f);
  return {
    id: r.id,
    number: r.number,
    state: r.state,
    sha256: r.sha256,
    ...(has('content') && { content: r.content as unknown as Record<string, unknown> }),
    authorId: r.authorId,
    lastEditorId: r.lastEditorId,
    approverId: r.approverId,
    publishedBy: r.publishedBy,
    publishedSha256: r.publishedSha256,
    ...(has('forced') && { forced: r.forced }),
    ...(has('forceReason') && { forceReason: r.forceReason }),
    ...(has('forceDeadline') && { forceDeadline: r.forceDeadline?.toISOString() ?? null }),
    ...(has('secondApproverId') && { secondApproverId: r.secondApproverId }),
    acceptances: r.acceptances.map((a) => ({ id: a.id, reason: a.reason, match: a.match })),
  };
}

/**
 * The body of a step on a revision: the revision, the SHA-256 the caller reviewed, the findings accepted with a reason
 * each, and the reason of a withdrawal (`reason`: its schema where the kind also takes it for a force-publish).
 */
export const stepBody = (
  reason = Type.String({ maxLength: 200, description: 'Why the published revision is withdrawn' }),
) =>
  Type.Object({
    revision: Type.String({ maxLength: 40 }),
    sha256: Type.String({ maxLength: 64, description: 'The SHA-256 of the content the caller reviewed' }),
    acceptances: Type.Optional(
      Type.Array(Type.Object({ id: Type.String({ maxLength: 64 }), reason: Type.String({ maxLength: 500 }) }), {
        maxItems: 200,
      }),
    ),
    reason: Type.Optional(reason),
  });

/** What a step answers: the revision after it, 409 when its content changed or another signer was first. */
export const stepResponses = { 200: Type.Ref('RevisionOut'), 409: Type.Ref('ErrorBody'), ...errorResponses };

/** A step's body as the workflow's input. */
export const stepFromApi = (b: Static<ReturnType<typeof stepBody>>): StepInput => ({
  revisionId: b.revision,
  sha256: b.sha256,
  acceptances: b.acceptances,
  reason: b.reason,
});
