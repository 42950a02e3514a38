// A small parser of served HTML forms, for tests that post a form back as a browser would: the fields a browser
// submits (named inputs, checked check boxes and radio buttons, selected options, text areas), in document order;
// a control inside the form that names another form (`form="…"`) belongs to that one and is left out.
// Reusable for any module's forms: formFields(html, 'form[action="/needs/…"]'), then postForm(…).
import type { FastifyInstance } from 'fastify';
import type { Agent } from './helper.ts';

export type FormField = [name: string, value: string];

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
/** Decodes the character references preact and browsers write (named, decimal, hexadecimal). */
export const decodeEntities = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : (ENTITIES[e.toLowerCase()] ?? m),
  );

/** The attributes of a start tag: name → value ('' for a bare attribute). */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  const body = tag.replace(/^<[a-zA-Z][\w-]*/, '').replace(/\/?>$/, '');
  for (const m of body.matchAll(re)) out[m[1].toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  return out;
}

/** Does this form start tag match a selector: `form`, `form[attr="value"]`, `#id`, `.class`, or several `[…]`? */
function matches(attrs: Record<string, string>, selector: string): boolean {
  const id = /#([\w-]+)/.exec(selector)?.[1];
  if (id && attrs.id !== id) return false;
  const cls = /\.([\w-]+)/.exec(selector)?.[1];
  if (cls && !(attrs.class ?? '').split(/\s+/).includes(cls)) return false;
  for (const m of selector.matchAll(/\[([\w-]+)(?:([~^$*]?=)"([^"]*)")?\]/g)) {
    const v = attrs[m[1].toLowerCase()];
    if (v === undefined) return false;
    if (m[2] === '=' && v !== m[3]) return false;
    if (m[2] === '^=' && !v.startsWith(m[3])) return false;
    if (m[2] === '$=' && !v.endsWith(m[3])) return false;
    if (m[2] === '*=' && !v.includes(m[3])) return false;
  }
  return true;
}

/**
 * The fields a browser would submit from the first form matching `formSelector` (default: the first form with
 * method="post"). Throws when there is no such form.
 */
export function formFields(html: string, formSelector = 'form[method="post"]'): FormField[] {
  const tokens = html.matchAll(/<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g);
  const fields: FormField[] = [];
  let inForm = false;
  let found = false;
  let formId = '';
  let select: {
    name: string;
    multiple: boolean;
    disabled: boolean;
    options: { value: string; selected: boolean }[];
  } | null = null;
  let option: { value: string | null; text: string; selected: boolean; start: number } | null = null;
  let textarea: { name: string; start: number; disabled: boolean } | null = null;
  const closeOption = (end: number) => {
    if (!option || !select) return;
    const text = decodeEntities(html.slice(option.start, end).replace(/<[^>]*>/g, ''))
      .replace(/\s+/g, ' ')
      .trim();
    select.options.push({ value: option.value ?? text, selected: option.selected });
    option = null;
  };
  for (const t of tokens) {
    if (t[0].startsWith('<!--')) continue;
    const closing = t[1] === '/';
    const name = t[2].toLowerCase();
    const index = t.index ?? 0;
    if (textarea && !(closing && name === 'textarea')) continue; // raw text
    if (name === 'form') {
      if (closing) {
        if (inForm) break;
      } else if (!found && matches(attributes(t[0]), formSelector)) {
        inForm = true;
        found = true;
        formId = attributes(t[0]).id ?? '';
      }
      continue;
    }
    if (!inForm) continue;
    const a = closing ? {} : attributes(t[0]);
    const elsewhere = a.form !== undefined && a.form !== formId;
    if (name === 'input' && !closing) {
      const type = (a.type ?? 'text').toLowerCase();
      if (!a.name || 'disabled' in a || elsewhere || ['submit', 'button', 'image', 'reset', 'file'].includes(type))
        continue;
      if ((type === 'checkbox' || type === 'radio') && !('checked' in a)) continue;
      fields.push([a.name, a.value ?? (type === 'checkbox' || type === 'radio' ? 'on' : '')]);
    } else if (name === 'textarea') {
      if (!closing)
        textarea = { name: a.name ?? '', start: index + t[0].length, disabled: 'disabled' in a || elsewhere };
      else if (textarea) {
        const value = decodeEntities(html.slice(textarea.start, index)).replace(/^\r?\n/, '');
        if (textarea.name && !textarea.disabled) fields.push([textarea.name, value]);
        textarea = null;
      }
    } else if (name === 'select') {
      if (!closing)
        select = { name: a.name ?? '', multiple: 'multiple' in a, disabled: 'disabled' in a || elsewhere, options: [] };
      else if (select) {
        closeOption(index);
        const s = select;
        const chosen = s.multiple
          ? s.options.filter((o) => o.selected)
          : [s.options.filter((o) => o.selected).at(-1) ?? s.options[0]].filter((o) => !!o);
        if (s.name && !s.disabled) for (const o of chosen) fields.push([s.name, o.value]);
        select = null;
      }
    } else if (name === 'option' && select) {
      closeOption(index);
      if (!closing)
        option = { value: a.value ?? null, text: '', selected: 'selected' in a, start: index + t[0].length };
    }
  }
  if (!found) throw new Error(`no form matching ${formSelector}`);
  return fields;
}

/** The fields as one value per name (the last wins): for assertions. */
export const fieldMap = (fields: FormField[]) => Object.fromEntries(fields);

/** Posts fields as a browser would (urlencoded, the agent's cookies); the CSRF token is the form's own field. */
export async function postForm(app: FastifyInstance, agent: Agent, url: string, fields: FormField[]) {
  const res = await app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(fields).toString(),
    headers: {
      cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
    },
  });
  return res;
}

/** The form's action, resolved against the page's URL. */
export function formAction(html: string, pageUrl: string, formSelector = 'form[method="post"]'): string {
  for (const t of html.matchAll(/<form\b((?:[^>"']|"[^"]*"|'[^']*')*)>/g)) {
    const a = attributes(t[0]);
    if (matches(a, formSelector)) return new URL(a.action ?? '', `http://localhost${pageUrl}`).pathname;
  }
  throw new Error(`no form matching ${formSelector}`);
}
