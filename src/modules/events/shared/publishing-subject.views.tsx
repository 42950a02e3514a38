// The publishing page of an event's subject (its public text, its Chair's Summary): the state of the latest revision,
// its text with the pre-publish check's findings marked in place (accept each with a reason), and the workflow's steps
// as forms. Each subject passes in how its text is shown, its labels and addresses.
import type { ComponentChildren, JSX } from 'preact';
import type { Finding } from '../../../platform/integrity/index.ts';
import type { FormErrors } from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { Breadcrumb } from '../../../platform/views/lists.tsx';
import { textIn } from '../../../platform/i18n/text.ts';
import {
  acceptedReasons,
  RevisionFacts,
  RevisionInputs,
  StateBadge,
  StepErrors,
  SubmitForm,
  WithdrawForm,
  WorkflowActions,
  type PublicView,
  type Revision,
} from '../../publishing/index.ts';
import type { SubjectPublishing } from './publishing-subject.service.ts';

export interface PublicationRights {
  submit: boolean;
  sign: boolean;
  publish: boolean;
  /** Takes the published page off line (a publisher). */
  withdraw?: boolean;
}

/** The state of an event's subject on its pages (its publishing page, the event's management page). */
export const EventStateBadge = ({ ctx, r }: { ctx: ViewContext; r: Revision | null }) => (
  <StateBadge ctx={ctx} r={r} id="publication-state" none={ctx.t('events.publication.none')} />
);

/** What shows the subject's text in each language version, with the check's findings (each accepted with a reason). */
export interface VersionsProps<T> {
  ctx: ViewContext;
  text: T;
  findings: Finding[];
  errors?: FormErrors;
  form: boolean;
  values: Record<string, unknown>;
  accepted?: Record<string, string>;
}

/** What the routes give a subject's publishing page. */
export interface SubjectPageProps<T> {
  ctx: ViewContext;
  p: SubjectPublishing<T>;
  rights: PublicationRights;
  errors?: FormErrors;
  values?: Record<string, unknown>;
}

/** Where the subject's labels are (`<keys>.title`, `.intro`, `.edit`, `.public.<state>`). */
export type SubjectKeys = 'events.publication' | 'events.summaryPublication';

function PublicStatus({
  ctx,
  view,
  slug,
  keys,
}: {
  ctx: ViewContext;
  view: PublicView | null;
  slug: string;
  keys: SubjectKeys;
}) {
  const { t } = ctx;
  if (!view) return <p>{t(`${keys}.public.none`)}</p>;
  return (
    <p>
      {t(`${keys}.public.${view.state}`)} <a href={`/events/${slug}`} dir="ltr">{`/events/${slug}`}</a>
    </p>
  );
}

export function SubjectPublicationPage<T>({
  ctx,
  p,
  rights,
  errors,
  values = {},
  keys,
  base,
  up,
  edit,
  Versions,
  empty,
  previewUnrevised,
}: SubjectPageProps<T> & {
  keys: SubjectKeys;
  /** The publishing page's address. */
  base: string;
  /** The last link of the breadcrumb (the page the subject is managed from). */
  up: { href: string; label: string };
  /** Where its text is edited. */
  edit: string;
  Versions: (props: VersionsProps<T>) => JSX.Element;
  /** Shown instead of the text while nothing is written. */
  empty?: ComponentChildren;
  /** Is the rows' text shown to one who may not submit it while there is no revision? */
  previewUnrevised?: boolean;
}) {
  const { t } = ctx;
  const e = p.event;
  const r = p.latest;
  // What a publisher may withdraw: the revision readers get, even when a newer draft is open.
  const live = p.revisions.find((x) => x.state === 'published');
  const who = (id: string | null) => (id ? (p.people.get(id) ?? '—') : '—');
  const hidden = <RevisionInputs revision={r?.id ?? ''} sha256={r?.sha256 ?? p.pendingSha256 ?? ''} />;
  return (
    <section>
      <Breadcrumb
        links={[
          { href: '/events', label: t('events.title') },
          { href: `/events/${e.slug}`, label: textIn(e.title, ctx.locale) || e.slug },
          up,
        ]}
      />
      <h1>{t(`${keys}.title`)}</h1>
      <p>{t(`${keys}.intro`)}</p>
      <RevisionFacts
        ctx={ctx}
        r={r}
        who={who}
        keys="events.publication"
        none={t('events.publication.none')}
        badgeId="publication-state"
      >
        <dt>{t('events.publication.publicPage')}</dt>
        <dd>
          <PublicStatus ctx={ctx} view={p.view} slug={e.slug} keys={keys} />
        </dd>
      </RevisionFacts>
      <p>
        <a class="button secondary" href={edit}>
          {t(`${keys}.edit`)}
        </a>
      </p>
      {!p.written ? (
        empty
      ) : (!r || r.state === 'draft') && rights.submit ? (
        <SubmitForm
          ctx={ctx}
          action={`${base}/submit`}
          revision={hidden}
          errors={errors}
          button={{ id: 'submit-revision', label: t('events.publication.submit') }}
        >
          <Versions ctx={ctx} text={p.text} findings={p.findings} errors={errors} form values={values} />
        </SubmitForm>
      ) : r || previewUnrevised ? (
        <>
          <StepErrors errors={errors} />
          <Versions
            ctx={ctx}
            text={p.text}
            findings={p.findings}
            form={false}
            values={values}
            accepted={acceptedReasons(r)}
          />
        </>
      ) : null}
      <WorkflowActions ctx={ctx} r={r} rights={rights} base={base} revision={hidden} keys="events.publication" />
      {live && rights.withdraw ? (
        <WithdrawForm
          ctx={ctx}
          action={`${base}/withdraw`}
          revision={live}
          labels={{
            title: t('events.publication.withdraw'),
            note: t('events.publication.withdrawNote'),
            reason: t('events.publication.withdrawReason'),
          }}
          id="withdraw-revision"
          errors={errors}
          values={values}
        />
      ) : null}
    </section>
  );
}
