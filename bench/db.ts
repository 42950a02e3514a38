// A benchmark database on the PostgreSQL server: dropped and recreated on each run, kept afterwards for profiling.
import { openDatabase, type Database } from '../src/platform/db/client.ts';

export async function freshDatabase(pgUrl: string, name: string): Promise<{ database: Database; url: string }> {
  const admin = await openDatabase({ databaseUrl: pgUrl, dataDir: 'memory://', poolSize: 1 });
  await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.exec(`CREATE DATABASE ${name}`);
  await admin.close();
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  return { database: await openDatabase({ databaseUrl: u.toString(), dataDir: 'memory://' }), url: u.toString() };
}
