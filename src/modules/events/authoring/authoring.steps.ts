// The event form in steps: which step asks which field, the rows of the registration questions' editor, and the
// answers carried from step to step (hidden fields: every page posts every answer, so nothing is kept on the server
// until the check-your-answers page saves).
import type { FormValues } from '../shared/forms.ts';

export const STEPS = ['basics', 'place', 'dates', 'organizers', 'registration'] as const;
export type Step = (typeof STEPS)[number];
export const isStep = (s: string): s is Step => (STEPS as readonly string[]).includes(s);

const FIELD_STEP: Record<string, Step> = {
  slug: 'basics',
  type: 'basics',
  status: 'basics',
  parent: 'basics',
  title: 'basics',
  summary: 'basics',
  description: 'basics',
  format: 'place',
  venue: 'place',
  meetingUrl: 'place',
  timeZone: 'dates',
  startsAt: 'dates',
  endsAt: 'dates',
  allDay: 'dates',
  organizers: 'organizers',
  coOrganizers: 'organizers',
  pillars: 'organizers',
  themes: 'organizers',
  visibility: 'registration',
  openTo: 'registration',
  registrationMode: 'registration',
  registrationOpensAt: 'registration',
  registrationClosesAt: 'registration',
  capacity: 'registration',
  waitlist: 'registration',
  participantList: 'registration',
  showCsoParticipants: 'registration',
  questions: 'registration',
  q: 'registration',
};

/** The step that asks a field (a language version `title_fr`, `title_fr_status` or a question's `q_label_2` too). */
export function stepOf(field: string): Step | null {
  const base = field.startsWith('q_') ? 'q' : field.split('_')[0];
  return FIELD_STEP[base] ?? null;
}

/** One row of the questions' editor: what the registration form will ask. */
export interface QuestionRow {
  id: string;
  kind: string;
  label: string;
  /** The choices of a `choice` question, one a line. */
  options: string;
  required: boolean;
}
export const QUESTION_KINDS = ['text', 'choice', 'yes_no'] as const;
const first = (v: FormValues[string]) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

/** Whether the values come from the editor (rows q_kind_0, q_kind_1 …) rather than the one-line-each text. */
export const hasQuestionRows = (v: FormValues) => Object.keys(v).some((k) => /^q_kind_\d+$/.test(k));

/** The editor's rows, in the order of their numbers. */
export function questionRows(v: FormValues): QuestionRow[] {
  const numbers = Object.keys(v)
    .map((k) => /^q_kind_(\d+)$/.exec(k)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .filter((n) => n < 100)
    .sort((a, b) => a - b);
  return numbers.map((n) => ({
    id: first(v[`q_id_${n}`]).trim(),
    kind: first(v[`q_kind_${n}`]).trim(),
    label: first(v[`q_label_${n}`]).trim(),
    options: first(v[`q_options_${n}`]),
    required: first(v[`q_required_${n}`]) === 'on',
  }));
}

/** The values without the editor's rows, and the rows numbered again from 0. */
export function withQuestionRows(v: FormValues, rows: QuestionRow[]): FormValues {
  const out: FormValues = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith('q_')) out[k] = x;
  rows.forEach((r, i) => {
    out[`q_id_${i}`] = r.id;
    out[`q_kind_${i}`] = r.kind;
    out[`q_label_${i}`] = r.label;
    out[`q_options_${i}`] = r.options;
    out[`q_required_${i}`] = r.required ? 'on' : '';
  });
  return out;
}

/** A row is left out when nothing was written in it (the empty row "Add a question" gave). */
export const emptyRow = (r: QuestionRow) => !r.label && !r.options.trim() && !r.id;

/** The answers a page carries in hidden fields: all but the fields its own step shows, and not the page's controls. */
export function carried(v: FormValues, shown: Step | null): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, x] of Object.entries(v)) {
    if (k.startsWith('_') || (shown && stepOf(k) === shown)) continue;
    for (const one of Array.isArray(x) ? x : x === undefined ? [] : [x]) out.push([k, one]);
  }
  return out;
}
