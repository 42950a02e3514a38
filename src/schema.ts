// Every table, for drizzle-kit only (drizzle.config.ts). The application never imports this file: the platform's Db is
// schema-agnostic and each module imports its own tables. Platform tables first, then modules.
export * from './platform/auth/auth.schema.ts';
export * from './platform/audit/audit.schema.ts';
export * from './platform/mail/mail.schema.ts';
export * from './platform/notify/notify.schema.ts';
export * from './platform/calendar/calendar.schema.ts';
export * from './modules/directory/directory.schema.ts';
export * from './modules/compact/compact.schema.ts';
export * from './modules/compact/register/register.schema.ts';
export * from './modules/compact/meetings/meetings.schema.ts';
export * from './modules/access/access.schema.ts';
export * from './modules/access/passkeys/passkeys.schema.ts';
export * from './modules/framework/framework.schema.ts';
export * from './modules/assessments/assessments.schema.ts';
export * from './modules/portfolio/portfolio.schema.ts';
export * from './modules/events/events.schema.ts';
export * from './modules/compact/briefing/briefing.schema.ts';
export * from './modules/publishing/publishing.schema.ts';
export * from './modules/news/news.schema.ts';
export * from './modules/search/search.schema.ts';
export * from './modules/library/library.schema.ts';
export * from './modules/library/extract/extract.schema.ts';
