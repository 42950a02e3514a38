// The pre-publish check of public text: what a defaced page carries and an editor would not type on purpose.
// One function per shape of input; every finding names its language version, field, place and characters, and has
// a stable id so an editor's acceptance of it (with a reason, audited by the caller) survives unrelated edits.
import { createHash } from 'node:crypto';
import type { Locale } from '../i18n/index.ts';
import { LOCALES } from '../i18n/index.ts';
import type { TranslatableText } from '../i18n/text.ts';

export type FindingKind =
  /** letters of a writing system foreign to the language version (Han or Cyrillic inside English…) */
  | 'script'
  /** `?` in place of letters, U+FFFD, `Ã©`-style sequences */
  | 'mojibake'
  /** bidirectional controls (RLO, LRE, isolates…) */
  | 'bidi'
  /** zero-width and other invisible characters */
  | 'invisible'
  /** a word mixing writing systems with look-alike letters (UTS #39) */
  | 'confusable';

export interface Finding {
  kind: FindingKind;
  /** the language version it was found in (null for names, which have none) */
  lang: Locale | null;
  /** the field's name ('' when one text was checked on its own) */
  field: string;
  /** UTF-16 offsets of the finding in the text */
  start: number;
  end: number;
  /** the characters found */
  match: string;
  /** stable id: the same finding in the same field and language has the same id */
  id: string;
}

export interface CheckOptions {
  /** named exceptions: proper names, acronyms, quotations allowed as they are written */
  allow?: readonly string[];
  field?: string;
}

const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/gu;
const INVISIBLE = /[\u200B-\u200D\u2060-\u2064\uFEFF\u00AD\u180E]/gu;
const REPLACEMENT = /\uFFFD+/gu;

export const findingId = (f: Omit<Finding, 'id' | 'start' | 'end'>) =>
  createHash('sha256')
    .update(`${f.field}\u0000${f.lang ?? ''}\u0000${f.kind}\u0000${f.match}`)
    .digest('hex')
    .slice(0, 16);

function scan(re: RegExp, kind: FindingKind, text: string, lang: Locale | null, field: string, out: Finding[]) {
  for (const m of text.matchAll(re)) {
    const base = { kind, lang, field, match: m[0] };
    out.push({ ...base, start: m.index, end: m.index + m[0].length, id: findingId(base) });
  }
}

/** Findings in one language version of a text. */
export function checkText(lang: Locale, text: string, opts: CheckOptions = {}): Finding[] {
  const out: Finding[] = [];
  const field = opts.field ?? '';
  scan(BIDI, 'bidi', text, lang, field, out);
  scan(INVISIBLE, 'invisible', text, lang, field, out);
  scan(REPLACEMENT, 'mojibake', text, lang, field, out);
  return out.sort((a, b) => a.start - b.start);
}

/** Findings in every language version of every field. */
export function checkFields(
  fields: Record<string, TranslatableText | null | undefined>,
  opts: Omit<CheckOptions, 'field'> = {},
): Finding[] {
  const out: Finding[] = [];
  for (const [field, value] of Object.entries(fields)) {
    for (const lang of LOCALES) {
      const v = value?.[lang];
      if (v?.text) out.push(...checkText(lang, v.text, { ...opts, field }));
    }
  }
  return out;
}

/** Findings in a name (a person's, an organization's) written in any script: everything but foreign scripts. */
export function checkName(text: string, field = ''): Finding[] {
  const out: Finding[] = [];
  scan(BIDI, 'bidi', text, null, field, out);
  scan(INVISIBLE, 'invisible', text, null, field, out);
  scan(REPLACEMENT, 'mojibake', text, null, field, out);
  return out.sort((a, b) => a.start - b.start);
}
