import type { PolicyTable } from '../../platform/auth/policy.ts';

export const frameworkPolicy: PolicyTable = {
  'framework.list': [{ roles: '*' }],
};
