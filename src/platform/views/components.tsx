import type { ComponentChildren, VNode } from 'preact';
import type { ViewContext } from './context.ts';
import { dir, formatNumber, type Locale } from '../i18n/index.ts';
import { zoneGroups } from '../i18n/zones.ts';

export interface FormErrors {
  [field: string]: string;
}

/**
 * The summary at the top of a form: every problem at once, each naming its field ("Participation: choose one of the
 * options") and linking to it. `labels` (field name → label) come from the form itself (formLabels).
 */
export function ErrorSummary({
  ctx,
  errors,
  labels = {},
}: {
  ctx: ViewContext;
  errors?: FormErrors;
  labels?: Record<string, string>;
}) {
  const list = Object.entries(errors ?? {});
  if (!list.length) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">{ctx.t('form.errorSummary', { count: list.length })}</h2>
      <ul>
        {list.map(([field, msg]) => (
          <li>
            <a href={`#f-${field}`}>
              {labels[field] ? ctx.t('form.errorOf', { field: labels[field], message: msg }) : msg}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A form component that knows the labels of the fields it renders (e.g. one per language): `formLabels` asks it. */
export type LabelledComponent<P> = ((props: P) => ComponentChildren) & {
  formLabels?: (props: P) => Record<string, string>;
};

/**
 * The labels of a form's fields, read from its children before they render: every element with a string `name` and
 * `label` (or `legend`), and what components that render several fields declare (`formLabels`).
 */
export function formLabels(children: ComponentChildren): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (c: ComponentChildren) => {
    if (c === null || c === undefined || typeof c !== 'object') return;
    if (Array.isArray(c)) {
      for (const x of c) visit(x);
      return;
    }
    const v = c as VNode<Record<string, unknown>>;
    const p = v.props ?? {};
    const declared = (v.type as LabelledComponent<Record<string, unknown>>)?.formLabels;
    if (typeof v.type === 'function' && typeof declared === 'function') Object.assign(out, declared(p));
    else if (typeof p.name === 'string' && (typeof p.label === 'string' || typeof p.legend === 'string'))
      out[p.name] = (p.label ?? p.legend) as string;
    visit(p.children as ComponentChildren);
  };
  visit(children);
  return out;
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
  /** The language of the label when the field sits in a row of another language (the page's). */
  labelLang?: string;
}

export function Field(p: FieldProps) {
  const id = `f-${p.name}`;
  const described = [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${p.error ? ' has-error' : ''}`}>
      <label for={id} lang={p.labelLang} dir={p.labelLang ? dir(p.labelLang as Locale) : undefined}>
        {p.label}
      </label>
      {p.hint ? (
        <p class="hint" id={`${id}-hint`}>
          <Isolated text={p.hint} />
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
  required,
  hint,
  labelLang,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  value?: string | null;
  error?: string;
  includeEmpty?: string;
  /** Said to assistive technology (the form is checked by the server: novalidate). */
  required?: boolean;
  hint?: string;
  labelLang?: string;
}) {
  const id = `f-${name}`;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id} lang={labelLang} dir={labelLang ? dir(labelLang as Locale) : undefined}>
        {label}
      </label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {typeof hint === 'string' ? <Isolated text={hint} /> : hint}
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
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described}
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

/**
 * A list of choices where several may be picked (works without JavaScript). With `filter`, static/filter-picker.js
 * turns it into a search box over a list of check boxes (no Ctrl-click); without JavaScript it stays this select.
 */
export function MultiSelect({
  name,
  label,
  options,
  values,
  error,
  hint,
  size = 8,
  filter,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  values: string[];
  error?: string;
  hint?: string;
  size?: number;
  /** The enhancement's texts: the search box's label, "{number} shown" (%N%), "{number} chosen" (%N%). */
  filter?: { search: string; matches: string; chosen: string; hint?: string };
}) {
  const id = `f-${name}`;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {typeof hint === 'string' ? <Isolated text={hint} /> : hint}
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
        class={filter ? 'filter-picker' : undefined}
        data-search-label={filter?.search}
        data-matches={filter?.matches}
        data-chosen={filter?.chosen}
        data-hint={filter?.hint}
      >
        {options.map((o) => (
          <option value={o.value} selected={values.includes(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
      {filter ? <script src="/static/filter-picker.js" defer></script> : null}
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

/**
 * The one POST form. The server checks every field and answers with all the problems at once, so the browser's own
 * validation is off (novalidate: no rounds of "fill in this field" before the server's answer); `required` stays on
 * the controls for assistive technology. With `errors`, the summary comes first, each problem named by its field's
 * label and linked to it.
 */
export function PostForm({
  ctx,
  action,
  children,
  class: cls,
  upload,
  errors,
}: {
  ctx: ViewContext;
  action: string;
  children: ComponentChildren;
  class?: string;
  upload?: boolean;
  errors?: FormErrors;
}) {
  return (
    <>
      {errors ? <ErrorSummary ctx={ctx} errors={errors} labels={formLabels(children)} /> : null}
      <form method="post" action={action} class={cls} noValidate enctype={upload ? 'multipart/form-data' : undefined}>
        <Csrf ctx={ctx} />
        {children}
      </form>
    </>
  );
}

/** Page links that keep the other query parameters; nothing when everything fits on the first page. */
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
  if (pages === 1 && page === 1) return null;
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
      <PostForm ctx={ctx} action={action} upload={upload} errors={errors}>
        {children}
      </PostForm>
    </section>
  );
}

/** The frame every single-control field shares: label, hint and error, and the ids the control points to. */
export function FieldFrame({
  name,
  label,
  hint,
  error,
  control,
  labelLang,
}: {
  name: string;
  label: string;
  hint?: ComponentChildren;
  error?: string;
  control: (a: { id: string; invalid?: 'true'; describedBy?: string }) => ComponentChildren;
  labelLang?: string;
}) {
  const id = `f-${name}`;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id} lang={labelLang} dir={labelLang ? dir(labelLang as Locale) : undefined}>
        {label}
      </label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {typeof hint === 'string' ? <Isolated text={hint} /> : hint}
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
  labelLang,
  required,
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
  labelLang?: string;
  required?: boolean;
}) {
  return (
    <FieldFrame
      name={name}
      label={label}
      hint={hint}
      error={error}
      labelLang={labelLang}
      control={(a) => (
        <textarea
          id={a.id}
          name={name}
          rows={rows}
          required={required}
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

/**
 * A time zone, chosen from every zone grouped by region (optgroups): a plain select without JavaScript; with it,
 * static/time-zone.js adds a search box that filters the list and, with `suggestBrowser`, selects the browser's own
 * zone and says so in the hint. A stored zone that is not in the list stays choosable.
 */
interface TimeZoneFieldProps {
  ctx: ViewContext;
  name?: string;
  label: string;
  value: string;
  error?: string;
  hint?: string;
  suggestBrowser?: boolean;
}
export const TimeZoneField: LabelledComponent<TimeZoneFieldProps> = function TimeZoneField({
  ctx,
  name = 'timeZone',
  label,
  value,
  error,
  hint,
  suggestBrowser,
}: TimeZoneFieldProps) {
  const { t } = ctx;
  const groups = zoneGroups(ctx.locale);
  const listed = groups.some((g) => g.zones.some((z) => z.value === value));
  return (
    <>
      <FieldFrame
        name={name}
        label={label}
        hint={hint}
        error={error}
        control={(a) => (
          <select
            id={a.id}
            name={name}
            class="time-zone"
            required
            aria-invalid={a.invalid}
            aria-describedby={a.describedBy}
            data-search-label={t('zone.search')}
            data-matches={t('zone.matches', { number: '%N%' })}
            data-browser-hint={suggestBrowser ? t('zone.browserSuggestion', { zone: '%ZONE%' }) : undefined}
          >
            {!listed && value ? (
              <option value={value} selected>
                {value}
              </option>
            ) : null}
            {groups.map((g) => (
              <optgroup label={t(`zone.region.${g.region}`)}>
                {g.zones.map((z) => (
                  <option value={z.value} selected={z.value === value}>
                    {z.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        )}
      />
      <script src="/static/time-zone.js" defer></script>
    </>
  );
};
TimeZoneField.formLabels = (p) => ({ [p.name ?? 'timeZone']: p.label });

/**
 * A translated text whose isolated runs (what `translate` wraps in FSI…PDI in a right-to-left language: an example, a
 * zone, a title) become <bdi> elements; a run without spaces (an example such as 2026-roundtable-youth) does not
 * break across lines, where its hyphens would be laid out out of order.
 */
export function Isolated({ text }: { text: string }) {
  if (!text.includes('\u2068')) return <>{text}</>;
  const parts = text.split(/\u2068([^\u2068\u2069]*)\u2069/);
  return (
    <>
      {parts.map((part, i) => (i % 2 === 0 ? part : <bdi class={/\s/.test(part) ? undefined : 'nowrap'}>{part}</bdi>))}
    </>
  );
}
