// Demo needs and portfolio. Needs and their links concern only the fictional demo States. Real programme names from
// the seed pages appear as programmes, with no invented figures or results; demo projects with figures are fictional.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { organizationsBySlugs } from '../directory/index.ts';
import { firstVisitOfState } from '../assessments/index.ts';
import { fromPlainTexts } from './portfolio.text.ts';
import {
  needs,
  projectGovernance,
  projectNeeds,
  projects,
  projectBeneficiaries,
  projectPartners,
} from './portfolio.schema.ts';

export async function seedDemoPortfolio(db: Db): Promise<{ needs: number; projects: number }> {
  if ((await db.select({ n: sql<number>`count(*)::int` }).from(projects)).at(0)!.n > 0)
    return { needs: 0, projects: 0 };
  const orgs = await organizationsBySlugs(db, [
    'demo-state-arcadia',
    'demo-state-borealis',
    'unoct',
    'uncct',
    'cted',
    'unodc',
    'icao',
    'iom',
  ]);
  const id = (s: string) => orgs.find((o) => o.slug === s)?.id;
  const arcadia = id('demo-state-arcadia');
  const borealis = id('demo-state-borealis');
  if (!arcadia || !borealis || !id('unoct')) return { needs: 0, projects: 0 };
  if (orgs.filter((o) => o.slug.startsWith('demo-state')).some((o) => !o.isDemo))
    throw new Error('demo needs must only concern fictional demo States');
  const visitId = await firstVisitOfState(db, arcadia);
  const visit = visitId ? { id: visitId } : undefined;
  const analyst = (
    await db.select({ id: users.id }).from(users).where(eq(users.email, 'analyst@demo.ctcp.localhost')).limit(1)
  )[0];
  return db.transaction(async (tx) => {
    const needRows = [
      {
        stateOrgId: arcadia,
        source: 'assessment_visit' as const,
        visitId: visit?.id ?? null,
        themes: ['theme-border-security'],
        pillars: ['pillar-2'],
        resolutions: ['S/RES/2396 (2017)'],
        priority: 'high' as const,
        status: 'validated' as const,
        descriptions: {
          en:
            'Advance passenger information and passenger name record systems at the main airport ' +
            '(fictional demo need).',
          fr:
            'Systèmes d’informations préalables sur les passagers et de données des dossiers passagers à ' +
            'l’aéroport principal (besoin fictif de démonstration).',
        },
      },
      {
        stateOrgId: arcadia,
        source: 'assessment_visit' as const,
        visitId: visit?.id ?? null,
        themes: ['theme-cft'],
        pillars: ['pillar-2'],
        resolutions: ['S/RES/1373 (2001)'],
        priority: 'medium' as const,
        status: 'identified' as const,
        descriptions: {
          en:
            'Training of the financial intelligence unit on terrorist financing risk assessment ' +
            '(fictional demo need).',
        },
      },
      {
        stateOrgId: borealis,
        source: 'other' as const,
        visitId: null,
        sourceNote: 'Request of the State (demo)',
        themes: ['theme-victims', 'theme-human-rights'],
        pillars: ['pillar-1', 'pillar-4'],
        resolutions: [],
        priority: 'medium' as const,
        status: 'in_consultation' as const,
        descriptions: {
          en: 'A national framework of assistance to victims of terrorism (fictional demo need).',
          ar: 'إطار وطني لمساعدة ضحايا الإرهاب (احتياج تجريبي خيالي).',
        },
      },
    ].filter((n) => n.source === 'other' || n.visitId);
    const insertedNeeds = await tx
      .insert(needs)
      .values(
        needRows.map((n) => ({
          ...n,
          descriptions: fromPlainTexts(n.descriptions),
          isDemo: true,
          createdBy: analyst?.id ?? null,
        })),
      )
      .returning({ id: needs.id, themes: needs.themes });
    // Real programmes named on the seed pages: names only.
    const [travel] = await tx
      .insert(projects)
      .values({
        kind: 'programme',
        titles: fromPlainTexts({ en: 'United Nations Counter Terrorist Travel Programme' }),
        leadOrgId: id('unoct')!,
        themes: ['theme-border-security'],
        pillars: ['pillar-2'],
        status: 'active',
        summary: 'Flagship programme named on the Coordination Platform page. No figures are recorded here.',
      })
      .returning({ id: projects.id });
    await tx.insert(projects).values({
      kind: 'programme',
      titles: fromPlainTexts({ en: 'Global Programme on Protecting Vulnerable Targets' }),
      leadOrgId: id('unoct')!,
      themes: ['theme-vulnerable-targets'],
      pillars: ['pillar-2'],
      status: 'active',
      summary: 'UNOCT programme named on the Coordination Platform page. No figures are recorded here.',
    });
    if (id('cted'))
      await tx
        .insert(projectGovernance)
        .values({ projectId: travel.id, body: 'Governance arrangements', organizationId: id('cted')!, role: 'member' });
    // Fictional demo projects with figures.
    const [demo1] = await tx
      .insert(projects)
      .values({
        kind: 'project',
        parentId: travel.id,
        titles: fromPlainTexts({
          en: 'Border data systems for Arcadia (fictional demo project)',
          fr: 'Systèmes de données frontalières pour l’Arcadie (projet fictif de démonstration)',
        }),
        leadOrgId: id('unoct')!,
        themes: ['theme-border-security'],
        pillars: ['pillar-2'],
        regions: ['african'],
        budgetUsd: 1_200_000,
        fundsReceivedUsd: 450_000,
        startDate: '2026-01-01',
        endDate: '2027-12-31',
        status: 'active',
        isDemo: true,
      })
      .returning({ id: projects.id });
    const [demo2] = await tx
      .insert(projects)
      .values({
        kind: 'project',
        titles: fromPlainTexts({ en: 'Financial intelligence training, African region (fictional demo project)' }),
        leadOrgId: id('unodc') ?? id('unoct')!,
        themes: ['theme-cft', 'theme-criminal-justice'],
        pillars: ['pillar-2', 'pillar-4'],
        regions: ['african'],
        budgetUsd: 600_000,
        fundsReceivedUsd: 0,
        startDate: '2027-01-01',
        endDate: '2027-12-31',
        status: 'pipeline',
        isDemo: true,
      })
      .returning({ id: projects.id });
    await tx.insert(projectBeneficiaries).values({ projectId: demo1.id, stateOrgId: arcadia });
    if (id('icao')) await tx.insert(projectPartners).values({ projectId: demo1.id, organizationId: id('icao')! });
    if (id('unoct') && id('unodc'))
      await tx.insert(projectPartners).values({ projectId: demo2.id, organizationId: id('unoct')! });
    const border = insertedNeeds.find((n) => n.themes.includes('theme-border-security'));
    if (border)
      await tx
        .insert(projectNeeds)
        .values({ projectId: demo1.id, needId: border.id, coveredPercent: 60, status: 'in_progress' });
    return { needs: insertedNeeds.length, projects: 4 };
  });
}
