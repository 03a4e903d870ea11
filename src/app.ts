// The slow part of start-up, after src/main.ts has checked the configuration and bound the port:
// the database (reached with a bounded retry), migrations and seed, locale files, response cache,
// the GraphQL application, and a graceful stop on SIGTERM or SIGINT.
import path from 'node:path';
import { openResponseCache } from './cache/index.js';
import type { ResponseCache } from './cache/response-cache.js';
import { type Config, StartError } from './config.js';
import { type Database, openDatabase } from './db/client.js';
import { useDatabase } from './db/current.js';
import { isUnavailable } from './db/errors.js';
import { readiness } from './health.js';
import { LastGoodStore } from './i18n/catalog.js';
import { catalog } from './i18n/current.js';
import { startLocales } from './i18n/watch.js';
import type { Logger } from './lib/log.js';
import type { Metrics } from './metrics.js';
import type { HttpServer } from './server.js';
import { prepareDatabase } from './services/setup.js';
import { warmUp } from './warm-up.js';
import { createApp } from './yoga.js';

/** What /ready and /metrics read while the application starts and runs. */
export interface AppState {
  db?: Database;
  cache?: ResponseCache | null;
  ready?: () => Promise<string | null>;
}

/** What a database error means for starting, in words. */
function databaseProblem(err: unknown, location: string): string | null {
  const e = err as { code?: string; message?: string };
  if (e.code === '3D000') return `the database in DATABASE_URL does not exist (${location}); create it first`;
  if (e.code === '28P01' || e.code === '28000') return `PostgreSQL refused the credentials in DATABASE_URL (${location})`;
  return null;
}

/** Opens the database and waits for it to answer: DB_START_ATTEMPTS attempts (6: about 15 s) when it is unreachable. */
async function reachDatabase(config: Config, say: (line: string) => void): Promise<Database> {
  const db = await openDatabase(config);
  for (let attempt = 1; ; attempt++) {
    try {
      await db.sql.query('SELECT 1');
      return db;
    } catch (err) {
      const problem = databaseProblem(err, db.location);
      if (problem || !isUnavailable(err) || attempt >= config.dbStartAttempts) {
        await db.close().catch(() => {});
        const reason = (err as Error).message || (err as { code?: string }).code;
        throw new StartError(problem ?? `PostgreSQL at ${db.location} is unreachable after ${attempt} attempts (${reason})`);
      }
      const wait = Math.min(500 * 2 ** (attempt - 1), 5000);
      say(`PostgreSQL at ${db.location} does not answer (${(err as Error).message}); trying again in ${wait} ms`);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

export async function startApp(parts: { config: Config; logger: Logger; metrics: Metrics; http: HttpServer; state: AppState }) {
  const { config, logger, metrics, http, state } = parts;
  const log = (component: string) => {
    const child = logger.child({ component });
    return (line: string) => child.info(line.replace(/^\[[a-z0-9]+\] /, ''));
  };
  const sayDb = log('db');
  sayDb(config.databaseUrl ? 'reaching PostgreSQL…' : `opening the embedded database in ${config.dataDir} (a few seconds on first start)…`);
  const db = await reachDatabase(config, sayDb);
  state.db = db;
  sayDb(
    db.kind === 'postgres'
      ? `using PostgreSQL at ${db.location}`
      : `using the embedded PGlite database in ${db.location} (set DATABASE_URL to use PostgreSQL)`,
  );
  const report = await prepareDatabase(db, { maxBytes: config.ingestMaxBytes });
  if (report.migrationsApplied.length) sayDb(`applied migrations: ${report.migrationsApplied.join(', ')}`);
  if (report.gazetteerAdded) sayDb(`loaded ${report.gazetteerAdded} known entities into the gazetteer`);
  if (report.gazetteerUpdated) sayDb(`applied ${report.gazetteerUpdated} edited gazetteer entries`);
  if (report.articlesSeeded.length) sayDb(`seeded the corpus: ${report.articlesSeeded.join(', ')}`);
  useDatabase(db);
  const locales = startLocales(config.localesDir, new LastGoodStore(path.join(config.dataDir, 'locales-last-good')), log('i18n'), (ok) =>
    metrics.reloads.inc({ result: ok ? 'ok' : 'error' }),
  );

  const responseCache = await openResponseCache(db, config, catalog, log('cache'));
  state.cache = responseCache;
  const yoga = createApp({
    adminToken: config.adminToken,
    ingestMaxBytes: config.ingestMaxBytes,
    responseCache,
    logger,
    metrics,
    introspection: config.introspection,
    corsOrigins: config.corsOrigins,
  });
  http.attach({ yoga, cache: responseCache });
  state.ready = () => readiness(db, catalog);
  // In the background: requests are served meanwhile. A stop waits for it (it stops at its next query).
  const warmUpStop = new AbortController();
  const warming = warmUp(yoga, warmUpStop.signal).then(
    async (ms) => {
      if (ms === null) return;
      // Then the desk's page renderer.
      const desk = warmUpStop.signal.aborted ? null : await http.warmDesk().catch(() => null);
      log('http')(
        `warmed up: one article read in every language in ${ms} ms${desk !== null ? `, the desk's renderer loaded in ${desk} ms` : ''}`,
      );
    },
    (err: unknown) => {
      if (!warmUpStop.signal.aborted) log('http')(`warm-up failed (requests are served all the same): ${(err as Error).message}`);
    },
  );

  const shown = config.host === '127.0.0.1' || config.host === '::1' ? 'localhost' : config.host;
  const sayHttp = log('http');
  sayHttp(
    config.introspection
      ? `GraphiQL and the API at http://${shown}:${config.port}${yoga.graphqlEndpoint} (listening on ${config.host})`
      : `the API at http://${shown}:${config.port}${yoga.graphqlEndpoint} (listening on ${config.host}; GraphiQL and introspection off: INTROSPECTION=on enables them)`,
  );
  sayHttp(`the desk (reader and translators' page) at http://${shown}:${config.port}/`);
  sayHttp(config.adminToken ? 'write API: on (ADMIN_TOKEN set)' : 'write API: off (set ADMIN_TOKEN to enable mutations)');
  log('cache')(
    responseCache
      ? `response cache: on, ${config.redisUrl ? 'in Redis (shared by every replica on it)' : 'in this process'}`
      : 'response cache: off (RESPONSE_CACHE=off)',
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    sayHttp(`${signal}: finishing the requests in flight, then closing`);
    const forced = setTimeout(() => {
      logger.error({ component: 'http' }, 'requests still in flight after 10 s: closing anyway');
      logger.flush();
      process.exit(1);
    }, 10_000);
    forced.unref();
    locales.close();
    warmUpStop.abort();
    await http.close();
    await warming;
    await responseCache?.close().catch(() => {});
    await db.close().catch(() => {});
    sayHttp('closed');
    logger.flush();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
