// Views of news items: the public list and article (text only, escaped, in paragraphs), and the editors' pages — the
// list with each item's state, the form, and the review page that shows every language version with the check's
// findings in place and the workflow's steps.
import type { Finding } from '../../../platform/integrity/index.ts';
import type { CheckedTexts } from '../../../platform/integrity/integrity.views.tsx';
import { formatDate } from '../../../platform/i18n/index.ts';
import { Text, TextFields } from '../../../platform/i18n/text.views.tsx';
import { pick, type TranslatableText } from '../../../platform/i18n/text.ts';
import { EmptyState, Field, PostForm, TextArea, type FormErrors } from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { Breadcrumb } from '../../../platform/views/lists.tsx';
import {
  AcceptedFindings,
  acceptedReasons,
  ContentVersions,
  RevisionFacts,
  RevisionInputs,
  StateBadge,
  StepErrors,
  SubmitForm,
  WorkflowActions,
  type PublicView,
} from '../../publishing/index.ts';
import { LIMITS } from './news.fields.ts';
import type { EditorRow, EditorView, NewsContent, PublicNews } from './news.service.ts';

const day = (ctx: ViewContext, d: string) => (d ? formatDate(ctx.locale, `${d}T12:00:00Z`, 'UTC', false) : '');

/** The article itself: what the public page shows and what the monitor renders and checks. */
export function NewsArticle({ ctx, content }: { ctx: ViewContext; content: NewsContent }) {
  const { t } = ctx;
  return (
    <article class="news-article">
      <Text ctx={ctx} value={content.title} as="h1" />
      <p class="muted">
        <time dateTime={content.date}>{day(ctx, content.date)}</time>
      </p>
      <div class="lead">
        <Text ctx={ctx} value={content.summary} as="p" note={false} />
      </div>
      <Text ctx={ctx} value={content.body} as="div" note={false} />
      {content.event ? (
        <p>
          {t('news.relatedEvent')}{' '}
          <a href={`/events/${content.event.slug}`}>
            <Text ctx={ctx} value={content.event.title} note={false} />
          </a>
        </p>
      ) : null}
    </article>
  );
}

export function NewsListPage({ ctx, items, canManage }: { ctx: ViewContext; items: PublicNews[]; canManage: boolean }) {
  const { t } = ctx;
  return (
    <section>
      <h1>{t('news.title')}</h1>
      {canManage ? (
        <p>
          <a href="/news/manage">{t('news.manage')}</a>
        </p>
      ) : null}
      {items.length ? (
        <ul class="news-list">
          {items.map((n) => (
            <li>
              <h2>
                <a href={`/news/${n.item.slug}`}>
                  <Text ctx={ctx} value={n.content!.title} note={false} />
                </a>
              </h2>
              <p class="muted">
                <time dateTime={n.content!.date}>{day(ctx, n.content!.date)}</time>
              </p>
              <Text ctx={ctx} value={n.content!.summary} as="p" note={false} />
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{t('news.empty')}</EmptyState>
      )}
    </section>
  );
}

export function NewsPage({ ctx, news }: { ctx: ViewContext; news: PublicNews }) {
  const { t } = ctx;
  return (
    <section>
      <Breadcrumb links={[{ href: '/news', label: t('news.title') }]} />
      {news.view.state === 'previous' ? (
        <p class="notice" role="note" id="news-previous">
          {t('news.previousVersion')}
        </p>
      ) : null}
      {news.content ? (
        <NewsArticle ctx={ctx} content={news.content} />
      ) : (
        <div id="news-under-review">
          <h1>{t('news.underReview.title')}</h1>
          <p>{t('news.underReview.text')}</p>
        </div>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Editors

const crumbs = (ctx: ViewContext) => [
  { href: '/news', label: ctx.t('news.title') },
  { href: '/news/manage', label: ctx.t('news.manage') },
];

export function EditorListPage({ ctx, rows }: { ctx: ViewContext; rows: EditorRow[] }) {
  const { t } = ctx;
  return (
    <section>
      <Breadcrumb links={[{ href: '/news', label: t('news.title') }]} />
      <h1>{t('news.manage')}</h1>
      <p>{t('news.manageIntro')}</p>
      <p>
        <a class="button" href="/news/manage/new">
          {t('news.new')}
        </a>
      </p>
      {rows.length ? (
        <table class="stack" id="news-editor-list">
          <caption class="visually-hidden">{t('news.manage')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('news.field.title')}</th>
              <th scope="col">{t('news.state')}</th>
              <th scope="col">{t('news.revision')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td data-label={t('news.field.title')}>
                  <a href={`/news/manage/${r.item.id}`}>{r.title}</a>
                </td>
                <td data-label={t('news.state')}>
                  <StateBadge ctx={ctx} r={r.latest} />
                  {r.latest?.forced && !r.latest.secondApproverId ? (
                    <span class="badge badge-warning">{t('publishing.flag.awaiting')}</span>
                  ) : null}
                </td>
                <td data-label={t('news.revision')}>{r.latest?.number ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState>{t('news.empty')}</EmptyState>
      )}
    </section>
  );
}

export function NewsFormPage({
  ctx,
  action,
  values,
  stored,
  errors,
  creating,
}: {
  ctx: ViewContext;
  action: string;
  values: Record<string, unknown>;
  stored?: NewsContent | null;
  errors?: FormErrors;
  creating: boolean;
}) {
  const { t } = ctx;
  const v = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
  return (
    <section>
      <Breadcrumb links={crumbs(ctx)} />
      <h1>{creating ? t('news.new') : t('news.edit')}</h1>
      {creating ? null : <p>{t('news.editNote')}</p>}
      <PostForm ctx={ctx} action={action} errors={errors}>
        {creating ? (
          <Field
            name="slug"
            label={t('news.field.slug')}
            hint={t('news.field.slugHint')}
            value={v('slug')}
            error={errors?.slug}
            dirAuto={false}
            dir="ltr"
            maxLength={80}
          />
        ) : null}
        <TextFields
          ctx={ctx}
          name="title"
          label={t('news.field.title')}
          values={values}
          stored={stored?.title}
          errors={errors}
          maxLength={LIMITS.title}
        />
        <TextFields
          ctx={ctx}
          name="summary"
          label={t('news.field.summary')}
          values={values}
          stored={stored?.summary}
          errors={errors}
          long
          maxLength={LIMITS.summary}
        />
        <TextFields
          ctx={ctx}
          name="body"
          label={t('news.field.body')}
          values={values}
          stored={stored?.body}
          errors={errors}
          long
          maxLength={LIMITS.body}
        />
        <Field name="date" type="date" label={t('news.field.date')} value={v('date')} error={errors?.date} />
        <Field
          name="event"
          label={t('news.field.event')}
          hint={t('news.field.eventHint')}
          value={v('event')}
          error={errors?.event}
          dir="ltr"
        />
        <button type="submit">{t('news.saveDraft')}</button>
      </PostForm>
    </section>
  );
}

/** The checked texts by field, as the check names them (the integrity views show each finding in its text). */
const checkedTexts = (c: NewsContent): CheckedTexts => ({
  title: c.title,
  summary: c.summary,
  body: c.body,
  date: c.date,
  'event.slug': c.event?.slug ?? null,
  'event.title': c.event?.title ?? null,
});

/**
 * Every language version of the content with the check's findings marked where they are, then the findings one by one
 * (the integrity views: an excerpt, the characters, and for the editor an accept box with a reason each).
 */
function LanguageVersions({
  ctx,
  content,
  ...rest
}: {
  ctx: ViewContext;
  content: NewsContent;
  findings: Finding[];
  errors?: FormErrors;
  form: boolean;
  values: Record<string, unknown>;
  accepted?: Record<string, string>;
}) {
  const { t } = ctx;
  return (
    <ContentVersions
      ctx={ctx}
      texts={{ title: content.title, summary: content.summary, body: content.body }}
      fields={[{ name: 'title' }, { name: 'summary' }, { name: 'body', block: true }]}
      classPrefix="news"
      checked={checkedTexts(content)}
      labels={{
        title: t('news.field.title'),
        summary: t('news.field.summary'),
        body: t('news.field.body'),
        date: t('news.field.date'),
        'event.slug': t('news.field.event'),
        'event.title': t('news.field.event'),
      }}
      {...rest}
    />
  );
}

export interface ReviewRights {
  edit: boolean;
  sign: boolean;
  publish: boolean;
  force: boolean;
  withdraw: boolean;
}

const who = (v: EditorView, id: string | null) => (id ? (v.people.get(id) ?? '—') : '—');

function PublicStatus({ ctx, view, slug }: { ctx: ViewContext; view: PublicView | null; slug: string }) {
  const { t } = ctx;
  if (!view) return <p>{t('news.public.none')}</p>;
  return (
    <p>
      {t(`news.public.${view.state}`)} <a href={`/news/${slug}`} dir="ltr">{`/news/${slug}`}</a>
    </p>
  );
}

export function ReviewPage({
  ctx,
  v,
  rights,
  errors,
  values = {},
}: {
  ctx: ViewContext;
  v: EditorView;
  rights: ReviewRights;
  errors?: FormErrors;
  values?: Record<string, unknown>;
}) {
  const { t } = ctx;
  const r = v.latest;
  const base = `/news/manage/${v.item.id}`;
  const hidden = <RevisionInputs revision={r.id} sha256={r.sha256} />;
  const open = r.state === 'draft' || r.state === 'submitted' || r.state === 'approved';
  const title = pick(v.content.title as TranslatableText, ctx.locale)?.text ?? v.item.slug;
  return (
    <section>
      <Breadcrumb links={crumbs(ctx)} />
      <h1>{title}</h1>
      <RevisionFacts ctx={ctx} r={r} who={(id) => who(v, id)} keys="news" publisher>
        <dt>{t('news.date')}</dt>
        <dd>{day(ctx, v.content.date)}</dd>
        <dt>{t('news.publicPage')}</dt>
        <dd>
          <PublicStatus ctx={ctx} view={v.view} slug={v.item.slug} />
        </dd>
      </RevisionFacts>
      {rights.edit ? (
        <p>
          <a class="button secondary" href={`${base}/edit`}>
            {r.state === 'published' || r.state === 'withdrawn' || r.state === 'superseded'
              ? t('news.newRevision')
              : t('news.edit')}
          </a>
        </p>
      ) : null}
      {r.state === 'draft' && rights.edit ? (
        <SubmitForm
          ctx={ctx}
          action={`${base}/submit`}
          revision={hidden}
          errors={errors}
          button={{ id: 'submit-revision', label: t('news.submit') }}
        >
          <LanguageVersions ctx={ctx} content={v.content} findings={v.findings} errors={errors} form values={values} />
        </SubmitForm>
      ) : (
        <>
          <StepErrors errors={errors} />
          <LanguageVersions
            ctx={ctx}
            content={v.content}
            findings={v.findings}
            form={false}
            values={values}
            accepted={acceptedReasons(r)}
          />
        </>
      )}
      <AcceptedFindings r={r} title={t('news.accepted')} />
      <WorkflowActions
        ctx={ctx}
        r={r}
        rights={rights}
        base={base}
        revision={hidden}
        keys="news"
        otherApprover={rights.publish}
      >
        {open && rights.force ? (
          <p>
            <a href={`${base}/force-publish`}>{t('news.forcePublish')}</a>
          </p>
        ) : null}
        {r.state === 'published' && rights.withdraw ? (
          <PostForm ctx={ctx} action={`${base}/withdraw`}>
            {hidden}
            <TextArea name="reason" label={t('news.withdrawReason')} maxLength={200} rows={2} required />
            <button type="submit" class="danger" id="withdraw-revision">
              {t('news.withdraw')}
            </button>
          </PostForm>
        ) : null}
      </WorkflowActions>
    </section>
  );
}

/** The force-publish page: the reason, the findings to accept, and a confirmation box. */
export function ForcePublishPage({
  ctx,
  v,
  errors,
  values = {},
}: {
  ctx: ViewContext;
  v: EditorView;
  errors?: FormErrors;
  values?: Record<string, unknown>;
}) {
  const { t } = ctx;
  const r = v.latest;
  return (
    <section>
      <Breadcrumb links={crumbs(ctx)} />
      <h1>{t('news.forcePublish')}</h1>
      <p class="notice">{t('news.forceWarning')}</p>
      <PostForm ctx={ctx} action={`/news/manage/${v.item.id}/force-publish`} errors={errors}>
        <RevisionInputs revision={r.id} sha256={r.sha256} />
        <LanguageVersions ctx={ctx} content={v.content} findings={v.findings} errors={errors} form values={values} />
        <TextArea
          name="reason"
          label={t('news.forceReason')}
          value={typeof values.reason === 'string' ? values.reason : ''}
          error={errors?.reason}
          maxLength={500}
          required
        />
        <div class="field checkbox">
          <input type="checkbox" id="f-confirmed" name="confirmed" value="yes" />
          <label for="f-confirmed">{t('news.forceConfirm')}</label>
        </div>
        {errors?.confirmed ? <p class="error">{errors.confirmed}</p> : null}
        <button type="submit" class="danger" id="force-publish">
          {t('news.forcePublish')}
        </button>
      </PostForm>
    </section>
  );
}

/** The withdrawal page: a reason, then the subject is off line. */
export function WithdrawPage({
  ctx,
  v,
  errors,
  values = {},
}: {
  ctx: ViewContext;
  v: EditorView;
  errors?: FormErrors;
  values?: Record<string, unknown>;
}) {
  const { t } = ctx;
  const r = v.latest;
  return (
    <section>
      <Breadcrumb links={crumbs(ctx)} />
      <h1>{t('news.withdraw')}</h1>
      <p>{t('news.withdrawNote')}</p>
      <PostForm ctx={ctx} action={`/news/manage/${v.item.id}/withdraw`} errors={errors}>
        <RevisionInputs revision={r.id} sha256={r.sha256} />
        <TextArea
          name="reason"
          label={t('news.withdrawReason')}
          value={typeof values.reason === 'string' ? values.reason : ''}
          error={errors?.reason}
          maxLength={200}
          required
        />
        <button type="submit" class="danger">
          {t('news.withdraw')}
        </button>
      </PostForm>
    </section>
  );
}
