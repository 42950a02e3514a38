// The publication page of a library document (its editors and signers): what the public gets now, the revision being
// prepared with every language version and the check's findings in place (the integrity views: an accept box and a
// reason per finding), the files it names, and the workflow's steps as forms posted without JavaScript.
import type { Finding } from '../../../platform/integrity/index.ts';
import { Findings, MarkedText } from '../../../platform/integrity/integrity.views.tsx';
import { AUTONYMS, LOCALES, dir, type Locale } from '../../../platform/i18n/index.ts';
import { PostForm, type FormErrors } from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { Breadcrumb } from '../../../platform/views/lists.tsx';
import {
  AcceptedFindings,
  acceptedReasons,
  RevisionFacts,
  RevisionInputs,
  StepErrors,
  SubmitForm,
  WithdrawForm,
  WorkflowActions,
  type PublicView,
} from '../../publishing/index.ts';
import type { DocumentContent } from './publication.content.ts';
import type { PublicationView } from './publication.service.ts';

/** What the public gets of the document now (shown on the document page and the publication page). */
export function PublicStatus({ ctx, view }: { ctx: ViewContext; view: PublicView | null }) {
  return <span id="public-status">{ctx.t(`library.publication.public.${view ? view.state : 'none'}`)}</span>;
}

/** Every language version of the signed content, with the findings in place and the file each names. */
function Versions({
  ctx,
  c,
  findings,
  editor,
  values,
  errors,
  accepted,
}: {
  ctx: ViewContext;
  c: DocumentContent;
  findings: Finding[];
  editor: boolean;
  values: Record<string, unknown>;
  errors?: FormErrors;
  accepted?: Record<string, string>;
}) {
  const { t } = ctx;
  const langs = LOCALES.filter((l) => c.title[l]?.text || c.summary[l]?.text || c.files[l]);
  return (
    <>
      {langs.map((l: Locale) => {
        const here = findings.filter((f) => f.lang === l);
        const file = c.files[l];
        return (
          <section class="language-version" lang={l} dir={dir(l)} id={`version-${l}`}>
            <h2 lang={ctx.locale} dir={dir(ctx.locale)}>
              {AUTONYMS[l]}
            </h2>
            {c.title[l]?.text ? (
              <h3>
                <MarkedText text={c.title[l]!.text} findings={here.filter((x) => x.field === 'title')} />
              </h3>
            ) : null}
            {c.summary[l]?.text ? (
              <p>
                <MarkedText text={c.summary[l]!.text} findings={here.filter((x) => x.field === 'summary')} />
              </p>
            ) : null}
            <p lang={ctx.locale} dir={dir(ctx.locale)}>
              {file ? (
                <>
                  {t('library.publication.file', { revision: file.revision })} <bdi>{file.name}</bdi>{' '}
                  <code class="hash">{file.sha256}</code>
                </>
              ) : (
                t('library.publication.noFile')
              )}
            </p>
          </section>
        );
      })}
      <Findings
        ctx={ctx}
        findings={findings}
        texts={{ title: c.title, summary: c.summary, symbol: c.symbol }}
        labels={{ title: t('library.documentTitle'), summary: t('library.summary'), symbol: t('library.symbol') }}
        editor={editor}
        values={values}
        errors={errors}
        accepted={accepted}
      />
    </>
  );
}

export function PublicationPage({
  ctx,
  v,
  errors,
  values = {},
}: {
  ctx: ViewContext;
  v: PublicationView;
  errors?: FormErrors;
  values?: Record<string, unknown>;
}) {
  const { t } = ctx;
  const r = v.latest;
  const base = `/library/${v.doc.id}/publication`;
  const who = (id: string | null) => (id ? (v.people.get(id) ?? '—') : '—');
  const hidden = r ? <RevisionInputs revision={r.id} sha256={r.sha256} /> : null;
  const closed = !r || !['draft', 'submitted', 'approved'].includes(r.state);
  // What a publisher may withdraw: the revision readers get, even when a newer draft is open.
  const live = v.revisions.find((x) => x.state === 'published');
  return (
    <section>
      <Breadcrumb
        links={[
          { href: '/library', label: t('library.title') },
          { href: `/library/${v.doc.id}`, label: v.doc.symbol },
        ]}
      />
      <h1>{t('library.publication.title', { symbol: v.doc.symbol })}</h1>
      <p class="lead">{t('library.publication.intro')}</p>
      <StepErrors errors={errors} />
      <RevisionFacts
        ctx={ctx}
        r={r}
        who={who}
        keys="library.publication"
        publisher
        before={
          <>
            <dt>{t('library.publication.publicNow')}</dt>
            <dd>
              <PublicStatus ctx={ctx} view={v.view} />
            </dd>
          </>
        }
      />
      {v.stale ? (
        <p class="notice" role="note" id="publication-stale">
          {t('library.publication.stale')}
        </p>
      ) : null}
      {v.rights.author && (closed || v.stale) ? (
        <PostForm ctx={ctx} action={`${base}/prepare`}>
          <button type="submit" id="prepare-publication">
            {r ? t('library.publication.prepareNext') : t('library.publication.prepare')}
          </button>
        </PostForm>
      ) : null}
      {!r || !v.content ? (
        <p>{t('library.publication.nothing')}</p>
      ) : r.state === 'draft' && v.rights.author && !v.stale ? (
        <SubmitForm
          ctx={ctx}
          action={`${base}/submit`}
          revision={hidden}
          errors={errors}
          button={{ id: 'submit-publication', label: t('library.publication.submit') }}
        >
          <Versions ctx={ctx} c={v.content} findings={v.findings} editor values={values} errors={errors} />
        </SubmitForm>
      ) : (
        <Versions
          ctx={ctx}
          c={v.content}
          findings={v.findings}
          editor={false}
          values={values}
          accepted={acceptedReasons(r)}
        />
      )}
      <AcceptedFindings r={r} title={t('library.publication.accepted')} />
      {!v.stale ? (
        <WorkflowActions
          ctx={ctx}
          r={r}
          rights={v.rights}
          base={base}
          revision={hidden}
          keys="library.publication"
          ids="publication"
        />
      ) : null}
      {live && v.rights.withdraw ? (
        <WithdrawForm
          ctx={ctx}
          action={`${base}/withdraw`}
          revision={live}
          labels={{
            title: t('library.publication.withdraw'),
            note: t('library.publication.withdrawNote'),
            reason: t('library.publication.withdrawReason'),
          }}
          id="withdraw-publication"
          errors={errors}
          values={values}
        />
      ) : null}
    </section>
  );
}
