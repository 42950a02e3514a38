// The Chair's Summary's publishing page: the state of its latest revision, its text with the pre-publish check's
// findings marked in place (accept each with a reason), and the workflow's steps as forms — the event's publishing page
// (publication.views.tsx) for the summary's own revisions.
import type { Finding } from '../../../platform/integrity/index.ts';
import { PostForm, type FormErrors } from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { Breadcrumb } from '../../../platform/views/lists.tsx';
import { original, textIn } from '../../../platform/i18n/text.ts';
import { ContentVersions, type PublicView } from '../../publishing/index.ts';
import { StateBadge, type PublicationRights } from '../publication/publication.views.tsx';
import type { SummaryPublishing, SummaryText } from './summary-publication.service.ts';

function SummaryVersions({
  ctx,
  text,
  findings,
  ...rest
}: {
  ctx: ViewContext;
  text: SummaryText;
  findings: Finding[];
  errors?: FormErrors;
  form: boolean;
  values: Record<string, unknown>;
  accepted?: Record<string, string>;
}) {
  const { t } = ctx;
  const texts = {
    conclusions: text.conclusions.length ? original(text.language, text.conclusions.join('\n')) : {},
    recommendations: text.recommendations.length ? original(text.language, text.recommendations.join('\n')) : {},
  };
  return (
    <ContentVersions
      ctx={ctx}
      texts={texts}
      fields={[
        { name: 'conclusions', block: true, label: t('events.outputs.conclusions') },
        { name: 'recommendations', block: true, label: t('events.outputs.recommendations') },
      ]}
      classPrefix="summary"
      checked={texts}
      labels={{ conclusions: t('events.outputs.conclusions'), recommendations: t('events.outputs.recommendations') }}
      findings={findings}
      {...rest}
    />
  );
}

function PublicStatus({ ctx, view, slug }: { ctx: ViewContext; view: PublicView | null; slug: string }) {
  const { t } = ctx;
  if (!view) return <p>{t('events.summaryPublication.public.none')}</p>;
  return (
    <p>
      {t(`events.summaryPublication.public.${view.state}`)}{' '}
      <a href={`/events/${slug}`} dir="ltr">{`/events/${slug}`}</a>
    </p>
  );
}

export function SummaryPublicationPage({
  ctx,
  p,
  rights,
  errors,
  values = {},
}: {
  ctx: ViewContext;
  p: SummaryPublishing;
  rights: PublicationRights;
  errors?: FormErrors;
  values?: Record<string, unknown>;
}) {
  const { t } = ctx;
  const e = p.event;
  const r = p.latest;
  const base = `/events/${e.slug}/summary/publishing`;
  const who = (id: string | null) => (id ? (p.people.get(id) ?? '—') : '—');
  const hidden = (
    <>
      <input type="hidden" name="revision" value={r?.id ?? ''} />
      <input type="hidden" name="sha256" value={r?.sha256 ?? p.pendingSha256 ?? ''} />
    </>
  );
  const errorList = errors ? (
    <div class="error-summary" role="alert">
      <ul>
        {Object.values(errors).map((x) => (
          <li>{x}</li>
        ))}
      </ul>
    </div>
  ) : null;
  return (
    <section>
      <Breadcrumb
        links={[
          { href: '/events', label: t('events.title') },
          { href: `/events/${e.slug}`, label: textIn(e.title, ctx.locale) || e.slug },
          { href: `/events/${e.slug}/summary`, label: t('events.outputs.summary') },
        ]}
      />
      <h1>{t('events.summaryPublication.title')}</h1>
      <p>{t('events.summaryPublication.intro')}</p>
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
        <dd>
          <PublicStatus ctx={ctx} view={p.view} slug={e.slug} />
        </dd>
      </dl>
      <p>
        <a class="button secondary" href={`/events/${e.slug}/summary`}>
          {t('events.summaryPublication.edit')}
        </a>
      </p>
      {!p.written ? (
        <p id="summary-empty">{t('events.summaryPublication.empty')}</p>
      ) : (!r || r.state === 'draft') && rights.submit ? (
        <PostForm ctx={ctx} action={`${base}/submit`} errors={errors}>
          {hidden}
          <SummaryVersions ctx={ctx} text={p.text} findings={p.findings} errors={errors} form values={values} />
          <button type="submit" id="submit-revision">
            {t('events.publication.submit')}
          </button>
        </PostForm>
      ) : (
        <>
          {errorList}
          <SummaryVersions
            ctx={ctx}
            text={p.text}
            findings={p.findings}
            form={false}
            values={values}
            accepted={Object.fromEntries((r?.acceptances ?? []).map((a) => [a.id, a.reason]))}
          />
        </>
      )}
      {r ? (
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
      ) : null}
    </section>
  );
}
