// The consent panel of a visit page (grants, history, the State's forms) and the consent error page.
import { textIn } from '../../../platform/i18n/text.ts';
import { formatDate, nameIn } from '../../../platform/i18n/index.ts';
import { EmptyState, Field, Select, type FormErrors } from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { ListTable } from '../../../platform/views/lists.tsx';
import { CONSENT_SCOPES, GRANTEE_KINDS } from '../assessments.schema.ts';
import type * as consent from '../consent/consent.service.ts';

export interface ConsentPanelData {
  grants: consent.GrantRow[];
  history: Awaited<ReturnType<typeof consent.historyOfVisit>>;
  choices: Awaited<ReturnType<typeof consent.granteeChoices>> | null;
}

export function ConsentPanel({ ctx, visitId, data }: { ctx: ViewContext; visitId: string; data: ConsentPanelData }) {
  const { t } = ctx;
  const grantee = (g: consent.GrantRow) =>
    g.granteeKind === 'compact'
      ? t('consent.allCompact')
      : (g.granteeGroupNames ? textIn(g.granteeGroupNames, ctx.locale) : nameIn(g.granteeNames, ctx.locale)) || '—';
  const scopeOptions = CONSENT_SCOPES.map((s) => ({ value: s, label: t(`consent.scope.${s}`) }));
  return (
    <section id="consent" aria-labelledby="consent-h">
      <h2 id="consent-h">{t('consent.title')}</h2>
      <p>{data.choices ? t('consent.intro') : t('consent.introReadOnly')}</p>
      <ListTable
        caption={t('consent.grants')}
        showCaption
        rows={data.grants}
        empty={t('consent.none')}
        columns={[
          { label: t('consent.recipient'), cell: (g) => grantee(g) },
          { label: t('consent.scopeLabel'), cell: (g) => t(`consent.scope.${g.scope}`) },
          {
            label: t('consent.expires'),
            cell: (g) => (g.expiresAt ? formatDate(ctx.locale, g.expiresAt, 'UTC', false) : t('consent.noExpiry')),
          },
          {
            label: t('assessments.status'),
            cell: (g) =>
              g.revokedAt ? t('consent.state.revoked') : g.live ? t('consent.state.live') : t('consent.state.expired'),
          },
          ...(data.choices
            ? [
                {
                  label: t('consent.actions'),
                  cell: (g: consent.GrantRow) =>
                    g.live ? (
                      <div class="grant-actions">
                        <form method="post" action={`/assessments/consent/${g.id}/narrow`} class="inline" noValidate>
                          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                          <input type="hidden" name="visitId" value={visitId} />
                          <label for={`scope-${g.id}`}>{t('consent.scopeLabel')}</label>
                          <select id={`scope-${g.id}`} name="scope">
                            {scopeOptions
                              .filter((o) => g.scope === 'both' || o.value === g.scope)
                              .map((o) => (
                                <option value={o.value} selected={o.value === g.scope}>
                                  {o.label}
                                </option>
                              ))}
                          </select>
                          <label for={`exp-${g.id}`}>{t('consent.expiresOn')}</label>
                          <input id={`exp-${g.id}`} type="date" name="expiresOn" />
                          <button type="submit" class="secondary">
                            {t('consent.narrow')}
                          </button>
                        </form>
                        <a
                          class="button secondary danger"
                          href={`/assessments/consent/${g.id}/revoke?visitId=${encodeURIComponent(visitId)}`}
                        >
                          {t('consent.revoke')}
                        </a>
                      </div>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {data.choices ? (
        <form method="post" action={`/assessments/visits/${visitId}/consent`} noValidate class="panel">
          <h3>{t('consent.new')}</h3>
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <fieldset>
            <legend>{t('consent.recipient')}</legend>
            {GRANTEE_KINDS.map((k) => (
              <div class="field checkbox">
                <input type="radio" id={`gk-${k}`} name="granteeKind" value={k} checked={k === 'organization'} />
                <label for={`gk-${k}`}>{t(`consent.kind.${k}`)}</label>
              </div>
            ))}
          </fieldset>
          <Select
            name="granteeOrgId"
            label={t('consent.organization')}
            includeEmpty="—"
            options={data.choices.orgs.map((o) => ({ value: o.id, label: o.label }))}
          />
          <Select
            name="granteeGroupId"
            label={t('consent.workingGroup')}
            includeEmpty="—"
            options={data.choices.groups.map((g) => ({ value: g.id, label: g.label }))}
          />
          <Select name="scope" label={t('consent.scopeLabel')} value="both" options={scopeOptions} />
          <Field name="expiresOn" type="date" label={t('consent.expiresOn')} hint={t('consent.expiresHint')} />
          <button type="submit">{t('consent.grant')}</button>
        </form>
      ) : null}
      <h3>{t('consent.history')}</h3>
      {data.history.length ? (
        <ol class="history">
          {data.history.map((e) => (
            <li>
              <time dateTime={e.at.toISOString()}>{formatDate(ctx.locale, e.at, ctx.timeZone)}</time> —{' '}
              {t(`consent.event.${e.action}`, { scope: t(`consent.scope.${e.scope}`) })} ({e.actorLabel})
            </li>
          ))}
        </ol>
      ) : (
        <EmptyState>{t('consent.noHistory')}</EmptyState>
      )}
    </section>
  );
}

export function ConsentErrors({ ctx, visitId, errors }: { ctx: ViewContext; visitId: string; errors: FormErrors }) {
  const { t } = ctx;
  return (
    <section class="narrow">
      <h1>{t('consent.title')}</h1>
      <div class="error-summary" role="alert">
        <h2>{t('form.errorSummary', { count: Object.keys(errors).length })}</h2>
        <ul>
          {Object.values(errors).map((m) => (
            <li>{m}</li>
          ))}
        </ul>
      </div>
      <p>
        <a href={`/assessments/visits/${visitId}#consent`}>{t('consent.backToVisit')}</a>
      </p>
    </section>
  );
}
