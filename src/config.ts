// The only reader of process.env. Everything else receives a Config.
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import path from 'node:path';
import { DEV_AUDIT_KEY } from './platform/audit/keys.ts';

export const ConfigSchema = Type.Object({
  env: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')]),
  port: Type.Integer({ minimum: 0, maximum: 65535 }),
  host: Type.String({ minLength: 1 }),
  baseUrl: Type.String({ minLength: 1 }),
  /** postgres://… when set; otherwise the embedded PGlite database in dataDir
   * (or in memory when dataDir is 'memory://'). */
  databaseUrl: Type.Optional(Type.String({ minLength: 1 })),
  dataDir: Type.String({ minLength: 1 }),
  filesDir: Type.String({ minLength: 1 }),
  /** Uploaded files in a bucket of an S3-compatible object store instead of filesDir (S3_BUCKET set). */
  s3: Type.Optional(
    Type.Object({
      bucket: Type.String({ pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$' }),
      /** Unset: the provider's default endpoint for the region (AWS). */
      endpoint: Type.Optional(Type.String({ pattern: '^https?://[^\\s/]+(/.*)?$' })),
      region: Type.String({ minLength: 1 }),
      /** Both or neither; neither: the SDK's default credential chain (environment, instance role). */
      accessKeyId: Type.Optional(Type.String({ minLength: 1 })),
      secretAccessKey: Type.Optional(Type.String({ minLength: 1 })),
      /** http://endpoint/bucket/key rather than http://bucket.endpoint/key (MinIO and most servers but AWS). */
      forcePathStyle: Type.Boolean(),
    }),
  ),
  sessionSecret: Type.String({ minLength: 32 }),
  /** HMAC key of the audit chain and its anchors (kept outside the database; docs/security.md, "Audit chain"). */
  auditKey: Type.String({ minLength: 32 }),
  /** Earlier audit keys, still accepted when verifying rows and anchors they made (rotation). */
  auditKeyPrevious: Type.Array(Type.String({ minLength: 32 })),
  /** Directory of the exported audit anchors (anchors.jsonl); unset: none (tests, in-memory databases). */
  auditAnchorDir: Type.Optional(Type.String({ minLength: 1 })),
  /** Minutes between two anchors written by the server (0 = no timer; `ctcp audit-anchor` still writes one). */
  auditAnchorMinutes: Type.Integer({ minimum: 0, maximum: 1440 }),
  /** Days before an action's due date when its owner is reminded (`ctcp action-reminders`; ACTION_REMINDER_DAYS). */
  actionReminderDays: Type.Integer({ minimum: 0, maximum: 365 }),
  smtpUrl: Type.Optional(Type.String({ minLength: 1 })),
  mailFrom: Type.String({ minLength: 3 }),
  logLevel: Type.String(),
  /** Print demo sign-in details at start (embedded demo only; never in production). */
  demo: Type.Boolean(),
  /** Sign-in attempts allowed per IP per minute. */
  signInRateLimit: Type.Integer({ minimum: 1 }),
  /** Failed sign-ins before an account is locked for lockoutMinutes. */
  lockoutThreshold: Type.Integer({ minimum: 1 }),
  lockoutMinutes: Type.Integer({ minimum: 1 }),
  /** Wrong second-factor codes allowed per account before its pending sign-ins end and it locks for lockoutMinutes. */
  mfaAttemptLimit: Type.Integer({ minimum: 1 }),
  /**
   * Which peers may tell the client's address in X-Forwarded-For: '' (none, the default), a hop count ("1": the
   * nearest proxy), or a comma-separated list of proxy addresses or CIDR ranges ("10.0.0.0/8,127.0.0.1").
   */
  trustProxy: Type.String({ pattern: '^$|^\\d{1,2}$|^[0-9A-Fa-f:./, ]+$' }),
  sessionIdleMinutes: Type.Integer({ minimum: 1 }),
  sessionMaxHours: Type.Integer({ minimum: 1 }),
  /** Cookies get the Secure attribute and the __Host- prefix. Off only for plain-http tests of other hosts. */
  secureCookies: Type.Boolean(),
  /** This process runs jobs (the job queue's runner: mail delivery, reminders, retention, anchors). JOBS=on|off;
   * off for app processes when separate `ctcp worker` processes run them. */
  jobs: Type.Boolean(),
  mailWorker: Type.Boolean(),
  /** Milliseconds between two runs of the mail job in each app process (MAIL_POLL_MS). */
  mailPollMs: Type.Integer({ minimum: 10, maximum: 600_000 }),
  /** Milliseconds a process holds the messages it is sending; another process takes them only after (MAIL_LEASE_MS).
   * Longer than any SMTP conversation; a crash between send and record means one re-send after it. */
  mailLeaseMs: Type.Integer({ minimum: 100, maximum: 86_400_000 }),
  /** First wait after a failed attempt, doubled after each, capped at 720 times itself (MAIL_RETRY_BASE_MS). */
  mailRetryBaseMs: Type.Integer({ minimum: 10, maximum: 3_600_000 }),
  /** Attempts before a message is failed, the dead letter an administrator resends (MAIL_MAX_ATTEMPTS). */
  mailMaxAttempts: Type.Integer({ minimum: 1, maximum: 100 }),
  /** Seconds a public page rendered for an anonymous reader is served again to the next ones (0 = off). */
  pageCacheSeconds: Type.Integer({ minimum: 0, maximum: 300 }),
  keptAnswerSeconds: Type.Integer({ minimum: 0, maximum: 3600 }),
  /** Seconds a resolved session or API token is kept in memory (0 = looked up on every request); dropped at once
   * when the change channel announces a change of the user's credentials or rights (CREDENTIAL_CACHE_SECONDS). */
  credentialCacheSeconds: Type.Integer({ minimum: 0, maximum: 300 }),
  /** Personal-data retention (platform/privacy): days kept after an event ended, for sent e-mails, for ended
   * invitations and password resets, for audit entries' IP addresses. */
  retentionEventDays: Type.Integer({ minimum: 1, maximum: 36500 }),
  retentionOutboxDays: Type.Integer({ minimum: 1, maximum: 36500 }),
  retentionInvitationDays: Type.Integer({ minimum: 1, maximum: 36500 }),
  retentionAuditIpDays: Type.Integer({ minimum: 1, maximum: 36500 }),
  /** Days a read or resolved notification is kept after it was created (platform/notify). */
  retentionNotificationDays: Type.Integer({ minimum: 1, maximum: 36500 }),
  /** Minutes between runs of the retention job in each app process (0 = off; `ctcp retention --apply` from cron). */
  retentionIntervalMinutes: Type.Integer({ minimum: 0, maximum: 10080 }),
});
export type Config = Static<typeof ConfigSchema>;

export class ConfigError extends Error {}

const DEV_SECRET = 'development-only-secret-not-for-production-use-0000';

function bool(v: string | undefined, dflt: boolean): boolean {
  if (v === undefined || v === '') return dflt;
  return ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());
}

function int(v: string | undefined, dflt: number): number {
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new ConfigError(`Expected an integer, got "${v}"`);
  return n;
}

/** Fastify's trustProxy option from TRUST_PROXY: off, a hop count, or the proxies' addresses. Never "everyone". */
export function trustProxyOption(v: string): false | string[] | ((addr: string, hop: number) => boolean) {
  if (!v) return false;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return (_addr, hop) => hop < hops;
  }
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Reads and validates configuration. `overrides` win over the environment (used by the CLI and tests). */
export function loadConfig(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = (env.NODE_ENV ?? 'development') as Config['env'];
  const port = int(env.PORT, 3000);
  const host = env.HOST || '127.0.0.1';
  const production = (overrides.env ?? nodeEnv) === 'production';
  const testing = (overrides.env ?? nodeEnv) === 'test';
  const dataDir = path.resolve(env.DATA_DIR || 'data');
  const cfg: Config = {
    env: nodeEnv,
    port,
    host,
    baseUrl: env.BASE_URL || `http://localhost:${overrides.port ?? port}`,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    filesDir: path.resolve(env.FILES_DIR || path.join(dataDir === 'memory://' ? 'data' : dataDir, 'files')),
    s3: env.S3_BUCKET
      ? {
          bucket: env.S3_BUCKET,
          ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT } : {}),
          region: env.S3_REGION || 'us-east-1',
          ...(env.S3_ACCESS_KEY_ID ? { accessKeyId: env.S3_ACCESS_KEY_ID } : {}),
          ...(env.S3_SECRET_ACCESS_KEY ? { secretAccessKey: env.S3_SECRET_ACCESS_KEY } : {}),
          forcePathStyle: bool(env.S3_FORCE_PATH_STYLE, !!env.S3_ENDPOINT),
        }
      : undefined,
    sessionSecret: env.SESSION_SECRET || (production ? '' : DEV_SECRET),
    auditKey: env.AUDIT_KEY || (production ? '' : DEV_AUDIT_KEY),
    auditAnchorDir: env.AUDIT_ANCHOR_DIR
      ? path.resolve(env.AUDIT_ANCHOR_DIR)
      : testing || env.DATA_DIR === 'memory://'
        ? undefined
        : path.join(dataDir, 'audit-anchors'),
    auditAnchorMinutes: int(env.AUDIT_ANCHOR_MINUTES, testing ? 0 : 15),
    auditKeyPrevious: (env.AUDIT_KEY_PREVIOUS ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'Counter-Terrorism Coordination Platform <no-reply@ctcp.localhost>',
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    demo: false,
    signInRateLimit: int(env.SIGNIN_RATE_LIMIT, 20),
    lockoutThreshold: int(env.LOCKOUT_THRESHOLD, 10),
    lockoutMinutes: int(env.LOCKOUT_MINUTES, 15),
    mfaAttemptLimit: int(env.MFA_ATTEMPT_LIMIT, 5),
    trustProxy: (env.TRUST_PROXY ?? '').trim(),
    sessionIdleMinutes: int(env.SESSION_IDLE_MINUTES, 120),
    sessionMaxHours: int(env.SESSION_MAX_HOURS, 12),
    secureCookies: bool(env.SECURE_COOKIES, true),
    jobs: bool(env.JOBS, !testing),
    mailWorker: bool(env.MAIL_WORKER, true),
    mailPollMs: int(env.MAIL_POLL_MS, 2000),
    mailLeaseMs: int(env.MAIL_LEASE_MS, 300_000),
    mailRetryBaseMs: int(env.MAIL_RETRY_BASE_MS, 30_000),
    mailMaxAttempts: int(env.MAIL_MAX_ATTEMPTS, 14),
    pageCacheSeconds: int(env.PAGE_CACHE_SECONDS, nodeEnv === 'test' ? 0 : 5),
    // Off in tests by default, as the credential cache below (test/kept-answers.test.ts turns it on).
    keptAnswerSeconds: int(env.KEPT_ANSWER_SECONDS, nodeEnv === 'test' ? 0 : 60),
    // Off in tests by default: many change the database behind the app's back and expect the very next request to
    // see it (the channel's message arrives a few milliseconds later); the tests of the cache turn it on.
    credentialCacheSeconds: int(env.CREDENTIAL_CACHE_SECONDS, nodeEnv === 'test' ? 0 : 30),
    actionReminderDays: int(env.ACTION_REMINDER_DAYS, 7),
    retentionEventDays: int(env.RETENTION_EVENT_DAYS, 365),
    retentionOutboxDays: int(env.RETENTION_OUTBOX_DAYS, 90),
    retentionInvitationDays: int(env.RETENTION_INVITATION_DAYS, 30),
    retentionAuditIpDays: int(env.RETENTION_AUDIT_IP_DAYS, 180),
    retentionNotificationDays: int(env.RETENTION_NOTIFICATION_DAYS, 180),
    retentionIntervalMinutes: int(env.RETENTION_INTERVAL_MINUTES, nodeEnv === 'test' ? 0 : 60),
    ...overrides,
  };
  if (cfg.env === 'production') {
    if (!env.SESSION_SECRET && !overrides.sessionSecret) {
      throw new ConfigError('Production mode requires SESSION_SECRET (at least 32 characters).');
    }
    if (!cfg.databaseUrl) throw new ConfigError('Production mode requires DATABASE_URL (a PostgreSQL server).');
    if (cfg.sessionSecret === DEV_SECRET) throw new ConfigError('SESSION_SECRET must not be the development secret.');
    if (!env.AUDIT_KEY && !overrides.auditKey) {
      throw new ConfigError('Production mode requires AUDIT_KEY (at least 32 characters).');
    }
    if (cfg.auditKey === DEV_AUDIT_KEY) throw new ConfigError('AUDIT_KEY must not be the development key.');
    if (cfg.auditKey === cfg.sessionSecret) throw new ConfigError('AUDIT_KEY must differ from SESSION_SECRET.');
    cfg.demo = false;
  }
  if (/^(true|yes|on)$/i.test(cfg.trustProxy))
    throw new ConfigError(
      "TRUST_PROXY cannot trust every peer: give a hop count (e.g. 1) or the proxies' addresses (e.g. 10.0.0.5).",
    );
  if (!cfg.s3 && (env.S3_ENDPOINT || env.S3_ACCESS_KEY_ID || env.S3_SECRET_ACCESS_KEY))
    throw new ConfigError(
      'S3_ENDPOINT or S3 credentials are set without S3_BUCKET: set S3_BUCKET to store files there.',
    );
  if (cfg.s3 && !cfg.s3.accessKeyId !== !cfg.s3.secretAccessKey)
    throw new ConfigError('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both, or neither.');
  if (!Value.Check(ConfigSchema, cfg)) {
    const first = [...Value.Errors(ConfigSchema, cfg)][0];
    const where = first ? `${(first as { instancePath?: string }).instancePath ?? ''}: ${first.message}` : 'invalid';
    throw new ConfigError(`Invalid configuration ${where}`);
  }
  return cfg;
}
