// Views of the organizers' bulk tools: the import page (templates, the columns, a dry run's or a commit's result, the
// form), the message form and the messages sent, the printable badges and the printable participants list.
import { dateFormat, formatNumber, LOCALES, nameIn, type Locale } from '../../../platform/i18n/index.ts';
import { TextFields } from '../../../platform/i18n/text.views.tsx';
import { pick, type TranslatableText } from '../../../platform/i18n/text.ts';
import { Breadcrumb } from '../../../platform/views/lists.tsx';
import {
  Checkbox,
  Checkboxes,
  EmptyState,
  ErrorSummary,
  FileField,
  PostForm,
  type FormErrors,
} from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { eventMessages, RegistrationStatus } from '../events.schema.ts';
import type { EventRow } from '../shared/events.service.ts';
import { When } from '../shared/views.tsx';
import type { PrintableRow } from './bulk.service.ts';
import type { ImportResult } from './import.service.ts';

const plain = (ctx: ViewContext, f: TranslatableText) => pick(f, ctx.locale)?.text ?? '';
const orgOf = (ctx: ViewContext, r: Pick<PrintableRow, 'orgNames' | 'organizationName'>) =>
  nameIn(r.orgNames, ctx.locale) || r.organizationName || '';

// ---------- import ----------

export function ImportRegistrationsPage({
  ctx,
  e,
  columns,
  result,
  fileError,
  notify,
}: {
  ctx: ViewContext;
  e: EventRow;
  columns: { key: string; hxl: string; required?: boolean }[];
  result?: ImportResult;
  fileError?: string;
  notify: boolean;
}) {
  const { t, locale } = ctx;
  const base = `/events/${e.slug}`;
  const n = (v: number) => formatNumber(locale, v);
  const badRows = new Set(result?.errors.map((x) => x.row)).size;
  return (
    <section>
      <Breadcrumb
        links={[
          { href: base, label: plain(ctx, e.title) },
          { href: `${base}/registrations`, label: t('events.manageRegistrations') },
        ]}
      />
      <h1>{t('events.bulk.importTitle')}</h1>
      <p>{t('events.import.intro', { max: 10_000 })}</p>
      <p>
        {t('events.import.template')}: <a href={`${base}/registrations/import/template.csv`}>CSV</a> ·{' '}
        <a href={`${base}/registrations/import/template.xlsx`}>XLSX</a>
      </p>
      {result ? (
        <div
          class={result.errors.length ? 'error-summary' : 'notice'}
          role={result.errors.length ? 'alert' : 'status'}
          id="import-result"
          tabIndex={-1}
        >
          <h2>
            {result.errors.length
              ? t('import.rowsInvalid', { count: badRows })
              : result.committed
                ? t('events.import.committed', { created: result.created, unchanged: result.unchanged })
                : t('events.import.dryRunOk', {
                    rows: result.rows,
                    created: result.created,
                    unchanged: result.unchanged,
                  })}
          </h2>
          {!result.errors.length ? (
            <p>
              {t('events.import.byStatus', {
                accepted: n(result.byStatus.accepted),
                pending: n(result.byStatus.pending),
                waitlisted: n(result.byStatus.waitlisted),
              })}{' '}
              {result.committed
                ? t('events.import.mailsQueued', { count: result.mails })
                : t('events.import.mailsWould', { count: result.mails })}
            </p>
          ) : null}
          {result.errors.length ? (
            <table>
              <caption>{t('import.errorsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('import.row')}</th>
                  <th scope="col">{t('import.column')}</th>
                  <th scope="col">{t('import.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {result.errors.map((x) => (
                  <tr>
                    <td>{x.row ? n(x.row) : t('events.import.wholeFile')}</td>
                    <td>
                      <code>{x.field}</code>
                    </td>
                    <td>{t(x.messageKey, x.values as never)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {result.errors.length || !result.committed ? <p>{t('import.nothingStored')}</p> : null}
        </div>
      ) : null}
      {fileError ? (
        <div class="error-summary" role="alert" id="import-result">
          <p>{fileError}</p>
        </div>
      ) : null}
      <PostForm ctx={ctx} action={`${base}/registrations/import`} upload>
        <FileField name="file" label={t('events.import.file')} hint={t('import.fileHint')} accept=".csv,.xlsx" />
        <fieldset class="field">
          <legend>{t('import.mode')}</legend>
          <div class="checkbox">
            <input type="radio" id="mode-dry" name="mode" value="dry" checked />
            <label for="mode-dry">{t('import.dryRun')}</label>
          </div>
          <div class="checkbox">
            <input type="radio" id="mode-commit" name="mode" value="commit" />
            <label for="mode-commit">{t('import.commit')}</label>
          </div>
        </fieldset>
        <Checkbox name="notify" label={t('events.import.notify')} checked={notify} />
        <button type="submit">{t('import.submit')}</button>
      </PostForm>
      <h2>{t('events.import.columns')}</h2>
      <table>
        <caption class="visually-hidden">{t('events.import.columns')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('import.column')}</th>
            <th scope="col">{t('events.import.meaning')}</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((c) => (
            <tr>
              <td>
                <code>{c.key}</code>
                {c.required ? <span class="badge">{t('events.import.required')}</span> : null}
              </td>
              <td>
                {c.key.startsWith('q_')
                  ? t('events.import.col.question', {
                      question: plain(ctx, e.questions.find((q) => `q_${q.id}` === c.key)?.label ?? {}),
                    })
                  : t(`events.import.col.${c.key}`)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

// ---------- messages ----------

type MessageRow = typeof eventMessages.$inferSelect;

export function MessagesPage({
  ctx,
  e,
  values,
  errors,
  counts,
  picked,
  sent,
}: {
  ctx: ViewContext;
  e: EventRow;
  values: Record<string, unknown>;
  errors?: FormErrors;
  counts: Partial<Record<RegistrationStatus, number>>;
  /** Registrations picked on the registrations page (the message goes to them only). */
  picked: { id: string; fullName: string }[] | null;
  sent: MessageRow[];
}) {
  const { t, locale } = ctx;
  const base = `/events/${e.slug}`;
  const statuses = (values.statuses as string[] | undefined) ?? ['accepted'];
  const when = (d: Date) => dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
  return (
    <section>
      <Breadcrumb
        links={[
          { href: base, label: plain(ctx, e.title) },
          { href: `${base}/registrations`, label: t('events.manageRegistrations') },
        ]}
      />
      <h1>{t('events.messages.title')}</h1>
      <p>{t('events.messages.intro')}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <PostForm ctx={ctx} action={`${base}/messages`}>
        <input type="hidden" name="key" value={String(values.key ?? '')} />
        {picked ? (
          <fieldset>
            <legend>{t('events.messages.to')}</legend>
            <p>{t('events.messages.toPicked', { count: picked.length })}</p>
            <ul class="plain">
              {picked.slice(0, 50).map((p) => (
                <li dir="auto">
                  {p.fullName}
                  <input type="hidden" name="ids" value={p.id} />
                </li>
              ))}
            </ul>
            {picked.length > 50 ? picked.slice(50).map((p) => <input type="hidden" name="ids" value={p.id} />) : null}
            {picked.length > 50 ? <p>{t('events.messages.andMore', { count: picked.length - 50 })}</p> : null}
          </fieldset>
        ) : (
          <Checkboxes
            name="statuses"
            legend={t('events.messages.to')}
            options={(['accepted', 'pending', 'waitlisted'] as const).map((s) => ({
              value: s,
              label: t('events.messages.toStatus', { status: t(`events.status.${s}`), count: counts[s] ?? 0 }),
            }))}
            values={statuses}
            error={errors?.statuses}
          />
        )}
        <TextFields
          ctx={ctx}
          name="subject"
          label={t('events.messages.subject')}
          values={values}
          errors={errors}
          maxLength={200}
          languages={[ctx.locale, ...LOCALES.filter((l: Locale) => l !== ctx.locale)]}
        />
        <TextFields
          ctx={ctx}
          name="body"
          label={t('events.messages.body')}
          values={values}
          errors={errors}
          long
          maxLength={10_000}
          languages={[ctx.locale, ...LOCALES.filter((l: Locale) => l !== ctx.locale)]}
        />
        <p class="hint">{t('events.messages.languagesHint')}</p>
        <button type="submit">{t('events.messages.send')}</button>
      </PostForm>
      <h2>{t('events.messages.sent')}</h2>
      {sent.length ? (
        <table>
          <caption class="visually-hidden">{t('events.messages.sent')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('events.messages.sentAt')}</th>
              <th scope="col">{t('events.messages.subject')}</th>
              <th scope="col">{t('events.messages.recipients')}</th>
            </tr>
          </thead>
          <tbody>
            {sent.map((m) => (
              <tr>
                <td>{when(m.createdAt)}</td>
                <td dir="auto">{plain(ctx, m.subject)}</td>
                <td>{formatNumber(locale, m.recipients)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState>{t('events.messages.none')}</EmptyState>
      )}
    </section>
  );
}

// ---------- printable badges and list ----------

/** A6 badges (four to an A4 sheet when printed): the event, the person's name, their organization and category. */
export function BadgesPage({ ctx, e, rows }: { ctx: ViewContext; e: EventRow; rows: PrintableRow[] }) {
  const { t } = ctx;
  const title = plain(ctx, e.title);
  return (
    <section>
      <Breadcrumb
        class="no-print"
        links={[
          { href: `/events/${e.slug}`, label: title },
          { href: `/events/${e.slug}/registrations`, label: t('events.manageRegistrations') },
        ]}
      />
      <h1 class="no-print">{t('events.bulk.badges')}</h1>
      <p class="no-print hint">{t('events.bulk.badgesHint', { count: rows.length })}</p>
      {rows.length ? (
        <ul class="badges">
          {rows.map((r) => (
            <li class="badge-card">
              <p class="badge-event">{title}</p>
              <p class="badge-name" dir="auto">
                {r.fullName}
              </p>
              <p class="badge-org" dir="auto">
                {orgOf(ctx, r) || '—'}
              </p>
              <p class="badge-category">
                {r.orgType ? t(`orgType.${r.orgType}`) : ''}
                {r.delegationRole === 'head' ? ` · ${t('events.delegationRole.head')}` : ''}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{t('events.noParticipants')}</EmptyState>
      )}
    </section>
  );
}

/** The printable list of participants (a sign-in sheet): number, name, organization, category, signature. */
export function PrintListPage({ ctx, e, rows }: { ctx: ViewContext; e: EventRow; rows: PrintableRow[] }) {
  const { t } = ctx;
  const title = plain(ctx, e.title);
  return (
    <section class="print-list">
      <Breadcrumb
        class="no-print"
        links={[
          { href: `/events/${e.slug}`, label: title },
          { href: `/events/${e.slug}/registrations`, label: t('events.manageRegistrations') },
        ]}
      />
      <h1>{t('events.bulk.printListOf', { title })}</h1>
      <p>
        <When ctx={ctx} e={e} compact />
        {' · '}
        {t('events.bulk.printCount', { count: rows.length })}
      </p>
      <p class="no-print hint">{t('events.outputs.printHint')}</p>
      {rows.length ? (
        // Six columns: labelled rows on a phone (printed on A4, it is a table).
        <table class="stack">
          <caption class="visually-hidden">{t('events.participants')}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('field.name')}</th>
              <th scope="col">{t('events.organization')}</th>
              <th scope="col">{t('field.type')}</th>
              <th scope="col">{t('events.attendance')}</th>
              <th scope="col">{t('events.bulk.signature')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr>
                <td data-label="#">{formatNumber(ctx.locale, i + 1)}</td>
                <td data-label={t('field.name')} dir="auto">
                  {r.fullName}
                </td>
                <td data-label={t('events.organization')} dir="auto">
                  {orgOf(ctx, r) || '—'}
                </td>
                <td data-label={t('field.type')}>{r.orgType ? t(`orgType.${r.orgType}`) : '—'}</td>
                <td data-label={t('events.attendance')}>{t(`events.attendanceValue.${r.attendance}`)}</td>
                <td class="signature" />
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState>{t('events.noParticipants')}</EmptyState>
      )}
    </section>
  );
}
