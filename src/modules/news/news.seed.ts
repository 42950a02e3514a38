// Demo news items (demo only): fictional articles in six languages, published through the workflow — written by the
// demo coordinator, approved by the demo administrator, published by the coordinator — so their hashes, authors and
// approvers are in the audit chain like any other publication.
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { TranslatableText } from '../../platform/i18n/text.ts';
import { publicEventRef } from '../events/index.ts';
import { publishAsDemo } from '../publishing/index.ts';
import { newsItems } from './news.schema.ts';
import { insertNews, toContent, type NewsContent } from './items/news.service.ts';

const t = (o: Record<'ar' | 'en' | 'es' | 'fr' | 'ru' | 'zh', string>): TranslatableText => ({
  en: { text: o.en, status: 'original' },
  ar: { text: o.ar, status: 'reviewed' },
  es: { text: o.es, status: 'reviewed' },
  fr: { text: o.fr, status: 'reviewed' },
  ru: { text: o.ru, status: 'reviewed' },
  zh: { text: o.zh, status: 'reviewed' },
});

interface DemoNews {
  slug: string;
  date: string;
  event: string | null;
  title: TranslatableText;
  summary: TranslatableText;
  body: TranslatableText;
}

export const DEMO_NEWS: DemoNews[] = [
  {
    slug: 'demo-youth-resilience-roundtable-registration',
    date: '2026-11-20',
    event: 'demo-roundtable-registration',
    title: t({
      en: 'Registration opens for the demo roundtable on youth and resilience',
      fr: 'Ouverture des inscriptions à la table ronde de démonstration sur la jeunesse et la résilience',
      es: 'Se abren las inscripciones para la mesa redonda de demostración sobre juventud y resiliencia',
      ar: 'فتح باب التسجيل في المائدة المستديرة التجريبية بشأن الشباب والقدرة على الصمود',
      ru: 'Открыта регистрация на демонстрационный круглый стол о молодёжи и устойчивости',
      zh: '青年与复原力演示圆桌会议开放报名',
    }),
    summary: t({
      en: 'Two fictional civil society organizations invite participants to a roundtable (demo data).',
      fr: 'Deux organisations fictives de la société civile invitent à une table ronde (données de démonstration).',
      es: 'Dos organizaciones ficticias de la sociedad civil invitan a una mesa redonda (datos de demostración).',
      ar: 'تدعو منظمتان وهميتان من منظمات المجتمع المدني إلى المشاركة في مائدة مستديرة (بيانات تجريبية).',
      ru: 'Две вымышленные организации гражданского общества приглашают на круглый стол (демонстрационные данные).',
      zh: '两个虚构的民间社会组织邀请各方参加圆桌会议（演示数据）。',
    }),
    body: t({
      en:
        'The roundtable brings together youth-led and grassroots organizations to exchange experience on ' +
        'whole-of-society approaches to preventing violent extremism, in line with human rights standards.\n\n' +
        'This article, the event and its organizers are fictional. They show how a news item is written in six ' +
        'languages, approved by a second person and published.',
      fr:
        'La table ronde réunit des organisations de jeunes et de terrain pour échanger leurs expériences des ' +
        'approches mobilisant toute la société pour prévenir l’extrémisme violent, dans le respect des droits ' +
        'de l’homme.\n\nCet article, l’événement et ses organisateurs sont fictifs. Ils montrent comment une ' +
        'actualité est rédigée en six langues, approuvée par une deuxième personne et publiée.',
      es:
        'La mesa redonda reúne a organizaciones juveniles y de base para intercambiar experiencias sobre ' +
        'enfoques que implican a toda la sociedad para prevenir el extremismo violento, con respeto de los ' +
        'derechos humanos.\n\nEste artículo, el evento y sus organizadores son ficticios. Muestran cómo una ' +
        'noticia se redacta en seis idiomas, la aprueba una segunda persona y se publica.',
      ar:
        'تجمع المائدة المستديرة منظمات يقودها الشباب ومنظمات قاعدية لتبادل الخبرات بشأن النُّهج التي تشمل ' +
        'المجتمع بأسره في منع التطرف العنيف، وفقًا لمعايير حقوق الإنسان.\n\nهذا المقال والحدث ومنظموه ' +
        'وهميون. وهم يبيّنون كيف يُكتب خبر بست لغات، ويوافق عليه شخص ثانٍ، ثم يُنشر.',
      ru:
        'Круглый стол объединяет молодёжные и низовые организации для обмена опытом в применении подходов с ' +
        'участием всего общества к предупреждению насильственного экстремизма при соблюдении прав человека.\n\n' +
        'Эта статья, мероприятие и его организаторы вымышлены. Они показывают, как новость пишется на шести ' +
        'языках, утверждается вторым человеком и публикуется.',
      zh:
        '圆桌会议汇集青年主导的组织和基层组织，交流以全社会参与的方式预防暴力极端主义并尊重人权标准的经验。\n\n' +
        '本文、该活动及其组织者均为虚构，用于展示新闻如何以六种语言撰写、经第二人批准并发布。',
    }),
  },
  {
    slug: 'demo-victim-support-exchange',
    date: '2026-10-15',
    event: null,
    title: t({
      en: 'Fictional partners exchange lessons on support to victims of terrorism',
      fr: 'Des partenaires fictifs échangent sur le soutien aux victimes du terrorisme',
      es: 'Socios ficticios intercambian lecciones sobre el apoyo a las víctimas del terrorismo',
      ar: 'شركاء وهميون يتبادلون الدروس بشأن دعم ضحايا الإرهاب',
      ru: 'Вымышленные партнёры обмениваются опытом поддержки жертв терроризма',
      zh: '虚构合作伙伴交流支持恐怖主义受害者的经验',
    }),
    summary: t({
      en: 'A virtual exchange among fictional organizations placed victims at the centre of its discussions (demo).',
      fr: 'Un échange virtuel entre organisations fictives a placé les victimes au centre des débats (démonstration).',
      es: 'Un intercambio virtual entre organizaciones ficticias situó a las víctimas en el centro del debate (demo).',
      ar: 'وضع تبادل افتراضي بين منظمات وهمية الضحايا في صميم مناقشاته (بيانات تجريبية).',
      ru: 'Виртуальный обмен мнениями между вымышленными организациями поставил жертв в центр обсуждения (демо).',
      zh: '虚构组织之间的线上交流将受害者置于讨论的中心（演示）。',
    }),
    body: t({
      en:
        'Participants highlighted the importance of long-term psychosocial support, of hearing victims’ voices ' +
        'and of gender-sensitive assistance.\n\nThe organizations named in the demo are fictional; no State ' +
        'or real institution is described.',
      fr:
        'Les participants ont souligné l’importance d’un soutien psychosocial dans la durée, de l’écoute des ' +
        'victimes et d’une assistance tenant compte du genre.\n\nLes organisations citées dans la démonstration ' +
        'sont fictives ; aucun État ni aucune institution réelle n’est décrit.',
      es:
        'Los participantes destacaron la importancia del apoyo psicosocial a largo plazo, de escuchar a las ' +
        'víctimas y de una asistencia con perspectiva de género.\n\nLas organizaciones citadas en la demostración ' +
        'son ficticias; no se describe ningún Estado ni institución real.',
      ar:
        'أكد المشاركون أهمية الدعم النفسي والاجتماعي الطويل الأمد، والاستماع إلى أصوات الضحايا، وتقديم ' +
        'مساعدة تراعي الاعتبارات الجنسانية.\n\nالمنظمات المذكورة في العرض التجريبي وهمية؛ ولا يصف النص أي ' +
        'دولة أو مؤسسة حقيقية.',
      ru:
        'Участники подчеркнули важность долгосрочной психосоциальной поддержки, внимания к голосу жертв и ' +
        'помощи с учётом гендерных аспектов.\n\nОрганизации, упомянутые в демонстрации, вымышлены; ни одно ' +
        'государство и ни одно реальное учреждение не описываются.',
      zh:
        '与会者强调了长期心理社会支持、倾听受害者声音以及提供对性别问题有敏感认识的援助的重要性。\n\n' +
        '演示中提到的组织均为虚构，未描述任何国家或真实机构。',
    }),
  },
];

/** The demo news, each published by two signatures (skipped when its address exists or the demo accounts do not). */
export async function seedNews(db: Db): Promise<number> {
  let n = 0;
  for (const d of DEMO_NEWS) {
    if ((await db.select().from(newsItems).where(eq(newsItems.slug, d.slug))).length) continue;
    const event = d.event ? await publicEventRef(db, d.event) : null;
    const content: NewsContent = { title: d.title, summary: d.summary, body: d.body, date: d.date, event };
    // The item's row is created with its first revision, by the author.
    const published = await publishAsDemo(
      db,
      async (ctx) => (await insertNews(ctx, d.slug, toContent(content))).revision,
    );
    if (!published) return n;
    n++;
  }
  return n;
}
