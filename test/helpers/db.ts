import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type Database, openDatabase } from '../../src/db/client.js';
import { useDatabase } from '../../src/db/current.js';
import { prepareDatabase } from '../../src/services/setup.js';

/** The server tests create their databases on; override with TEST_DATABASE_URL. */
export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  db: Database;
  url: string;
  /** Closes the connections and drops the database. */
  drop(): Promise<void>;
}

/** A fresh, empty PostgreSQL database for one test file. */
export async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `pgdesk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A migrated database (gazetteer loaded; corpus seeded unless told not to), in use by the schema. */
export async function openTestDatabase(options: { seedCorpus?: boolean } = {}): Promise<TestDatabase> {
  const { url, drop } = await createDatabase();
  const db = await openDatabase({ ...loadConfig({}), databaseUrl: url });
  await prepareDatabase(db, { seedCorpus: options.seedCorpus ?? true });
  useDatabase(db);
  return {
    db,
    url,
    drop: async () => {
      await db.close();
      await drop();
    },
  };
}

/** Counts the rows of every table: "nothing written" means these do not change. */
export async function rowCounts(db: Database): Promise<Record<string, number>> {
  const [row] = await db.sql.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM "Article") AS articles, (SELECT count(*) FROM "Paragraph") AS paragraphs,
            (SELECT count(*) FROM "Entity") AS entities, (SELECT count(*) FROM "Mention") AS mentions,
            (SELECT count(*) FROM "ArticleEntity") AS "articleEntities"`,
  );
  return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v)]));
}

/** A fresh database for the calling test file: created before its tests and dropped after them. */
export function useTestDatabase(options: { seedCorpus?: boolean } = {}): TestDatabase {
  const handle = {} as TestDatabase;
  beforeAll(async () => {
    Object.assign(handle, await openTestDatabase(options));
  });
  afterAll(() => handle.drop());
  return handle;
}
