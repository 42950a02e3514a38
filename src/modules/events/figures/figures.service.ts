// The figures an event's organizers published (participants, Member States, organizations by kind, side events,
// stakeholders…), each with its wording ("more than", "over"), how the people took part ("attended in person"), the
// kinds of organizations counted and its source: read by anyone who may see the event, edited by its managers. They
// are shown as published, beside what the platform recorded, and never replaced by it.
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { invalid, type FieldError } from '../../../platform/http/errors.ts';
import { isLocale, LOCALES } from '../../../platform/i18n/index.ts';
import { nfc, type TranslatableText } from '../../../platform/i18n/text.ts';
import type { OrgType } from '../../directory/index.ts';
import {
  events,
  FIGURE_MODES,
  FIGURE_QUALIFIERS,
  PUBLISHED_FIGURE_KINDS,
  type FigureMode,
  type FigureQualifier,
  type PublishedFigure,
  type PublishedFigureKind,
  type PublishedFigures,
  type PublishedSource,
} from '../events.schema.ts';
import { orgKindsFor } from '../shared/categories.ts';
import { findVisibleEvent, managedEvent, type EventRow, type EventsContext } from '../shared/events.service.ts';

/** Sources one event's figures may cite. */
export const MAX_SOURCES = 5;
/** The largest figure accepted (a typo guard: no event has a billion participants). */
export const MAX_FIGURE = 10_000_000;
const URL_RE = /^https?:\/\/[^\s<>"]+$/i;

export interface FiguresInput {
  sources: {
    label: TranslatableText;
    url?: string | null;
    quote?: string | null;
    quoteLang?: string | null;
  }[];
  figures: {
    kind: string;
    value: number;
    qualifier?: string;
    mode?: string | null;
    orgKinds?: string[];
    source?: number;
  }[];
}

/**
 * Checks the whole input and returns it normalized, or throws 422 with every field's error (field names of the page's
 * form: `src0_url`, `fig_participants_value`…; the API reports the same names).
 */
export function checkFigures(input: FiguresInput, labelErrors: FieldError[] = []): PublishedFigures {
  const fields: FieldError[] = [...labelErrors];
  if (input.sources.length > MAX_SOURCES)
    fields.push({ field: 'sources', messageKey: 'validation.maxItems', values: { limit: MAX_SOURCES } });
  const cited = new Set(input.figures.map((f) => f.source ?? 0));
  const sources: PublishedSource[] = input.sources.slice(0, MAX_SOURCES).map((s, i) => {
    const url = (s.url ?? '').trim();
    const quote = nfc((s.quote ?? '').trim());
    const quoteLang = (s.quoteLang ?? '').trim();
    const named = Object.values(s.label).some((v) => v?.text.trim());
    // A blank source no figure cites is left out; any other needs a name.
    if (!named && (cited.has(i) || url || quote))
      fields.push({ field: `src${i}_label_en`, messageKey: 'events.figures.errors.sourceLabel' });
    if (url && (url.length > 500 || !URL_RE.test(url)))
      fields.push({ field: `src${i}_url`, messageKey: 'validation.url' });
    if (quote.length > 2000)
      fields.push({ field: `src${i}_quote`, messageKey: 'validation.maxLength', values: { limit: 2000 } });
    if (quoteLang && !isLocale(quoteLang)) fields.push({ field: `src${i}_quoteLang`, messageKey: 'validation.choice' });
    return {
      label: s.label,
      url: url || null,
      quote: quote || null,
      quoteLang: quote && isLocale(quoteLang) ? quoteLang : null,
    };
  });
  const seen = new Set<string>();
  const figures: PublishedFigure[] = [];
  for (const f of input.figures) {
    const at = (name: string) => `fig_${f.kind}_${name}`;
    if (!(PUBLISHED_FIGURE_KINDS as readonly string[]).includes(f.kind)) {
      fields.push({ field: 'figures', messageKey: 'validation.choice' });
      continue;
    }
    const kind = f.kind as PublishedFigureKind;
    if (seen.has(kind)) fields.push({ field: at('value'), messageKey: 'events.figures.errors.twice' });
    seen.add(kind);
    if (!Number.isInteger(f.value) || f.value < 0 || f.value > MAX_FIGURE)
      fields.push({ field: at('value'), messageKey: 'events.figures.errors.value', values: { max: MAX_FIGURE } });
    const qualifier = f.qualifier ?? 'exact';
    if (!(FIGURE_QUALIFIERS as readonly string[]).includes(qualifier))
      fields.push({ field: at('qualifier'), messageKey: 'validation.choice' });
    const mode = f.mode || null;
    if (mode !== null && !(FIGURE_MODES as readonly string[]).includes(mode))
      fields.push({ field: at('mode'), messageKey: 'validation.choice' });
    const allowed = orgKindsFor(kind);
    const orgKinds = [...new Set(f.orgKinds ?? [])];
    if (orgKinds.some((k) => !(allowed as readonly string[]).includes(k)))
      fields.push({ field: at('kinds'), messageKey: 'validation.choice' });
    const source = f.source ?? 0;
    if (!Number.isInteger(source) || source < 0 || source >= sources.length)
      fields.push({ field: at('source'), messageKey: 'events.figures.errors.source' });
    figures.push({
      kind,
      value: f.value,
      qualifier: qualifier as FigureQualifier,
      mode: mode as FigureMode | null,
      orgKinds: orgKinds as OrgType[],
      source,
    });
  }
  if (fields.length) throw invalid(fields);
  // Only the sources a figure cites are kept, renumbered in their order.
  const used = [...new Set(figures.map((f) => f.source))].sort((a, b) => a - b);
  return {
    sources: used.map((i) => sources[i]),
    figures: figures
      .map((f) => ({ ...f, source: used.indexOf(f.source) }))
      .sort((a, b) => PUBLISHED_FIGURE_KINDS.indexOf(a.kind) - PUBLISHED_FIGURE_KINDS.indexOf(b.kind)),
  };
}

/** The published figures of an event anyone who may see it may read (null when none). */
export async function publishedFiguresOf(ctx: Pick<EventsContext, 'db' | 'actor'>, idOrSlug: string) {
  const e = await findVisibleEvent(ctx, idOrSlug);
  return { event: e, figures: e.publishedFigures };
}

/** The managers' view of the figures (the edit page). */
export async function figuresForEdit(ctx: EventsContext, idOrSlug: string): Promise<EventRow> {
  return managedEvent(ctx, idOrSlug);
}

/** Replaces the event's published figures (none = null): one statement with its audit entry. */
export async function savePublishedFigures(
  ctx: EventsContext,
  idOrSlug: string,
  input: FiguresInput,
  labelErrors: FieldError[] = [],
): Promise<PublishedFigures | null> {
  const e = await managedEvent(ctx, idOrSlug);
  const checked = checkFigures(input, labelErrors);
  const value = checked.figures.length ? checked : null;
  await ctx.db.transaction(async (tx) => {
    await tx.update(events).set({ publishedFigures: value, updatedAt: new Date() }).where(eq(events.id, e.id));
    await recordAudit(tx, {
      action: 'event.figures.updated',
      actor: ctx.actor,
      targetType: 'event',
      targetId: e.id,
      ip: ctx.ip,
      details: {
        figures: checked.figures.map((f) => ({ kind: f.kind, value: f.value, qualifier: f.qualifier })),
        sources: checked.sources.length,
      },
    });
  });
  return value;
}

/** The languages a source label may have (the translatable-text model's). */
export const SOURCE_LANGUAGES = LOCALES;
