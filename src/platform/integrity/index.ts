// The pre-publish check of public text: what a defaced page carries and an editor would not type on purpose.
// One function per shape of input; every finding names its language version, field, place and characters, and has
// a stable id so an editor's acceptance of it (with a reason, audited by the caller) survives unrelated edits.
//
// What is a finding (every language version is checked in its own language):
// - `script`: letters of a writing system foreign to the language (Unicode Script property): en/fr/es are written in
//   Latin, ru in Cyrillic, ar in Arabic, zh in Han. Common and Inherited characters (digits, punctuation, spaces,
//   symbols, emoji, CJK punctuation, combining marks) are fine everywhere. A run of one foreign script (words with
//   spaces between them are one run) is a finding unless it is a named exception (`allow`: an acronym such as
//   "UNOCT", a proper name, a quotation, matched exactly), or lies inside a URL, an e-mail address or a United
//   Nations document symbol ("S/RES/2178 (2014)", "A/RES/60/288": capitals, a slash, at least one digit), or is a
//   Roman numeral up to XXXIX ("столп IV"), which UN texts in every language carry in Latin letters. A named
//   exception is a whole word: glued to letters of its own script ("UNOCTcasino") it does not apply.
// - `mojibake`: U+FFFD; `?` in place of letters ("Fran?ais") or a run of `??` standing for a word ("????"); UTF-8
//   read as Latin-1 or Windows-1252 ("Ã©", "â€™", "Â " with a no-break space, "Ð¿Ñ€Ð¸" for Cyrillic, "Ø§Ù„" for
//   Arabic, "ä¸­æ–‡" for Han).
// - `bidi`: embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) everywhere; the marks LRM, RLM and
//   ALM (U+200E, U+200F, U+061C) are allowed in Arabic text, which needs them next to numbers and Latin symbols,
//   and are findings in the other languages and in names.
// - `invisible`: zero-width space, word joiner, invisible operators, BOM, soft hyphen, Hangul fillers, the
//   combining grapheme joiner, tag characters outside an emoji flag. ZWNJ and ZWJ (U+200C, U+200D) are findings
//   except where scripts need them: between two letters or marks of a joining script (Arabic, Syriac, the Indic
//   scripts: Persian and Urdu names, Hindi conjuncts) and ZWJ between two emoji (👩‍💻). Among our six languages only
//   Arabic text can use them; in Latin, Cyrillic and Han text they have no use and are findings.
// - `confusable`: a word that mixes Latin letters with Cyrillic or Greek ones ("UNОСТ" with Cyrillic О С Т,
//   "pаypal" with Cyrillic а): UTS #39's mixed-script detection at its "highly restrictive" level, which admits no
//   word of Latin with Cyrillic or Greek. Such a word is reported once, as confusable, not also as a foreign script.
//   `skeleton()` shows the editor what the word imitates, from a table of the Cyrillic and Greek letters that
//   Unicode's confusables.txt maps to Latin ones. A table rather than a library: the npm packages that carry the full
//   data (confusables, unhomoglyph) map thousands of characters to replace them, while the check needs only to know a
//   word is mixed, and the look-alikes of three scripts fit in a reviewed table of some seventy letters.
import { createHash } from 'node:crypto';
import type { Locale } from '../i18n/index.ts';
import { LOCALES } from '../i18n/index.ts';
import type { TranslatableText } from '../i18n/text.ts';
import { invalid, type FieldError } from '../http/errors.ts';

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

export const FINDING_KINDS: readonly FindingKind[] = ['script', 'mojibake', 'bidi', 'invisible', 'confusable'];

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
  /** for `script`: the ISO 15924 code of the foreign script ('Hani', 'Cyrl'…; 'Zzzz' when unassigned) */
  script?: string;
}

export interface CheckOptions {
  /** named exceptions: proper names, acronyms, quotations allowed as they are written */
  allow?: readonly string[];
  field?: string;
}

/** The message key explaining a kind of finding (every catalogue has it). */
export const kindKey = (kind: FindingKind) => `integrity.kind.${kind}`;

/** The scripts each language version is written in (besides Common and Inherited). */
export const LANGUAGE_SCRIPTS: Record<Locale, readonly string[]> = {
  en: ['Latn'],
  fr: ['Latn'],
  es: ['Latn'],
  ru: ['Cyrl'],
  ar: ['Arab'],
  zh: ['Hani'],
};

// Scripts named in findings, by ISO 15924 code; a character of none of them is reported as 'Zzzz' (unknown).
const SCRIPT_NAMES: Record<string, string> = {
  Latn: 'Latin',
  Cyrl: 'Cyrillic',
  Grek: 'Greek',
  Arab: 'Arabic',
  Hani: 'Han',
  Hira: 'Hiragana',
  Kana: 'Katakana',
  Hang: 'Hangul',
  Bopo: 'Bopomofo',
  Hebr: 'Hebrew',
  Armn: 'Armenian',
  Geor: 'Georgian',
  Thai: 'Thai',
  Laoo: 'Lao',
  Khmr: 'Khmer',
  Mymr: 'Myanmar',
  Deva: 'Devanagari',
  Beng: 'Bengali',
  Guru: 'Gurmukhi',
  Gujr: 'Gujarati',
  Orya: 'Oriya',
  Taml: 'Tamil',
  Telu: 'Telugu',
  Knda: 'Kannada',
  Mlym: 'Malayalam',
  Sinh: 'Sinhala',
  Ethi: 'Ethiopic',
  Tibt: 'Tibetan',
  Mong: 'Mongolian',
  Syrc: 'Syriac',
  Thaa: 'Thaana',
  Cher: 'Cherokee',
  Tfng: 'Tifinagh',
  Yiii: 'Yi',
  Brai: 'Braille',
  Nkoo: 'Nko',
  Copt: 'Coptic',
  Runr: 'Runic',
  Ogam: 'Ogham',
};
const SCRIPT_RES = Object.entries(SCRIPT_NAMES).map(
  ([code, name]) => [code, new RegExp(`^\\p{sc=${name}}`, 'u')] as const,
);
const NEUTRAL = /^[\p{sc=Zyyy}\p{sc=Zinh}]/u;

/** The ISO 15924 code of a character's script; null for Common and Inherited characters. */
export function scriptOf(ch: string): string | null {
  if (NEUTRAL.test(ch)) return null;
  for (const [code, re] of SCRIPT_RES) if (re.test(ch)) return code;
  return 'Zzzz';
}

const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/gu;
const BIDI_MARKS = /[\u200E\u200F\u061C]/u;
const INVISIBLE =
  /[\u200B-\u200D\u2060-\u2064\uFEFF\u00AD\u180E\u115F\u1160\u3164\uFFA0]|\u034F|[\u{E0000}-\u{E007F}]+/gu;
const JOINERS = /^[\u200C\u200D]$/u;
const JOINING_SCRIPTS = ['Arabic', 'Syriac', 'Mongolian', 'Devanagari', 'Bengali', 'Gurmukhi', 'Gujarati', 'Oriya']
  .concat(['Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala'])
  .map((s) => `\\p{sc=${s}}`);
const JOINING = new RegExp(`^[${JOINING_SCRIPTS.join('')}]$`, 'u');
const EMOJI = /\p{Extended_Pictographic}$/u;
const EMOJI_START = /^\p{Extended_Pictographic}/u;
const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;

// Windows-1252's characters for the bytes 0x80–0x9F, which a UTF-8 continuation byte becomes when read as 1252.
const W1252 =
  '\u20AC\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u017D\u2018\u2019\u201C\u201D' +
  '\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u017E\u0178';
const CONT = `[\\u0080-\\u00BF${W1252}]`;
const CONT_NO_NBSP = `[\\u0080-\\u009F\\u00A1-\\u00BF${W1252}]`;
const MOJIBAKE = new RegExp(
  [
    '\\uFFFD+',
    // a word with `?` in place of letters: "Fran?ais", "Espa?ol"
    '[\\p{L}\\p{M}]*\\p{L}\\?+\\p{L}[\\p{L}\\p{M}]*(?:\\?+\\p{L}[\\p{L}\\p{M}]*)*',
    // `??` (or more) standing for a word: "????"
    '(?<![\\p{L}\\p{N}?])\\?{2,}(?![\\p{L}\\p{N}?])',
    // UTF-8 read as Latin-1/1252: Latin-1 supplement (Ã, Â), general punctuation (â€™), Cyrillic, Arabic, Han
    `(?:[\\u00C2\\u00C3]${CONT})+`,
    `(?:\\u00E2${CONT_NO_NBSP}${CONT})+`,
    `(?:[\\u00D0\\u00D1\\u00D8\\u00D9]${CONT_NO_NBSP}){2,}`,
    `(?:[\\u00E4-\\u00E9]${CONT_NO_NBSP}${CONT}){2,}`,
  ].join('|'),
  'gu',
);

// URLs, e-mail addresses and UN document symbols: written in Latin letters in every language version.
const LATIN_TOKENS = new RegExp(
  [
    '\\b(?:https?|ftp)://[^\\s<>"]+[^\\s<>".,;:!?)\\]]',
    '\\bwww\\.[^\\s<>"]+[^\\s<>".,;:!?)\\]]',
    '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+',
    // A/RES/60/288, S/RES/2178 (2014), E/CN.15/2019/L.1/Rev.1: capitals, slashes, at least one digit
    // Roman numerals, as Russian writes them ("глава VII", "столп I")
    '(?<![A-Za-z])(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})(?![A-Za-z])',
    '\\b[A-Z]{1,6}(?:\\.\\d+)?(?=[A-Za-z0-9./-]*\\d)(?:/[A-Za-z0-9][A-Za-z0-9.-]*)+(?: \\(\\d{4}\\))?',
  ].join('|'),
  'g',
);

// Unicode's confusables.txt: the Cyrillic and Greek letters whose prototype is a Latin letter (the skeleton).
const LOOK_ALIKES: Record<string, string> = {
  // Cyrillic
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  У: 'Y',
  Ү: 'Y',
  І: 'I',
  Ӏ: 'l',
  Ј: 'J',
  Ѕ: 'S',
  Ԛ: 'Q',
  Ԝ: 'W',
  Ԍ: 'G',
  Ѵ: 'V',
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ӏ: 'l',
  ү: 'y',
  ѵ: 'v',
  // Greek
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'l',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  α: 'a',
  ο: 'o',
  ρ: 'p',
  ν: 'v',
  ι: 'i',
  υ: 'u',
  γ: 'y',
  ϲ: 'c',
  ϳ: 'j',
  Ϲ: 'C',
  Ϳ: 'J',
};
const WORD = /[\p{L}\p{M}]+/gu;
const LATIN = /\p{sc=Latin}/u;
const CONFUSING = /[\p{sc=Cyrillic}\p{sc=Greek}]/u;

/** What a mixed-script word imitates: its Cyrillic and Greek look-alikes replaced by their Latin prototypes. */
export const skeleton = (word: string) => [...word].map((c) => LOOK_ALIKES[c] ?? c).join('');

export const findingId = (f: Omit<Finding, 'id' | 'start' | 'end'>) =>
  createHash('sha256')
    .update(`${f.field}\u0000${f.lang ?? ''}\u0000${f.kind}\u0000${f.match}`)
    .digest('hex')
    .slice(0, 16);

type Push = (kind: FindingKind, start: number, end: number, script?: string) => void;

function collector(text: string, lang: Locale | null, field: string) {
  const out: Finding[] = [];
  const push: Push = (kind, start, end, script) => {
    const base = { kind, lang, field, match: text.slice(start, end) };
    out.push({ ...base, start, end, id: findingId(base), ...(script ? { script } : {}) });
  };
  return { out, push };
}

/** The code point before `i` (UTF-16 index) and the one at `j`. */
const before = (text: string, i: number) => {
  const c = text.codePointAt(i - 1) ?? 0;
  return i > 1 && c >= 0xdc00 && c <= 0xdfff ? String.fromCodePoint(text.codePointAt(i - 2)!) : text.charAt(i - 1);
};
const at = (text: string, j: number) => (j < text.length ? String.fromCodePoint(text.codePointAt(j)!) : '');

function scanBidi(text: string, lang: Locale | null, push: Push) {
  for (const m of text.matchAll(BIDI)) {
    if (lang === 'ar' && BIDI_MARKS.test(m[0])) continue;
    push('bidi', m.index, m.index + m[0].length);
  }
}

function scanInvisible(text: string, push: Push) {
  for (const m of text.matchAll(INVISIBLE)) {
    const i = m.index;
    const end = i + m[0].length;
    const prev = before(text, i);
    const next = at(text, end);
    if (JOINERS.test(m[0])) {
      // joining scripts need ZWNJ/ZWJ between letters of one script; emoji sequences are joined by ZWJ
      if (
        LETTER_OR_MARK.test(prev) &&
        LETTER_OR_MARK.test(next) &&
        JOINING.test(prev) &&
        JOINING.test(next) &&
        scriptOf(prev) === scriptOf(next)
      )
        continue;
      if (m[0] === '\u200D' && EMOJI.test(prev) && EMOJI_START.test(next)) continue;
    }
    // tag characters spell a subdivision flag after U+1F3F4 WAVING BLACK FLAG (England, Scotland, Wales)
    if (m[0].codePointAt(0)! >= 0xe0000 && prev === '\u{1F3F4}' && m[0].endsWith('\u{E007F}')) continue;
    push('invisible', i, end);
  }
}

function scanMojibake(text: string, skip: boolean[], push: Push) {
  for (const m of text.matchAll(MOJIBAKE)) if (!skip[m.index]) push('mojibake', m.index, m.index + m[0].length);
}

/** Words mixing Latin with Cyrillic or Greek letters; returns their ranges. */
function scanConfusable(text: string, push: Push): [number, number][] {
  const ranges: [number, number][] = [];
  for (const m of text.matchAll(WORD)) {
    if (LATIN.test(m[0]) && CONFUSING.test(m[0])) {
      push('confusable', m.index, m.index + m[0].length);
      ranges.push([m.index, m.index + m[0].length]);
    }
  }
  return ranges;
}

const ALNUM = /^[\p{L}\p{M}\p{N}]$/u;
/** Is an exception glued to a neighbour of its own script ("UNOCTcasino")? Then it is not the named word. */
const glued = (neighbour: string, edge: string) => ALNUM.test(neighbour) && scriptOf(neighbour) === scriptOf(edge);

/** Positions (UTF-16) exempt from the script check: named exceptions, URLs, e-mail addresses, document symbols. */
function exempt(text: string, allow: readonly string[], ranges: [number, number][]): boolean[] {
  const skip = new Array<boolean>(text.length).fill(false);
  const mark = (s: number, e: number) => {
    for (let k = s; k < e; k++) skip[k] = true;
  };
  for (const a of allow) {
    if (!a) continue;
    for (let i = text.indexOf(a); i >= 0; i = text.indexOf(a, i + 1)) {
      const e = i + a.length;
      if (!glued(before(text, i), at(a, 0)) && !glued(at(text, e), before(a, a.length))) mark(i, e);
    }
  }
  for (const m of text.matchAll(LATIN_TOKENS)) mark(m.index, m.index + m[0].length);
  for (const [s, e] of ranges) mark(s, e);
  return skip;
}

function scanScripts(text: string, own: readonly string[], skip: boolean[], push: Push) {
  let run: { script: string; start: number; end: number } | null = null;
  const flush = () => {
    if (run) push('script', run.start, run.end, run.script);
    run = null;
  };
  for (let i = 0; i < text.length; ) {
    const ch = at(text, i);
    const next = i + ch.length;
    if (skip[i]) {
      flush();
    } else {
      const script = scriptOf(ch);
      if (script && !own.includes(script)) {
        if (run && run.script === script) run.end = next;
        else {
          flush();
          run = { script, start: i, end: next };
        }
      } else if (script) flush(); // a letter of the language ends the run; Common characters may continue it
    }
    i = next;
  }
  flush();
}

/** Findings in one language version of a text. */
export function checkText(lang: Locale, text: string, opts: CheckOptions = {}): Finding[] {
  const { out, push } = collector(text, lang, opts.field ?? '');
  scanBidi(text, lang, push);
  scanInvisible(text, push);
  const confusable = scanConfusable(text, push);
  const skip = exempt(text, opts.allow ?? [], confusable);
  const urls = exempt(text, [], []);
  scanMojibake(text, urls, push);
  scanScripts(text, LANGUAGE_SCRIPTS[lang], skip, push);
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
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
  const { out, push } = collector(text, null, field);
  scanBidi(text, null, push);
  scanInvisible(text, push);
  scanConfusable(text, push);
  scanMojibake(text, exempt(text, [], []), push);
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The findings not accepted (ids of accepted findings): what still blocks publication. */
export const blocking = (findings: readonly Finding[], accepted: Iterable<string>) => {
  const ids = new Set(accepted);
  return findings.filter((f) => !ids.has(f.id));
};

/** "U+202E" for a code point. */
export const codePoint = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * The field errors of texts a user writes that go public without an editor's review (names on participants' and
 * speakers' lists, statement titles, side-event proposals, directory names): one per field, from its first finding
 * of checkName — bidi controls, invisible characters, mojibake, confusable mixed-script words. Any script is fine.
 */
export function nameErrors(fields: Record<string, string | null | undefined>): FieldError[] {
  const errors: FieldError[] = [];
  for (const [field, text] of Object.entries(fields)) {
    if (!text) continue;
    const [f] = checkName(text, field);
    if (!f) continue;
    const code = [...f.match].map((c) => codePoint(c.codePointAt(0)!)).join(' ');
    errors.push({ field, messageKey: `integrity.refused.${f.kind}`, values: { match: f.match, code } });
  }
  return errors;
}

/** Refuses (422, every field named, nothing stored) texts that nameErrors finds fault with. */
export function assertCleanNames(fields: Record<string, string | null | undefined>): void {
  const errors = nameErrors(fields);
  if (errors.length) throw invalid(errors);
}
