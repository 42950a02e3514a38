import type { PolicyTable } from '../../platform/auth/policy.ts';

export const newsPolicy = {
  // The editors' pages: the publishers (the workflow's own rules then decide each signature).
  'news.manage': [{ roles: ['platform_admin', 'coordinator'] }],
} as const satisfies PolicyTable;

declare module '../../platform/auth/policy.ts' {
  interface Actions extends Record<keyof typeof newsPolicy, true> {}
}
