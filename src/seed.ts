// `ctcp seed`: reference data, and with --demo the demo organizations and accounts.
import { sql } from 'drizzle-orm';
import type { Config } from './config.ts';
import type { Db } from './platform/db/client.ts';
import { users } from './platform/auth/auth.schema.ts';
import { seedDirectory } from './modules/directory/directory.seed.ts';
import { seedFramework } from './modules/framework/framework.service.ts';
import { seedDemoVisits } from './modules/assessments/assessments.seed.ts';
import { seedDemoPortfolio } from './modules/portfolio/portfolio.seed.ts';
import { seedEvents } from './modules/events/events.seed.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET, seedDemoAccounts } from './modules/access/access.seed.ts';
import { requiresMfa } from './platform/auth/classification.ts';

export async function seedAll(db: Db, config: Config, demo: boolean) {
  const organizations = await seedDirectory(db, { demo });
  const framework = await seedFramework(db);
  const accounts = demo ? await seedDemoAccounts(db, config.sessionSecret) : 0;
  if (demo) await seedDemoVisits(db);
  if (demo) await seedDemoPortfolio(db);
  const events = demo ? await seedEvents(db, { demo }) : 0;
  return { organizations, framework, accounts, events };
}

export async function isEmpty(db: Db): Promise<boolean> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return n === 0;
}

export function demoBanner(url: string, startMs: number): string {
  const lines = [
    '',
    '  Counter-Terrorism Coordination Platform — embedded demo',
    `  Open ${url.replace('127.0.0.1', 'localhost')}   (ready in ${(startMs / 1000).toFixed(1)} s)`,
    '',
    `  Demo accounts (password for all: ${DEMO_PASSWORD}):`,
    ...DEMO_ACCOUNTS.map((a) => `    ${a.role.padEnd(26)} ${a.email}${requiresMfa(a.role) ? '   (two-factor)' : ''}`),
    '',
    `  Two-factor accounts: add the key ${DEMO_TOTP_SECRET} to an authenticator app,`,
    '  or print the current code with:  npm run ctcp -- demo-code',
    '  E-mails are kept in the outbox: sign in as the administrator and open /admin/outbox.',
    '  Demo data only: never use these accounts in production.',
    '',
  ];
  return lines.join('\n');
}
