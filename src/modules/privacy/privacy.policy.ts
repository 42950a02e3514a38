// Who applies retention and erases people (administrators), and who downloads their own data (every signed-in user).
import type { PolicyTable } from '../../platform/auth/policy.ts';

export const privacyPolicy = {
  'privacy.retention.manage': [{ roles: ['platform_admin'] }],
  'privacy.erasure.perform': [{ roles: ['platform_admin'] }],
  'privacy.export.own': [{ roles: '*' }],
} as const satisfies PolicyTable;

declare module '../../platform/auth/policy.ts' {
  interface Actions extends Record<keyof typeof privacyPolicy, true> {}
}
