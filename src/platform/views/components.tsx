import type { ComponentChildren } from 'preact';
import type { ViewContext } from './context.ts';
import { formatNumber } from '../i18n/index.ts';

export interface FormErrors {
  [field: string]: string;
}

export function ErrorSummary({ ctx, errors }: { ctx: ViewContext; errors?: FormErrors }) {
  const list = Object.entries(errors ?? {});
  if (!list.length) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">{ctx.t('form.errorSummary', { count: list.length })}</h2>
      <ul>
        {list.map(([field, msg]) => (
          <li>
            <a href={`#f-${field}`}>{msg}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface FieldProps {
  name: string;
  label: string;
  type?: string;
  value?: string | null;
  error?: string;
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  inputMode?: string;
  dirAuto?: boolean;
  maxLength?: number;
  /** The language of the value (a language version of a translatable field); its direction follows. */
  lang?: string;
  dir?: 'ltr' | 'rtl';
}

export function Field(p: FieldProps) {
  const id = `f-${p.name}`;
  const described = [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${p.error ? ' has-error' : ''}`}>
      <label for={id}>{p.label}</label>
      {p.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      {p.error ? (
        <p class="error" id={`${id}-error`}>
          {p.error}
        </p>
      ) : null}
      <input
        id={id}
        name={p.name}
        type={(p.type ?? 'text') as 'text'}
        value={p.value ?? ''}
        required={p.required}
        autoComplete={p.autocomplete}
        inputMode={p.inputMode as never}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={described}
        lang={p.lang}
        dir={p.dir ?? (p.dirAuto === false ? undefined : 'auto')}
        maxLength={p.maxLength}
      />
    </div>
  );
}

export function Select({
  name,
  label,
  options,
  value,
  error,
  includeEmpty,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  value?: string | null;
  error?: string;
  includeEmpty?: string;
}) {
  const id = `f-${name}`;
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{label}</label>
      {error ? (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <select
        id={id}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {includeEmpty !== undefined ? <option value="">{includeEmpty}</option> : null}
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * A select whose options are grouped (optgroup), e.g. people by organization; each group carries its key in
 * `data-group` so a script may narrow the list to one group (the page works without it).
 */
export function GroupedSelect({
  name,
  label,
  groups,
  value,
  error,
  hint,
  includeEmpty,
  selectedGroup,
}: {
  name: string;
  label: string;
  groups: { key: string; label: string; options: { value: string; label: string }[] }[];
  value?: string | null;
  error?: string;
  hint?: string;
  includeEmpty?: string;
  /** When a value sits in several groups: the group whose option is selected. */
  selectedGroup?: string | null;
}) {
  return (
    <FieldFrame
      name={name}
      label={label}
      hint={hint}
      error={error}
      control={(a) => (
        <select id={a.id} name={name} aria-invalid={a.invalid} aria-describedby={a.describedBy}>
          {includeEmpty !== undefined ? <option value="">{includeEmpty}</option> : null}
          {groups.map((g) => (
            <optgroup label={g.label} data-group={g.key}>
              {g.options.map((o) => (
                <option value={o.value} selected={o.value === value && (!selectedGroup || g.key === selectedGroup)}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      )}
    />
  );
}

/** A list of choices where several may be picked (works without JavaScript). */
export function MultiSelect({
  name,
  label,
  options,
  values,
  error,
  hint,
  size = 8,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  values: string[];
  error?: string;
  hint?: string;
  size?: number;
}) {
  const id = `f-${name}`;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <select
        id={id}
        name={name}
        multiple
        size={size}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described}
      >
        {options.map((o) => (
          <option value={o.value} selected={values.includes(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Checkbox({ name, label, checked }: { name: string; label: string; checked?: boolean }) {
  return (
    <div class="field checkbox">
      <input type="checkbox" id={`f-${name}`} name={name} value="on" checked={checked} />
      <label for={`f-${name}`}>{label}</label>
    </div>
  );
}

/** Check boxes for a set of values, in a fieldset (one `name`, one value per box). */
export function Checkboxes({
  name,
  legend,
  options,
  values,
  error,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  values: string[];
  error?: string;
}) {
  return (
    <fieldset class={`checkboxes${error ? ' has-error' : ''}`} id={`f-${name}`}>
      <legend>{legend}</legend>
      {error ? <p class="error">{error}</p> : null}
      {options.map((o, i) => (
        <div class="field checkbox">
          <input type="checkbox" id={`f-${name}-${i}`} name={name} value={o.value} checked={values.includes(o.value)} />
          <label for={`f-${name}-${i}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function Csrf({ ctx }: { ctx: ViewContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

export function PostForm({
  ctx,
  action,
  children,
  class: cls,
  upload,
}: {
  ctx: ViewContext;
  action: string;
  children: ComponentChildren;
  class?: string;
  upload?: boolean;
}) {
  return (
    <form method="post" action={action} class={cls} noValidate enctype={upload ? 'multipart/form-data' : undefined}>
      <Csrf ctx={ctx} />
      {children}
    </form>
  );
}

/** Page links that keep the other query parameters. */
export function Pagination({
  ctx,
  page,
  pageSize,
  total,
  baseQuery,
}: {
  ctx: ViewContext;
  page: number;
  pageSize: number;
  total: number;
  baseQuery: Record<string, string | undefined>;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(baseQuery)) if (v) q.set(k, v);
    q.set('page', String(p));
    return `?${q.toString()}`;
  };
  return (
    <nav class="pagination" aria-label={ctx.t('pagination.label')}>
      <p>
        {ctx.t('pagination.summary', {
          page: formatNumber(ctx.locale, page),
          pages: formatNumber(ctx.locale, pages),
          total,
        })}
      </p>
      <ul>
        {page > 1 ? (
          <li>
            <a href={href(page - 1)} rel="prev">
              {ctx.t('pagination.previous')}
            </a>
          </li>
        ) : null}
        {page < pages ? (
          <li>
            <a href={href(page + 1)} rel="next">
              {ctx.t('pagination.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

export function EmptyState({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}

/** A page that is one form: heading, optional introduction, error summary, the form with its CSRF token. */
export function FormPage({
  ctx,
  title,
  action,
  errors,
  intro,
  children,
  upload,
}: {
  ctx: ViewContext;
  title: string;
  action: string;
  errors?: FormErrors;
  intro?: ComponentChildren;
  children: ComponentChildren;
  upload?: boolean;
}) {
  return (
    <section class="narrow">
      <h1>{title}</h1>
      {intro}
      <ErrorSummary ctx={ctx} errors={errors} />
      <PostForm ctx={ctx} action={action} upload={upload}>
        {children}
      </PostForm>
    </section>
  );
}

/** The frame every single-control field shares: label, hint and error, and the ids the control points to. */
function FieldFrame({
  name,
  label,
  hint,
  error,
  control,
}: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  control: (a: { id: string; invalid?: 'true'; describedBy?: string }) => ComponentChildren;
}) {
  const id = `f-${name}`;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {control({ id, invalid: error ? 'true' : undefined, describedBy })}
    </div>
  );
}

/** A file input with its label, hint and error. */
export function FileField({
  name,
  label,
  hint,
  error,
  accept,
}: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  accept?: string;
}) {
  return (
    <FieldFrame
      name={name}
      label={label}
      hint={hint}
      error={error}
      control={(a) => (
        <input
          id={a.id}
          name={name}
          type="file"
          accept={accept}
          aria-invalid={a.invalid}
          aria-describedby={a.describedBy}
        />
      )}
    />
  );
}

/** A multi-line text field. */
export function TextArea({
  name,
  label,
  value,
  error,
  hint,
  rows = 4,
  maxLength,
  lang,
  dir,
}: {
  name: string;
  label: string;
  value?: string | null;
  error?: string;
  hint?: string;
  rows?: number;
  maxLength?: number;
  /** The language of the value; its direction follows (otherwise the text's own, dir="auto"). */
  lang?: string;
  dir?: 'ltr' | 'rtl';
}) {
  return (
    <FieldFrame
      name={name}
      label={label}
      hint={hint}
      error={error}
      control={(a) => (
        <textarea
          id={a.id}
          name={name}
          rows={rows}
          lang={lang}
          dir={dir ?? 'auto'}
          maxLength={maxLength}
          aria-invalid={a.invalid}
          aria-describedby={a.describedBy}
        >
          {value ?? ''}
        </textarea>
      )}
    />
  );
}
