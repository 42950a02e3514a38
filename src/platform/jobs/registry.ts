// Every job definition of the process: the platform's own and the modules' (defineModule({ jobs })). app.ts and
// `ctcp worker` register the module list, as they register personal data; platform/ knows no module.
import type { JobDefinition } from './jobs.types.ts';
import { PLATFORM_JOBS } from './platform.jobs.ts';

interface JobOwner {
  name: string;
  jobs?: JobDefinition[];
}

let registered: readonly JobDefinition[] = PLATFORM_JOBS as JobDefinition[];

/** The platform's jobs followed by the modules' (a repeated name is a programming error). */
export function jobsOf(modules: readonly JobOwner[]): JobDefinition[] {
  const all = [...(PLATFORM_JOBS as JobDefinition[]), ...modules.flatMap((m) => m.jobs ?? [])];
  const seen = new Set<string>();
  for (const d of all) {
    if (seen.has(d.name)) throw new Error(`job ${d.name} is defined twice`);
    seen.add(d.name);
  }
  return all;
}

/** Called by buildApp and `ctcp worker` with the module list (idempotent). */
export function registerJobs(modules: readonly JobOwner[]): void {
  registered = jobsOf(modules);
}

export const jobDefinitions = (): readonly JobDefinition[] => registered;
