import { afterAll, beforeAll, inject } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type Database, openDatabase } from '../../src/db/client.js';
import { useDatabase } from '../../src/db/current.js';
import { prepareDatabase } from '../../src/services/setup.js';
import {
  ADMIN_URL,
  createDatabaseNamed,
  databaseUrl,
  dropDatabaseNamed,
  TEST_PREFIX,
  type Templates,
  uniqueName,
  withAdmin,
} from './pg-admin.js';

export { ADMIN_URL };

export interface TestDatabase {
  db: Database;
  url: string;
  /** Closes the connections and drops the database. */
  drop(): Promise<void>;
}

/**
 * A fresh PostgreSQL database for one test file: empty (no tables) unless a template database is
 * named, of which it is then a copy.
 */
export async function createDatabase(options: { template?: string } = {}): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = uniqueName(TEST_PREFIX);
  await withAdmin((admin) => createDatabaseNamed(admin, name, options.template));
  return {
    url: databaseUrl(name),
    drop: () => withAdmin((admin) => dropDatabaseNamed(admin, name)),
  };
}

/** This run's template databases (test/helpers/global-setup.ts), or undefined when it did not run. */
function templates(): Templates | undefined {
  try {
    return inject('pgdeskTemplates');
  } catch {
    return undefined;
  }
}

/**
 * A migrated database (gazetteer loaded; corpus seeded unless told not to), in use by the schema.
 * It is a copy of this run's template; without one (a config without the global setup), it is
 * migrated and seeded here, which takes seconds.
 */
export async function openTestDatabase(options: { seedCorpus?: boolean } = {}): Promise<TestDatabase> {
  const seedCorpus = options.seedCorpus ?? true;
  const tpl = templates();
  const { url, drop } = await createDatabase({ template: tpl && (seedCorpus ? tpl.seeded : tpl.migrated) });
  let db: Database;
  try {
    db = await openDatabase({ ...loadConfig({}), databaseUrl: url });
  } catch (err) {
    await drop().catch(() => {});
    throw err;
  }
  try {
    if (!tpl) await prepareDatabase(db, { seedCorpus });
  } catch (err) {
    await db.close().catch(() => {});
    await drop().catch(() => {});
    throw err;
  }
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

/** A fresh migrated database for the calling test file: created before its tests and dropped after them. */
export function useTestDatabase(options: { seedCorpus?: boolean } = {}): TestDatabase {
  const handle = {} as TestDatabase;
  beforeAll(async () => {
    Object.assign(handle, await openTestDatabase(options));
  });
  afterAll(() => handle.drop?.());
  return handle;
}

/** A fresh EMPTY database (no tables) for the calling test file, as a URL: created before its tests, dropped after them. */
export function useEmptyDatabase(): { url: string } {
  const handle = { url: '' };
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const created = await createDatabase();
    handle.url = created.url;
    drop = created.drop;
  });
  afterAll(() => drop?.());
  return handle;
}
