import type { T } from '../i18n/index.ts';

export function ErrorPage({
  title,
  message,
  fields,
  requestId,
  t,
}: {
  title: string;
  message: string;
  fields: { field: string; message: string }[];
  requestId: string;
  t: T;
}) {
  return (
    <section class="error-page">
      <h1>{title}</h1>
      <p>{message}</p>
      {fields.length ? (
        <ul>
          {fields.map((f) => (
            <li>{f.message}</li>
          ))}
        </ul>
      ) : null}
      <p class="muted">{t('errors.reference', { id: requestId })}</p>
      <p>
        <a href="/">{t('errors.home')}</a>
      </p>
    </section>
  );
}
