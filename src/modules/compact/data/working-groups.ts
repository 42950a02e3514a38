// The eight working groups of the United Nations Global Counter-Terrorism Coordination Compact (reference data).
//
// Source: "Coordination Committee and Working Groups", United Nations Office of Counter-Terrorism,
// https://www.un.org/counterterrorism/global-ct-compact/coordination-committee-working-groups (read 2026-12-01 through
// the search index, which holds copies of that page; the part of the page listing each group's name, chair and
// vice-chair was not in the readable extract). It says: eight inter-agency working groups, entities take part as member
// or observer, aligned with the four pillars of the Strategy; the Committee comprises all Compact entities and the
// working groups' chairs and vice-chairs.
// Names: the first four entries were already in this file (English original, the other languages "reviewed"). The
// English names of the last four are those the UN uses on its pages (the gender group: "Working Group on Adopting a
// Gender-Sensitive Approach to Preventing and Countering Terrorism", UNOCT Connect & Learn platform; the resource
// mobilization group: "Resource Mobilization, Monitoring and Evaluation Working Group", un.org/counterterrorism event
// page of 20 June 2023, and Qatar MOFA, 22 June 2023); their French, Spanish, Russian, Chinese and Arabic names were
// not found in any public source read: they are careful translations, stored with status 'draft' (`draft` below).
// Chairs, co-chairs and vice-chairs: NOT seeded — no readable public source named them (see compact.seed.ts); the
// secretariat enters them on /compact/bodies/<slug>. Pillars and themes (framework codes) are this platform's mapping
// of each group's name to the Strategy's pillars and themes, not a published UN list.
// `demoMembers`: illustrative memberships for the consent demo (--demo only), not the real composition.
export const WG_SOURCE =
  'https://www.un.org/counterterrorism/global-ct-compact/coordination-committee-working-groups (read 2026-12-01)';

export interface WorkingGroupRecord {
  slug: string;
  symbolPrefix: string;
  sortOrder: number;
  pillars: readonly string[];
  themes: readonly string[];
  names: { en: string; fr: string; es: string; ru: string; zh: string; ar: string };
  /** Languages whose name is this platform's translation (stored as 'draft'), not a published official name. */
  draft?: readonly string[];
  demoMembers: readonly string[];
}

const NOT_OFFICIAL = ['fr', 'es', 'ru', 'zh', 'ar'] as const;

export const WORKING_GROUPS: readonly WorkingGroupRecord[] = [
  { slug: 'wg-border-management-law-enforcement', symbolPrefix: 'WG-BM', sortOrder: 1, pillars: ['pillar-2'], themes: ['theme-border-security', 'theme-salw'], names: { en: 'Working Group on Border Management and Law Enforcement relating to Counter-Terrorism', fr: 'Groupe de travail sur la gestion des frontières et l’application des lois dans le cadre de la lutte antiterroriste', es: 'Grupo de Trabajo sobre Gestión de Fronteras y Aplicación de la Ley en relación con la Lucha contra el Terrorismo', ru: 'Рабочая группа по вопросам пограничного контроля и правоохранительной деятельности в связи с борьбой с терроризмом', zh: '与反恐相关的边境管理和执法工作组', ar: 'الفريق العامل المعني بإدارة الحدود وإنفاذ القانون فيما يتعلق بمكافحة الإرهاب' }, demoMembers: ['unodc', 'cted', 'unoct', 'icao', 'iom'] },
  { slug: 'wg-criminal-justice-cft', symbolPrefix: 'WG-CJ', sortOrder: 2, pillars: ['pillar-2', 'pillar-4'], themes: ['theme-criminal-justice', 'theme-cft', 'theme-ftf-prr'], names: { en: 'Working Group on Criminal Justice, Legal Responses and Countering the Financing of Terrorism', fr: 'Groupe de travail sur la justice pénale, les réponses juridiques et la lutte contre le financement du terrorisme', es: 'Grupo de Trabajo sobre Justicia Penal, Respuestas Jurídicas y Lucha contra la Financiación del Terrorismo', ru: 'Рабочая группа по вопросам уголовного правосудия, правовых мер и противодействия финансированию терроризма', zh: '刑事司法、法律对策和打击资助恐怖主义行为工作组', ar: 'الفريق العامل المعني بالعدالة الجنائية والتدابير القانونية ومكافحة تمويل الإرهاب' }, demoMembers: ['unodc', 'cted', 'unoct'] },
  { slug: 'wg-emerging-threats-cip', symbolPrefix: 'WG-ET', sortOrder: 3, pillars: ['pillar-2'], themes: ['theme-new-technologies', 'theme-critical-infrastructure', 'theme-cbrn', 'theme-vulnerable-targets'], names: { en: 'Working Group on Emerging Threats and Critical Infrastructure Protection', fr: 'Groupe de travail sur les menaces émergentes et la protection des infrastructures critiques', es: 'Grupo de Trabajo sobre Amenazas Emergentes y Protección de la Infraestructura Crítica', ru: 'Рабочая группа по новым угрозам и защите критически важных объектов инфраструктуры', zh: '新出现的威胁和关键基础设施保护工作组', ar: 'الفريق العامل المعني بالتهديدات الناشئة وحماية الهياكل الأساسية الحيوية' }, demoMembers: ['unicri', 'unoct', 'cted', 'iaea'] },
  { slug: 'wg-human-rights-victims', symbolPrefix: 'WG-HR', sortOrder: 4, pillars: ['pillar-4'], themes: ['theme-human-rights', 'theme-victims'], names: { en: 'Working Group on Promoting and Protecting Human Rights and the Rule of Law while Countering Terrorism and Supporting Victims of Terrorism', fr: 'Groupe de travail sur la promotion et la protection des droits humains et de l’état de droit dans la lutte antiterroriste et le soutien aux victimes du terrorisme', es: 'Grupo de Trabajo sobre la Promoción y Protección de los Derechos Humanos y el Estado de Derecho en la Lucha contra el Terrorismo y el Apoyo a las Víctimas del Terrorismo', ru: 'Рабочая группа по поощрению и защите прав человека и верховенства права в ходе борьбы с терроризмом и поддержке жертв терроризма', zh: '在反恐中促进和保护人权和法治以及支助恐怖主义受害者工作组', ar: 'الفريق العامل المعني بتعزيز وحماية حقوق الإنسان وسيادة القانون في سياق مكافحة الإرهاب ودعم ضحايا الإرهاب' }, demoMembers: ['ohchr', 'unoct', 'un-women', 'unicef'] },
  { slug: 'wg-pcve', symbolPrefix: 'WG-PVE', sortOrder: 5, pillars: ['pillar-1'], themes: ['theme-pcve', 'theme-youth'], draft: NOT_OFFICIAL, names: { en: 'Working Group on Preventing and Countering Violent Extremism Conducive to Terrorism', fr: 'Groupe de travail sur la prévention et la lutte contre l’extrémisme violent pouvant conduire au terrorisme', es: 'Grupo de Trabajo sobre la Prevención y la Lucha contra el Extremismo Violento que Conduce al Terrorismo', ru: 'Рабочая группа по предупреждению насильственного экстремизма, ведущего к терроризму, и борьбе с ним', zh: '预防和打击助长恐怖主义的暴力极端主义工作组', ar: 'الفريق العامل المعني بمنع ومكافحة التطرف العنيف المفضي إلى الإرهاب' }, demoMembers: [] },
  { slug: 'wg-national-regional-strategies', symbolPrefix: 'WG-NRS', sortOrder: 6, pillars: ['pillar-3'], themes: [], draft: NOT_OFFICIAL, names: { en: 'Working Group on National and Regional Counter-Terrorism Strategies', fr: 'Groupe de travail sur les stratégies nationales et régionales de lutte contre le terrorisme', es: 'Grupo de Trabajo sobre Estrategias Nacionales y Regionales de Lucha contra el Terrorismo', ru: 'Рабочая группа по национальным и региональным контртеррористическим стратегиям', zh: '国家和区域反恐战略工作组', ar: 'الفريق العامل المعني بالاستراتيجيات الوطنية والإقليمية لمكافحة الإرهاب' }, demoMembers: [] },
  { slug: 'wg-resource-mobilization-me', symbolPrefix: 'WG-RMME', sortOrder: 7, pillars: ['pillar-3'], themes: [], draft: NOT_OFFICIAL, names: { en: 'Working Group on Resource Mobilization, Monitoring and Evaluation', fr: 'Groupe de travail sur la mobilisation des ressources, le suivi et l’évaluation', es: 'Grupo de Trabajo sobre Movilización de Recursos, Seguimiento y Evaluación', ru: 'Рабочая группа по мобилизации ресурсов, мониторингу и оценке', zh: '资源调动、监测和评价工作组', ar: 'الفريق العامل المعني بتعبئة الموارد والرصد والتقييم' }, demoMembers: [] },
  { slug: 'wg-gender', symbolPrefix: 'WG-GEN', sortOrder: 8, pillars: ['pillar-1', 'pillar-4'], themes: ['theme-gender'], draft: NOT_OFFICIAL, names: { en: 'Working Group on Adopting a Gender-Sensitive Approach to Preventing and Countering Terrorism', fr: 'Groupe de travail sur l’adoption d’une approche tenant compte des questions de genre pour prévenir et combattre le terrorisme', es: 'Grupo de Trabajo sobre la Adopción de un Enfoque con Perspectiva de Género para Prevenir y Combatir el Terrorismo', ru: 'Рабочая группа по применению гендерно чувствительного подхода к предупреждению терроризма и борьбе с ним', zh: '在预防和打击恐怖主义中采取促进性别平等办法工作组', ar: 'الفريق العامل المعني باعتماد نهج مراعٍ للاعتبارات الجنسانية في منع الإرهاب ومكافحته' }, demoMembers: [] },
];
