// Demo accounts: one per role, bound to real or demo organizations. Embedded demo only.
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { users, type Role } from '../../platform/auth/auth.schema.ts';
import { requiresMfa } from '../../platform/auth/classification.ts';
import { organizationIdBySlug } from '../directory/index.ts';
import { createUserDirect } from './access.service.ts';

export const DEMO_PASSWORD = 'Demo-Platform-2026!';
/** One TOTP secret for every demo account whose role requires a second factor (printed at start; demo only). */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export const DEMO_ACCOUNTS: { email: string; name: string; role: Role; orgSlug: string | null; focalPoint: boolean }[] =
  [
    {
      email: 'admin@demo.ctcp.localhost',
      name: 'Amina Haddad (demo administrator)',
      role: 'platform_admin',
      orgSlug: 'unoct',
      focalPoint: false,
    },
    {
      email: 'coordinator@demo.ctcp.localhost',
      name: 'Lucas Moreau (demo UNOCT coordinator)',
      role: 'coordinator',
      orgSlug: 'unoct',
      focalPoint: false,
    },
    {
      email: 'analyst@demo.ctcp.localhost',
      name: 'Mei Lin (demo CTED analyst)',
      role: 'analyst',
      orgSlug: 'cted',
      focalPoint: false,
    },
    {
      email: 'entity@demo.ctcp.localhost',
      name: 'Diego Álvarez (demo UNODC focal point)',
      role: 'entity_focal_point',
      orgSlug: 'unodc',
      focalPoint: true,
    },
    {
      email: 'state@demo.ctcp.localhost',
      name: 'Olga Petrova (demo focal point of a fictional State)',
      role: 'member_state_focal_point',
      orgSlug: 'demo-state-arcadia',
      focalPoint: true,
    },
    {
      email: 'cso@demo.ctcp.localhost',
      name: 'Grace Wanjiru (demo CSO representative)',
      role: 'cso_representative',
      orgSlug: 'demo-coastal-peacebuilders',
      focalPoint: true,
    },
    {
      email: 'observer@demo.ctcp.localhost',
      name: 'Sam Taylor (demo observer)',
      role: 'observer',
      orgSlug: null,
      focalPoint: false,
    },
  ];

export async function seedDemoAccounts(db: Db, sessionSecret: string): Promise<number> {
  let created = 0;
  for (const a of DEMO_ACCOUNTS) {
    const exists = await db.select({ id: users.id }).from(users).where(eq(users.email, a.email)).limit(1);
    if (exists.length) continue;
    const orgId = a.orgSlug ? await organizationIdBySlug(db, a.orgSlug) : null;
    await createUserDirect(db, {
      ...a,
      password: DEMO_PASSWORD,
      organizationId: orgId,
      isDemo: true,
      totpSecret: requiresMfa(a.role) ? DEMO_TOTP_SECRET : undefined,
      sessionSecret,
    });
    created++;
  }
  return created;
}
