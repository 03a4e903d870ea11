import { createHash } from 'node:crypto';
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
  /**
   * Listens on a notification channel (LISTEN) on a connection of its own. `onState(false)` says
   * notifications may have been missed (the connection dropped; it is re-established with backoff),
   * `onState(true)` that they flow again. Resolves once listening; the result stops it.
   */
  listen(channel: string, onNotify: (payload: string) => void, onState?: (listening: boolean) => void): Promise<() => Promise<void>>;
  /** The pool's connections (PostgreSQL only): for /metrics. */
  poolStats?(): { total: number; idle: number; waiting: number };
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

/**
 * Query events cost a little on every statement; only the tests listen to them (they count the
 * statements an operation makes), so they are on only under NODE_ENV=test.
 */
const queryEvents = () => (process.env.NODE_ENV === 'test' ? { log: [{ emit: 'event' as const, level: 'query' as const }] } : {});

/** At most this many statement texts get a name (and stay prepared on each connection that ran them). */
const NAMED_STATEMENTS_MAX = 500;

/**
 * Names for the statements Prisma sends, one per distinct text, so that each connection parses and
 * plans a statement once and then only binds and executes it. The texts are a small fixed set (one
 * per query shape and list length); past the bound, new texts go unnamed, so a server never keeps
 * more prepared statements per connection than that.
 */
export function statementNames(max = NAMED_STATEMENTS_MAX): (query: { sql: string }) => string | undefined {
  const names = new Map<string, string>();
  return ({ sql }) => {
    let name = names.get(sql);
    if (name === undefined && names.size < max) {
      name = `pgdesk_${createHash('sha1').update(sql).digest('base64url')}`;
      names.set(sql, name);
    }
    return name;
  };
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
    // Enforced by the client: a server that stopped answering cannot enforce its own timeout.
    query_timeout: config.dbQueryTimeoutMs,
    application_name: 'polyglot-desk',
  });
  // An idle client whose server goes away emits 'error'; without a listener the process would crash.
  pool.on('error', (err) => console.error(`[db] idle connection error: ${err.message}`));
  const adapter = new PrismaPg(pool, {
    onPoolError: (err) => console.error(`[db] pool error: ${err.message}`),
    onConnectionError: (err) => console.error(`[db] connection error: ${err.message}`),
    // Typed as always naming; pg sends a statement without a name unprepared, as it would with none.
    statementNameGenerator: statementNames() as (query: { sql: string }) => string,
  });
  const prisma = new PrismaClient({ adapter, ...queryEvents() });
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
    listen: (channel, onNotify, onState) => listenPostgres(url, channel, onNotify, onState),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
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
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db), ...queryEvents() });
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
    // One process holds the embedded database, so its notifications are all there is to hear.
    listen: async (channel, onNotify) => {
      const stop = await db.listen(channel, onNotify);
      return async () => {
        if (!db.closed) await stop();
      };
    },
    async close() {
      await prisma.$disconnect();
      if (!db.closed) await db.close();
      lock.release();
    },
  };
}

/** The delay before the n-th attempt to re-establish a LISTEN connection: 0.1 s doubling to 5 s. */
const relistenDelay = (attempt: number) => Math.min(100 * 2 ** attempt, 5000);

/** LISTEN on a dedicated connection, re-established with backoff whenever it drops. */
async function listenPostgres(
  url: string,
  channel: string,
  onNotify: (payload: string) => void,
  onState: (listening: boolean) => void = () => {},
): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, application_name: 'polyglot-desk listen', keepAlive: true });
    c.on('notification', (n) => {
      if (n.channel === channel) onNotify(n.payload ?? '');
    });
    let ready = false;
    // Only a connection that was listening is re-established here; a failed attempt is retried by retry().
    const lost = () => {
      if (!ready || client !== c) return;
      client = null;
      c.end().catch(() => {});
      if (stopped) return;
      onState(false);
      timer = setTimeout(retry, relistenDelay(attempt++));
    };
    c.on('error', lost);
    c.on('end', lost);
    client = c;
    try {
      await c.connect();
      await c.query(`LISTEN "${channel.replaceAll('"', '""')}"`);
    } catch (err) {
      if (client === c) client = null;
      c.end().catch(() => {});
      throw err;
    }
    ready = true;
    attempt = 0;
    onState(true);
  };
  const retry = () => {
    if (stopped) return;
    connect().catch(() => {
      if (!stopped) timer = setTimeout(retry, relistenDelay(attempt++));
    });
  };

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    const c = client;
    client = null;
    await c?.end().catch(() => {});
  };
}
