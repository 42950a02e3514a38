// The Chair's Summary's publishing page: the state of its latest revision, its text with the pre-publish check's
// findings marked in place (accept each with a reason), and the workflow's steps as forms — the event's publishing page
// (publication.views.tsx) for the summary's own revisions.
import type { Finding } from '../../../platform/integrity/index.ts';
import { PostForm, type FormErrors } from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { Breadcrumb } from '../../../platform/views/lists.tsx';
import { original, textIn } from '../../../platform/i18n/text.ts';
import { ContentVersions, type PublicView } from '../../publishing/index.ts';
import { RevisionFacts, WorkflowActions, type PublicationRights } from '../publication/publication.views.tsx';
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
      <RevisionFacts ctx={ctx} r={r} who={who}>
        <PublicStatus ctx={ctx} view={p.view} slug={e.slug} />
      </RevisionFacts>
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
      <WorkflowActions ctx={ctx} r={r} rights={rights} base={base} hidden={hidden} />
    </section>
  );
}
