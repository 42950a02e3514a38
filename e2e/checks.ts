// Checks a browser journey runs on any page, beyond axe: the contrast of every visible text and control computed from
// the browser's styles (axe leaves text over transparent buttons "incomplete"), and what makes a page wider than the
// screen.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { CATALOGUES } from '../src/platform/i18n/index.ts';

// tsx names the functions it compiles with a `__name` helper, which the page does not have: give it a no-op one.
const withNames = (page: Page) => page.evaluate('globalThis.__name ??= (f) => f');

/**
 * Every visible text and control whose contrast is below WCAG AA: 4.5:1, or 3:1 for large text (24 px, or 18.66 px
 * bold). The text's colour is composed over the backgrounds of the element and its ancestors (transparent layers
 * included) down to an opaque one, or the white canvas; an ancestor with a background image is left to axe.
 */
export async function contrastProblems(page: Page): Promise<string[]> {
  await withNames(page);
  return page.evaluate(() => {
    type Rgba = { r: number; g: number; b: number; a: number };
    const parse = (c: string): Rgba | null => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return null;
      const p = m[1]
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map((x) => (x.endsWith('%') ? Number(x.slice(0, -1)) / 100 : Number(x)));
      return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => {
      const a = top.a + bottom.a * (1 - top.a);
      if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
      const mix = (x: number, y: number) => (x * top.a + y * bottom.a * (1 - top.a)) / a;
      return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a };
    };
    const luminance = (c: Rgba) => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
    };
    const backgroundOf = (el: Element): Rgba | null => {
      const layers: Rgba[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.backgroundImage && s.backgroundImage !== 'none') return null;
        const c = parse(s.backgroundColor);
        if (c && c.a > 0) {
          layers.push(c);
          if (c.a >= 1) break;
        }
      }
      let bg: Rgba = { r: 255, g: 255, b: 255, a: 1 };
      for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
      return bg;
    };
    const name = (el: Element) => {
      const text = ((el as HTMLElement).innerText || (el as HTMLInputElement).value || '').trim().replace(/\s+/g, ' ');
      const cls =
        typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      return `${el.tagName.toLowerCase()}${cls} "${text.slice(0, 40)}"`;
    };
    const out: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (el.closest('svg') || ['SCRIPT', 'STYLE', 'OPTION', 'BR', 'TEMPLATE'].includes(el.tagName)) continue;
      const control = el.matches('button, input[type=submit], input[type=button], input[type=reset], a.button');
      const text = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
      const field =
        el.matches('input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=file]), textarea') &&
        !!(el as HTMLInputElement).value.trim();
      if (!control && !text && !field && el.tagName !== 'SELECT') continue;
      const s = getComputedStyle(el);
      if (s.visibility !== 'visible' || s.display === 'none') continue;
      const box = el.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) continue;
      let opacity = 1;
      let clipped = false;
      for (let e: Element | null = el; e; e = e.parentElement) {
        const es = getComputedStyle(e);
        opacity *= Number(es.opacity);
        if (es.position === 'absolute' && es.clip && es.clip !== 'auto') clipped = true;
      }
      if (clipped || opacity === 0) continue;
      const bg = backgroundOf(el);
      const fg0 = parse(s.color);
      if (!bg || !fg0) continue;
      const fg = over({ ...fg0, a: fg0.a * opacity }, bg);
      const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
      const ratio = (hi + 0.05) / (lo + 0.05);
      const px = Number.parseFloat(s.fontSize);
      const large = px >= 24 || (px >= 18.66 && Number(s.fontWeight) >= 700);
      const needed = large ? 3 : 4.5;
      if (ratio < needed - 0.005) out.push(`contrast ${ratio.toFixed(2)}:1 < ${needed}:1: ${name(el)}`);
    }
    return out;
  });
}

/**
 * Nothing wider than the window: the document's scroll width, and the elements that stick out (the outermost ones,
 * so one wide table is named once, not with each of its cells).
 */
export async function widthProblems(page: Page): Promise<string[]> {
  await withNames(page);
  return page.evaluate(() => {
    const width = window.innerWidth;
    const scroll = document.documentElement.scrollWidth;
    if (scroll <= width) return [];
    const rtl = getComputedStyle(document.documentElement).direction === 'rtl';
    const wide: string[] = [];
    const sticksOut = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && (rtl ? r.left < -0.5 : r.right > width + 0.5);
    };
    const label = (el: Element) => {
      const cls =
        typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      return `${el.tagName.toLowerCase()}${cls} ${Math.round(el.getBoundingClientRect().width)} px`;
    };
    // The outermost elements that stick out (a table is named, not its cells); the others are searched inside.
    const walk = (el: Element) => {
      for (const c of el.children) {
        if (wide.length >= 5) return;
        if (sticksOut(c) && (c.tagName === 'TABLE' || ![...c.children].some(sticksOut))) wide.push(label(c));
        else walk(c);
      }
    };
    walk(document.body);
    return [`page ${scroll} px wide in a ${width} px window (${wide.join('; ') || 'no element found'})`];
  });
}

// The first parts of the message keys ("events", "text", …): a message whose translation is missing shows its key.
const KEY_SPACES = [...new Set(Object.keys(CATALOGUES.en).map((k) => k.split('.')[0]))];

/**
 * Text that reads as a message key ("events.translationStatus.machine"): a message missing from the catalogue, shown
 * as its key. Every text node and attribute a person meets (title, placeholder, aria-label, alt, option labels).
 */
export async function untranslatedProblems(page: Page): Promise<string[]> {
  await withNames(page);
  return page.evaluate((spaces) => {
    const notFile = '(?!(?:md|txt|pdf|csv|xlsx|ics|json|html?|docx)\\b)';
    const key = new RegExp(
      `(?<![\\w.@/-])(?:${spaces.join('|')})\\.${notFile}[A-Za-z]\\w*(?:\\.\\w+)*(?![\\w@/-])`,
      'g',
    );
    const found = new Set<string>();
    const look = (s: string | null | undefined) => {
      for (const m of (s ?? '').matchAll(key)) found.add(m[0]);
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const tag = n.parentElement?.tagName;
      if (tag !== 'SCRIPT' && tag !== 'STYLE' && tag !== 'CODE') look(n.nodeValue);
    }
    for (const el of document.querySelectorAll('[title], [placeholder], [aria-label], [alt]'))
      for (const a of ['title', 'placeholder', 'aria-label', 'alt']) look(el.getAttribute(a));
    look(document.title);
    return [...found].map((k) => `shows the message key "${k}"`);
  }, KEY_SPACES);
}

// axe-core as @axe-core/playwright has it (its dependency), injected once per document and run at each width: the
// builder's analyze() injects the source and opens a blank page on every call, several seconds a page on this machine.
const axeSource: string = createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright'))(
  'axe-core',
).source;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/**
 * axe's violations (the same tags as the journeys' `axeViolations`), one line per rule with its first targets.
 * `exclude`: selectors of parts left out (e.g. the 900 last of 1,000 rows made from the same markup as the first).
 */
export async function axeProblems(page: Page, opts: { exclude?: string[] } = {}): Promise<string[]> {
  if (!(await page.evaluate('typeof globalThis.axe === "object"'))) await page.evaluate(axeSource);
  const violations = await page.evaluate(
    async ({ tags, exclude }) => {
      const axe = (globalThis as unknown as { axe: { run: (...a: unknown[]) => Promise<AxeResults> } }).axe;
      const context = exclude.length ? { include: [['html']], exclude: exclude.map((s) => [s]) } : document;
      const r = await axe.run(context, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
    },
    { tags: AXE_TAGS, exclude: opts.exclude ?? [] },
  );
  return violations.map((v) => `${v.id} (${v.targets.length}): ${v.help} — ${v.targets.slice(0, 2).join(' | ')}`);
}
interface AxeResults {
  violations: { id: string; help: string; nodes: { target: string[] }[] }[];
}
