// The personal-data part of the module contract (platform/modules/module.ts): retention rules, a person's export and
// a person's erasure. Each owner of a table holding personal data declares its part; the runner (retention.ts) and the
// privacy module loop over the declarations they are given. See docs/architecture.md, "Personal data".
import type { Db, Tx } from '../db/client.ts';

/** How long each kind of personal data is kept, in days (config.ts: RETENTION_* variables). */
export interface RetentionConfig {
  /** Registrations and their answers: days after the event ended. */
  retentionEventDays: number;
  /** Sent (or failed) e-mails: days after they were written; body and recipient are then cleared. */
  retentionOutboxDays: number;
  /** Expired, used or revoked invitations and password resets: days after they ended. */
  retentionInvitationDays: number;
  /** Audit entries' IP addresses: days after the entry. */
  retentionAuditIpDays: number;
  /** Read or resolved notifications: days after they were created (unread, unresolved ones stay). */
  retentionNotificationDays: number;
}

export interface RetentionDue {
  /** Rows (or fields) that the rule would change now. */
  count: number;
  /** When the next row not yet due becomes due (null: none waiting). */
  next: Date | null;
}

/** One kind of personal data and how long it is kept. */
export interface RetentionRule {
  /** Stable id, also the message key suffix: `privacy.kind.<kind>` names it, `privacy.rule.<kind>` describes it. */
  kind: string;
  /** The days the configuration keeps it (null: removed as soon as it has expired). */
  days(config: RetentionConfig): number | null;
  /** What is due now and when the next removal comes. */
  due(db: Db, config: RetentionConfig, now: Date): Promise<RetentionDue>;
  /** Removes or pseudonymizes what is due, in the caller's transaction; returns the rows changed. */
  apply(tx: Tx, config: RetentionConfig, now: Date): Promise<number>;
}

/** The person an export or an erasure is about. */
export interface DataSubject {
  userId: string | null;
  personId: string | null;
  /** Lower-cased e-mail address (the account's, else the directory person's). */
  email: string | null;
  name: string | null;
  /** Erasure only: the name that replaces theirs ("Erased person 3F9A…"), and the address that replaces theirs. */
  pseudonym: string;
  pseudonymEmail: string;
}

/** One module's part of an export: named sections of records (arrays), ready for JSON. */
export type ExportSections = Record<string, unknown[]>;

export interface PersonalData {
  retention?: RetentionRule[];
  /** The subject's records this owner keeps (no secrets: no password or token hashes). */
  exportFor?(db: Db, subject: DataSubject): Promise<ExportSections>;
  /** Removes or pseudonymizes the subject's data in the erasure's one transaction; returns the rows changed. */
  erase?(tx: Tx, subject: DataSubject): Promise<number>;
}

/** Anything that carries a personal-data declaration: a module definition, or the platform's own. */
export interface PersonalDataOwner {
  name: string;
  personalData?: PersonalData;
}

/** The address an erased person's e-mail becomes: never deliverable (RFC 6761 .invalid), unique. */
export const ERASED_EMAIL_PATTERN = 'erased-%@invalid';
