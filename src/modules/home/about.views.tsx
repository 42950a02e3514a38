// The platform's help page and its accessibility statement (public, in the six languages; linked from every page's
// footer). The privacy notice is the privacy module's (it lists the retention rules in force).
import type { ViewContext } from '../../platform/views/context.ts';

interface Part {
  titleKey: string;
  textKey: string;
}

const HELP: Part[] = [
  { titleKey: 'help.signIn.title', textKey: 'help.signIn.text' },
  { titleKey: 'help.workspace.title', textKey: 'help.workspace.text' },
  { titleKey: 'help.languages.title', textKey: 'help.languages.text' },
  { titleKey: 'help.events.title', textKey: 'help.events.text' },
  { titleKey: 'help.confirm.title', textKey: 'help.confirm.text' },
  { titleKey: 'help.data.title', textKey: 'help.data.text' },
  { titleKey: 'help.more.title', textKey: 'help.more.text' },
];

export function HelpPage({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <article class="prose">
      <h1>{t('help.title')}</h1>
      <p class="lead">{t('help.intro')}</p>
      {HELP.map((p, i) => (
        <section aria-labelledby={`help-${i}`}>
          <h2 id={`help-${i}`}>{t(p.titleKey)}</h2>
          <p>{t(p.textKey)}</p>
          {p.titleKey === 'help.data.title' ? (
            <ul class="plain-links">
              <li>
                <a href="/privacy">{t('help.privacyLink')}</a>
              </li>
              <li>
                <a href="/account">{t('help.accountLink')}</a>
              </li>
            </ul>
          ) : null}
        </section>
      ))}
    </article>
  );
}

const DOES = [
  'accessibility.do.keyboard',
  'accessibility.do.phone',
  'accessibility.do.languages',
  'accessibility.do.contrast',
  'accessibility.do.content',
];
const LIMITS = ['accessibility.limits.documents', 'accessibility.limits.languages'];

export function AccessibilityPage({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <article class="prose">
      <h1>{t('accessibility.title')}</h1>
      <p class="lead">{t('accessibility.intro')}</p>
      <h2>{t('accessibility.do.title')}</h2>
      <ul>
        {DOES.map((textKey) => (
          <li>{t(textKey)}</li>
        ))}
      </ul>
      <h2>{t('accessibility.tests.title')}</h2>
      <p>{t('accessibility.tests.text')}</p>
      <h2>{t('accessibility.limits.title')}</h2>
      <ul>
        {LIMITS.map((textKey) => (
          <li>{t(textKey)}</li>
        ))}
      </ul>
      <h2>{t('accessibility.feedback.title')}</h2>
      <p>{t('accessibility.feedback.text')}</p>
    </article>
  );
}
