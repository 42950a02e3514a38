// Reference data of the UN Global Counter-Terrorism Strategy framework, in the six official languages.
// Public facts: the four pillars of the Plan of Action annexed to A/RES/60/288, Security Council resolutions,
// the General Assembly's Strategy reviews; and the thematic taxonomy of the product brief.
import type { FrameworkKind } from '../framework.schema.ts';

type Names = { ar: string; en: string; es: string; fr: string; ru: string; zh: string };
export interface FrameworkRecord { kind: FrameworkKind; code: string; year: number | null; names: Names }

export const PILLARS: FrameworkRecord[] = [
  { kind: 'pillar', code: 'pillar-1', year: 2006, names: {
    en: 'Pillar I — Measures to address the conditions conducive to the spread of terrorism',
    fr: 'Pilier I — Mesures visant à éliminer les conditions propices à la propagation du terrorisme',
    es: 'Pilar I — Medidas para hacer frente a las condiciones que propician la propagación del terrorismo',
    ru: 'Компонент I — Меры по устранению условий, способствующих распространению терроризма',
    zh: '支柱一——消除有利于恐怖主义蔓延的条件的措施',
    ar: 'الركيزة الأولى — التدابير الرامية إلى معالجة الظروف المؤدية إلى انتشار الإرهاب' } },
  { kind: 'pillar', code: 'pillar-2', year: 2006, names: {
    en: 'Pillar II — Measures to prevent and combat terrorism',
    fr: 'Pilier II — Mesures visant à prévenir et à combattre le terrorisme',
    es: 'Pilar II — Medidas para prevenir y combatir el terrorismo',
    ru: 'Компонент II — Меры по предупреждению терроризма и борьбе с ним',
    zh: '支柱二——防止和打击恐怖主义的措施',
    ar: 'الركيزة الثانية — تدابير منع الإرهاب ومكافحته' } },
  { kind: 'pillar', code: 'pillar-3', year: 2006, names: {
    en: 'Pillar III — Measures to build States’ capacity to prevent and combat terrorism and to strengthen the role of the United Nations system in this regard',
    fr: 'Pilier III — Mesures destinées à étoffer les moyens dont les États disposent pour prévenir et combattre le terrorisme et à renforcer le rôle joué en ce sens par le système des Nations Unies',
    es: 'Pilar III — Medidas destinadas a aumentar la capacidad de los Estados para prevenir el terrorismo y luchar contra él, y a fortalecer el papel del sistema de las Naciones Unidas a ese respecto',
    ru: 'Компонент III — Меры по наращиванию потенциала государств в области предупреждения терроризма и борьбы с ним и по укреплению роли системы Организации Объединенных Наций в этой связи',
    zh: '支柱三——建立各国防止和打击恐怖主义的能力以及加强联合国系统在这方面的作用的措施',
    ar: 'الركيزة الثالثة — التدابير الرامية إلى بناء قدرات الدول على منع الإرهاب ومكافحته وتعزيز دور منظومة الأمم المتحدة في هذا الصدد' } },
  { kind: 'pillar', code: 'pillar-4', year: 2006, names: {
    en: 'Pillar IV — Measures to ensure respect for human rights for all and the rule of law as the fundamental basis of the fight against terrorism',
    fr: 'Pilier IV — Mesures garantissant le respect des droits de l’homme pour tous et la primauté du droit en tant que base fondamentale de la lutte antiterroriste',
    es: 'Pilar IV — Medidas para asegurar el respeto de los derechos humanos para todos y el imperio de la ley como base fundamental de la lucha contra el terrorismo',
    ru: 'Компонент IV — Меры по обеспечению всеобщего уважения прав человека и верховенства права в качестве фундаментальной основы борьбы с терроризмом',
    zh: '支柱四——确保尊重所有人的人权和实行法治作为反恐斗争根基的措施',
    ar: 'الركيزة الرابعة — التدابير الرامية إلى ضمان احترام حقوق الإنسان للجميع وسيادة القانون بوصفهما الركيزة الأساسية لمكافحة الإرهاب' } },
];

const sc = (n: number, year: number, names: Names): FrameworkRecord => ({ kind: 'sc_resolution', code: `S/RES/${n} (${year})`, year, names });
export const SC_RESOLUTIONS: FrameworkRecord[] = [
  sc(1267, 1999, { en: 'Sanctions against Al-Qaida and the Taliban (the 1267 sanctions regime)', fr: 'Sanctions contre Al-Qaida et les Taliban (régime de sanctions 1267)', es: 'Sanciones contra Al-Qaida y los talibanes (régimen de sanciones 1267)', ru: 'Санкции в отношении «Аль-Каиды» и движения «Талибан» (санкционный режим 1267)', zh: '对基地组织和塔利班的制裁（第1267号制裁制度）', ar: 'الجزاءات المفروضة على تنظيم القاعدة وحركة طالبان (نظام الجزاءات 1267)' }),
  sc(1373, 2001, { en: 'Threats to international peace and security caused by terrorist acts; establishment of the Counter-Terrorism Committee', fr: 'Menaces contre la paix et la sécurité internationales résultant d’actes terroristes ; création du Comité contre le terrorisme', es: 'Amenazas a la paz y la seguridad internacionales creadas por actos terroristas; creación del Comité contra el Terrorismo', ru: 'Угрозы международному миру и безопасности, создаваемые террористическими актами; учреждение Контртеррористического комитета', zh: '恐怖行为对国际和平与安全造成的威胁；设立反恐怖主义委员会', ar: 'الأخطار التي تهدد السلام والأمن الدوليين من جراء الأعمال الإرهابية؛ إنشاء لجنة مكافحة الإرهاب' }),
  sc(1624, 2005, { en: 'Prohibition of incitement to commit terrorist acts', fr: 'Interdiction de l’incitation à commettre des actes terroristes', es: 'Prohibición de la incitación a cometer actos terroristas', ru: 'Запрещение подстрекательства к совершению террористических актов', zh: '禁止煽动实施恐怖行为', ar: 'حظر التحريض على ارتكاب الأعمال الإرهابية' }),
  sc(2178, 2014, { en: 'Foreign terrorist fighters', fr: 'Combattants terroristes étrangers', es: 'Combatientes terroristas extranjeros', ru: 'Иностранные боевики-террористы', zh: '外国恐怖主义战斗人员', ar: 'المقاتلون الإرهابيون الأجانب' }),
  sc(2341, 2017, { en: 'Protection of critical infrastructure against terrorist attacks', fr: 'Protection des infrastructures critiques contre les attaques terroristes', es: 'Protección de las infraestructuras críticas contra los ataques terroristas', ru: 'Защита критически важных объектов инфраструктуры от террористических нападений', zh: '保护关键基础设施免遭恐怖袭击', ar: 'حماية الهياكل الأساسية الحيوية من الهجمات الإرهابية' }),
  sc(2396, 2017, { en: 'Returning and relocating foreign terrorist fighters', fr: 'Combattants terroristes étrangers de retour ou en réinstallation', es: 'Combatientes terroristas extranjeros que regresan o se trasladan', ru: 'Возвращающиеся и перемещающиеся иностранные боевики-террористы', zh: '返回和转移的外国恐怖主义战斗人员', ar: 'المقاتلون الإرهابيون الأجانب العائدون والمنتقلون' }),
  sc(2462, 2019, { en: 'Countering the financing of terrorism', fr: 'Lutte contre le financement du terrorisme', es: 'Lucha contra la financiación del terrorismo', ru: 'Борьба с финансированием терроризма', zh: '打击资助恐怖主义', ar: 'مكافحة تمويل الإرهاب' }),
  sc(2617, 2021, { en: 'Renewal of the mandate of the Counter-Terrorism Committee Executive Directorate', fr: 'Renouvellement du mandat de la Direction exécutive du Comité contre le terrorisme', es: 'Renovación del mandato de la Dirección Ejecutiva del Comité contra el Terrorismo', ru: 'Продление мандата Исполнительного директората Контртеррористического комитета', zh: '延长反恐怖主义委员会执行局的任务期限', ar: 'تجديد ولاية المديرية التنفيذية للجنة مكافحة الإرهاب' }),
];

const ORDINALS: Record<number, Names> = {
  1: { en: 'first', fr: 'premier', es: 'primer', ru: 'первый', zh: '第一次', ar: 'الأول' },
  2: { en: 'second', fr: 'deuxième', es: 'segundo', ru: 'второй', zh: '第二次', ar: 'الثاني' },
  3: { en: 'third', fr: 'troisième', es: 'tercer', ru: 'третий', zh: '第三次', ar: 'الثالث' },
  4: { en: 'fourth', fr: 'quatrième', es: 'cuarto', ru: 'четвертый', zh: '第四次', ar: 'الرابع' },
  5: { en: 'fifth', fr: 'cinquième', es: 'quinto', ru: 'пятый', zh: '第五次', ar: 'الخامس' },
  6: { en: 'sixth', fr: 'sixième', es: 'sexto', ru: 'шестой', zh: '第六次', ar: 'السادس' },
  7: { en: 'seventh', fr: 'septième', es: 'séptimo', ru: 'седьмой', zh: '第七次', ar: 'السابع' },
  8: { en: 'eighth', fr: 'huitième', es: 'octavo', ru: 'восьмой', zh: '第八次', ar: 'الثامن' },
};
const review = (symbol: string, year: number, n: number): FrameworkRecord => {
  const o = ORDINALS[n];
  return { kind: 'ga_resolution', code: `A/RES/${symbol}`, year, names: {
    en: `Global Counter-Terrorism Strategy: ${o.en} review`,
    fr: `Stratégie antiterroriste mondiale : ${o.fr} examen`,
    es: `Estrategia Global contra el Terrorismo: ${o.es} examen`,
    ru: `Глобальная контртеррористическая стратегия: ${o.ru} обзор`,
    zh: `全球反恐战略：${o.zh}审查`,
    ar: `الاستراتيجية العالمية لمكافحة الإرهاب: الاستعراض ${o.ar}`,
  } };
};
export const GA_RESOLUTIONS: FrameworkRecord[] = [
  { kind: 'ga_resolution', code: 'A/RES/60/288', year: 2006, names: { en: 'The United Nations Global Counter-Terrorism Strategy', fr: 'La Stratégie antiterroriste mondiale de l’Organisation des Nations Unies', es: 'Estrategia global de las Naciones Unidas contra el terrorismo', ru: 'Глобальная контртеррористическая стратегия Организации Объединенных Наций', zh: '联合国全球反恐战略', ar: 'استراتيجية الأمم المتحدة العالمية لمكافحة الإرهاب' } },
  review('62/272', 2008, 1), review('64/297', 2010, 2), review('66/282', 2012, 3), review('68/276', 2014, 4),
  review('70/291', 2016, 5), review('72/284', 2018, 6), review('75/291', 2021, 7), review('77/298', 2023, 8),
];

const theme = (slug: string, names: Names): FrameworkRecord => ({ kind: 'theme', code: `theme-${slug}`, year: null, names });
export const THEMES: FrameworkRecord[] = [
  theme('border-security', { en: 'Border security and terrorist travel', fr: 'Sécurité des frontières et déplacements de terroristes', es: 'Seguridad fronteriza y viajes de terroristas', ru: 'Безопасность границ и передвижение террористов', zh: '边境安全和恐怖分子旅行', ar: 'أمن الحدود وتنقل الإرهابيين' }),
  theme('vulnerable-targets', { en: 'Protection of vulnerable targets', fr: 'Protection des cibles vulnérables', es: 'Protección de objetivos vulnerables', ru: 'Защита уязвимых объектов', zh: '保护易受攻击目标', ar: 'حماية الأهداف المعرضة للخطر' }),
  theme('salw', { en: 'Small arms and light weapons', fr: 'Armes légères et de petit calibre', es: 'Armas pequeñas y armas ligeras', ru: 'Стрелковое оружие и легкие вооружения', zh: '小武器和轻武器', ar: 'الأسلحة الصغيرة والأسلحة الخفيفة' }),
  theme('cft', { en: 'Countering the financing of terrorism', fr: 'Lutte contre le financement du terrorisme', es: 'Lucha contra la financiación del terrorismo', ru: 'Борьба с финансированием терроризма', zh: '打击资助恐怖主义', ar: 'مكافحة تمويل الإرهاب' }),
  theme('criminal-justice', { en: 'Criminal justice', fr: 'Justice pénale', es: 'Justicia penal', ru: 'Уголовное правосудие', zh: '刑事司法', ar: 'العدالة الجنائية' }),
  theme('ftf-prr', { en: 'Prosecution, rehabilitation and reintegration of foreign terrorist fighters', fr: 'Poursuites, réadaptation et réintégration des combattants terroristes étrangers', es: 'Enjuiciamiento, rehabilitación y reintegración de combatientes terroristas extranjeros', ru: 'Уголовное преследование, реабилитация и реинтеграция иностранных боевиков-террористов', zh: '起诉、改造外国恐怖主义战斗人员并使之重返社会', ar: 'ملاحقة المقاتلين الإرهابيين الأجانب قضائيا وإعادة تأهيلهم وإعادة إدماجهم' }),
  theme('victims', { en: 'Victims of terrorism', fr: 'Victimes du terrorisme', es: 'Víctimas del terrorismo', ru: 'Жертвы терроризма', zh: '恐怖主义受害者', ar: 'ضحايا الإرهاب' }),
  theme('human-rights', { en: 'Human rights and the rule of law', fr: 'Droits de l’homme et état de droit', es: 'Derechos humanos y estado de derecho', ru: 'Права человека и верховенство права', zh: '人权和法治', ar: 'حقوق الإنسان وسيادة القانون' }),
  theme('gender', { en: 'Gender', fr: 'Questions de genre', es: 'Género', ru: 'Гендерная проблематика', zh: '性别问题', ar: 'المنظور الجنساني' }),
  theme('youth', { en: 'Youth', fr: 'Jeunesse', es: 'Juventud', ru: 'Молодежь', zh: '青年', ar: 'الشباب' }),
  theme('new-technologies', { en: 'New technologies', fr: 'Nouvelles technologies', es: 'Nuevas tecnologías', ru: 'Новые технологии', zh: '新技术', ar: 'التكنولوجيات الجديدة' }),
  theme('pcve', { en: 'Preventing and countering violent extremism (P/CVE)', fr: 'Prévention et répression de l’extrémisme violent', es: 'Prevención y lucha contra el extremismo violento', ru: 'Предупреждение насильственного экстремизма и противодействие ему', zh: '预防和打击暴力极端主义', ar: 'منع التطرف العنيف ومكافحته' }),
  theme('critical-infrastructure', { en: 'Critical infrastructure', fr: 'Infrastructures critiques', es: 'Infraestructuras críticas', ru: 'Критически важная инфраструктура', zh: '关键基础设施', ar: 'الهياكل الأساسية الحيوية' }),
  theme('cbrn', { en: 'Chemical, biological, radiological and nuclear terrorism', fr: 'Terrorisme chimique, biologique, radiologique et nucléaire', es: 'Terrorismo químico, biológico, radiológico y nuclear', ru: 'Химический, биологический, радиологический и ядерный терроризм', zh: '化学、生物、放射性和核恐怖主义', ar: 'الإرهاب الكيميائي والبيولوجي والإشعاعي والنووي' }),
];

export const FRAMEWORK: FrameworkRecord[] = [...PILLARS, ...SC_RESOLUTIONS, ...GA_RESOLUTIONS, ...THEMES];
