// The publishing page of an event's subject (its public text, its Chair's Summary): the state of the latest revision,
// its text with the pre-publish check's findings marked in place (accept each with a reason), and the workflow's steps
// as forms. Each subject passes in how its text is shown, its labels and addresses.
import type { ComponentChildren, JSX } from 'preact';
import type { Finding } from '../../../platform/integrity/index.ts';
import { PostForm, type FormErrors } from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { Breadcrumb } from '../../../platform/views/lists.tsx';
import { textIn } from '../../../platform/i18n/text.ts';
import { WithdrawForm, type PublicView, type Revision } from '../../publishing/index.ts';
import type { SubjectPublishing } from './publishing-subject.service.ts';

export interface PublicationRights {
  submit: boolean;
  sign: boolean;
  publish: boolean;
  /** Takes the published page off line (a publisher). */
  withdraw?: boolean;
}

export const StateBadge = ({ ctx, r }: { ctx: ViewContext; r: Revision | null }) => (
  <span
    class={`badge${!r || r.state === 'draft' ? ' draft' : r.state === 'withdrawn' ? ' badge-warning' : ''}`}
    id="publication-state"
  >
    {r ? ctx.t(`publishing.state.${r.state}`) : ctx.t('events.publication.none')}
  </span>
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
  const hidden = (
    <>
      <input type="hidden" name="revision" value={r?.id ?? ''} />
      <input type="hidden" name="sha256" value={r?.sha256 ?? p.pendingSha256 ?? ''} />
    </>
  );
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
      <RevisionFacts ctx={ctx} r={r} who={who}>
        <PublicStatus ctx={ctx} view={p.view} slug={e.slug} keys={keys} />
      </RevisionFacts>
      <p>
        <a class="button secondary" href={edit}>
          {t(`${keys}.edit`)}
        </a>
      </p>
      {!p.written ? (
        empty
      ) : (!r || r.state === 'draft') && rights.submit ? (
        <PostForm ctx={ctx} action={`${base}/submit`} errors={errors}>
          {hidden}
          <Versions ctx={ctx} text={p.text} findings={p.findings} errors={errors} form values={values} />
          <button type="submit" id="submit-revision">
            {t('events.publication.submit')}
          </button>
        </PostForm>
      ) : r || previewUnrevised ? (
        <>
          {errors ? (
            <div class="error-summary" role="alert">
              <ul>
                {Object.values(errors).map((x) => (
                  <li>{x}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <Versions
            ctx={ctx}
            text={p.text}
            findings={p.findings}
            form={false}
            values={values}
            accepted={Object.fromEntries((r?.acceptances ?? []).map((a) => [a.id, a.reason]))}
          />
        </>
      ) : null}
      <WorkflowActions ctx={ctx} r={r} rights={rights} base={base} hidden={hidden} />
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

/** The facts of a revision (state, hash, who wrote, edited, approved, why forced or withdrawn) and the public page. */
export function RevisionFacts({
  ctx,
  r,
  who,
  children,
}: {
  ctx: ViewContext;
  r: Revision | null;
  who: (id: string | null) => string;
  /** What readers get now (the public page's status). */
  children: ComponentChildren;
}) {
  const { t } = ctx;
  return (
    <dl class="summary-list" id="revision-summary">
      <dt>{t('events.publication.state')}</dt>
      <dd>
        <StateBadge ctx={ctx} r={r} /> {r ? t('publishing.revision', { number: r.number }) : null}
        {r?.forced ? (
          <span class="badge badge-warning">
            {r.secondApproverId ? t('events.publication.forcedConfirmed') : t('publishing.flag.awaiting')}
          </span>
        ) : null}
      </dd>
      {r ? (
        <>
          <dt>{t('events.publication.hash')}</dt>
          <dd>
            <code id="revision-sha256">{r.sha256}</code>
          </dd>
          <dt>{t('events.publication.author')}</dt>
          <dd>{who(r.authorId)}</dd>
          <dt>{t('events.publication.lastEditor')}</dt>
          <dd>{who(r.lastEditorId)}</dd>
          {r.approverId ? (
            <>
              <dt>{t('events.publication.approver')}</dt>
              <dd>{who(r.approverId)}</dd>
            </>
          ) : null}
          {r.forceReason ? (
            <>
              <dt>{t('events.publication.forceReason')}</dt>
              <dd>{r.forceReason}</dd>
            </>
          ) : null}
          {r.withdrawnReason ? (
            <>
              <dt>{t('events.publication.withdrawnReason')}</dt>
              <dd>
                <code>{r.withdrawnReason}</code>
              </dd>
            </>
          ) : null}
        </>
      ) : null}
      <dt>{t('events.publication.publicPage')}</dt>
      <dd>{children}</dd>
    </dl>
  );
}

/** The steps on the latest revision a person may take: approve, publish, approve a forced publication. */
export function WorkflowActions({
  ctx,
  r,
  rights,
  base,
  hidden,
}: {
  ctx: ViewContext;
  r: Revision | null;
  rights: PublicationRights;
  /** The publishing page's address; each step posts to `<base>/<step>`. */
  base: string;
  /** The revision and hash the steps name. */
  hidden: ComponentChildren;
}) {
  const { t } = ctx;
  if (!r) return null;
  return (
    <div class="actions" id="workflow-actions">
      {r.state === 'submitted' && rights.sign ? (
        <PostForm ctx={ctx} action={`${base}/approve`}>
          {hidden}
          <p>{t('events.publication.approveNote')}</p>
          <button type="submit" id="approve-revision">
            {t('events.publication.approve')}
          </button>
        </PostForm>
      ) : null}
      {r.state === 'submitted' && !rights.sign ? <p>{t('events.publication.otherApprover')}</p> : null}
      {r.state === 'approved' && rights.publish ? (
        <PostForm ctx={ctx} action={`${base}/publish`}>
          {hidden}
          <button type="submit" id="publish-revision">
            {t('events.publication.publish')}
          </button>
        </PostForm>
      ) : null}
      {r.state === 'published' && r.forced && !r.secondApproverId && rights.sign ? (
        <PostForm ctx={ctx} action={`${base}/second-approval`}>
          {hidden}
          <p>{t('events.publication.secondApprovalNote')}</p>
          <button type="submit" id="second-approval">
            {t('events.publication.secondApproval')}
          </button>
        </PostForm>
      ) : null}
    </div>
  );
}
