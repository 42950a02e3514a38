// The four seed events, from the public pages in ../shared/seeds/ (relative to the repository) — only what those pages
// say (no invented hours, speakers or figures; all-day where no hours are given), and one clearly fictional upcoming
// event, organized by fictional organizations, with fictional participants, to show registration in the demo.
// English is the original; the other languages are draft translations; descriptions stay in English
// to show the fallback.
import { zonedTime } from '../../platform/i18n/time.ts';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { findOrganizationsBySlug, insertMissingOrganizations, type LocalizedText } from '../directory/index.ts';
import {
  eventDocuments,
  eventOrganizers,
  eventRegistrations,
  eventSeries,
  eventSessions,
  eventSlots,
  eventSummaryItems,
  events,
  type OrganizerRole,
  type PublishedFigures,
  type PublishedSource,
  type RegistrationQuestion,
  type SessionKind,
} from './events.schema.ts';
import { type TranslatableText } from '../../platform/i18n/text.ts';
import { createSourcedDocument } from '../library/index.ts';
import { publishSeededEvent } from './publication/publication.service.ts';
import { publishSeededSummary } from './summary-publication/summary-publication.service.ts';
import type { Locale } from '../../platform/i18n/index.ts';

type Six = { en: string; fr: string; es: string; ru: string; zh: string; ar: string };
/** English original, the other five as draft translations. */
const tr = (s: Six): TranslatableText => ({
  en: { text: s.en, status: 'original' },
  fr: { text: s.fr, status: 'draft' },
  es: { text: s.es, status: 'draft' },
  ru: { text: s.ru, status: 'draft' },
  zh: { text: s.zh, status: 'draft' },
  ar: { text: s.ar, status: 'draft' },
});
const en = (text: string): TranslatableText => ({ en: { text, status: 'original' } });
/** A language's name in another, as a list offers it ("Arabic", "Arabe", "Árabe"): from the runtime's CLDR data. */
const languageName = (code: Locale, inLocale: Locale) => {
  const name = new Intl.DisplayNames([inLocale], { type: 'language' }).of(code) ?? code;
  return name.charAt(0).toLocaleUpperCase(inLocale) + name.slice(1);
};
const NY = 'America/New_York';

/** The source of the 2023 CT Week's published figures (../shared/seeds/001: UNOCT's release as HSToday printed it). */
const HSTODAY: PublishedSource = {
  label: tr({
    en: 'UNOCT, as reported by Homeland Security Today',
    fr: 'Bureau de lutte contre le terrorisme (UNOCT), cité par Homeland Security Today',
    es: 'Oficina de Lucha contra el Terrorismo (UNOCT), según Homeland Security Today',
    ru: 'Контртеррористическое управление ООН (КТУ ООН), по данным Homeland Security Today',
    zh: '联合国反恐怖主义办公室（反恐办），据 Homeland Security Today 报道',
    ar: 'مكتب الأمم المتحدة لمكافحة الإرهاب، حسبما أوردته Homeland Security Today',
  }),
  url: null,
  quote: null,
  quoteLang: 'en',
};

/** Historical UN offices the 2011 symposium names (not in the directory's current list). */
const HISTORICAL_ORGS: { slug: string; acronym: string; names: LocalizedText }[] = [
  {
    slug: 'ctitf-office',
    acronym: 'CTITF',
    names: {
      en: 'Counter-Terrorism Implementation Task Force Office',
      fr: 'Bureau de l’Équipe spéciale de lutte contre le terrorisme',
      es: 'Oficina del Equipo Especial sobre la Ejecución de la Lucha contra el Terrorismo',
      ru: 'Канцелярия Целевой группы по осуществлению контртеррористических мероприятий',
      zh: '反恐执行工作队办公室',
      ar: 'مكتب فرقة العمل المعنية بالتنفيذ في مجال مكافحة الإرهاب',
    },
  },
  {
    slug: 'eosg',
    acronym: 'EOSG',
    names: {
      en: 'Executive Office of the Secretary-General',
      fr: 'Cabinet du Secrétaire général',
      es: 'Oficina Ejecutiva del Secretario General',
      ru: 'Канцелярия Генерального секретаря',
      zh: '秘书长办公厅',
      ar: 'المكتب التنفيذي للأمين العام',
    },
  },
];

interface SessionSeed {
  kind: SessionKind;
  title: TranslatableText;
  pillar?: string;
  chairName?: string;
  chairRole?: 'chair' | 'moderator';
  slots?: { speakerName: string; affiliation?: string; role: 'keynote' | 'speaker' | 'statement' | 'remarks' }[];
}
interface EventSeed {
  slug: string;
  type: (typeof events.$inferInsert)['type'];
  title: TranslatableText;
  summary: TranslatableText;
  description: TranslatableText;
  format: 'in_person' | 'virtual' | 'hybrid';
  venue?: string;
  timeZone: string;
  start: string;
  end: string;
  allDay?: boolean;
  organizers: [string, OrganizerRole][];
  pillars?: string[];
  themes?: string[];
  openTo?: (typeof events.$inferInsert)['openTo'];
  series?: { slug: string; number: number };
  parent?: string;
  publishedFigures?: PublishedFigures;
  documents?: { kind: (typeof eventDocuments.$inferInsert)['kind']; title: TranslatableText; body?: string }[];
  /** The Chair's Summary's conclusions, in English (the source's words, not invented). */
  chairsSummary?: string[];
  sessions?: SessionSeed[];
  isDemo?: boolean;
  registration?: Partial<typeof events.$inferInsert>;
}

const SERIES = [
  {
    slug: 'unoct-civil-society-roundtables',
    organizer: 'unoct',
    title: tr({
      en: 'UNOCT–Civil Society Roundtables',
      fr: 'Tables rondes UNOCT–société civile',
      es: 'Mesas redondas UNOCT–sociedad civil',
      ru: 'Круглые столы КТК ООН с гражданским обществом',
      zh: '反恐办—民间社会圆桌会议',
      ar: 'موائد مستديرة بين مكتب مكافحة الإرهاب والمجتمع المدني',
    }),
  },
  {
    slug: 'high-level-conference-heads-ct-agencies',
    organizer: 'unoct',
    title: tr({
      en: 'High-Level Conferences of Heads of Counter-Terrorism Agencies of Member States',
      fr: 'Conférences de haut niveau des chefs des organismes antiterroristes des États Membres',
      es: 'Conferencias de alto nivel de jefes de organismos antiterroristas de los Estados Miembros',
      ru: 'Конференции высокого уровня руководителей контртеррористических ведомств государств-членов',
      zh: '会员国反恐机构负责人高级别会议',
      ar: 'المؤتمرات الرفيعة المستوى لرؤساء وكالات مكافحة الإرهاب في الدول الأعضاء',
    }),
  },
];

const SEEDS: EventSeed[] = [
  {
    slug: '2021-01-virtual-roundtable-civil-society',
    type: 'roundtable',
    format: 'virtual',
    venue: 'Microsoft Teams',
    timeZone: NY,
    start: '2021-01-08T09:00',
    end: '2021-01-08T10:30',
    organizers: [['cted', 'organizer']],
    openTo: ['member_state', 'un_entity', 'cso'],
    themes: ['theme-pcve', 'theme-human-rights', 'S/RES/1373 (2001)', 'S/RES/1624 (2005)', 'S/RES/2178 (2014)'],
    title: tr({
      en:
        'Virtual roundtable with Civil Society: “Partnerships and ' +
        'Challenges in International Counter-Terrorism Efforts”',
      fr:
        'Table ronde virtuelle avec la société civile : « Partenariats ' +
        'et défis dans l’action antiterroriste internationale »',
      es:
        'Mesa redonda virtual con la sociedad civil: “Alianzas y ' +
        'desafíos en la lucha internacional contra el terrorismo”',
      ru:
        'Виртуальный круглый стол с гражданским обществом: ' +
        '«Партнерство и вызовы в международной борьбе с терроризмом»',
      zh: '与民间社会的虚拟圆桌会议：“国际反恐努力中的伙伴关系与挑战”',
      ar: 'مائدة مستديرة افتراضية مع المجتمع المدني: "الشراكات والتحديات في الجهود الدولية لمكافحة الإرهاب"',
    }),
    summary: tr({
      en:
        'CTED’s virtual roundtable with international civil society organizations, in support of the ' +
        'Security Council’s high-level meeting of 12 January 2021 commemorating the 20th anniversary ' +
        'of resolution 1373 (2001) and the establishment of the Counter-Terrorism Committee.',
      fr:
        'Table ronde virtuelle de la DECT avec des organisations internationales de la société civile, en ' +
        'appui à la réunion de haut niveau du Conseil de sécurité du 12 janvier 2021 marquant le vingtième ' +
        'anniversaire de la résolution 1373 (2001) et de la création du Comité contre le terrorisme.',
      es:
        'Mesa redonda virtual de la DECT con organizaciones internacionales de la sociedad civil, en apoyo ' +
        'de la reunión de alto nivel del Consejo de Seguridad del 12 de enero de 2021 que conmemoró el ' +
        'vigésimo aniversario de la resolución 1373 (2001) y la creación del Comité contra el Terrorismo.',
      ru:
        'Виртуальный круглый стол ИДКТК с международными организациями гражданского общества в ' +
        'поддержку заседания Совета Безопасности высокого уровня 12 января 2021 года, посвященного ' +
        '20-летию резолюции 1373 (2001) и учреждения Контртеррористического комитета.',
      zh: '反恐执行局与国际民间社会组织举行的虚拟圆桌会议，以支持安全理事会2021年1月12日纪念第1373(2001)号决议通过和反恐怖主义委员会成立二十周年的高级别会议。',
      ar:
        'مائدة مستديرة افتراضية تعقدها المديرية التنفيذية للجنة مكافحة الإرهاب مع منظمات المجتمع ' +
        'المدني الدولية، دعماً للاجتماع الرفيع المستوى لمجلس الأمن في 12 كانون الثاني/يناير 2021 ' +
        'احتفالاً بالذكرى العشرين للقرار 1373 (2001) وإنشاء لجنة مكافحة الإرهاب.',
    }),
    description: en(
      'On 28 September 2001, the Security Council unanimously adopted resolution 1373, establishing the basis ' +
        'of its response in countering the terrorism threat, and established the Counter-Terrorism Committee ' +
        '(CTC) as a subsidiary body to assess Member States’ compliance with the resolution’s provisions.\n\n' +
        'The Security Council has long emphasized the positive contribution that civil society can make ' +
        'to Member States’ efforts to counter terrorism and violent extremism conducive to terrorism ' +
        '(resolutions 1624 (2005) and 2178 (2014)). CTED has actively engaged with civil society actors, ' +
        'and has encouraged Member States to do so as well, in a human rights-compliant manner.\n\n' +
        'On 12 January 2021, the Security Council, under the presidency of Tunisia, held an event ' +
        'commemorating the 20th anniversary of resolution 1373 (2001) and the establishment of the CTC. In ' +
        'support of that high-level meeting, CTED organized this virtual roundtable with international ' +
        'civil society organizations to reflect on the experience of the last 20 years and the development ' +
        'of effective approaches to countering the threats of terrorism and violent extremism.\n\n' +
        'The source page gives the time as “09:00 a.m. to 10:30 a.m. Eastern Daylight Time (EDT)”; ' +
        'on 8 January New York observes Eastern Standard Time, which is what this page shows.',
    ),
    documents: [
      {
        kind: 'concept_note',
        title: tr({
          en: 'Concept note',
          fr: 'Note de cadrage',
          es: 'Nota conceptual',
          ru: 'Концептуальная записка',
          zh: '概念说明',
          ar: 'مذكرة مفاهيمية',
        }),
      },
      {
        kind: 'agenda',
        title: tr({
          en: 'Draft agenda',
          fr: 'Projet d’ordre du jour',
          es: 'Proyecto de programa',
          ru: 'Проект повестки дня',
          zh: '议程草案',
          ar: 'مشروع جدول الأعمال',
        }),
      },
    ],
  },
  {
    slug: '2023-ct-week',
    type: 'week',
    format: 'in_person',
    venue: 'New York',
    timeZone: NY,
    start: '2023-06-19T00:00',
    end: '2023-06-24T00:00',
    allDay: true,
    organizers: [['unoct', 'organizer']],
    title: tr({
      en: '2023 United Nations Counter-Terrorism Week',
      fr: 'Semaine de la lutte antiterroriste des Nations Unies 2023',
      es: 'Semana de las Naciones Unidas contra el Terrorismo 2023',
      ru: 'Неделя Организации Объединенных Наций по борьбе с терроризмом 2023 года',
      zh: '2023年联合国反恐周',
      ar: 'أسبوع الأمم المتحدة لمكافحة الإرهاب لعام 2023',
    }),
    summary: tr({
      en:
        'A biennial gathering of Member States and international counter-terrorism partners: the Third ' +
        'High-Level Conference of Heads of Counter-Terrorism Agencies, thematic side events, and the General ' +
        'Assembly’s adoption of the Eighth Biennial Review of the Global Counter-Terrorism Strategy.',
      fr:
        'Rencontre biennale des États Membres et des partenaires internationaux de la lutte ' +
        'antiterroriste : la troisième Conférence de haut niveau des chefs des organismes ' +
        'antiterroristes, des manifestations parallèles thématiques et l’adoption par l’Assemblée ' +
        'générale du huitième examen biennal de la Stratégie antiterroriste mondiale.',
      es:
        'Reunión bienal de los Estados Miembros y los asociados internacionales en la lucha ' +
        'contra el terrorismo: la Tercera Conferencia de Alto Nivel de Jefes de Organismos ' +
        'Antiterroristas, actos paralelos temáticos y la aprobación por la Asamblea General ' +
        'del octavo examen bienal de la Estrategia Global contra el Terrorismo.',
      ru:
        'Проводимая раз в два года встреча государств-членов и международных партнеров по борьбе ' +
        'с терроризмом: третья Конференция высокого уровня руководителей контртеррористических ' +
        'ведомств, тематические параллельные мероприятия и принятие Генеральной Ассамблеей ' +
        'восьмого двухгодичного обзора Глобальной контртеррористической стратегии.',
      zh: '会员国和国际反恐伙伴两年一度的聚会：第三次反恐机构负责人高级别会议、专题会外活动以及大会通过《全球反恐战略》第八次两年期审查。',
      ar:
        'تجمع يعقد كل سنتين للدول الأعضاء والشركاء الدوليين في مكافحة الإرهاب: المؤتمر الثالث ' +
        'الرفيع المستوى لرؤساء وكالات مكافحة الإرهاب، وأحداث جانبية مواضيعية، واعتماد الجمعية ' +
        'العامة للاستعراض الثامن الذي يجرى كل سنتين للاستراتيجية العالمية لمكافحة الإرهاب.',
    }),
    description: en(
      'The Third High-Level Conference of Heads of Counter-Terrorism Agencies of Member States was ' +
        'the first part of the 2023 UN Counter-Terrorism Week (“CT Week”), a biennial gathering of ' +
        'Member States and international counter-terrorism partners. CT Week continued with a line-up ' +
        'of 40 thematic side events co-organized by over 95 stakeholders comprising Member States, ' +
        'intergovernmental organizations, UN Global Counter-Terrorism Coordination Compact entities, ' +
        'civil society, academia and faith-based organizations, from all geographical regions.\n\n' +
        'CT Week concluded with the consensus adoption of the Eighth Biennial Review ' +
        'of the United Nations Global Counter-Terrorism Strategy resolution by the ' +
        'General Assembly following a Plenary meeting and General Debate (22–23 June).',
    ),
    themes: ['A/RES/77/298'],
    publishedFigures: {
      sources: [
        {
          ...HSTODAY,
          quote:
            'CT Week continues for the remainder of this week with its line-up of 40 thematic side-events ' +
            'co-organized by over 95 stakeholders comprising Member States, intergovernmental organizations, UN ' +
            'Global Counter-Terrorism Compact entities, civil society, academia and faith-based organizations, from ' +
            'all geographical regions.',
        },
      ],
      figures: [
        { kind: 'sideEvents', value: 40, qualifier: 'exact', mode: null, orgKinds: [], source: 0 },
        {
          kind: 'stakeholders',
          value: 95,
          qualifier: 'over',
          mode: null,
          orgKinds: [
            'member_state',
            'regional_org',
            'international_org',
            'un_entity',
            'cso',
            'academia',
            'faith_based',
          ],
          source: 0,
        },
      ],
    },
  },
  {
    slug: '2023-third-high-level-conference-heads-ct-agencies',
    type: 'conference',
    format: 'in_person',
    venue: 'New York',
    timeZone: NY,
    start: '2023-06-19T00:00',
    end: '2023-06-21T00:00',
    allDay: true,
    organizers: [['unoct', 'organizer']],
    parent: '2023-ct-week',
    series: { slug: 'high-level-conference-heads-ct-agencies', number: 3 },
    pillars: ['pillar-2', 'pillar-3', 'pillar-4'],
    themes: [
      'theme-criminal-justice',
      'theme-human-rights',
      'theme-gender',
      'theme-victims',
      'theme-ftf-prr',
      'theme-new-technologies',
    ],
    title: tr({
      en: 'Third High-Level Conference of Heads of Counter-Terrorism Agencies of Member States',
      fr: 'Troisième Conférence de haut niveau des chefs des organismes antiterroristes des États Membres',
      es: 'Tercera Conferencia de Alto Nivel de Jefes de Organismos Antiterroristas de los Estados Miembros',
      ru: 'Третья конференция высокого уровня руководителей контртеррористических ведомств государств-членов',
      zh: '第三次会员国反恐机构负责人高级别会议',
      ar: 'المؤتمر الثالث الرفيع المستوى لرؤساء وكالات مكافحة الإرهاب في الدول الأعضاء',
    }),
    summary: tr({
      en:
        'Under the theme “Addressing Terrorism through Reinvigorated Multilateralism and Institutional ' +
        'Cooperation”, a two-day conference to exchange experiences and discuss critical thematic ' +
        'issues in countering terrorism and preventing and countering violent extremism.',
      fr:
        'Sur le thème « Faire face au terrorisme grâce à un multilatéralisme revigoré et à ' +
        'la coopération institutionnelle », une conférence de deux jours pour échanger des ' +
        'expériences et débattre de questions thématiques essentielles de la lutte contre ' +
        'le terrorisme et de la prévention et de la lutte contre l’extrémisme violent.',
      es:
        'Con el tema “Hacer frente al terrorismo mediante un multilateralismo ' +
        'revitalizado y la cooperación institucional”, una conferencia de dos días para ' +
        'intercambiar experiencias y debatir cuestiones temáticas críticas de la lucha ' +
        'contra el terrorismo y la prevención y lucha contra el extremismo violento.',
      ru:
        'Двухдневная конференция на тему «Противодействие терроризму на основе обновленной многосторонности ' +
        'и институционального сотрудничества» для обмена опытом и обсуждения ключевых тематических вопросов ' +
        'борьбы с терроризмом и предупреждения насильственного экстремизма и противодействия ему.',
      zh: '以“通过重振多边主义和机构合作应对恐怖主义”为主题的为期两天的会议，交流经验并讨论反恐以及预防和打击暴力极端主义方面的关键专题问题。',
      ar:
        'مؤتمر لمدة يومين تحت شعار "التصدي للإرهاب من خلال تعددية أطراف متجددة وتعاون مؤسسي"، لتبادل ' +
        'الخبرات ومناقشة القضايا المواضيعية الحاسمة في مكافحة الإرهاب ومنع التطرف العنيف ومكافحته.',
    }),
    description: en(
      'In line with the Secretary-General’s vision for a reinvigorated, networked multilateralism, ' +
        'the Conference aimed to strengthen international and regional cooperation to address the ' +
        'complex and evolving terrorism threat, and presented an important check-in for the forthcoming ' +
        'New Agenda for Peace proposed by the Secretary-General in his report on Our Common Agenda.\n\n' +
        'Participants urged the international community to get ahead of evolving terrorism threats ' +
        'based on xenophobia, racism and other forms of intolerance, or in the name of religion or ' +
        'belief, as well as the terrorist use of new and emerging technologies. Requests for new ' +
        'impetus to combat terrorism in Africa were accompanied by calls for more financial ' +
        'support for United Nations counter-terrorism efforts and capacity-building programmes.\n\n' +
        'In consultation with partners, UNOCT announced a detailed ' +
        'outcome report of the Conference for September 2023.',
    ),
    publishedFigures: {
      sources: [
        {
          ...HSTODAY,
          quote:
            'More than 1000 participants representing 160 Member States, 23 regional and international ' +
            'organizations, 23 United Nations entities, as well as 135 institutions from academia, civil society, ' +
            'and private sector attended the conference in person.',
        },
      ],
      figures: [
        { kind: 'participants', value: 1000, qualifier: 'more_than', mode: 'in_person', orgKinds: [], source: 0 },
        { kind: 'memberStates', value: 160, qualifier: 'exact', mode: 'in_person', orgKinds: [], source: 0 },
        {
          kind: 'regionalAndInternationalOrgs',
          value: 23,
          qualifier: 'exact',
          mode: 'in_person',
          orgKinds: ['regional_org', 'international_org'],
          source: 0,
        },
        { kind: 'unEntities', value: 23, qualifier: 'exact', mode: 'in_person', orgKinds: [], source: 0 },
        {
          kind: 'institutions',
          value: 135,
          qualifier: 'exact',
          mode: 'in_person',
          orgKinds: ['academia', 'cso', 'private_sector'],
          source: 0,
        },
      ],
    },
    sessions: [
      {
        kind: 'closing',
        title: tr({
          en: 'Closing session: presentation of the Chair’s summary',
          fr: 'Séance de clôture : présentation du résumé du Président',
          es: 'Sesión de clausura: presentación del resumen de la Presidencia',
          ru: 'Заключительное заседание: представление резюме Председателя',
          zh: '闭幕会议：介绍主席总结',
          ar: 'الجلسة الختامية: عرض موجز الرئيس',
        }),
        slots: [
          {
            speakerName: 'Vladimir Voronkov',
            affiliation: 'Under-Secretary-General for Counter-Terrorism',
            role: 'remarks',
          },
        ],
      },
    ],
    // The Chair's Summary as the source page gives it: the five initial conclusions and recommendations presented at
    // the closing session. Its text lives in the summary itself (event_summary_items), as for any event: the event
    // page, its Chair's Summary page and the outcome report read it from there.
    chairsSummary: [
      'Effective law enforcement mechanisms, including capacity building for law ' +
        'enforcement officials through technical assistance and institutional cooperation.',
      'The centrality of human rights in the fight against terrorism: good governance, the rule of law ' +
        'and the full realization of human rights as a precondition for successful and sustainable efforts.',
      'Gender mainstreaming: advancing gender equality and ensuring women’s meaningful participation.',
      'Victims at the centre of global counter-terrorism efforts, building on the ' +
        'first United Nations Global Congress of Victims of Terrorism (September 2022).',
      'Prosecution, rehabilitation and reintegration of foreign terrorist ' +
        'fighters and associated family members; Member States encouraged to ' +
        'strengthen their efforts in repatriating nationals from conflict zones.',
    ],
  },
  {
    slug: '2021-11-third-unoct-civil-society-roundtable',
    type: 'roundtable',
    format: 'virtual',
    timeZone: NY,
    start: '2021-11-29T09:30',
    end: '2021-11-29T11:00',
    organizers: [['unoct', 'organizer']],
    series: { slug: 'unoct-civil-society-roundtables', number: 3 },
    openTo: ['cso'],
    themes: ['theme-pcve', 'theme-human-rights'],
    title: tr({
      en: 'Third UNOCT–Civil Society Roundtable',
      fr: 'Troisième table ronde UNOCT–société civile',
      es: 'Tercera Mesa Redonda UNOCT–Sociedad Civil',
      ru: 'Третий круглый стол КТК ООН с гражданским обществом',
      zh: '第三次反恐办—民间社会圆桌会议',
      ar: 'المائدة المستديرة الثالثة بين مكتب مكافحة الإرهاب والمجتمع المدني',
    }),
    summary: tr({
      en:
        'The third roundtable of the series, held virtually, with 30 civil society ' +
        'organizations — grassroots organizations and regional and international ' +
        'non-profits, including several women- and youth-led organizations.',
      fr:
        'Troisième table ronde de la série, tenue en ligne, avec 30 organisations de la ' +
        'société civile — organisations de terrain et organisations à but non lucratif ' +
        'régionales et internationales, dont plusieurs dirigées par des femmes et des jeunes.',
      es:
        'Tercera mesa redonda de la serie, celebrada en línea, con 30 organizaciones de la ' +
        'sociedad civil: organizaciones de base y entidades sin fines de lucro regionales ' +
        'e internacionales, entre ellas varias dirigidas por mujeres y jóvenes.',
      ru:
        'Третий круглый стол серии, проведенный в виртуальном формате, с участием 30 организаций ' +
        'гражданского общества — низовых организаций и региональных и международных некоммерческих ' +
        'организаций, в том числе нескольких организаций, возглавляемых женщинами и молодежью.',
      zh: '该系列的第三次圆桌会议，以线上方式举行，30个民间社会组织参加，包括基层组织以及区域和国际非营利组织，其中有若干由妇女和青年领导的组织。',
      ar:
        'المائدة المستديرة الثالثة في السلسلة، عقدت افتراضياً بمشاركة 30 منظمة من منظمات المجتمع المدني ' +
        '— منظمات شعبية ومنظمات غير ربحية إقليمية ودولية، من بينها عدة منظمات تقودها نساء وشباب.',
    }),
    description: en(
      'In line with the UNOCT Civil Society Engagement Strategy launched in January 2020, the ' +
        'roundtable sought to strengthen and mainstream the Office’s partnerships with civil society ' +
        'organizations (CSOs) and draw upon the diverse expertise, experience, outreach and knowledge of ' +
        'civil society at the local, national, regional and global level in its CT and P/CVE efforts.\n\n' +
        'The moderator presented the Office’s priorities and upcoming activities related to civil society ' +
        'engagement, including a conference scheduled for early 2022 on Human Rights, Civil Society and ' +
        'Counter-Terrorism in Málaga, Spain, and the forthcoming UNOCT Strategic Plan and Programme ' +
        'Framework. In the second segment he presented the proposed new format for the 2022 CSO ' +
        'Roundtable Series — a high-level dialogue followed by in-depth discussions on thematic areas or ' +
        'regions — to foster meaningful, continuous, systematic and structured engagement with CSOs.',
    ),
    publishedFigures: {
      sources: [
        {
          label: tr({
            en: 'UNOCT',
            fr: 'Bureau de lutte contre le terrorisme (UNOCT)',
            es: 'Oficina de Lucha contra el Terrorismo (UNOCT)',
            ru: 'Контртеррористическое управление ООН (КТУ ООН)',
            zh: '联合国反恐怖主义办公室（反恐办）',
            ar: 'مكتب الأمم المتحدة لمكافحة الإرهاب',
          }),
          url: null,
          quote:
            'The third event in a series of roundtables hosted a group of 30 CSOs from grassroots organizations, ' +
            'regional, and international non-profits, ensuring geographical diversity and including several women ' +
            'and youth-led organizations.',
          quoteLang: 'en',
        },
      ],
      figures: [{ kind: 'csos', value: 30, qualifier: 'exact', mode: 'online', orgKinds: ['cso'], source: 0 }],
    },
    sessions: [
      {
        kind: 'opening',
        chairName: 'Dr. Raffi Gregorian',
        chairRole: 'moderator',
        title: tr({
          en: 'Opening remarks and overview',
          fr: 'Allocution d’ouverture et vue d’ensemble',
          es: 'Palabras de apertura y panorama general',
          ru: 'Вступительное слово и обзор',
          zh: '开幕致辞和概述',
          ar: 'الملاحظات الافتتاحية ولمحة عامة',
        }),
        slots: [
          {
            speakerName: 'Dr. Raffi Gregorian',
            affiliation: 'Director and Deputy to the Under-Secretary-General, UNOCT',
            role: 'remarks',
          },
        ],
      },
      {
        kind: 'interactive_segment',
        chairName: 'Dr. Raffi Gregorian',
        chairRole: 'moderator',
        title: tr({
          en: 'Interactive session: perspectives and inputs from CSOs',
          fr: 'Séance interactive : points de vue et contributions des OSC',
          es: 'Sesión interactiva: perspectivas y aportaciones de las OSC',
          ru: 'Интерактивная сессия: мнения и предложения ОГО',
          zh: '互动环节：民间社会组织的观点和意见',
          ar: 'جلسة تفاعلية: وجهات نظر منظمات المجتمع المدني ومساهماتها',
        }),
      },
      {
        kind: 'other',
        chairName: 'Dr. Raffi Gregorian',
        chairRole: 'moderator',
        title: tr({
          en: 'Second segment: the proposed format of the 2022 CSO Roundtable Series',
          fr: 'Deuxième partie : le format proposé pour la série de tables rondes 2022 avec les OSC',
          es: 'Segunda parte: el formato propuesto para la serie de mesas redondas de 2022 con las OSC',
          ru: 'Вторая часть: предлагаемый формат серии круглых столов с ОГО в 2022 году',
          zh: '第二部分：2022年民间社会组织圆桌会议系列的拟议形式',
          ar: 'الجزء الثاني: الشكل المقترح لسلسلة الموائد المستديرة مع منظمات المجتمع المدني لعام 2022',
        }),
      },
    ],
  },
  {
    slug: '2011-09-sg-symposium-international-ct-cooperation',
    type: 'symposium',
    format: 'in_person',
    venue: 'United Nations Headquarters, New York',
    timeZone: NY,
    start: '2011-09-19T00:00',
    end: '2011-09-20T00:00',
    allDay: true,
    organizers: [
      ['ctitf-office', 'organizer'],
      ['eosg', 'partner'],
    ],
    pillars: ['pillar-1', 'pillar-2', 'pillar-3', 'pillar-4'],
    themes: ['A/RES/60/288', 'A/RES/62/272', 'A/RES/64/297'],
    title: tr({
      en: 'Secretary-General’s Symposium on International Counter-Terrorism Cooperation',
      fr: 'Colloque du Secrétaire général sur la coopération internationale contre le terrorisme',
      es: 'Simposio del Secretario General sobre la Cooperación Internacional contra el Terrorismo',
      ru: 'Симпозиум Генерального секретаря по международному сотрудничеству в борьбе с терроризмом',
      zh: '秘书长国际反恐合作专题讨论会',
      ar: 'ندوة الأمين العام بشأن التعاون الدولي في مجال مكافحة الإرهاب',
    }),
    summary: tr({
      en:
        'Organized by the CTITF Office in partnership with the Executive Office of the Secretary-General ' +
        'and the constituent CTITF entities, to give added impetus to international cooperation between ' +
        'States on the entire range of counter-terrorism topics covered in the Global Strategy.',
      fr:
        'Organisé par le Bureau de l’Équipe spéciale en partenariat avec le Cabinet du Secrétaire général et ' +
        'les entités membres de l’Équipe spéciale, pour donner un nouvel élan à la coopération internationale ' +
        'entre États sur l’ensemble des questions antiterroristes couvertes par la Stratégie mondiale.',
      es:
        'Organizado por la Oficina del Equipo Especial en colaboración con la Oficina ' +
        'Ejecutiva del Secretario General y las entidades que integran el Equipo Especial, ' +
        'para dar un nuevo impulso a la cooperación internacional entre los Estados en ' +
        'toda la gama de cuestiones antiterroristas que abarca la Estrategia Global.',
      ru:
        'Организован Канцелярией Целевой группы в партнерстве с Канцелярией Генерального секретаря и входящими ' +
        'в Целевую группу структурами, чтобы придать новый импульс международному сотрудничеству между ' +
        'государствами по всему кругу контртеррористических вопросов, охватываемых Глобальной стратегией.',
      zh: '由反恐执行工作队办公室与秘书长办公厅及工作队各成员实体合作举办，旨在为各国在《全球战略》所涵盖的所有反恐议题上的国际合作注入新的动力。',
      ar:
        'نظمها مكتب فرقة العمل بالشراكة مع المكتب التنفيذي للأمين العام والكيانات المكونة لفرقة العمل، لإعطاء ' +
        'زخم إضافي للتعاون الدولي بين الدول في جميع مواضيع مكافحة الإرهاب التي تشملها الاستراتيجية العالمية.',
    }),
    description: en(
      'In its first review resolution of the Global Strategy (A/RES/62/272), the General Assembly ' +
        'reaffirmed the need to enhance international cooperation in countering terrorism; in the ' +
        'second (A/RES/64/297), the need for enhanced dialogue among counter-terrorism officials of ' +
        'Member States to promote international, regional and subregional cooperation. The ' +
        'Symposium sought to underscore the importance of these resolutions.\n\n' +
        'Each thematic segment, led by a session chairperson, included 5–6 minute statements from invited ' +
        'eminent speakers, followed by an interactive exercise giving Member States an opportunity to ' +
        'share their views. The thematic segments generally followed the four pillars of the Strategy.\n\n' +
        'The closing session presented a Chairman’s Summary of the key findings and eminent speakers’ ' +
        'statements on the way forward. A comprehensive report compiling the presentations and statements, ' +
        'summarizing the discussions and including recommendations and key findings was announced.',
    ),
    sessions: [
      {
        kind: 'opening',
        title: tr({
          en:
            'Opening session: International counter-terrorism cooperation over the last ' +
            'decade and the role of the United Nations Global Counter-Terrorism Strategy',
          fr:
            'Séance d’ouverture : la coopération internationale contre le terrorisme au cours de la ' +
            'dernière décennie et le rôle de la Stratégie antiterroriste mondiale des Nations Unies',
          es:
            'Sesión de apertura: la cooperación internacional contra el terrorismo en el último ' +
            'decenio y el papel de la Estrategia Global de las Naciones Unidas contra el Terrorismo',
          ru:
            'Открытие: международное сотрудничество в борьбе с терроризмом за последнее десятилетие ' +
            'и роль Глобальной контртеррористической стратегии Организации Объединенных Наций',
          zh: '开幕会议：过去十年的国际反恐合作与《联合国全球反恐战略》的作用',
          ar:
            'الجلسة الافتتاحية: التعاون الدولي في مجال مكافحة الإرهاب خلال العقد ' +
            'الماضي ودور استراتيجية الأمم المتحدة العالمية لمكافحة الإرهاب',
        }),
        slots: [
          { speakerName: 'Ban Ki-moon', affiliation: 'Secretary-General of the United Nations', role: 'keynote' },
        ],
      },
      {
        kind: 'thematic_plenary',
        pillar: 'pillar-1',
        chairRole: 'chair',
        title: tr({
          en: 'Thematic session 1: Promoting dialogue, understanding and countering the appeal of terrorism',
          fr: 'Séance thématique 1 : promouvoir le dialogue et la compréhension et contrer l’attrait du terrorisme',
          es: 'Sesión temática 1: promover el diálogo y el entendimiento y contrarrestar el atractivo del terrorismo',
          ru:
            'Тематическое заседание 1: содействие диалогу и ' +
            'взаимопониманию и противодействие притягательности терроризма',
          zh: '专题会议1：促进对话与理解，消除恐怖主义的吸引力',
          ar: 'الجلسة المواضيعية 1: تعزيز الحوار والتفاهم ومواجهة جاذبية الإرهاب',
        }),
      },
      {
        kind: 'thematic_plenary',
        pillar: 'pillar-2',
        chairRole: 'chair',
        title: tr({
          en: 'Thematic session 2: Strengthening law enforcement, and capacity-building efforts',
          fr:
            'Séance thématique 2 : renforcer les services de détection et ' +
            'de répression et les efforts de renforcement des capacités',
          es: 'Sesión temática 2: fortalecer la aplicación de la ley y los esfuerzos de creación de capacidad',
          ru: 'Тематическое заседание 2: укрепление правоохранительной деятельности и усилия по наращиванию потенциала',
          zh: '专题会议2：加强执法和能力建设工作',
          ar: 'الجلسة المواضيعية 2: تعزيز إنفاذ القانون وجهود بناء القدرات',
        }),
      },
      {
        kind: 'thematic_plenary',
        pillar: 'pillar-3',
        chairRole: 'chair',
        title: tr({
          en: 'Thematic session 3: Role of regional organizations in counter-terrorism cooperation',
          fr: 'Séance thématique 3 : rôle des organisations régionales dans la coopération antiterroriste',
          es: 'Sesión temática 3: papel de las organizaciones regionales en la cooperación contra el terrorismo',
          ru: 'Тематическое заседание 3: роль региональных организаций в сотрудничестве в борьбе с терроризмом',
          zh: '专题会议3：区域组织在反恐合作中的作用',
          ar: 'الجلسة المواضيعية 3: دور المنظمات الإقليمية في التعاون في مجال مكافحة الإرهاب',
        }),
      },
      {
        kind: 'thematic_plenary',
        pillar: 'pillar-4',
        chairRole: 'chair',
        title: tr({
          en: 'Thematic session 4: Promoting human rights and the rule of law while countering terrorism',
          fr: 'Séance thématique 4 : promouvoir les droits de l’homme et l’état de droit dans la lutte antiterroriste',
          es:
            'Sesión temática 4: promover los derechos humanos y el ' +
            'estado de derecho en la lucha contra el terrorismo',
          ru: 'Тематическое заседание 4: поощрение прав человека и верховенства права в ходе борьбы с терроризмом',
          zh: '专题会议4：在反恐的同时促进人权和法治',
          ar: 'الجلسة المواضيعية 4: تعزيز حقوق الإنسان وسيادة القانون في سياق مكافحة الإرهاب',
        }),
      },
      {
        kind: 'closing',
        title: tr({
          en: 'Closing session: Chairman’s Summary and the way forward',
          fr: 'Séance de clôture : résumé du Président et voie à suivre',
          es: 'Sesión de clausura: resumen del Presidente y camino a seguir',
          ru: 'Заключительное заседание: резюме Председателя и дальнейшие шаги',
          zh: '闭幕会议：主席总结和未来方向',
          ar: 'الجلسة الختامية: موجز الرئيس والطريق إلى الأمام',
        }),
      },
    ],
    documents: [
      {
        kind: 'chairs_summary',
        title: tr({
          en: 'Chairman’s Summary',
          fr: 'Résumé du Président',
          es: 'Resumen del Presidente',
          ru: 'Резюме Председателя',
          zh: '主席总结',
          ar: 'موجز الرئيس',
        }),
      },
      {
        kind: 'outcome_report',
        title: tr({
          en: 'Comprehensive report on the Symposium (announced)',
          fr: 'Rapport complet sur le Colloque (annoncé)',
          es: 'Informe completo sobre el Simposio (anunciado)',
          ru: 'Всеобъемлющий доклад о Симпозиуме (объявлен)',
          zh: '专题讨论会综合报告（已宣布）',
          ar: 'تقرير شامل عن الندوة (معلن)',
        }),
      },
    ],
  },
];

/** A clearly fictional upcoming event by fictional organizations, to try registration in the demo. */
const DEMO_UPCOMING: EventSeed = {
  slug: 'demo-roundtable-registration',
  type: 'roundtable',
  format: 'hybrid',
  venue: 'Demo venue (fictional)',
  timeZone: 'Africa/Nairobi',
  start: '',
  end: '',
  organizers: [
    ['demo-coastal-peacebuilders', 'organizer'],
    ['demo-institute-security-studies', 'co_organizer'],
  ],
  openTo: ['member_state', 'un_entity', 'cso', 'academia'],
  themes: ['theme-youth', 'theme-pcve'],
  pillars: ['pillar-1'],
  isDemo: true,
  title: tr({
    en: 'Demo roundtable on youth and resilience (fictional event, demo data)',
    fr: 'Table ronde de démonstration sur les jeunes et la résilience (événement fictif, démo)',
    es: 'Mesa redonda de demostración sobre juventud y resiliencia (evento ficticio, demo)',
    ru: 'Демонстрационный круглый стол о молодежи и устойчивости (вымышленное мероприятие, демо)',
    zh: '青年与复原力演示圆桌会议（虚构活动，演示数据）',
    ar: 'مائدة مستديرة تجريبية بشأن الشباب والقدرة على الصمود (حدث خيالي، بيانات تجريبية)',
  }),
  summary: en(
    'A fictional event to try registration, the waiting list, ' +
      'delegations and the participant list. Nothing about it is real.',
  ),
  description: en('Demo data: the organizers, participants and programme of this event are fictional.'),
  registration: {
    registrationMode: 'automatic',
    capacity: 8,
    waitlist: true,
    participantList: 'participants',
    meetingUrl: 'https://meet.example.org/demo-roundtable',
    questions: [
      {
        id: 'interpretation',
        kind: 'choice',
        required: true,
        label: tr({
          en: 'Interpretation needed',
          fr: 'Interprétation nécessaire',
          es: 'Interpretación necesaria',
          ru: 'Необходимый устный перевод',
          zh: '所需口译',
          ar: 'الترجمة الشفوية المطلوبة',
        }),
        options: (['none', 'ar', 'fr', 'es', 'ru', 'zh'] as const).map((v) => ({
          value: v,
          label:
            v === 'none'
              ? tr({ en: 'None', fr: 'Aucune', es: 'Ninguna', ru: 'Не нужен', zh: '不需要', ar: 'لا حاجة' })
              : tr({
                  en: languageName(v, 'en'),
                  fr: languageName(v, 'fr'),
                  es: languageName(v, 'es'),
                  ru: languageName(v, 'ru'),
                  zh: languageName(v, 'zh'),
                  ar: languageName(v, 'ar'),
                }),
        })),
      },
      {
        id: 'accessibility',
        kind: 'text',
        required: false,
        label: tr({
          en: 'Accessibility requirements',
          fr: 'Besoins d’accessibilité',
          es: 'Necesidades de accesibilidad',
          ru: 'Требования доступности',
          zh: '无障碍需求',
          ar: 'متطلبات إمكانية الوصول',
        }),
      },
    ] satisfies RegistrationQuestion[],
  },
};

const FICTIONAL_PARTICIPANTS = [
  {
    fullName: 'Amara Okafor (fictional)',
    org: 'demo-coastal-peacebuilders',
    gender: 'woman' as const,
    attendance: 'in_person' as const,
  },
  {
    fullName: 'Jonas Lindqvist (fictional)',
    org: 'demo-institute-security-studies',
    gender: 'man' as const,
    attendance: 'virtual' as const,
  },
  {
    fullName: 'Layla Haddad (fictional)',
    org: 'demo-youth-voices',
    gender: 'woman' as const,
    attendance: 'virtual' as const,
  },
  {
    fullName: 'Tomasz Nowak (fictional)',
    org: 'demo-state-borealis',
    gender: 'undisclosed' as const,
    attendance: 'in_person' as const,
  },
];

/**
 * Idempotent (matched by slug). With demo, also the fictional upcoming event.
 * Returns the number of events inserted.
 */
export async function seedEvents(db: Db, opts: { demo: boolean; now?: Date } = { demo: true }): Promise<number> {
  const now = opts.now ?? new Date();
  const slugs = [
    'unoct',
    'cted',
    ...HISTORICAL_ORGS.map((o) => o.slug),
    'demo-coastal-peacebuilders',
    'demo-institute-security-studies',
    'demo-youth-voices',
    'demo-state-borealis',
  ];
  await insertMissingOrganizations(
    db,
    HISTORICAL_ORGS.map((o) => ({ ...o, type: 'un_entity' as const })),
  );
  const orgRows = await findOrganizationsBySlug(db, slugs);
  const org = (slug: string) => orgRows.find((o) => o.slug === slug);
  for (const s of SERIES) {
    await db
      .insert(eventSeries)
      .values({ slug: s.slug, title: s.title, organizerOrgId: org(s.organizer)?.id ?? null })
      .onConflictDoNothing({ target: eventSeries.slug });
  }
  const series = await db.select({ id: eventSeries.id, slug: eventSeries.slug }).from(eventSeries);
  const list = [...SEEDS];
  if (opts.demo && org('demo-coastal-peacebuilders')) {
    // Four weeks from now, 10:00–12:00 in Nairobi; registration open until the day before.
    const day = new Date(now.getTime() + 28 * 86400_000).toISOString().slice(0, 10);
    list.push({ ...DEMO_UPCOMING, start: `${day}T10:00`, end: `${day}T12:00` });
  }
  let inserted = 0;
  for (const s of list) {
    const exists = await db.select({ id: events.id }).from(events).where(eq(events.slug, s.slug)).limit(1);
    if (exists.length) continue;
    const parentId = s.parent
      ? ((await db.select({ id: events.id }).from(events).where(eq(events.slug, s.parent)).limit(1))[0]?.id ?? null)
      : null;
    const startsAt = zonedTime(s.start, s.timeZone)!;
    const [e] = await db
      .insert(events)
      .values({
        slug: s.slug,
        type: s.type,
        title: s.title,
        summary: s.summary,
        description: s.description,
        format: s.format,
        venue: s.venue ?? null,
        timeZone: s.timeZone,
        allDay: s.allDay ?? false,
        startsAt,
        endsAt: zonedTime(s.end, s.timeZone)!,
        parentId,
        seriesId: s.series ? (series.find((x) => x.slug === s.series!.slug)?.id ?? null) : null,
        seriesNumber: s.series?.number ?? null,
        pillars: s.pillars ?? [],
        themes: s.themes ?? [],
        openTo: s.openTo ?? undefined,
        publishedFigures: s.publishedFigures ?? null,
        isDemo: s.isDemo ?? false,
        registrationClosesAt: s.isDemo ? new Date(startsAt.getTime() - 86400_000) : null,
        ...s.registration,
      })
      .returning({ id: events.id });
    let sort = 0;
    for (const [slug, role] of s.organizers) {
      const o = org(slug);
      if (o) await db.insert(eventOrganizers).values({ eventId: e.id, organizationId: o.id, role, sort: sort++ });
    }
    for (const [i, d] of (s.documents ?? []).entries()) {
      const [row] = await db
        .insert(eventDocuments)
        .values({ eventId: e.id, kind: d.kind, title: d.title, versions: {}, sort: i })
        .returning({ id: eventDocuments.id });
      // Every event document is kept in the library (its files' revisions go there).
      const original = Object.entries(d.title).find(([, v]) => v?.status === 'original')?.[0] as Locale | undefined;
      const libraryDocumentId = await createSourcedDocument(db, {
        source: 'event_document',
        sourceId: row.id,
        title: d.title,
        originalLanguage: original ?? 'en',
      });
      await db.update(eventDocuments).set({ libraryDocumentId }).where(eq(eventDocuments.id, row.id));
    }
    if (s.chairsSummary?.length)
      await db.insert(eventSummaryItems).values(
        s.chairsSummary.map((body, sort) => ({
          eventId: e.id,
          kind: 'conclusion' as const,
          sort,
          language: 'en' as const,
          body,
        })),
      );
    for (const [i, ss] of (s.sessions ?? []).entries()) {
      const [row] = await db
        .insert(eventSessions)
        .values({
          eventId: e.id,
          kind: ss.kind,
          title: ss.title,
          pillar: ss.pillar ?? null,
          chairName: ss.chairName ?? null,
          chairRole: ss.chairRole ?? null,
          sort: i,
        })
        .returning({ id: eventSessions.id });
      for (const [j, sl] of (ss.slots ?? []).entries())
        await db.insert(eventSlots).values({
          sessionId: row.id,
          speakerName: sl.speakerName,
          affiliation: sl.affiliation ?? null,
          role: sl.role,
          sort: j,
        });
    }
    if (s.isDemo) {
      for (const [i, p] of FICTIONAL_PARTICIPANTS.entries()) {
        const o = org(p.org);
        if (!o) continue;
        await db.insert(eventRegistrations).values({
          eventId: e.id,
          fullName: p.fullName,
          email: `participant${i + 1}@demo.ctcp.localhost`,
          organizationId: o.id,
          orgType: o.type,
          status: 'accepted',
          attendance: p.attendance,
          gender: p.gender,
          answers: { interpretation: 'none' },
          decidedAt: now,
          isDemo: true,
        });
      }
    }
    // Its text published through the two-signature workflow (publication.service.ts), as people would.
    await publishSeededEvent(db, e.id);
    // Its Chair's Summary too: the demo's readers see the summaries signed like its events.
    await publishSeededSummary(db, e.id);
    inserted++;
  }
  return inserted;
}

export const SEED_EVENT_SLUGS = SEEDS.map((s) => s.slug);
export const countSeeded = async (db: Db) =>
  (await db.select({ n: sql<number>`count(*)::int` }).from(events).where(inArray(events.slug, SEED_EVENT_SLUGS)))[0].n;
