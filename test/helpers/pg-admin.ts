// Creating and dropping the tests' PostgreSQL databases, on the admin URL. Used by the global setup
// (in vitest's main process) and by test/helpers/db.ts (in the workers), so it imports nothing
// from vitest.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server tests create their databases on; override with TEST_DATABASE_URL. */
export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Every database the tests create starts with this; nothing else is ever dropped. */
export const PREFIX = 'pgdesk_';
/** A test file's own database. */
export const TEST_PREFIX = `${PREFIX}test_`;
/** The migrated (and seeded) databases a run copies, made once per run by test/helpers/global-setup.ts. */
export const TEMPLATE_PREFIX = `${PREFIX}tpl_`;

/** The template databases of this run, handed from the global setup to the workers. */
export interface Templates {
  /** Migrated, with the gazetteer. */
  migrated: string;
  /** Migrated, with the gazetteer and the corpus in data/articles. */
  seeded: string;
}

/**
 * A name no other run can choose: prefix, creation time (milliseconds, base 36), process id and
 * random bytes. The time lets a later run recognise what a crashed one left behind.
 */
export function uniqueName(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** When a database named by uniqueName(prefix) was created, or null for any other name. */
export function createdAt(name: string, prefix: string): number | null {
  if (!name.startsWith(prefix)) return null;
  const m = /^([0-9a-z]{8,9})_\d+_[0-9a-f]{8}(?:_\w+)?$/.exec(name.slice(prefix.length));
  return m?.[1] ? Number.parseInt(m[1], 36) : null;
}

/** The URL of a database on the admin server. */
export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Runs fn on a connection to the admin database, closed afterwards. */
export async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, application_name: 'polyglot-desk-tests' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * CREATE DATABASE, copying template (PostgreSQL's template1, an empty database, when none is
 * given). A copy needs the template to have no other connection; PostgreSQL waits 5 s for them to
 * go, and this retries a few times more ("source database … is being accessed by other users").
 */
export async function createDatabaseNamed(client: pg.Client, name: string, template?: string): Promise<void> {
  const sql = `CREATE DATABASE ${quote(name)}${template ? ` TEMPLATE ${quote(template)}` : ''}`;
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(sql);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '55006' || attempt >= 5) throw err;
      await sleep(100 * attempt);
    }
  }
}

/** Drops a database, closing whatever connections it still has. */
export async function dropDatabaseNamed(client: pg.Client, name: string): Promise<void> {
  await client.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`);
}

/**
 * Drops what crashed runs left behind: only databases whose names carry this project's prefixes
 * and a creation time older than maxAgeMs. A run in progress (younger) is never touched.
 */
export async function dropStale(client: pg.Client, maxAgeMs: number): Promise<string[]> {
  const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'pgdesk\\_%'");
  const cutoff = Date.now() - maxAgeMs;
  const stale = rows
    .map((r) => r.datname)
    .filter((name) => {
      const created = createdAt(name, TEMPLATE_PREFIX) ?? createdAt(name, TEST_PREFIX);
      return created !== null && created < cutoff;
    });
  for (const name of stale) await dropDatabaseNamed(client, name).catch(() => {});
  return stale;
}
