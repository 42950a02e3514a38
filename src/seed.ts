// `ctcp seed`: reference data, and with --demo the demo organizations and accounts.
import { sql } from 'drizzle-orm';
import { ConfigError, type Config } from './config.ts';
import type { Db } from './platform/db/client.ts';
import { users } from './platform/auth/auth.schema.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET } from './modules/access/index.ts';
import { MODULES } from './modules/index.ts';
import { requiresMfa } from './platform/auth/classification.ts';
import { registerSearchSources } from './platform/modules/search-sources.ts';
import { registerPolicy } from './platform/auth/policy.ts';

/** Runs every module's seed in the order of the module list; returns each module's count. */
export async function seedAll(db: Db, config: Config, demo: boolean): Promise<Record<string, number>> {
  // Demo data includes accounts with a published password and two-factor key: never on a production database.
  if (demo && config.env === 'production')
    throw new ConfigError(
      'Demo data is refused in production mode (NODE_ENV=production): it holds published passwords.',
    );
  const counts: Record<string, number> = {};
  // The search module's seed (last in the list) indexes every owner's records: it reads the registry.
  registerSearchSources(MODULES);
  // Seeds that go through a module's service (the demo news are written, approved and published as people would)
  // meet its access rules: they are known before any app is built (`ctcp serve --demo` seeds first).
  for (const m of MODULES) if (m.policy) registerPolicy(m.policy);
  for (const m of MODULES)
    if (m.seed) counts[m.name] = (await m.seed({ db, demo, sessionSecret: config.sessionSecret, files: config })) ?? 0;
  return counts;
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
