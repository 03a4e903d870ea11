// npm start: checks the configuration and folders, binds the port (so a busy port fails before any
// slow work), reaches the database (retrying a while if it is not up yet), migrates and seeds it,
// loads the locale files and serves. SIGTERM or SIGINT drains the requests in flight and exits 0.
// A start-up failure is one line on stderr and exit code 1.
import fs from 'node:fs';
import path from 'node:path';
import { openResponseCache } from './cache/index.js';
import type { ResponseCache } from './cache/response-cache.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { type Database, openDatabase } from './db/client.js';
import { useDatabase } from './db/current.js';
import { isUnavailable } from './db/errors.js';
import { DatabaseLockedError } from './db/lock.js';
import { readiness } from './health.js';
import { LastGoodStore } from './i18n/catalog.js';
import { catalog } from './i18n/current.js';
import { startLocales } from './i18n/watch.js';
import { createLogger } from './lib/log.js';
import { Metrics } from './metrics.js';
import { HttpServer } from './server.js';
import { prepareDatabase } from './services/setup.js';
import { createApp } from './yoga.js';

/** A reason not to start, said in one line. */
class StartError extends Error {
  override name = 'StartError';
}

const logger = createLogger();
const log = (component: string) => {
  const child = logger.child({ component });
  return (line: string) => child.info(line.replace(/^\[[a-z0-9]+\] /, ''));
};

/** Folders that must be folders, checked before anything else. */
function checkFolders(config: Config) {
  if (!config.databaseUrl && fs.existsSync(config.dataDir) && !fs.statSync(config.dataDir).isDirectory()) {
    throw new StartError(`DATA_DIR ${config.dataDir} is a file, not a folder`);
  }
  if (!fs.existsSync(config.localesDir) || !fs.statSync(config.localesDir).isDirectory()) {
    throw new StartError(`LOCALES_DIR ${config.localesDir} is not a folder of locale files`);
  }
  if (!fs.readdirSync(config.localesDir).some((entry) => entry === 'en')) {
    throw new StartError(`LOCALES_DIR ${config.localesDir} has no en/ folder: it is not a locales folder`);
  }
}

/** What a database error means for starting, in words. */
function databaseProblem(err: unknown, location: string): string | null {
  const e = err as { code?: string; message?: string };
  if (e.code === '3D000') return `the database in DATABASE_URL does not exist (${location}); create it first`;
  if (e.code === '28P01' || e.code === '28000') return `PostgreSQL refused the credentials in DATABASE_URL (${location})`;
  return null;
}

/** Opens the database and waits for it to answer: DB_START_ATTEMPTS attempts (6: about 15 s) when it is unreachable. */
async function reachDatabase(config: Config): Promise<Database> {
  const db = await openDatabase(config);
  const say = log('db');
  for (let attempt = 1; ; attempt++) {
    try {
      await db.sql.query('SELECT 1');
      return db;
    } catch (err) {
      const problem = databaseProblem(err, db.location);
      if (problem || !isUnavailable(err) || attempt >= config.dbStartAttempts) {
        await db.close().catch(() => {});
        throw new StartError(
          problem ??
            `PostgreSQL at ${db.location} is unreachable after ${attempt} attempts (${(err as Error).message || (err as { code?: string }).code})`,
        );
      }
      const wait = Math.min(500 * 2 ** (attempt - 1), 5000);
      say(`PostgreSQL at ${db.location} does not answer (${(err as Error).message}); trying again in ${wait} ms`);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

async function main() {
  const config = loadConfig();
  checkFolders(config);
  let db: Database | null = null;
  let responseCache: ResponseCache | null = null;
  const metrics = new Metrics({ cache: () => responseCache?.stats ?? null, pool: () => db?.poolStats?.() ?? null });
  const http = new HttpServer({
    logger,
    metrics,
    ready: () => readiness(db, catalog),
  });
  try {
    await http.listen(config.port, config.host);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new StartError(`port ${config.port} on ${config.host} is in use (set PORT to another)`);
    if (code === 'EADDRNOTAVAIL') throw new StartError(`HOST ${config.host} is not an address of this machine`);
    if (code === 'EACCES') throw new StartError(`port ${config.port} needs privileges (set PORT to 1024 or above)`);
    throw err;
  }

  db = await reachDatabase(config);
  logger.info(
    { component: 'db' },
    db.kind === 'postgres'
      ? `using PostgreSQL at ${db.location}`
      : `using the embedded PGlite database in ${db.location} (set DATABASE_URL to use PostgreSQL)`,
  );
  const report = await prepareDatabase(db, { maxBytes: config.ingestMaxBytes });
  const sayDb = log('db');
  if (report.migrationsApplied.length) sayDb(`applied migrations: ${report.migrationsApplied.join(', ')}`);
  if (report.gazetteerAdded) sayDb(`loaded ${report.gazetteerAdded} known entities into the gazetteer`);
  if (report.gazetteerUpdated) sayDb(`applied ${report.gazetteerUpdated} edited gazetteer entries`);
  if (report.articlesSeeded.length) sayDb(`seeded the corpus: ${report.articlesSeeded.join(', ')}`);
  useDatabase(db);
  const locales = startLocales(config.localesDir, new LastGoodStore(path.join(config.dataDir, 'locales-last-good')), log('i18n'), (ok) =>
    metrics.reloads.inc({ result: ok ? 'ok' : 'error' }),
  );

  responseCache = await openResponseCache(db, config, catalog, log('cache'));
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

  const shown = config.host === '127.0.0.1' || config.host === '::1' ? 'localhost' : config.host;
  const sayHttp = log('http');
  sayHttp(
    config.introspection
      ? `GraphiQL and the API at http://${shown}:${config.port}${yoga.graphqlEndpoint} (listening on ${config.host})`
      : `the API at http://${shown}:${config.port}${yoga.graphqlEndpoint} (listening on ${config.host}; GraphiQL and introspection off: INTROSPECTION=on enables them)`,
  );
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
    await http.close();
    await responseCache?.close().catch(() => {});
    await db?.close().catch(() => {});
    sayHttp('closed');
    logger.flush();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(`configuration error: ${err.message}`);
  else if (err instanceof DatabaseLockedError || err instanceof StartError) console.error(`not starting: ${err.message}`);
  else if ((err as { code?: string }).code === 'EEXIST' || (err as { code?: string }).code === 'ENOTDIR') {
    console.error(`not starting: ${(err as Error).message}`);
  } else {
    const problem = databaseProblem(err, 'DATABASE_URL');
    if (problem) console.error(`not starting: ${problem}`);
    else console.error(err);
  }
  logger.flush();
  process.exit(1);
});
