// Public interface of the news module: news items (public articles in six languages) published through the
// publishing module's two-signature workflow; their public pages, editors' pages and JSON API.
import { defineModule } from '../../platform/modules/module.ts';
import { registerPublicKind } from '../publishing/index.ts';
import { newsPolicy } from './news.policy.ts';
import newsRoutes from './items/news.routes.tsx';
import newsApi, { newsApiSchemas } from './items/news.api.ts';
import { NEWS_KIND, newsUrls } from './items/news.service.ts';
import { renderNewsArticle } from './items/news.render.tsx';
import { seedNews } from './news.seed.ts';

export { NEWS_KIND, getPublicNews, listPublicNews } from './items/news.service.ts';

// The monitor renders every published news item through the public page's own view.
registerPublicKind({ kind: NEWS_KIND, labelKey: 'news.kind', urls: newsUrls, render: renderNewsArticle });

export const module = defineModule({
  name: 'news',
  policy: newsPolicy,
  routes: [newsRoutes, newsApi],
  apiSchemas: newsApiSchemas,
  nav: [{ order: 15, href: '/news', labelKey: 'nav.news' }],
  seed: async ({ db, demo }) => (demo ? await seedNews(db) : 0),
});
