// The home page: what the reader may do from here.
import { can, isUser } from '../../platform/auth/policy.ts';
import type { ViewContext } from '../../platform/views/context.ts';

export function Home({ ctx }: { ctx: ViewContext }) {
  const { t, actor } = ctx;
  return (
    <section>
      <h1>{t('home.title')}</h1>
      <p class="lead">{t('home.lead')}</p>
      {isUser(actor) ? (
        <ul class="cards">
          <li>
            <a href="/directory">
              <strong>{t('nav.directory')}</strong>
              <span>{t('home.directory')}</span>
            </a>
          </li>
          <li>
            <a href="/account">
              <strong>{t('account.title')}</strong>
              <span>{t('home.account')}</span>
            </a>
          </li>
          {can(actor, 'invitation.create') ? (
            <li>
              <a href="/invitations/new">
                <strong>{t('invitation.newTitle')}</strong>
                <span>{t('home.invite')}</span>
              </a>
            </li>
          ) : null}
          {can(actor, 'admin.audit.read') ? (
            <li>
              <a href="/admin/audit">
                <strong>{t('audit.title')}</strong>
                <span>{t('home.audit')}</span>
              </a>
            </li>
          ) : null}
          <li>
            <a href="/api/docs">
              <strong>{t('home.api')}</strong>
              <span>{t('home.apiText')}</span>
            </a>
          </li>
        </ul>
      ) : (
        <p>
          <a class="button" href="/sign-in">
            {t('nav.signIn')}
          </a>
        </p>
      )}
    </section>
  );
}
