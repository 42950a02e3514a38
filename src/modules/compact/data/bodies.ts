// The Compact's bodies other than the working groups (the working groups' bodies come from working-groups.ts), their
// standing composition, and the Compact's member entities with the dates they joined.
//
// Sources (read 2026-12-01 through the search index):
// - https://www.un.org/counterterrorism/global-ct-compact/coordination-committee-working-groups — the Coordination
//   Committee "is chaired by the Under-Secretary-General for Counter-Terrorism and comprises representatives of all
//   Counter-Terrorism Compact entities, as well as the Chairs and Vice-Chairs of its eight Working Groups"; UNOCT is its
//   secretariat; it adopted the Joint Programme of Work 2024–2026 on 24 January 2024.
// - https://www.un.org/sc/ctc/news/2018/02/23/global-counter-terrorism-coordination-compact-signed-highlights-importance-cted-assessments/
//   — "CTED will have a seat on the Coordination Committee"; the Compact was agreed on 1 February 2018 and signed by
//   the Secretary-General on 23 February 2018; CTED's Executive Director signed it together with the head of UNOCT.
// - https://www.un.org/counterterrorism/global-ct-compact — signed 23 February 2018; as of April 2022, 45 entities
//   (41 UN entities, INTERPOL, WCO, the IPU and the FATF), as members or observers.
// Not found in any public source read: the heads' monthly meeting and the twice-yearly joint briefing to the
// Counter-Terrorism Committee are recorded here as the Compact workspace issue describes them (UNOCT and CTED,
// co-chairs); the official French, Spanish, Russian, Chinese and Arabic names of these three bodies — careful
// translations, stored as 'draft'; the joining date of each entity other than UNOCT and CTED (shown as "—").
// The IPU and the FATF are Compact entities but not in the directory's list (adding them there would change the
// directory's reference data and the consent model's fixture): left out of the Committee until the directory has them.
import type { BodyKind, BodyRole } from '../compact.schema.ts';

export const CC_SOURCE =
  'https://www.un.org/counterterrorism/global-ct-compact/coordination-committee-working-groups (read 2026-12-01)';
export const SIGNED_SOURCE =
  'https://www.un.org/sc/ctc/news/2018/02/23/global-counter-terrorism-coordination-compact-signed-highlights-importance-cted-assessments/ (read 2026-12-01)';

export interface BodyRecord {
  slug: string;
  kind: Exclude<BodyKind, 'working_group'>;
  symbolPrefix: string;
  sortOrder: number;
  names: { en: string; fr: string; es: string; ru: string; zh: string; ar: string };
  /** Languages whose name is a careful translation, not a published official name ('draft'). */
  draft?: readonly string[];
  /** Standing seats (organization slugs): the body's chairs, co-chairs and named members. */
  seats: readonly { org: string; role: BodyRole; note?: string }[];
  /** The Committee only: every Compact entity of the directory is a member. */
  allCompactEntities?: boolean;
  source: string;
}

export const BODIES: readonly BodyRecord[] = [
  {
    slug: 'coordination-committee',
    kind: 'coordination_committee',
    symbolPrefix: 'CC',
    sortOrder: 0,
    names: {
      en: 'Global Counter-Terrorism Coordination Compact Coordination Committee',
      fr: 'Comité de coordination du Pacte mondial de coordination contre le terrorisme',
      es: 'Comité de Coordinación del Pacto Mundial de Coordinación de la Lucha Antiterrorista',
      ru: 'Координационный комитет Глобального договора о координации контртеррористической деятельности',
      zh: '全球反恐协调契约协调委员会',
      ar: 'لجنة التنسيق التابعة للاتفاق العالمي لتنسيق مكافحة الإرهاب',
    },
    draft: ['fr', 'es', 'ru', 'zh', 'ar'],
    // Chaired by the Under-Secretary-General for Counter-Terrorism, the head of UNOCT; CTED has a seat.
    seats: [
      { org: 'unoct', role: 'chair' },
      { org: 'cted', role: 'member' },
    ],
    allCompactEntities: true,
    source: CC_SOURCE,
  },
  {
    slug: 'heads-meeting',
    kind: 'heads_meeting',
    symbolPrefix: 'HM',
    sortOrder: 1,
    names: {
      en: 'Monthly coordination meeting of the heads of UNOCT and CTED',
      fr: 'Réunion mensuelle de coordination des chefs du BLT et de la DECT',
      es: 'Reunión mensual de coordinación de los jefes de la OLCT y la DECT',
      ru: 'Ежемесячное координационное совещание руководителей КТУ ООН и ИДКТК',
      zh: '反恐办和反恐执行局负责人月度协调会议',
      ar: 'الاجتماع التنسيقي الشهري لرئيسي مكتب مكافحة الإرهاب والمديرية التنفيذية للجنة مكافحة الإرهاب',
    },
    draft: ['fr', 'es', 'ru', 'zh', 'ar'],
    seats: [
      { org: 'unoct', role: 'co_chair' },
      { org: 'cted', role: 'co_chair' },
    ],
    source: 'Compact workspace issue (no public page found)',
  },
  {
    slug: 'ctc-briefing',
    kind: 'ctc_briefing',
    symbolPrefix: 'CTC',
    sortOrder: 2,
    names: {
      en: 'Joint UNOCT–CTED briefing to the Counter-Terrorism Committee',
      fr: 'Exposé conjoint du BLT et de la DECT au Comité contre le terrorisme',
      es: 'Exposición informativa conjunta de la OLCT y la DECT al Comité contra el Terrorismo',
      ru: 'Совместный брифинг КТУ ООН и ИДКТК для Контртеррористического комитета',
      zh: '反恐办和反恐执行局向反恐怖主义委员会的联合通报',
      ar: 'الإحاطة المشتركة لمكتب مكافحة الإرهاب والمديرية التنفيذية إلى لجنة مكافحة الإرهاب',
    },
    draft: ['fr', 'es', 'ru', 'zh', 'ar'],
    seats: [
      { org: 'unoct', role: 'co_chair' },
      { org: 'cted', role: 'co_chair' },
    ],
    source: 'Compact workspace issue (no public page found)',
  },
];

/** Joining dates that a public source gives (the others are not public: null, shown as "—"). */
export const JOINED: Readonly<Record<string, { on: string; source: string }>> = {
  unoct: { on: '2018-02-23', source: SIGNED_SOURCE },
  cted: { on: '2018-02-23', source: SIGNED_SOURCE },
};
