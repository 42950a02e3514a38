// Views of registration: the registration box of the event page, the registration and delegation forms, the
// participant list, and the organizers' registrations page (decisions, check-in, exports).
import { AUTONYMS, dateFormat, type Locale, nameIn } from '../../../platform/i18n/index.ts';
import { Breadcrumb, ListTable } from '../../../platform/views/lists.tsx';
import { EmptyState, Field, FormPage, PostForm, Select, type FormErrors } from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { LocalizedText } from '../../directory/index.ts';
import { GENDERS } from '../events.schema.ts';
import { type TranslatableText } from '../../../platform/i18n/text.ts';
import type { EventRow } from '../shared/events.service.ts';
import { pick } from '../../../platform/i18n/text.ts';
import { When } from '../shared/views.tsx';
import type { Registration, Window } from './registration.service.ts';

const plain = (ctx: ViewContext, f: TranslatableText) => pick(f, ctx.locale)?.text ?? '';

/** What the registration box of the event page shows. */
export interface RegistrationSummary {
  event: EventRow;
  mine: Registration | null;
  window: Window;
  counts: { accepted: number; waitlisted: number };
}

/** The registration box of the event page: seats, the reader's registration, or the way to register. */
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
  const mine = d.mine && d.mine.status !== 'cancelled' ? d.mine : null;
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
      ) : w.open ? (
        <p>
          <a class="button" href={`/events/${e.slug}/register`}>
            {w.next === 'waitlisted' ? t('events.joinWaitlist') : t('events.register')}
          </a>
        </p>
      ) : (
        <p class="notice" role="status">
          {t(`events.closed.${w.reason}`, {
            date: w.at
              ? dateFormat(ctx.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: e.timeZone }).format(w.at)
              : '',
          })}
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
                    <span dir="auto">{x.r.fullName}</span> —{' '}
                    {t(`events.delegationRole.${x.r.delegationRole ?? 'member'}`)} — {t(`events.status.${x.r.status}`)}
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
                <td dir="auto">
                  {r.fullName}
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

export function RegistrationsPage({
  ctx,
  e,
  rows,
  status,
}: {
  ctx: ViewContext;
  e: EventRow;
  rows: (Registration & { orgNames: LocalizedText | null })[];
  status?: string;
}) {
  const { t } = ctx;
  return (
    <section>
      <Breadcrumb links={[{ href: `/events/${e.slug}`, label: plain(ctx, e.title) }]} />
      <h1>{t('events.manageRegistrations')}</h1>
      <form method="get" action={`/events/${e.slug}/registrations`} class="filters">
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
      <p>
        <a href={`/events/${e.slug}/registrations.csv`}>{t('events.exportCsv')}</a> ·{' '}
        <a href={`/events/${e.slug}/registrations.xlsx`}>{t('events.exportXlsx')}</a>
      </p>
      <ListTable
        caption={t('events.manageRegistrations')}
        rows={rows}
        empty={t('events.noRegistrations')}
        columns={[
          {
            label: t('field.name'),
            cell: (r) => (
              <>
                <span dir="auto">{r.fullName}</span>
                <br />
                <span class="muted" dir="ltr">
                  {r.email}
                </span>
              </>
            ),
          },
          {
            label: t('events.organization'),
            cell: (r) => (
              <>
                {nameIn(r.orgNames, ctx.locale) || '—'}
                {r.delegationRole ? <span class="badge">{t(`events.delegationRole.${r.delegationRole}`)}</span> : null}
              </>
            ),
          },
          {
            label: t('events.statusLabel'),
            cell: (r) => (
              <>
                {t(`events.status.${r.status}`)}
                {r.checkedInAt ? <span class="badge">{t('events.checkedIn')}</span> : null}
              </>
            ),
          },
          {
            label: t('events.actions'),
            cell: (r) => (
              <div class="row-actions">
                {r.status !== 'cancelled'
                  ? (['accept', 'waitlist', 'decline'] as const)
                      .filter(
                        (d) => ({ accept: 'accepted', waitlist: 'waitlisted', decline: 'declined' })[d] !== r.status,
                      )
                      .map((d) =>
                        d === 'decline' ? (
                          <a class="danger" href={`/events/${e.slug}/registrations/${r.id}/decision?decision=decline`}>
                            {t('events.decision.decline')}
                          </a>
                        ) : (
                          <PostForm
                            ctx={ctx}
                            action={`/events/${e.slug}/registrations/${r.id}/decision`}
                            class="inline"
                          >
                            <input type="hidden" name="decision" value={d} />
                            <button type="submit" class="link">
                              {t(`events.decision.${d}`)}
                            </button>
                          </PostForm>
                        ),
                      )
                  : null}
                {r.status === 'accepted' ? (
                  <PostForm ctx={ctx} action={`/events/${e.slug}/registrations/${r.id}/check-in`} class="inline">
                    <input type="hidden" name="present" value={r.checkedInAt ? '0' : '1'} />
                    <button type="submit" class="link">
                      {r.checkedInAt ? t('events.undoCheckIn') : t('events.checkIn')}
                    </button>
                  </PostForm>
                ) : null}
              </div>
            ),
          },
        ]}
      />
    </section>
  );
}
