// The one e-mail layout: a greeting, paragraphs, an optional
// action link; HTML and plain text, in the recipient's language.
import { render } from 'preact-render-to-string';
import { dir, translator, type Locale, type Values } from '../i18n/index.ts';

export interface EmailContent {
  subjectKey: string;
  paragraphs: { key: string; values?: Values }[];
  action?: { labelKey: string; url: string };
  values?: Values;
}

export function renderEmail(locale: Locale, name: string, c: EmailContent) {
  const t = translator(locale);
  const subject = t(c.subjectKey, c.values);
  const greeting = t('email.greeting', { name });
  const paras = c.paragraphs.map((p) => t(p.key, { ...c.values, ...p.values }));
  const signature = t('email.signature');
  const html =
    '<!doctype html>' +
    render(
      <html lang={locale} dir={dir(locale)}>
        <head>
          <meta charSet="utf-8" />
          <title>{subject}</title>
        </head>
        <body style="font-family: 'Noto Sans', Arial, sans-serif; line-height: 1.5">
          <p>{greeting}</p>
          {paras.map((p) => (
            <p>{p}</p>
          ))}
          {c.action ? (
            <p>
              <a href={c.action.url}>{t(c.action.labelKey)}</a>
            </p>
          ) : null}
          {c.action ? <p style="font-size: 0.9em">{c.action.url}</p> : null}
          <p>{signature}</p>
        </body>
      </html>,
    );
  const text = [
    greeting,
    '',
    ...paras.flatMap((p) => [p, '']),
    ...(c.action ? [`${t(c.action.labelKey)}: ${c.action.url}`, ''] : []),
    signature,
  ].join('\n');
  return { subject, html, text };
}
