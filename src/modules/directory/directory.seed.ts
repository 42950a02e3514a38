// Reference and demo data for the directory. Real: the 193 Member States, UN entities, regional organizations.
// Fictional and flagged as demo: the civil-society organizations.
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { organizations } from './directory.schema.ts';
import { MEMBER_STATES } from './data/member-states.ts';
import { REGIONAL_ORGS, UN_ENTITIES } from './data/un-entities.ts';

const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export const DEMO_CSOS = [
  {
    slug: 'demo-coastal-peacebuilders',
    names: {
      en: 'Coastal Peacebuilders Network (demo)',
      fr: 'Réseau des bâtisseurs de paix du littoral (démo)',
      es: 'Red de Constructores de Paz Costeros (demo)',
      ar: 'شبكة بناة السلام الساحلية (تجريبي)',
      ru: 'Сеть миротворцев побережья (демо)',
      zh: '沿海和平建设者网络（演示）',
    },
    grassroots: true,
    womenLed: true,
    youthLed: false,
    countriesOfOperation: ['KEN', 'TZA'],
    publicListing: true,
  },
  {
    slug: 'demo-youth-voices',
    names: {
      en: 'Youth Voices for Resilience (demo)',
      fr: 'Voix des jeunes pour la résilience (démo)',
      es: 'Voces Juveniles por la Resiliencia (demo)',
      ar: 'أصوات الشباب من أجل الصمود (تجريبي)',
      ru: 'Голоса молодежи за устойчивость (демо)',
      zh: '青年韧性之声（演示）',
    },
    grassroots: true,
    womenLed: false,
    youthLed: true,
    countriesOfOperation: ['JOR', 'LBN'],
    publicListing: true,
  },
  {
    slug: 'demo-victims-support-alliance',
    names: {
      en: 'Victims of Terrorism Support Alliance (demo)',
      fr: 'Alliance de soutien aux victimes du terrorisme (démo)',
      es: 'Alianza de Apoyo a las Víctimas del Terrorismo (demo)',
      ar: 'تحالف دعم ضحايا الإرهاب (تجريبي)',
      ru: 'Альянс поддержки жертв терроризма (демо)',
      zh: '恐怖主义受害者支助联盟（演示）',
    },
    grassroots: false,
    womenLed: true,
    youthLed: false,
    countriesOfOperation: ['BEL', 'FRA', 'ESP'],
    publicListing: false,
  },
  {
    slug: 'demo-sahel-women-mediators',
    names: {
      en: 'Sahel Women Mediators (demo)',
      fr: 'Femmes médiatrices du Sahel (démo)',
      es: 'Mujeres Mediadoras del Sahel (demo)',
      ar: 'الوسيطات في منطقة الساحل (تجريبي)',
      ru: 'Женщины-посредники Сахеля (демо)',
      zh: '萨赫勒妇女调解员（演示）',
    },
    grassroots: true,
    womenLed: true,
    youthLed: false,
    countriesOfOperation: ['MLI', 'NER', 'BFA'],
    publicListing: false,
  },
  {
    slug: 'demo-digital-rights-lab',
    names: {
      en: 'Digital Rights and Online Safety Lab (demo)',
      fr: 'Laboratoire des droits numériques et de la sécurité en ligne (démo)',
      es: 'Laboratorio de Derechos Digitales y Seguridad en Línea (demo)',
      ar: 'مختبر الحقوق الرقمية والسلامة على الإنترنت (تجريبي)',
      ru: 'Лаборатория цифровых прав и безопасности в интернете (демо)',
      zh: '数字权利与网络安全实验室（演示）',
    },
    grassroots: false,
    womenLed: false,
    youthLed: true,
    countriesOfOperation: ['BRA', 'COL'],
    publicListing: true,
  },
] as const;

/** Fictional States for demo data about assessments and needs (never a real country). ISO user-assigned codes (X…). */
export const DEMO_STATES = [
  {
    slug: 'demo-state-arcadia',
    iso2: 'XA',
    iso3: 'XAR',
    regionalGroup: 'african' as const,
    names: {
      en: 'Republic of Arcadia (fictional, demo)',
      fr: 'République d’Arcadie (fictive, démo)',
      es: 'República de Arcadia (ficticia, demo)',
      ar: 'جمهورية أركاديا (خيالية، تجريبية)',
      ru: 'Республика Аркадия (вымышленная, демо)',
      zh: '阿卡迪亚共和国（虚构，演示）',
    },
  },
  {
    slug: 'demo-state-borealis',
    iso2: 'XB',
    iso3: 'XBO',
    regionalGroup: 'asia_pacific' as const,
    names: {
      en: 'Borealis (fictional, demo)',
      fr: 'Boréalie (fictive, démo)',
      es: 'Borealia (ficticia, demo)',
      ar: 'بورياليس (خيالية، تجريبية)',
      ru: 'Бореалия (вымышленная, демо)',
      zh: '北极光国（虚构，演示）',
    },
  },
] as const;

export const DEMO_ACADEMIA = {
  slug: 'demo-institute-security-studies',
  names: {
    en: 'Institute for Security and Rule of Law Studies (demo)',
    fr: 'Institut d’études sur la sécurité et l’état de droit (démo)',
    es: 'Instituto de Estudios sobre Seguridad y Estado de Derecho (demo)',
    ar: 'معهد دراسات الأمن وسيادة القانون (تجريبي)',
    ru: 'Институт исследований безопасности и верховенства права (демо)',
    zh: '安全与法治研究所（演示）',
  },
};

/** Idempotent: inserts what is missing (matched by slug). Returns the number of organizations after seeding. */
export async function seedDirectory(db: Db, opts: { demo: boolean }): Promise<number> {
  const rows: (typeof organizations.$inferInsert)[] = [];
  for (const s of MEMBER_STATES) {
    rows.push({
      slug: slug(s.iso3 + '-' + s.names.en).slice(0, 80),
      type: 'member_state',
      names: s.names,
      iso2: s.iso2,
      iso3: s.iso3,
      regionalGroup: s.group,
      acronym: null,
    });
  }
  for (const e of UN_ENTITIES)
    rows.push({ slug: e.slug, type: e.type, names: e.names, acronym: e.acronym, compactMember: e.compactMember });
  for (const e of REGIONAL_ORGS)
    rows.push({ slug: e.slug, type: e.type, names: e.names, acronym: e.acronym, compactMember: e.compactMember });
  if (opts.demo) {
    for (const c of DEMO_CSOS)
      rows.push({ ...c, countriesOfOperation: [...c.countriesOfOperation], type: 'cso', isDemo: true });
    rows.push({ ...DEMO_ACADEMIA, type: 'academia', isDemo: true, publicListing: true });
    for (const st of DEMO_STATES) rows.push({ ...st, type: 'member_state', isDemo: true });
  }
  for (let i = 0; i < rows.length; i += 100) {
    await db
      .insert(organizations)
      .values(rows.slice(i, i + 100))
      .onConflictDoNothing({ target: organizations.slug });
  }
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(organizations);
  return n;
}
