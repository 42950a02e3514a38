// Public interface of the publishing module: the two-signature workflow every public content type goes through
// (revisions of a subject, the pre-publish check, approval bound to the content's hash, force-publish, withdrawal), the
// public view of a subject, the kinds' registry and the monitor job. docs/architecture.md, "Publishing".
import { defineModule } from '../../platform/modules/module.ts';
import { publishingPolicy } from './publishing.policy.ts';
import flagsRoutes from './flags/flags.routes.tsx';
import { monitorJob } from './monitor/monitor.job.ts';
import { RevisionOut } from './publishing.api.ts';

export {
  adoptPublished,
  approve,
  canonicalJson,
  checkContent,
  contentSha256,
  forcePublish,
  FindingsError,
  FORCE_WINDOW_HOURS,
  getRevision,
  hasPublicRevision,
  latestRevisions,
  maySign,
  normalizeContent,
  peopleNames,
  publicView,
  publicViews,
  publish,
  REASON_MAX,
  revisionPeople,
  revisionsOf,
  saveDraft,
  secondApprove,
  subjectRevision,
  submit,
  takeStep,
  verifies,
  withdraw,
  type AcceptanceInput,
  type PublicContent,
  type PublicState,
  type PublicValue,
  type PublicView,
  type PublishingContext,
  type Revision,
  type RevisionState,
  type StepInput,
  type Subject,
  type WorkflowStep,
} from './workflow/workflow.service.ts';
export { acceptancesFromForm, stepErrors, stepFromForm, withdrawConfirmation } from './workflow/workflow.routes.tsx';
export { registerPublicKind, type PublicKind } from './workflow/kinds.ts';
export {
  AcceptedFindings,
  acceptedReasons,
  ContentVersions,
  RevisionFacts,
  RevisionInputs,
  StateBadge,
  StepErrors,
  SubmitForm,
  WithdrawForm,
  WorkflowActions,
  type VersionField,
} from './workflow/workflow.views.tsx';
export { runMonitor, inspect, renderedText } from './monitor/monitor.service.ts';
export { monitorJob } from './monitor/monitor.job.ts';
export { PUBLISHER_ROLES } from './publishing.policy.ts';
export { REVISION_STATES } from './publishing.schema.ts';
export {
  FindingOut,
  RevisionOut,
  revisionOut,
  stepBody,
  stepFromApi,
  stepResponses,
  type RevisionExtra,
} from './publishing.api.ts';
export { DEMO_SIGNERS, publishAsDemo, type DemoDraft, type DemoOptions, type DemoSigners } from './publishing.seed.ts';

export const module = defineModule({
  name: 'publishing',
  policy: publishingPolicy,
  routes: [flagsRoutes],
  nav: [{ order: 137, href: '/admin/publishing', labelKey: 'nav.publishing' }],
  jobs: [monitorJob],
  // The one revision schema of the content types' APIs (events, library, news), registered here once.
  apiSchemas: [RevisionOut],
});
