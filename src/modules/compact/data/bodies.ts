// The Compact's bodies other than the working groups (the working groups' bodies come from working-groups.ts).
import type { BodyKind } from '../compact.schema.ts';

export interface BodyRecord {
  slug: string;
  kind: Exclude<BodyKind, 'working_group'>;
  symbolPrefix: string;
  sortOrder: number;
  names: { en: string; fr: string; es: string; ru: string; zh: string; ar: string };
  /** Languages whose name is a careful translation, not a published official name ('draft'). */
  draft?: readonly string[];
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
  },
];
