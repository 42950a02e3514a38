// Views of the administrator pages: the audit log, the e-mail outbox and one message, the job queue and its failed
// jobs, user accounts.
import { ROLES } from '../../platform/auth/auth.schema.ts';
import {
  dateFormat,
  formatDate,
  formatFileSize,
  formatNumber,
  type Locale,
  type T,
} from '../../platform/i18n/index.ts';
import { Pagination, PostForm, Select } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { Breadcrumb, ListTable } from '../../platform/views/lists.tsx';
import type { AuditRow, DeadLetter, OutboxRow, QueueLine, listUsers } from './admin.service.ts';
import type { ChainCheck, ChainProblem } from '../../platform/audit/audit.service.ts';
import { PAGE } from './admin.paging.ts';
import { OUTBOX_STATUSES } from '../../platform/mail/mail.schema.ts';

const PROBLEM_KEYS = {
  link: 'audit.problem.link',
  hash: 'audit.problem.hash',
  mac: 'audit.problem.mac',
  'unknown-key': 'audit.problem.unknownKey',
  unkeyed: 'audit.problem.unkeyed',
  personal: 'audit.problem.personal',
  seal: 'audit.problem.seal',
  'anchor-forged': 'audit.problem.anchorForged',
  'anchor-mismatch': 'audit.problem.anchorMismatch',
  truncated: 'audit.problem.truncated',
} as const satisfies Record<ChainProblem, string>;

/** Which verification failed, and where (the truncation: where the chain ends and what the anchor records). */
function problemText(ctx: ViewContext, c: ChainCheck, when: (at: string) => string) {
  const { t } = ctx;
  if (c.problem === 'truncated' && c.anchor)
    return t(PROBLEM_KEYS.truncated, { last: c.lastId, at: when(c.anchor.at), id: c.anchor.id, count: c.anchor.count });
  if (c.problem === 'anchor-mismatch') return t(PROBLEM_KEYS['anchor-mismatch'], { id: c.firstBadId ?? 0 });
  return c.problem && c.problem !== 'truncated' ? t(PROBLEM_KEYS[c.problem]) : null;
}

export function AuditPage({
  ctx,
  rows,
  total,
  page,
  query,
  chain,
}: {
  ctx: ViewContext;
  rows: AuditRow[];
  total: number;
  page: number;
  query: Record<string, string | undefined>;
  chain: ChainCheck | null;
}) {
  const { t } = ctx;
  const when = (at: string) => formatDate(ctx.locale, new Date(at), ctx.timeZone);
  return (
    <section>
      <h1>{t('audit.title')}</h1>
      <p>{t('audit.intro')}</p>
      {chain ? (
        <div class={chain.ok ? 'notice' : 'error-summary'} role="status">
          <p>
            {chain.ok
              ? t('audit.chainOk', { count: chain.checked })
              : t('audit.chainBroken', { id: chain.firstBadId ?? 0 })}{' '}
            {chain.problem ? problemText(ctx, chain, when) : null}
          </p>
          {chain.ok ? (
            <p>
              {chain.anchor
                ? t('audit.anchored', { count: chain.anchors, id: chain.anchor.id, at: when(chain.anchor.at) })
                : t('audit.noAnchors')}
              {chain.legacy > 0 ? ` ${t('audit.legacyRows', { count: chain.legacy })}` : null}
            </p>
          ) : null}
        </div>
      ) : (
        <p>
          <a href={`/admin/audit?verify=1`}>{t('audit.verify')}</a>
        </p>
      )}
      <form method="get" action="/admin/audit" class="filters" aria-label={t('audit.filters')}>
        <div class="field">
          <label for="f-action">{t('audit.action')}</label>
          <input id="f-action" name="action" value={query.action ?? ''} maxLength={100} />
        </div>
        <div class="field">
          <label for="f-actor">{t('audit.actor')}</label>
          <input id="f-actor" name="actor" value={query.actor ?? ''} maxLength={320} />
        </div>
        <div class="field">
          <label for="f-from">{t('audit.from')}</label>
          <input id="f-from" type="date" name="from" value={query.from ?? ''} />
        </div>
        <div class="field">
          <label for="f-to">{t('audit.to')}</label>
          <input id="f-to" type="date" name="to" value={query.to ?? ''} />
        </div>
        <button type="submit">{t('directory.apply')}</button>
      </form>
      <ListTable
        caption={t('audit.title')}
        rows={rows}
        empty={t('audit.empty')}
        columns={[
          { label: '#', cell: (r) => r.id },
          { label: t('audit.when'), cell: (r) => formatDate(ctx.locale, r.at, ctx.timeZone) },
          { label: t('audit.action'), cell: (r) => <code>{r.action}</code>, ltr: true },
          { label: t('audit.actor'), cell: (r) => r.actorLabel ?? '—', ltr: true },
          {
            label: t('audit.target'),
            cell: (r) => (r.targetType ? `${r.targetType}:${r.targetId ?? ''}` : '—'),
            ltr: true,
          },
          {
            label: t('audit.details'),
            cell: (r) => <code class="details">{JSON.stringify(r.details)}</code>,
            ltr: true,
          },
        ]}
      />
      <Pagination
        ctx={ctx}
        page={page}
        pageSize={PAGE}
        total={total}
        baseQuery={{ ...query, page: undefined, verify: undefined }}
      />
    </section>
  );
}

export function OutboxPage({
  ctx,
  failed,
  rows,
  total,
  page,
  query = {},
}: {
  ctx: ViewContext;
  failed: OutboxRow[];
  rows: OutboxRow[];
  total: number;
  page: number;
  /** The list's filters as asked (kept in the form and the pages' links). */
  query?: { status?: string; to?: string };
}) {
  const { t } = ctx;
  return (
    <section>
      <h1>{t('outbox.title')}</h1>
      <p>{t('outbox.intro')}</p>
      <h2 id="failed">{t('outbox.failed.title')}</h2>
      <p>{t('outbox.failed.intro')}</p>
      <ListTable
        caption={t('outbox.failed.title')}
        rows={failed}
        empty={t('outbox.failed.empty')}
        columns={[
          { label: t('outbox.when'), cell: (m) => formatDate(ctx.locale, m.createdAt, ctx.timeZone) },
          { label: t('outbox.to'), cell: (m) => m.to, ltr: true },
          {
            label: t('outbox.subject'),
            cell: (m) => (
              <a href={`/admin/outbox/${m.id}`} lang={m.locale} dir="auto">
                {m.subject}
              </a>
            ),
          },
          { label: t('outbox.attempts'), cell: (m) => String(m.attempts) },
          { label: t('outbox.lastError'), cell: (m) => <span dir="ltr">{m.lastError ?? ''}</span> },
          {
            label: t('outbox.actions'),
            cell: (m) => (
              <a class="button secondary" href={`/admin/outbox/${m.id}/resend`}>
                {t('outbox.resend.action')}
              </a>
            ),
          },
        ]}
      />
      <h2 id="all">{t('outbox.all')}</h2>
      <form method="get" action="/admin/outbox#all" class="filters" aria-label={t('outbox.filters')}>
        <Select
          name="status"
          label={t('outbox.status')}
          value={query.status ?? ''}
          includeEmpty={t('outbox.anyStatus')}
          options={OUTBOX_STATUSES.map((s) => ({ value: s, label: t(`outbox.status.${s}`) }))}
        />
        <div class="field">
          <label for="f-to">{t('outbox.to')}</label>
          <input id="f-to" name="to" value={query.to ?? ''} maxLength={320} dir="ltr" />
        </div>
        <button type="submit">{t('directory.apply')}</button>
      </form>
      <ListTable
        caption={t('outbox.title')}
        rows={rows}
        empty={query.status || query.to ? t('outbox.noneMatch') : t('outbox.empty')}
        columns={[
          { label: t('outbox.when'), cell: (m) => formatDate(ctx.locale, m.createdAt, ctx.timeZone) },
          { label: t('outbox.to'), cell: (m) => m.to, ltr: true },
          { label: t('field.language'), cell: (m) => t(`language.${m.locale}`) },
          {
            label: t('outbox.subject'),
            cell: (m) => (
              <a href={`/admin/outbox/${m.id}`} lang={m.locale} dir="auto">
                {m.subject}
              </a>
            ),
          },
          { label: t('outbox.status'), cell: (m) => t(`outbox.status.${m.status}`) },
        ]}
      />
      <Pagination ctx={ctx} page={page} pageSize={PAGE} total={total} baseQuery={query} />
    </section>
  );
}

/**
 * Shows the plain-text body with its links made clickable (the
 * HTML body is not rendered, so no sender markup runs here).
 */
export function OutboxMessage({ ctx, m }: { ctx: ViewContext; m: OutboxRow }) {
  const { t } = ctx;
  const parts = m.text.split(/(https?:\/\/[^\s]+)/g);
  return (
    <article>
      <Breadcrumb links={[{ href: '/admin/outbox', label: t('outbox.title') }]} />
      <h1 lang={m.locale} dir="auto">
        {m.subject}
      </h1>
      <dl class="facts">
        <dt>{t('outbox.to')}</dt>
        <dd dir="ltr">{m.to}</dd>
        <dt>{t('field.language')}</dt>
        <dd>{t(`language.${m.locale}`)}</dd>
        <dt>{t('outbox.status')}</dt>
        <dd>{t(`outbox.status.${m.status}`)}</dd>
        <dt>{t('outbox.when')}</dt>
        <dd>{formatDate(ctx.locale, m.createdAt, ctx.timeZone)}</dd>
        <dt>{t('outbox.attempts')}</dt>
        <dd>{String(m.attempts)}</dd>
        {m.attachments.length ? (
          <>
            <dt>{t('outbox.attachments')}</dt>
            <dd>
              <ul class="plain" data-testid="mail-attachments">
                {m.attachments.map((a) => (
                  <li>
                    <bdi dir="ltr">{a.filename}</bdi>{' '}
                    {t('outbox.attachment', {
                      type: a.contentType.split(';')[0],
                      size: formatFileSize(ctx.locale, Buffer.byteLength(a.content)),
                    })}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {m.lastError ? (
          <>
            <dt>{t('outbox.lastError')}</dt>
            <dd dir="ltr">{m.lastError}</dd>
          </>
        ) : null}
      </dl>
      {m.status === 'failed' || m.status === 'sent' ? (
        <p>
          <a class="button secondary" href={`/admin/outbox/${m.id}/resend`}>
            {t('outbox.resend.action')}
          </a>
        </p>
      ) : null}
      <pre class="mail-body" lang={m.locale} dir="auto" data-testid="mail-body">
        {parts.map((p, i) => (i % 2 ? <a href={p}>{p}</a> : p))}
      </pre>
    </article>
  );
}

export function UsersPage({
  ctx,
  rows,
  total,
  page,
}: {
  ctx: ViewContext;
  rows: Awaited<ReturnType<typeof listUsers>>['rows'];
  total: number;
  page: number;
}) {
  const { t } = ctx;
  return (
    <section>
      <h1>{t('users.title')}</h1>
      <p>
        <a class="button" href="/invitations/new">
          {t('invitation.newTitle')}
        </a>
      </p>
      <ListTable
        caption={t('users.title')}
        rows={rows}
        columns={[
          { label: t('field.email'), cell: (u) => u.email, ltr: true },
          { label: t('field.name'), cell: (u) => <span dir="auto">{u.name}</span> },
          {
            label: t('field.role'),
            cell: (u) => (
              <PostForm ctx={ctx} action={`/admin/users/${u.id}/role`} class="inline">
                <Select
                  name="role"
                  label={t('field.role')}
                  value={u.role}
                  options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
                />
                <button type="submit" class="secondary">
                  {t('users.changeRole')}
                </button>
              </PostForm>
            ),
          },
          { label: t('users.twoFactor'), cell: (u) => (u.totpEnabledAt ? t('common.yes') : t('common.no')) },
          {
            label: t('users.status'),
            cell: (u) =>
              u.disabledAt ? (
                <PostForm ctx={ctx} action={`/admin/users/${u.id}/disable`} class="inline">
                  <input type="hidden" name="disabled" value="0" />
                  <span>{t('users.disabled')}</span>{' '}
                  <button type="submit" class="secondary">
                    {t('users.enable')}
                  </button>
                </PostForm>
              ) : (
                <div class="row-actions">
                  <span>{t('users.active')}</span>
                  <a class="button secondary danger" href={`/admin/users/${u.id}/disable?disabled=1`}>
                    {t('users.disable')}
                  </a>
                </div>
              ),
          },
        ]}
      />
      <Pagination ctx={ctx} page={page} pageSize={PAGE} total={total} baseQuery={{}} />
    </section>
  );
}

/** A schedule as administrators read it: every n minutes or hours, every day at a time (UTC), else the cron. */
function scheduleText(t: T, locale: Locale, cron: string | null) {
  if (!cron) return t('jobs.queue.onDemand');
  const every = /^(?:(\*|\*\/\d+) \* \* \* \*|0 (\*|\*\/\d+) \* \* \*)$/.exec(cron);
  const n = (step: string) => (step === '*' ? 1 : Number(step.slice(2)));
  if (every?.[1]) return t('jobs.queue.everyMinutes', { count: n(every[1]) });
  if (every?.[2]) return t('jobs.queue.everyHours', { count: n(every[2]) });
  const daily = /^(\d{1,2}) (\d{1,2}) \* \* \*$/.exec(cron);
  if (daily) {
    const at = Date.UTC(2000, 0, 1, Number(daily[2]), Number(daily[1]));
    return t('jobs.queue.dailyAt', {
      time: dateFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(at),
    });
  }
  return (
    <>
      <code dir="ltr">{cron}</code> {t('jobs.queue.cron')}
    </>
  );
}

/** The queue job by job, and the failed (dead-letter) jobs with Retry (failed e-mails are resent from the outbox). */
export function JobsPage({
  ctx,
  queues,
  rows,
  total,
  page,
  failedMail,
}: {
  ctx: ViewContext;
  queues: QueueLine[];
  rows: DeadLetter[];
  total: number;
  page: number;
  failedMail: number;
}) {
  const { t, locale } = ctx;
  const count = (n: number) => formatNumber(locale, n);
  return (
    <section>
      <h1>{t('jobs.pageTitle')}</h1>
      <p>{t('jobs.queue.intro')}</p>
      <ListTable
        caption={t('jobs.queue.title')}
        rows={queues}
        empty={t('jobs.queue.empty')}
        columns={[
          { label: t('jobs.name'), cell: (q) => <code>{q.name}</code>, ltr: true },
          { label: t('jobs.queue.schedule'), cell: (q) => scheduleText(t, locale, q.cron) },
          { label: t('jobs.queue.waiting'), cell: (q) => count(q.waiting) },
          { label: t('jobs.queue.running'), cell: (q) => count(q.running) },
          { label: t('jobs.queue.doneLastDay'), cell: (q) => count(q.doneLastDay) },
          {
            label: t('jobs.queue.failed'),
            cell: (q) => (q.failed ? <a href="#failed">{count(q.failed)}</a> : count(0)),
          },
          {
            label: t('jobs.queue.lastDone'),
            cell: (q) => (q.lastDone ? formatDate(locale, q.lastDone, ctx.timeZone) : '–'),
          },
        ]}
      />
      <h2 id="failed">{t('jobs.title')}</h2>
      <p>{t('jobs.intro')}</p>
      {failedMail > 0 ? (
        <p>
          {t('jobs.mail', { count: failedMail })} <a href="/admin/outbox#failed">{t('jobs.mailLink')}</a>
        </p>
      ) : null}
      <ListTable
        caption={t('jobs.title')}
        rows={rows}
        empty={t('jobs.empty')}
        columns={[
          { label: t('jobs.name'), cell: (j) => <code>{j.name}</code>, ltr: true },
          { label: t('jobs.version'), cell: (j) => (j.version === null ? '–' : String(j.version)) },
          { label: t('jobs.attempts'), cell: (j) => String(j.attempts) },
          { label: t('jobs.lastError'), cell: (j) => <span dir="ltr">{j.lastError ?? ''}</span> },
          {
            label: t('jobs.when'),
            cell: (j) => formatDate(ctx.locale, j.failedAt ?? j.createdAt, ctx.timeZone),
          },
          {
            label: t('jobs.actions'),
            cell: (j) => (
              <a class="button secondary" href={`/admin/jobs/${j.id}/retry`}>
                {t('jobs.retry.action')}
              </a>
            ),
          },
        ]}
      />
      <Pagination ctx={ctx} page={page} pageSize={PAGE} total={total} baseQuery={{}} />
    </section>
  );
}
