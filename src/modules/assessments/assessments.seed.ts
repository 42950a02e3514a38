// Demo assessment visits: only to the clearly fictional demo States, never to a real country.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { organizationsBySlugs } from '../directory/index.ts';
import { assessmentVisits } from './assessments.schema.ts';

export async function seedDemoVisits(db: Db): Promise<number> {
  const states = await organizationsBySlugs(db, ['demo-state-arcadia', 'demo-state-borealis']);
  if (states.some((s) => !s.isDemo)) throw new Error('demo visits must only concern fictional demo States');
  const existing = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(assessmentVisits)
    .where(eq(assessmentVisits.isDemo, true));
  if (existing[0].n > 0) return 0;
  const id = (slug: string) => states.find((s) => s.slug === slug)?.id;
  const rows = [
    {
      stateOrgId: id('demo-state-arcadia'),
      type: 'comprehensive' as const,
      status: 'report_adopted' as const,
      startDate: '2026-03-09',
      endDate: '2026-03-13',
      team: 'Demo CTED team (fictional), with UNODC and INTERPOL experts',
    },
    {
      stateOrgId: id('demo-state-borealis'),
      type: 'focused' as const,
      status: 'planned' as const,
      startDate: '2027-02-15',
      endDate: '2027-02-17',
      team: 'Demo CTED team (fictional)',
    },
  ].filter((r): r is typeof r & { stateOrgId: string } => !!r.stateOrgId);
  if (rows.length) await db.insert(assessmentVisits).values(rows.map((r) => ({ ...r, isDemo: true })));
  return rows.length;
}
