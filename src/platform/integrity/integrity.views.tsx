// The findings of the pre-publish check, each shown in place: an excerpt of its text in its own language and
// direction with what was found marked, hidden characters written out as code points and names (never emitted
// raw: an override would reorder the page itself), the language version and field, and the kind explained.
// In editor mode each finding has an "accept" box and a reason; `acceptancesFromForm` reads them back. No script.
import type { FieldError } from '../http/errors.ts';
import { AUTONYMS, dir } from '../i18n/index.ts';
import type { TranslatableText } from '../i18n/text.ts';
import type { FormErrors, LabelledComponent } from '../views/components.tsx';
import type { ViewContext } from '../views/context.ts';
import { codePoint, type Finding, kindKey, skeleton } from './index.ts';

/** The characters a finding may hold that nobody can see, with their Unicode names. */
const HIDDEN: Record<string, string> = {
  '00AD': 'SOFT HYPHEN',
  '034F': 'COMBINING GRAPHEME JOINER',
  '061C': 'ARABIC LETTER MARK',
  '115F': 'HANGUL CHOSEONG FILLER',
  '1160': 'HANGUL JUNGSEONG FILLER',
  '180E': 'MONGOLIAN VOWEL SEPARATOR',
  '200B': 'ZERO WIDTH SPACE',
  '200C': 'ZERO WIDTH NON-JOINER',
  '200D': 'ZERO WIDTH JOINER',
  '200E': 'LEFT-TO-RIGHT MARK',
  '200F': 'RIGHT-TO-LEFT MARK',
  '202A': 'LEFT-TO-RIGHT EMBEDDING',
  '202B': 'RIGHT-TO-LEFT EMBEDDING',
  '202C': 'POP DIRECTIONAL FORMATTING',
  '202D': 'LEFT-TO-RIGHT OVERRIDE',
  '202E': 'RIGHT-TO-LEFT OVERRIDE',
  '2060': 'WORD JOINER',
  '2061': 'FUNCTION APPLICATION',
  '2062': 'INVISIBLE TIMES',
  '2063': 'INVISIBLE SEPARATOR',
  '2064': 'INVISIBLE PLUS',
  '2066': 'LEFT-TO-RIGHT ISOLATE',
  '2067': 'RIGHT-TO-LEFT ISOLATE',
  '2068': 'FIRST STRONG ISOLATE',
  '2069': 'POP DIRECTIONAL ISOLATE',
  '3164': 'HANGUL FILLER',
  FEFF: 'ZERO WIDTH NO-BREAK SPACE',
  FFA0: 'HALFWIDTH HANGUL FILLER',
};
const hex = (cp: number) => cp.toString(16).toUpperCase().padStart(4, '0');
const isHidden = (cp: number) => hex(cp) in HIDDEN || (cp >= 0xe0000 && cp <= 0xe007f);

/** "U+202E RIGHT-TO-LEFT OVERRIDE": how a hidden character is written out. */
export const describeCodePoint = (cp: number) => `${codePoint(cp)} ${HIDDEN[hex(cp)] ?? 'TAG CHARACTER'}`.trim();
/** The code points of a finding's hidden characters, written out ("U+202E", "U+200B U+200B"). */
export const hiddenCodes = (s: string) =>
  [...s]
    .map((c) => c.codePointAt(0)!)
    .filter(isHidden)
    .map(codePoint)
    .join(' ');

/** A text with its hidden characters replaced by visible code points (short form in context, named when found). */
function Visible({ text, named }: { text: string; named?: boolean }) {
  const parts: (string | { cp: number })[] = [];
  let plain = '';
  for (const c of text) {
    const cp = c.codePointAt(0)!;
    if (isHidden(cp)) {
      if (plain) parts.push(plain);
      plain = '';
      parts.push({ cp });
    } else plain += c;
  }
  if (plain) parts.push(plain);
  return (
    <>
      {parts.map((p) =>
        typeof p === 'string' ? (
          p
        ) : (
          <code class="code-point" dir="ltr" lang="en">
            {named ? `[${describeCodePoint(p.cp)}]` : `[${codePoint(p.cp)}]`}
          </code>
        ),
      )}
    </>
  );
}

/**
 * A text with the check's findings marked where they are (`<mark id="at-<finding id>">`, so the list of findings links
 * to each); what a finding holds that nobody can see (a right-to-left override, a zero-width space) is written out as
 * its code point and name, never emitted raw: an override would reorder the page itself.
 */
export function MarkedText({ text, findings }: { text: string; findings: Finding[] }) {
  const parts: (string | preact.JSX.Element)[] = [];
  let at = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (f.start < at) continue;
    parts.push(text.slice(at, f.start));
    parts.push(
      <mark class="finding" data-finding={f.id} id={`at-${f.id}`}>
        <Visible text={text.slice(f.start, f.end)} named />
      </mark>,
    );
    at = f.end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

/** The checked texts, as given to checkFields (field → per-language text) or to checkName (field → name). */
export type CheckedTexts = Record<string, TranslatableText | string | null | undefined>;

const textOf = (texts: CheckedTexts, f: Finding): string => {
  const v = texts[f.field];
  if (typeof v === 'string') return v;
  return (f.lang && v?.[f.lang]?.text) || '';
};

const CONTEXT = 40;

/** The excerpt around a finding: whole code points, up to CONTEXT characters either side, with ellipses. */
function excerpt(text: string, f: Finding) {
  let s = Math.max(0, f.start - CONTEXT);
  let e = Math.min(text.length, f.end + CONTEXT);
  if (s > 0 && /[\uDC00-\uDFFF]/.test(text.charAt(s))) s--;
  if (e < text.length && /[\uDC00-\uDFFF]/.test(text.charAt(e))) e++;
  return {
    before: (s > 0 ? '…' : '') + text.slice(s, f.start),
    match: text.slice(f.start, f.end) || f.match,
    after: text.slice(f.end, e) + (e < text.length ? '…' : ''),
  };
}

/** The explanation of a finding, in the reader's language. */
export function explain(ctx: ViewContext, f: Finding): string {
  if (f.kind === 'script') {
    let script = f.script ?? '';
    try {
      script = new Intl.DisplayNames([ctx.locale], { type: 'script' }).of(script) ?? script;
    } catch {
      // an unknown code stays as it is
    }
    return ctx.t(kindKey('script'), { script });
  }
  if (f.kind === 'confusable') return ctx.t(kindKey('confusable'), { skeleton: skeleton(f.match) });
  if (f.kind === 'mojibake') return ctx.t(kindKey('mojibake'), { example: '“Ã©”' });
  return ctx.t(kindKey(f.kind));
}

export interface FindingsProps {
  ctx: ViewContext;
  findings: Finding[];
  /** The texts that were checked, to show each finding in place. */
  texts: CheckedTexts;
  /** Field name → label (in the reader's language). */
  labels?: Record<string, string>;
  /** Editor mode: an accept box and a reason per finding. */
  editor?: boolean;
  /** The form's submitted values (to keep boxes and reasons after an error). */
  values?: Record<string, unknown>;
  errors?: FormErrors;
  /** Findings already accepted: id → reason (shown instead of the box). */
  accepted?: Record<string, string>;
}

/** The findings of the check, each in place; nothing when there are none. */
export const Findings: LabelledComponent<FindingsProps> = function Findings({
  ctx,
  findings,
  texts,
  labels = {},
  editor,
  values = {},
  errors = {},
  accepted = {},
}: FindingsProps) {
  if (!findings.length) return null;
  const open = findings.filter((f) => !(f.id in accepted)).length;
  return (
    <section class="integrity-findings" aria-labelledby="integrity-title">
      <h2 id="integrity-title">{ctx.t('integrity.title')}</h2>
      {open ? <p>{ctx.t('integrity.intro', { count: open })}</p> : null}
      <ol class="findings">
        {findings.map((f) => {
          const lang = f.lang;
          const text = textOf(texts, f);
          const x = excerpt(text, f);
          const label = labels[f.field] ?? f.field;
          const accept = `accept.${f.id}`;
          const reason = `reason.${f.id}`;
          const reasonError = errors[reason];
          const hidden = f.kind === 'bidi' || f.kind === 'invisible';
          return (
            <li class={`finding finding-${f.kind}`} id={`finding-${f.id}`}>
              <p class="finding-where">
                {lang ? ctx.t('integrity.where', { field: label, language: AUTONYMS[lang] }) : <bdi>{label}</bdi>}
              </p>
              <p class="finding-kind">{explain(ctx, f)}</p>
              <blockquote
                class="finding-excerpt"
                lang={lang ?? undefined}
                dir={lang ? dir(lang) : 'auto'}
                aria-label={ctx.t('integrity.excerpt')}
              >
                <Visible text={x.before} />
                <mark>
                  {hidden ? (
                    <Visible text={x.match} named />
                  ) : (
                    <bdi>
                      <Visible text={x.match} named />
                    </bdi>
                  )}
                </mark>
                <Visible text={x.after} />
              </blockquote>
              {f.id in accepted ? (
                <p class="finding-accepted">{ctx.t('integrity.accepted', { reason: accepted[f.id] })}</p>
              ) : editor ? (
                <div class="finding-decision">
                  <div class="field checkbox">
                    <input
                      type="checkbox"
                      id={`f-${accept}`}
                      name={accept}
                      value="on"
                      checked={values[accept] === 'on' || values[accept] === true}
                    />
                    <label for={`f-${accept}`}>{ctx.t('integrity.accept')}</label>
                  </div>
                  <div class={`field${reasonError ? ' has-error' : ''}`}>
                    <label for={`f-${reason}`}>{ctx.t('integrity.reason')}</label>
                    {reasonError ? (
                      <p class="error" id={`f-${reason}-error`}>
                        {reasonError}
                      </p>
                    ) : null}
                    <input
                      type="text"
                      id={`f-${reason}`}
                      name={reason}
                      dir="auto"
                      maxLength={REASON_MAX}
                      value={typeof values[reason] === 'string' ? (values[reason] as string) : ''}
                      aria-invalid={reasonError ? 'true' : undefined}
                      aria-describedby={reasonError ? `f-${reason}-error` : undefined}
                    />
                  </div>
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
};

/** The labels of the decision fields (for the form's error summary). */
Findings.formLabels = ({ ctx, findings }: FindingsProps) =>
  Object.fromEntries(findings.map((f) => [`reason.${f.id}`, ctx.t('integrity.reason')]));

export const REASON_MAX = 500;

export interface Acceptance {
  id: string;
  reason: string;
}

/**
 * The findings an editor accepted in a form (`accept.<id>` ticked, `reason.<id>` given), and an error for every box
 * ticked without a reason (or with one too long). Boxes of findings that are not in `findings` are ignored.
 */
export function acceptancesFromForm(
  values: Record<string, unknown>,
  findings: readonly Finding[],
): { acceptances: Acceptance[]; errors: FieldError[] } {
  const acceptances: Acceptance[] = [];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    if (seen.has(f.id)) continue;
    seen.add(f.id);
    const box = values[`accept.${f.id}`];
    if (!(box === 'on' || box === true || box === 'true')) continue;
    const raw = values[`reason.${f.id}`];
    const reason = (typeof raw === 'string' ? raw : '').normalize('NFC').trim();
    if (!reason) errors.push({ field: `reason.${f.id}`, messageKey: 'integrity.reasonRequired' });
    else if (reason.length > REASON_MAX)
      errors.push({ field: `reason.${f.id}`, messageKey: 'integrity.reasonTooLong', values: { max: REASON_MAX } });
    else acceptances.push({ id: f.id, reason });
  }
  return { acceptances, errors };
}
