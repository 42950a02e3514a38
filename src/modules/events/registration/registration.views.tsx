// Views of registration: the registration box of the event page, the registration and delegation forms, the
// participant list, and the organizers' registrations page (decisions, check-in, exports).
import { AUTONYMS, dateFormat, listFormat, type Locale, nameIn } from '../../../platform/i18n/index.ts';
import { Breadcrumb } from '../../../platform/views/lists.tsx';
import {
  Csrf,
  EmptyState,
  Field,
  FormPage,
  Pagination,
  PostForm,
  Select,
  type FormErrors,
} from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { LocalizedText } from '../../directory/index.ts';
import { GENDERS } from '../events.schema.ts';
import { type TranslatableText } from '../../../platform/i18n/text.ts';
import type { EventRow, ReaderOrganization } from '../shared/events.service.ts';
import { pick } from '../../../platform/i18n/text.ts';
import { When } from '../shared/views.tsx';
import type { Eligibility, Registration, Window } from './registration.service.ts';

const plain = (ctx: ViewContext, f: TranslatableText) => pick(f, ctx.locale)?.text ?? '';

/** What the registration box of the event page shows. */
export interface RegistrationSummary {
  event: EventRow;
  mine: Registration | null;
  window: Window;
  counts: { accepted: number; waitlisted: number };
  /** May the reader register (null: signed out, asked at sign-in)? */
  eligibility: Eligibility<ReaderOrganization> | null;
}

/** The reader's own registration (not a cancelled one), if any. */
const ownRegistration = (d: Pick<RegistrationSummary, 'mine'>) =>
  d.mine && d.mine.status !== 'cancelled' ? d.mine : null;

/** The reader's registration: its status and, while the event has not ended, the way to cancel it. */
function MyRegistration({ ctx, e, mine }: { ctx: ViewContext; e: EventRow; mine: Registration }) {
  const { t } = ctx;
  return (
    <>
      <p class="notice" role="status">
        {t(`events.myStatus.${mine.status}`)}
      </p>
      {e.endsAt > new Date() && mine.status !== 'declined' ? (
        <p>
          <a class="button secondary danger" href={`/events/${e.slug}/cancel`}>
            {t('events.cancelRegistration')}
          </a>
        </p>
      ) : null}
    </>
  );
}

/** Why the reader may not register: no organization, or their organization's category is not among the event's. */
function NotEligible({
  ctx,
  e,
  eligibility,
}: {
  ctx: ViewContext;
  e: EventRow;
  eligibility: Extract<Eligibility<ReaderOrganization>, { ok: false }>;
}) {
  const { t, locale } = ctx;
  return (
    <div class="notice" role="status">
      {eligibility.reason === 'no_organization' ? (
        <p>{t('events.errors.noOrganization')}</p>
      ) : (
        <>
          <p>{t('events.errors.notEligible')}</p>
          <p>
            {t('events.eligibility.detail', {
              categories: listFormat(locale, { type: 'conjunction' }).format(e.openTo.map((o) => t(`orgType.${o}`))),
              organization: nameIn(eligibility.org.names, locale),
              category: t(`orgType.${eligibility.org.type}`),
            })}
          </p>
        </>
      )}
    </div>
  );
}

/** Why registration is closed now (not open yet, closed, full, a draft…), with the date when there is one. */
function Closed({ ctx, e, w }: { ctx: ViewContext; e: EventRow; w: Extract<Window, { open: false }> }) {
  return (
    <p class="notice" role="status">
      {ctx.t(`events.closed.${w.reason}`, {
        date: w.at
          ? dateFormat(ctx.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: e.timeZone }).format(w.at)
          : '',
      })}
    </p>
  );
}

/** The registration box of the event page: seats, the reader's registration, why they may not register, or how to. */
export function RegistrationBox({
  ctx,
  d,
  canDelegate,
}: {
  ctx: ViewContext;
  d: RegistrationSummary;
  canDelegate: boolean;
}) {
  const { t } = ctx;
  const e = d.event;
  const mine = ownRegistration(d);
  const w: Window = d.window;
  return (
    <section aria-labelledby="registration" class="registration">
      <h2 id="registration">{t('events.registration')}</h2>
      {e.capacity !== null && e.registrationMode !== 'closed' ? (
        <p>
          {t('events.seats', { taken: d.counts.accepted, capacity: e.capacity })}
          {d.counts.waitlisted ? <> {t('events.waitlistCount', { count: d.counts.waitlisted })}</> : null}
        </p>
      ) : null}
      {mine ? (
        <MyRegistration ctx={ctx} e={e} mine={mine} />
      ) : !w.open ? (
        <Closed ctx={ctx} e={e} w={w} />
      ) : d.eligibility && !d.eligibility.ok ? (
        <NotEligible ctx={ctx} e={e} eligibility={d.eligibility} />
      ) : (
        <p>
          <a class="button" href={`/events/${e.slug}/register`}>
            {w.next === 'waitlisted' ? t('events.joinWaitlist') : t('events.register')}
          </a>
        </p>
      )}
      {canDelegate && w.open ? (
        <p>
          <a href={`/events/${e.slug}/delegation`}>{t('events.registerDelegation')}</a>
        </p>
      ) : null}
    </section>
  );
}

// ---------- registration forms ----------

/** What the registration page shows instead of the form: one's registration, why one may not register, or none. */
export function registrationGate(d: RegistrationSummary): 'registered' | 'not_eligible' | 'closed' | null {
  if (ownRegistration(d)) return 'registered';
  if (!d.window.open) return 'closed';
  if (d.eligibility && !d.eligibility.ok) return 'not_eligible';
  return null;
}

/**
 * The registration page when there is no form to fill: the reader's registration (and how to cancel it), or why they
 * may not register — said before any form, in the reader's language, with the way back to the event.
 */
export function RegistrationGatePage({ ctx, d }: { ctx: ViewContext; d: RegistrationSummary }) {
  const { t } = ctx;
  const e = d.event;
  const mine = ownRegistration(d);
  return (
    <section class="narrow">
      <Breadcrumb links={[{ href: `/events/${e.slug}`, label: plain(ctx, e.title) }]} />
      <h1>{t('events.registerFor', { title: plain(ctx, e.title) })}</h1>
      <p>
        <When ctx={ctx} e={e} compact />
      </p>
      {mine ? (
        <MyRegistration ctx={ctx} e={e} mine={mine} />
      ) : !d.window.open ? (
        <Closed ctx={ctx} e={e} w={d.window} />
      ) : d.eligibility && !d.eligibility.ok ? (
        <NotEligible ctx={ctx} e={e} eligibility={d.eligibility} />
      ) : null}
      <p>
        <a href={`/events/${e.slug}`}>{t('events.backToEvent')}</a>
      </p>
    </section>
  );
}

export function RegisterFormPage({
  ctx,
  e,
  values,
  errors,
  w,
}: {
  ctx: ViewContext;
  e: EventRow;
  values: Record<string, string | undefined>;
  errors?: FormErrors;
  w: Window;
}) {
  const { t } = ctx;
  const title = t('events.registerFor', { title: plain(ctx, e.title) });
  return (
    <FormPage
      ctx={ctx}
      title={title}
      action={`/events/${e.slug}/register`}
      errors={errors}
      intro={
        <>
          <p>
            <When ctx={ctx} e={e} compact />
          </p>
          {w.open && w.next === 'waitlisted' ? (
            <p class="notice" role="note">
              {t('events.willWaitlist')}
            </p>
          ) : null}
          {w.open && w.next === 'pending' ? (
            <p class="notice" role="note">
              {t('events.willBeModerated')}
            </p>
          ) : null}
        </>
      }
    >
      {e.format === 'hybrid' ? (
        <Select
          name="attendance"
          label={t('events.attendance')}
          value={values.attendance}
          includeEmpty="—"
          required
          options={[
            { value: 'in_person', label: t('events.attendanceValue.in_person') },
            { value: 'virtual', label: t('events.attendanceValue.virtual') },
          ]}
          error={errors?.attendance}
        />
      ) : null}
      {e.questions.map((q) => {
        const name = `q_${q.id}`;
        const label = `${plain(ctx, q.label)}${q.required ? '' : ` (${t('events.optional')})`}`;
        if (q.kind === 'choice')
          return (
            <Select
              name={name}
              label={label}
              value={values[name]}
              includeEmpty="—"
              required={q.required}
              options={(q.options ?? []).map((o) => ({ value: o.value, label: plain(ctx, o.label) }))}
              error={errors?.[name]}
            />
          );
        if (q.kind === 'yes_no')
          return (
            <Select
              name={name}
              label={label}
              value={values[name]}
              includeEmpty="—"
              required={q.required}
              options={[
                { value: 'yes', label: t('common.yes') },
                { value: 'no', label: t('common.no') },
              ]}
              error={errors?.[name]}
            />
          );
        return (
          <Field
            name={name}
            label={label}
            value={values[name]}
            error={errors?.[name]}
            maxLength={2000}
            required={q.required}
          />
        );
      })}
      <Select
        name="gender"
        label={`${t('events.gender')} (${t('events.optional')})`}
        value={values.gender}
        includeEmpty="—"
        options={GENDERS.map((g) => ({ value: g, label: t(`events.genderValue.${g}`) }))}
        error={errors?.gender}
      />
      <p class="hint">{t('events.genderHint')}</p>
      <button type="submit">
        {w.open && w.next === 'waitlisted' ? t('events.joinWaitlist') : t('events.register')}
      </button>
    </FormPage>
  );
}

export const DELEGATION_MEMBERS = 4;

export function DelegationFormPage({
  ctx,
  e,
  states,
  values,
  errors,
  existing,
}: {
  ctx: ViewContext;
  e: EventRow;
  states: { id: string; name: string }[];
  values: Record<string, string | undefined>;
  errors?: FormErrors;
  existing: { r: Registration; stateOrgId: string }[];
}) {
  const { t } = ctx;
  const title = t('events.delegationFor', { title: plain(ctx, e.title) });
  return (
    <FormPage
      ctx={ctx}
      title={title}
      action={`/events/${e.slug}/delegation`}
      errors={errors}
      intro={
        <>
          <p>{t('events.delegationIntro')}</p>
          {existing.length ? (
            <>
              <h2>{t('events.delegationRegistered')}</h2>
              <ul>
                {existing.map((x) => (
                  <li>
                    <bdi>{x.r.fullName}</bdi> — {t(`events.delegationRole.${x.r.delegationRole ?? 'member'}`)} —{' '}
                    {t(`events.status.${x.r.status}`)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      }
    >
      <Select
        name="stateOrgId"
        label={t('events.state')}
        value={values.stateOrgId}
        options={states.map((s) => ({ value: s.id, label: s.name }))}
        error={errors?.stateOrgId}
      />
      {e.format === 'hybrid' ? (
        <Select
          name="attendance"
          label={t('events.attendance')}
          value={values.attendance}
          includeEmpty="—"
          options={[
            { value: 'in_person', label: t('events.attendanceValue.in_person') },
            { value: 'virtual', label: t('events.attendanceValue.virtual') },
          ]}
          error={errors?.attendance}
        />
      ) : null}
      <Select
        name="locale"
        label={t('events.delegationLanguage')}
        value={values.locale ?? ctx.locale}
        options={(Object.keys(AUTONYMS) as Locale[]).map((l) => ({ value: l, label: AUTONYMS[l] }))}
        error={errors?.locale}
      />
      <fieldset>
        <legend>{t('events.delegationRole.head')}</legend>
        <Field
          name="headName"
          label={t('field.name')}
          value={values.headName}
          error={errors?.headName}
          required
          maxLength={200}
        />
        <Field
          name="headEmail"
          type="email"
          label={t('field.email')}
          value={values.headEmail}
          error={errors?.headEmail}
          required
          maxLength={320}
          dirAuto={false}
        />
      </fieldset>
      {Array.from({ length: DELEGATION_MEMBERS }, (_, i) => i + 1).map((i) => (
        <fieldset>
          <legend>
            {t('events.delegationMember', { n: i })} ({t('events.optional')})
          </legend>
          <Field
            name={`member${i}Name`}
            label={t('field.name')}
            value={values[`member${i}Name`]}
            error={errors?.[`member${i}Name`]}
            maxLength={200}
          />
          <Field
            name={`member${i}Email`}
            type="email"
            label={t('field.email')}
            value={values[`member${i}Email`]}
            error={errors?.[`member${i}Email`]}
            maxLength={320}
            dirAuto={false}
          />
        </fieldset>
      ))}
      <button type="submit">{t('events.registerDelegation')}</button>
    </FormPage>
  );
}

// ---------- lists ----------

export function ParticipantsPage({
  ctx,
  e,
  rows,
  hiddenCso,
}: {
  ctx: ViewContext;
  e: EventRow;
  rows: { fullName: string; orgType: string | null; orgNames: LocalizedText | null; delegationRole: string | null }[];
  hiddenCso: number;
}) {
  const { t } = ctx;
  return (
    <section>
      <Breadcrumb links={[{ href: `/events/${e.slug}`, label: plain(ctx, e.title) }]} />
      <h1>{t('events.participants')}</h1>
      {rows.length ? (
        <table>
          <caption class="visually-hidden">{t('events.participants')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('field.name')}</th>
              <th scope="col">{t('events.organization')}</th>
              <th scope="col">{t('field.type')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>
                  <bdi>{r.fullName}</bdi>
                  {r.delegationRole === 'head' ? <span class="badge">{t('events.delegationRole.head')}</span> : null}
                </td>
                <td>{nameIn(r.orgNames, ctx.locale) || '—'}</td>
                <td>{r.orgType ? t(`orgType.${r.orgType}`) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState>{t('events.noParticipants')}</EmptyState>
      )}
      {hiddenCso ? (
        <p class="notice" role="note">
          {t('events.csoHidden', { count: hiddenCso })}
        </p>
      ) : null}
    </section>
  );
}

export const REGISTRATIONS_PAGE = 100;

export function RegistrationsPage({
  ctx,
  e,
  rows,
  status,
  total,
  page,
  error,
}: {
  ctx: ViewContext;
  e: EventRow;
  rows: (Registration & { orgNames: LocalizedText | null })[];
  status?: string;
  total: number;
  page: number;
  /** Why a bulk decision was refused (nothing changed). */
  error?: string;
}) {
  const { t } = ctx;
  const base = `/events/${e.slug}`;
  return (
    <section>
      <Breadcrumb links={[{ href: base, label: plain(ctx, e.title) }]} />
      <h1>{t('events.manageRegistrations')}</h1>
      {error ? (
        <div class="error-summary" role="alert" id="bulk-error" tabIndex={-1}>
          <p>{error}</p>
          <p>{t('events.bulk.nothingChanged')}</p>
        </div>
      ) : null}
      <nav class="manage-links" aria-label={t('events.bulk.tools')}>
        <ul>
          <li>
            <a href={`${base}/registrations/import`}>{t('events.bulk.importTitle')}</a>
          </li>
          <li>
            <a href={`${base}/messages`}>{t('events.messages.title')}</a>
          </li>
          <li>
            <a href={`${base}/badges`}>{t('events.bulk.badges')}</a>
          </li>
          <li>
            <a href={`${base}/participants/print`}>{t('events.bulk.printList')}</a>
          </li>
          <li>
            <a href={`${base}/registrations.csv`}>{t('events.exportCsv')}</a>
          </li>
          <li>
            <a href={`${base}/registrations.xlsx`}>{t('events.exportXlsx')}</a>
          </li>
        </ul>
      </nav>
      <form method="get" action={`${base}/registrations`} class="filters">
        <Select
          name="status"
          label={t('events.statusLabel')}
          value={status}
          includeEmpty={t('events.allStatuses')}
          options={(['pending', 'accepted', 'waitlisted', 'declined', 'cancelled'] as const).map((s) => ({
            value: s,
            label: t(`events.status.${s}`),
          }))}
        />
        <button type="submit">{t('directory.apply')}</button>
      </form>
      {rows.length ? (
        <>
          {/* The rows' check boxes belong to this form through their form="bulk" attribute (no JavaScript needed). */}
          <form method="post" action={`${base}/registrations/bulk`} class="bulk-actions" id="bulk" noValidate>
            <Csrf ctx={ctx} />
            <fieldset>
              <legend>{t('events.bulk.legend')}</legend>
              <div class="checkbox">
                <input type="radio" id="scope-picked" name="scope" value="picked" checked />
                <label for="scope-picked">{t('events.bulk.scopePicked')}</label>
              </div>
              {status ? (
                <div class="checkbox">
                  <input type="radio" id="scope-status" name="scope" value="status" />
                  <label for="scope-status">
                    {t('events.bulk.scopeStatus', { count: total, status: t(`events.status.${status}`) })}
                  </label>
                  <input type="hidden" name="status" value={status} />
                </div>
              ) : null}
              <Select
                name="decision"
                label={t('events.bulk.decision')}
                value="accept"
                options={(['accept', 'waitlist', 'decline'] as const).map((d) => ({
                  value: d,
                  label: t(`events.decision.${d}`),
                }))}
              />
              <button type="submit" id="bulk-apply">
                {t('events.bulk.apply')}
              </button>{' '}
              <button type="submit" class="secondary" formaction={`${base}/messages/new`} id="bulk-write">
                {t('events.bulk.writeTo')}
              </button>
            </fieldset>
          </form>
          <table class="stack">
            <caption class="visually-hidden">{t('events.manageRegistrations')}</caption>
            <thead>
              <tr>
                <th scope="col">
                  <span class="visually-hidden">{t('events.bulk.pick')}</span>
                </th>
                <th scope="col">{t('field.name')}</th>
                <th scope="col">{t('events.organization')}</th>
                <th scope="col">{t('events.statusLabel')}</th>
                <th scope="col">{t('events.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>
                    <input
                      type="checkbox"
                      name="ids"
                      value={r.id}
                      form="bulk"
                      id={`pick-${r.id}`}
                      aria-label={t('events.bulk.pickName', { name: r.fullName })}
                    />
                  </td>
                  <td data-label={t('field.name')} dir="auto">
                    {r.fullName}
                    <br />
                    <span class="muted" dir="ltr">
                      {r.email}
                    </span>
                    {r.origin === 'import' ? <span class="badge">{t('events.bulk.imported')}</span> : null}
                  </td>
                  <td data-label={t('events.organization')}>
                    {nameIn(r.orgNames, ctx.locale) ||
                      (r.organizationName ? <span dir="auto">{r.organizationName}</span> : '—')}
                    {r.delegationRole ? (
                      <span class="badge">{t(`events.delegationRole.${r.delegationRole}`)}</span>
                    ) : null}
                  </td>
                  <td data-label={t('events.statusLabel')}>
                    {t(`events.status.${r.status}`)}
                    {r.checkedInAt ? <span class="badge">{t('events.checkedIn')}</span> : null}
                  </td>
                  <td data-label={t('events.actions')} class="row-actions">
                    {r.status !== 'cancelled'
                      ? (['accept', 'waitlist', 'decline'] as const)
                          .filter(
                            (d) =>
                              ({ accept: 'accepted', waitlist: 'waitlisted', decline: 'declined' })[d] !== r.status,
                          )
                          .map((d) =>
                            d === 'decline' ? (
                              <a class="danger" href={`${base}/registrations/${r.id}/decision?decision=decline`}>
                                {t('events.decision.decline')}
                              </a>
                            ) : (
                              <PostForm ctx={ctx} action={`${base}/registrations/${r.id}/decision`} class="inline">
                                <input type="hidden" name="decision" value={d} />
                                <button type="submit" class="link">
                                  {t(`events.decision.${d}`)}
                                </button>
                              </PostForm>
                            ),
                          )
                      : null}
                    {r.status === 'accepted' ? (
                      <PostForm ctx={ctx} action={`${base}/registrations/${r.id}/check-in`} class="inline">
                        <input type="hidden" name="present" value={r.checkedInAt ? '0' : '1'} />
                        <button type="submit" class="link">
                          {r.checkedInAt ? t('events.undoCheckIn') : t('events.checkIn')}
                        </button>
                      </PostForm>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination
            ctx={ctx}
            page={page}
            pageSize={REGISTRATIONS_PAGE}
            total={total}
            baseQuery={{ status: status || undefined }}
          />
        </>
      ) : (
        <EmptyState>{t('events.noRegistrations')}</EmptyState>
      )}
    </section>
  );
}
