// Who reads the audit log and the e-mail outbox: administrators. (User administration, `admin.users.manage`, is
// the access module's.)
import type { PolicyTable } from '../../platform/auth/policy.ts';

export const adminPolicy = {
  'admin.audit.read': [{ roles: ['platform_admin'] }],
  'admin.outbox.read': [{ roles: ['platform_admin'] }],
  /** Put a failed (dead-letter) or sent e-mail back in the queue. */
  'admin.outbox.resend': [{ roles: ['platform_admin'] }],
  /** The failed (dead-letter) jobs of the job queue, and putting one back in the queue. */
  'admin.jobs.read': [{ roles: ['platform_admin'] }],
  'admin.jobs.retry': [{ roles: ['platform_admin'] }],
} as const satisfies PolicyTable;

declare module '../../platform/auth/policy.ts' {
  interface Actions extends Record<keyof typeof adminPolicy, true> {}
}
