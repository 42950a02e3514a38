// ctcp serve | worker | migrate | seed | create-admin | demo-code | send-reminders | action-reminders | audit-anchor |
// audit-verify | retention | backup | restore
// (each with --help).
import { parseArgs } from 'node:util';
import { loadConfig, ConfigError, type Config } from './config.ts';
import path from 'node:path';
import { DatabaseLockedError, grantAppRole, migrateDatabase, openDatabase } from './platform/db/client.ts';
import { BackupError } from './platform/backup/backup.ts';
import { setAuditKeys } from './platform/audit/audit.service.ts';

const HELP: Record<string, string> = {
  main: `Usage: ctcp <command> [options]

Commands:
  serve          Start the web server (applies migrations first)
  worker         Run only the jobs (mail delivery, reminders, retention, audit anchors), no web server
  migrate        Apply database migrations
  seed           Load reference data (Member States, UN entities); --demo adds demo organizations and accounts
  create-admin   Create a platform administrator
  demo-code      Print the current two-factor code of the demo accounts (embedded demo only)
  send-reminders E-mail accepted participants of events starting soon (once per registration)
  action-reminders Remind owners of the Compact register's actions due soon or overdue (once each)
  audit-anchor   Export the audit chain's head (an anchor) to AUDIT_ANCHOR_DIR now
  audit-verify   Verify the audit chain with the audit keys and the exported anchors (exit code 1 on failure)
  retention      Show (or with --apply, remove) personal data past its retention period
  backup         Write the database and the uploaded files to one archive file
  restore        Restore an archive into an empty database and files directory, and verify it

Run "ctcp <command> --help" for a command's options.
Configuration comes from the environment: see README.md.`,
  serve: `Usage: ctcp serve [--demo] [--workers N]

Applies migrations and serves the platform on HOST:PORT (default 127.0.0.1:3000).
  --demo        On an empty embedded database, load demo data and print the demo sign-in details
                (never in production mode or on a PostgreSQL server).
  --workers N   N processes (node:cluster) sharing the port; PostgreSQL only (DATABASE_URL). Migrations run once
                first; a worker that dies is replaced; SIGTERM lets each finish its requests, then stops them all.`,
  worker: `Usage: ctcp worker

Applies migrations, then runs the platform's jobs from the job queue until SIGTERM or SIGINT (then lets the running
jobs finish): e-mail delivery, event and action reminders, personal-data retention, audit anchors, on their
schedules. Any number of workers and app processes may run at once: each scheduled job runs once per period. Run app
processes with JOBS=off to leave the jobs to the workers. The embedded database (PGlite) allows one process: there,
let "ctcp serve" run the jobs instead.`,
  migrate:
    `Usage: ctcp migrate [--app-role NAME]

Applies the forward-only migrations in ./drizzle to the database (DATABASE_URL, or the embedded one in DATA_DIR),
and installs or migrates the job queue's schema (pgboss).
  --app-role NAME   PostgreSQL only: grant NAME the rights the application needs, ` +
    'with audit_log limited to SELECT and INSERT.',
  seed: `Usage: ctcp seed [--demo]

Loads reference data (193 Member States, UN entities, regional organizations, the Strategy framework). Idempotent.
  --demo   Also load fictional civil-society organizations and one demo account per role.`,
  'create-admin': `Usage: ctcp create-admin --email ADDRESS --name NAME [--password PASSWORD]

Creates a platform administrator. Without --password, reads it from the CTCP_ADMIN_PASSWORD environment variable.
The administrator enrols a second factor at first sign-in.`,
  'send-reminders': `Usage: ctcp send-reminders [--days N]

Queues a reminder e-mail, in the participant's language, for every accepted registration of a published event that
starts within the next N days (default 2, at most 60). Each registration gets one reminder, ever: running the command
again, or on several machines at once, sends nothing twice. Run it from cron, e.g. hourly.`,
  'action-reminders': `Usage: ctcp action-reminders

Reminds the owners of the Compact register's open actions: ACTION_REMINDER_DAYS days before the due date (default 7)
and once overdue, in-app and by e-mail in each recipient's language (the owner person, else the owner entity's focal
points). Each reminder is sent once, ever: running the command again, or on several machines at once, sends nothing
twice (dedupe keys). Run it from cron, e.g. daily.`,
  'audit-anchor': `Usage: ctcp audit-anchor

Appends the audit chain's head (last id, its hash, the number of entries, the time, the key id), MACed with AUDIT_KEY,
as one JSON line to AUDIT_ANCHOR_DIR/anchors.jsonl. The server does the same every AUDIT_ANCHOR_MINUTES; run this
from cron too when no server runs. Several processes may append at once.`,
  'audit-verify': `Usage: ctcp audit-verify

Walks the whole audit chain: every entry's link, hash and keyed MAC (AUDIT_KEY, AUDIT_KEY_PREVIOUS), its personal data
against its commitments, and every anchor in AUDIT_ANCHOR_DIR (a rewritten chain, or removed newest entries).
Prints the result; exit code 0 when intact, 1 with the first bad entry and the kind of failure otherwise.`,
  retention: `Usage: ctcp retention [--apply]

Lists, per kind of personal data, the retention rule (RETENTION_* variables), the rows due now and the next removal.
  --apply   Remove or pseudonymize what is due, in one transaction, audited as privacy.retention.applied. A run
            already under way in another process (advisory lock) makes this one do nothing. Run it from cron, e.g.
            daily, when the privacy.retention job is off (RETENTION_INTERVAL_MINUTES=0).`,
  backup: `Usage: ctcp backup [--out FILE]

Writes one archive (tar) holding the database, the uploaded files (FILES_DIR, or every object of S3_BUCKET whose key has
the platform's shape) and manifest.json (app version, migration level, every table's row count and checksum, every
file's SHA-256). Default FILE: ctcp-backup-<date>T<time>Z.tar in the current directory; an existing file is never
overwritten.
  Embedded database (PGlite): stop the server first; the command refuses while another process holds DATA_DIR.
  PostgreSQL (DATABASE_URL): the server may keep running; needs pg_dump on PATH (same major version or newer).`,
  restore: `Usage: ctcp restore FILE [--force] [--check]

Restores an archive written by "ctcp backup" into the configured database (DATABASE_URL, or the embedded one in
DATA_DIR) and FILES_DIR (or S3_BUCKET), then verifies every table's row count and checksum, every file's SHA-256 and
the audit chain (AUDIT_KEY must be the key of the backed-up installation). Exit code 0 when all matches, 1 otherwise.
  --force   Replace a non-empty target (embedded: the old data directory is moved aside, not deleted).
  --check   Only check the archive (manifest and every part's SHA-256); change nothing.
PostgreSQL needs pg_restore on PATH; run "ctcp migrate --app-role NAME" afterwards to grant the app's role again.`,
  'demo-code': `Usage: ctcp demo-code

Prints the current TOTP code shared by the demo accounts that require two-factor authentication.`,
};

/**
 * The records an upgrade brings under the publishing workflow (docs/architecture.md, "Events"): events and their
 * Chair's Summaries published before it get a revision recorded as published by the system, flagged until a second
 * person approves it. Idempotent.
 */
async function upgradeRecords(database: Awaited<ReturnType<typeof openDatabase>>) {
  const { adoptPublishedEvents, adoptPublishedSummaries } = await import('./modules/events/index.ts');
  const { registerSearchSources } = await import('./platform/modules/search-sources.ts');
  const { MODULES } = await import('./modules/index.ts');
  // Adopted events are indexed again, listed (their passages' audience tags): the owners' search sources first.
  registerSearchSources(MODULES);
  const n = await adoptPublishedEvents(database.db);
  if (n) console.log(`Events published before the two-signature workflow, recorded for a second approval: ${n}.`);
  const m = await adoptPublishedSummaries(database.db);
  if (m)
    console.log(`Chair's Summaries shown before the two-signature workflow, recorded for a second approval: ${m}.`);
}

async function withDb<T>(config: Config, fn: (d: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateDatabase(database);
    await upgradeRecords(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** The configured store of uploaded files answers (a missing or forbidden bucket is told at start, not at the first
 * upload). */
async function checkFileStore(config: Config) {
  const { fileStore } = await import('./platform/files/storage.ts');
  await fileStore(config)
    .check()
    .catch((e: Error) => {
      throw new ConfigError(e.message);
    });
}

/** The worker's log: one JSON line per entry on standard error, from LOG_LEVEL up (the app logs through Fastify). */
function lineLog(level: string) {
  const order = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
  const min = level === 'silent' ? Infinity : Math.max(0, order.indexOf(level));
  const at = (l: string) => (o: object, msg: string) => {
    if (order.indexOf(l) < min) return;
    const err = (o as { err?: Error }).err;
    const line = { level: l, time: new Date().toISOString(), msg, ...o, ...(err ? { err: String(err.message) } : {}) };
    process.stderr.write(`${JSON.stringify(line)}\n`);
  };
  return { info: at('info'), warn: at('warn'), error: at('error') };
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(HELP.main);
    return;
  }
  if (!(command in HELP) || command === 'main') {
    console.error(`Unknown command "${command}".\n\n${HELP.main}`);
    process.exitCode = 2;
    return;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      help: { type: 'boolean', short: 'h' },
      demo: { type: 'boolean' },
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      'app-role': { type: 'string' },
      days: { type: 'string' },
      apply: { type: 'boolean' },
      out: { type: 'string' },
      force: { type: 'boolean' },
      check: { type: 'boolean' },
      workers: { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length && command !== 'restore') {
    console.error(`Unexpected argument "${positionals[0]}".\n\n${HELP[command]}`);
    process.exitCode = 2;
    return;
  }
  if (values.help) {
    console.log(HELP[command]);
    return;
  }
  // The embedded demo keeps the console for the sign-in details: request logs only when LOG_LEVEL asks for them.
  const config = loadConfig(command === 'serve' && values.demo && !process.env.LOG_LEVEL ? { logLevel: 'warn' } : {});
  setAuditKeys(config.auditKey, config.auditKeyPrevious);

  if (command === 'migrate') {
    await withDb(config, async (d) => {
      // The job queue's schema (pg-boss installs and migrates it), before any role is granted its tables.
      const { MODULES } = await import('./modules/index.ts');
      const { JobQueue } = await import('./platform/jobs/queue.ts');
      const { jobsOf } = await import('./platform/jobs/registry.ts');
      const quiet = { info() {}, warn() {}, error() {} };
      const jobs = new JobQueue({ database: d, config, log: quiet, definitions: jobsOf(MODULES), work: false });
      await jobs.start();
      await jobs.stop();
      const role = values['app-role'];
      if (role) {
        if (d.kind !== 'postgres') throw new ConfigError('--app-role needs DATABASE_URL (PostgreSQL).');
        if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new ConfigError('--app-role must be a plain role name.');
        await grantAppRole(d, role);
        console.log(`Granted ${role} the application's rights; audit_log: SELECT, INSERT only.`);
      }
      console.log(`Migrations applied (${d.kind}).`);
    });
    return;
  }
  if (command === 'seed') {
    await withDb(config, async (d) => {
      const { seedAll } = await import('./seed.ts');
      const r = await seedAll(d.db, config, !!values.demo);
      console.log(
        `Organizations: ${r.directory}. Framework items: ${r.framework}. Demo accounts created: ${r.access}.`,
      );
    });
    return;
  }
  if (command === 'create-admin') {
    const email = values.email;
    const name = values.name;
    const password = values.password ?? process.env.CTCP_ADMIN_PASSWORD;
    if (!email || !name || !password) {
      console.error(HELP['create-admin']);
      process.exitCode = 2;
      return;
    }
    await withDb(config, async (d) => {
      const { createUserDirect } = await import('./modules/access/index.ts');
      const { seedAll } = await import('./seed.ts');
      await seedAll(d.db, config, false);
      try {
        await createUserDirect(d.db, {
          email,
          name,
          role: 'platform_admin',
          password,
          sessionSecret: config.sessionSecret,
        });
      } catch (e) {
        const { AppError } = await import('./platform/http/errors.ts');
        const { translate } = await import('./platform/i18n/index.ts');
        if (e instanceof AppError) {
          console.error(
            e.fields.map((f) => translate('en', f.messageKey, f.values as never)).join('\n') ||
              translate('en', e.messageKey),
          );
          process.exitCode = 2;
          return;
        }
        throw e;
      }
      console.log(`Administrator ${email} created. Sign in and enrol a second factor.`);
    });
    return;
  }
  if (command === 'send-reminders') {
    const days = values.days === undefined ? 2 : Number(values.days);
    if (!Number.isInteger(days) || days < 1 || days > 60)
      throw new ConfigError('--days must be a whole number from 1 to 60.');
    await withDb(config, async (d) => {
      const { sendReminders } = await import('./modules/events/index.ts');
      const n = await sendReminders(d.db, config, { days });
      console.log(`Reminders queued: ${n} (events starting within ${days} day${days === 1 ? '' : 's'}).`);
    });
    return;
  }
  if (command === 'action-reminders') {
    await withDb(config, async (d) => {
      const { sendActionReminders } = await import('./modules/compact/index.ts');
      const r = await sendActionReminders(d.db, config);
      console.log(
        `Action reminders: ${r.dueSoon} due soon, ${r.overdue} overdue; ` +
          `${r.notified} notifications, ${r.mailed} e-mails.`,
      );
    });
    return;
  }
  if (command === 'audit-anchor') {
    if (!config.auditAnchorDir) throw new ConfigError('audit-anchor needs AUDIT_ANCHOR_DIR (or DATA_DIR on disk).');
    await withDb(config, async (d) => {
      const { FileAnchorSink } = await import('./platform/audit/anchor.ts');
      const { writeAuditAnchor } = await import('./platform/audit/audit.service.ts');
      const sink = new FileAnchorSink(config.auditAnchorDir!);
      const a = await writeAuditAnchor(d.db, sink);
      console.log(
        a ? `Anchor written to ${sink.where}: entry ${a.id}, ${a.count} entries.` : 'The audit log is empty.',
      );
    });
    return;
  }
  if (command === 'audit-verify') {
    await withDb(config, async (d) => {
      const { FileAnchorSink } = await import('./platform/audit/anchor.ts');
      const { verifyAuditChain } = await import('./platform/audit/audit.service.ts');
      const sink = config.auditAnchorDir ? new FileAnchorSink(config.auditAnchorDir) : null;
      const c = await verifyAuditChain(d.db, { sink });
      const anchors = sink ? `${c.anchors} anchor(s) in ${sink.where}` : 'no anchors (AUDIT_ANCHOR_DIR unset)';
      if (c.ok) {
        const latest = c.anchor ? `; latest anchor: entry ${c.anchor.id} at ${c.anchor.at}` : '';
        console.log(`Audit chain intact: ${c.checked} entries (${c.legacy} legacy, unkeyed), ${anchors}${latest}.`);
        return;
      }
      const where =
        c.problem === 'truncated' && c.anchor
          ? `the chain ends at entry ${c.lastId}, but the anchor of ${c.anchor.at} records entry ${c.anchor.id} ` +
            `(${c.anchor.count} entries)`
          : `first bad entry: ${c.firstBadId ?? '?'}`;
      console.error(
        `Audit chain BROKEN (${c.problem}): ${where}; ${c.checked} entries verified before it; ${anchors}.`,
      );
      process.exitCode = 1;
    });
    return;
  }
  if (command === 'retention') {
    await withDb(config, async (d) => {
      const { MODULES } = await import('./modules/index.ts');
      const { applyRetention, ownersOf, retentionStatus } = await import('./platform/privacy/retention.ts');
      const owners = ownersOf(MODULES);
      const { lines, lastRun } = await retentionStatus(d.db, owners, config);
      const day = (x: Date | null) => (x ? x.toISOString().slice(0, 10) : '-');
      console.log(`${'kind'.padEnd(18)}${'days'.padStart(6)}${'due now'.padStart(10)}  next removal`);
      for (const l of lines)
        console.log(
          `${l.kind.padEnd(18)}${String(l.days ?? '-').padStart(6)}${String(l.due).padStart(10)}  ${day(l.next)}`,
        );
      console.log(`Last applied: ${lastRun ? lastRun.at.toISOString() : 'never'}`);
      if (!values.apply) {
        console.log('Dry run: nothing removed. Add --apply to remove what is due.');
        return;
      }
      const r = await applyRetention(d.db, owners, config, { actor: { id: null, label: 'ctcp retention' } });
      if (!r.ran) {
        console.log('Another process is applying retention now: nothing done.');
        return;
      }
      console.log(
        `Applied: ${Object.entries(r.counts)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')} (total ${r.total}).`,
      );
    });
    return;
  }
  if (command === 'backup') {
    const { createBackup } = await import('./platform/backup/backup.ts');
    const { fileStore } = await import('./platform/files/storage.ts');
    const out = path.resolve(
      values.out ??
        `ctcp-backup-${new Date()
          .toISOString()
          .replace(/\.\d+Z$/, 'Z')
          .replaceAll(':', '')}.tar`,
    );
    await checkFileStore(config);
    // No migration first: the archive holds the database as it is.
    const d = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const { manifest: m } = await createBackup({
        database: d,
        databaseUrl: config.databaseUrl,
        files: fileStore(config),
        out,
      });
      const rows = m.tables.reduce((n, t) => n + t.rows, 0);
      console.log(
        `Backup written to ${out}\n  database: ${m.database.engine} ${m.database.serverVersion}, ` +
          `${m.migrations.count} migrations, ${m.tables.length} tables, ${rows} rows\n` +
          `  files: ${m.files.length} (${m.files.reduce((n, f) => n + f.size, 0)} bytes)\n` +
          `  app version ${m.appVersion}, created ${m.createdAt}`,
      );
    } finally {
      await d.close();
    }
    return;
  }
  if (command === 'restore') {
    const file = positionals[0];
    if (!file || positionals.length > 1) {
      console.error(HELP.restore);
      process.exitCode = 2;
      return;
    }
    const { inspectBackup, restoreBackup } = await import('./platform/backup/backup.ts');
    const { fileStore } = await import('./platform/files/storage.ts');
    if (values.check) {
      const m = await inspectBackup(file);
      console.log(
        `Archive intact: ${m.database.engine} database, ${m.tables.length} tables, ${m.files.length} files, ` +
          `app version ${m.appVersion}, created ${m.createdAt}.`,
      );
      return;
    }
    await checkFileStore(config);
    const r = await restoreBackup(
      file,
      { databaseUrl: config.databaseUrl, dataDir: config.dataDir, files: fileStore(config) },
      { force: !!values.force },
    );
    const { manifest: m, verification: v } = r;
    const mark = (ok: boolean) => (ok ? 'ok' : 'MISMATCH');
    const a = v.audit;
    console.log(
      [
        `Restored ${file} (app version ${m.appVersion}, created ${m.createdAt}) into ` +
          (config.databaseUrl ? 'the PostgreSQL database (DATABASE_URL)' : config.dataDir) +
          ` and ${fileStore(config).location}.`,
        ...(r.movedAside ? [`  The previous embedded database was moved to ${r.movedAside}.`] : []),
        `  tables: ${v.tables.checked} checked, ${mark(!v.tables.mismatched.length)}` +
          (v.tables.mismatched.length ? ` (${v.tables.mismatched.join(', ')})` : ''),
        `  files: ${v.files.checked} checked, ${mark(!v.files.mismatched.length)}` +
          (v.files.mismatched.length ? ` (${v.files.mismatched.slice(0, 10).join(', ')})` : ''),
        a.ok
          ? `  audit chain: intact, ${a.checked} entries`
          : `  audit chain: BROKEN (${a.problem}) at entry ${a.firstBadId ?? '?'}` +
            (a.problem === 'mac' || a.problem === 'unknown-key'
              ? ' — is AUDIT_KEY (and AUDIT_KEY_PREVIOUS) the one of the backed-up installation?'
              : ''),
        `  migration level: ${m.migrations.count} (newer migrations of this version apply at the next start).`,
      ].join('\n'),
    );
    if (!v.ok) {
      const dataOk = !v.tables.mismatched.length && !v.files.mismatched.length;
      console.error(
        dataOk
          ? 'Restore verification FAILED: the data matches the archive, but the audit chain does not verify.'
          : 'Restore verification FAILED: the restored data does not match the archive.',
      );
      process.exitCode = 1;
    }
    return;
  }
  if (command === 'demo-code') {
    if (config.env === 'production' || config.databaseUrl)
      throw new ConfigError('demo-code is for the embedded demo only.');
    const { DEMO_TOTP_SECRET } = await import('./modules/access/index.ts');
    const { totpCode } = await import('./platform/auth/totp.ts');
    console.log(await totpCode(DEMO_TOTP_SECRET));
    return;
  }
  if (command === 'worker') {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await migrateDatabase(database);
    const { MODULES } = await import('./modules/index.ts');
    const { registerPolicy } = await import('./platform/auth/policy.ts');
    const { registerPersonalData } = await import('./platform/privacy/retention.ts');
    const { setAuditAnchorSink } = await import('./platform/audit/audit.service.ts');
    const { FileAnchorSink } = await import('./platform/audit/anchor.ts');
    const { JobQueue } = await import('./platform/jobs/queue.ts');
    const { jobDefinitions, registerJobs } = await import('./platform/jobs/registry.ts');
    const { registerSearchSources } = await import('./platform/modules/search-sources.ts');
    // What buildApp registers, for the handlers: access rules, personal data, search sources, the anchor sink,
    // the jobs.
    for (const m of MODULES) if (m.policy) registerPolicy(m.policy);
    registerPersonalData(MODULES);
    registerSearchSources(MODULES);
    setAuditAnchorSink(config.auditAnchorDir ? new FileAnchorSink(config.auditAnchorDir) : null);
    registerJobs(MODULES);
    const queue = new JobQueue({
      database,
      config,
      log: lineLog(config.logLevel),
      definitions: jobDefinitions(),
      work: true,
    });
    // Alive until told to stop (listening from before the start: a signal during it waits for it), then the running
    // jobs finish before the connections close.
    const alive = setInterval(() => {}, 60_000);
    const stopped = new Promise<void>((resolve) => {
      process.once('SIGTERM', resolve);
      process.once('SIGINT', resolve);
    });
    await queue.start();
    const names = queue.enabled().map((d) => d.name);
    console.log(`Job runner started (${database.kind}): ${names.join(', ')}.`);
    await stopped;
    clearInterval(alive);
    await queue.stop();
    await database.close();
    console.log('Job runner stopped.');
    return;
  }
  if (command === 'serve') {
    const workers = values.workers === undefined ? 1 : Number(values.workers);
    if (!Number.isInteger(workers) || workers < 1 || workers > 256)
      throw new ConfigError('--workers must be a whole number from 1 to 256.');
    if (workers > 1 && !config.databaseUrl)
      throw new ConfigError(
        `--workers ${workers} needs DATABASE_URL (PostgreSQL): the embedded database (PGlite) is held by one ` +
          'process at a time (DATA_DIR/pgdata.lock). Serve with one process, or move to PostgreSQL.',
      );
    const { default: cluster } = await import('node:cluster');
    const demo = !!values.demo && config.env !== 'production' && !config.databaseUrl;
    const { startServer } = await import('./server.ts');
    if (cluster.isWorker) {
      // A worker of `--workers N`: the primary migrated the database; this one only serves.
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      await startServer(config, database);
      return;
    }
    const started = Date.now();
    await checkFileStore(config);
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await migrateDatabase(database);
    await upgradeRecords(database);
    const { seedAll, isEmpty, demoBanner } = await import('./seed.ts');
    if (demo && (await isEmpty(database.db))) {
      console.log('Empty embedded database: loading demo data…');
      await seedAll(database.db, config, true);
    }
    if (workers > 1) {
      // Migrations ran once, here; the primary keeps no connection and serves nothing.
      await database.close();
      const { runPrimary } = await import('./cluster.ts');
      console.log(`Serving on ${config.host}:${config.port} with ${workers} workers (primary ${process.pid}).`);
      process.exitCode = await runPrimary({ workers });
      return;
    }
    await startServer({ ...config, demo }, database, (url) => {
      if (demo) console.log(demoBanner(url, Date.now() - started));
    });
    return;
  }
}

main(process.argv.slice(2)).catch((e) => {
  const code = (e as { code?: string }).code;
  if (
    e instanceof ConfigError ||
    e instanceof BackupError ||
    e instanceof DatabaseLockedError ||
    code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ||
    code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' ||
    code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
  ) {
    console.error(String((e as Error).message));
    process.exitCode = 2;
    return;
  }
  console.error(e);
  process.exitCode = 1;
});
