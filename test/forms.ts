// A small parser of the forms a page serves, for tests that post a form back as a browser would: the fields that
// would be submitted — inputs with their values, checked check boxes and radios, selected options, textareas.
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
      : (ENTITIES[e] ?? m),
  );

const attrs = (tag: string): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const m of tag.replace(/^<\w+/, '').matchAll(/([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g))
    out[m[1].toLowerCase()] = decode(m[2] ?? m[3] ?? m[4] ?? '');
  return out;
};

/**
 * The fields a form would submit, in document order, as [name, value] pairs. `formSelector` picks the form:
 * `#id`, or its `action` (exact); without it, the first form with method="post".
 */
export function formFields(html: string, formSelector?: string): [string, string][] {
  const forms = [...html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/gi)].map((m) => m[0]);
  const form = forms.find((f) => {
    const a = attrs(/^<form\b[^>]*>/i.exec(f)![0]);
    if (!formSelector) return (a.method ?? '').toLowerCase() === 'post';
    return formSelector.startsWith('#') ? a.id === formSelector.slice(1) : a.action === formSelector;
  });
  if (!form) throw new Error(`no form ${formSelector ?? 'with method="post"'} on the page`);
  const out: [string, string][] = [];
  for (const m of form.matchAll(
    /<input\b[^>]*>|<textarea\b[^>]*>([\s\S]*?)<\/textarea>|<select\b[^>]*>([\s\S]*?)<\/select>/gi,
  )) {
    const tag = m[0];
    const a = attrs(/^<\w+\b[^>]*>/.exec(tag)![0]);
    if (!a.name || 'disabled' in a) continue;
    if (/^<input/i.test(tag)) {
      const type = (a.type ?? 'text').toLowerCase();
      if (['submit', 'button', 'reset', 'image', 'file'].includes(type)) continue;
      if ((type === 'checkbox' || type === 'radio') && !('checked' in a)) continue;
      out.push([a.name, a.value ?? (type === 'checkbox' || type === 'radio' ? 'on' : '')]);
    } else if (/^<textarea/i.test(tag)) {
      out.push([a.name, decode(m[1] ?? '').replace(/^\n/, '')]);
    } else {
      const options = [...(m[2] ?? '').matchAll(/<option\b[^>]*>([\s\S]*?)<\/option>/gi)].map((o) => {
        const oa = attrs(/^<option\b[^>]*>/i.exec(o[0])![0]);
        return { value: oa.value ?? decode(o[1].trim()), selected: 'selected' in oa };
      });
      const chosen = options.filter((o) => o.selected);
      if ('multiple' in a) for (const o of chosen) out.push([a.name, o.value]);
      else if (chosen.length || options.length) out.push([a.name, (chosen[0] ?? options[0]).value]);
    }
  }
  return out;
}
