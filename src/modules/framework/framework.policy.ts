import type { PolicyTable } from '../../platform/auth/policy.ts';

export const frameworkPolicy = {
  'framework.list': [{ roles: '*' }],
} as const satisfies PolicyTable;

declare module '../../platform/auth/policy.ts' {
  interface Actions extends Record<keyof typeof frameworkPolicy, true> {}
}
