import fs from 'node:fs';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { Config } from '../config.js';
import { PrismaClient } from '../generated/prisma/client.js';
import { lockDataDir } from './lock.js';

/** Runs raw SQL on the same database the Prisma client uses (for migrations and checks). */
export interface SqlRunner {
  /** Runs a script of one or more statements, without parameters. */
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs fn on one connection inside BEGIN … COMMIT, rolling back on error. */
  transaction<T>(fn: (tx: Omit<SqlRunner, 'transaction'>) => Promise<T>): Promise<T>;
}

export interface Database {
  kind: 'postgres' | 'pglite';
  /** Where the data lives, safe to log (no password). */
  location: string;
  prisma: PrismaClient;
  sql: SqlRunner;
  close(): Promise<void>;
}

/** A connection string with its password replaced, for logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgresql://(unparseable url)';
  }
}

export async function openDatabase(config: Config): Promise<Database> {
  return config.databaseUrl ? openPostgres(config, config.databaseUrl) : openPglite(config.dataDir);
}

async function openPostgres(config: Config, url: string): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: config.dbPoolMax,
    // pg waits forever for a connection by default; a request must fail instead.
    connectionTimeoutMillis: config.dbConnectTimeoutMs,
    idleTimeoutMillis: 10_000,
    keepAlive: true,
    statement_timeout: config.dbStatementTimeoutMs,
    application_name: 'polyglot-desk',
  });
  // An idle client whose server goes away emits 'error'; without a listener the process would crash.
  pool.on('error', (err) => console.error(`[db] idle connection error: ${err.message}`));
  const adapter = new PrismaPg(pool, {
    onPoolError: (err) => console.error(`[db] pool error: ${err.message}`),
    onConnectionError: (err) => console.error(`[db] connection error: ${err.message}`),
  });
  const prisma = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  const sql: SqlRunner = {
    async exec(text) {
      await pool.query(text);
    },
    async query<T>(text: string, params: unknown[] = []) {
      return (await pool.query(text, params)).rows as T[];
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          exec: async (text) => void (await client.query(text)),
          query: async <T>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as T[],
        });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
  };
  return {
    kind: 'postgres',
    location: redactUrl(url),
    prisma,
    sql,
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  // Loaded only for the embedded database: a server on PostgreSQL never pays for PGlite's WASM build.
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import('@electric-sql/pglite'), import('pglite-prisma-adapter')]);
  fs.mkdirSync(dataDir, { recursive: true });
  const lock = lockDataDir(dataDir);
  let db: InstanceType<typeof PGlite>;
  try {
    db = await PGlite.create(dataDir);
  } catch (err) {
    lock.release();
    throw err;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db), log: [{ emit: 'event', level: 'query' }] });
  const runner = {
    exec: async (text: string) => void (await db.exec(text)),
    query: async <T>(text: string, params: unknown[] = []) => (await db.query<T>(text, params)).rows,
  };
  return {
    kind: 'pglite',
    location: dataDir,
    prisma,
    sql: {
      ...runner,
      transaction: (fn) =>
        db.transaction((tx) =>
          fn({
            exec: async (text) => void (await tx.exec(text)),
            query: async <T>(text: string, params: unknown[] = []) => (await tx.query<T>(text, params)).rows,
          }),
        ),
    },
    async close() {
      await prisma.$disconnect();
      if (!db.closed) await db.close();
      lock.release();
    },
  };
}
