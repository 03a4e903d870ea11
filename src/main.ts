import path from 'node:path';
import { openResponseCache } from './cache/index.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { useDatabase } from './db/current.js';
import { DatabaseLockedError } from './db/lock.js';
import { LastGoodStore } from './i18n/catalog.js';
import { catalog } from './i18n/current.js';
import { startLocales } from './i18n/watch.js';
import { createHttpServer } from './server.js';
import { prepareDatabase } from './services/setup.js';
import { createApp } from './yoga.js';

async function main() {
  const config = loadConfig();
  const db = await openDatabase(config);
  console.log(
    db.kind === 'postgres'
      ? `[db] using PostgreSQL at ${db.location}`
      : `[db] using the embedded PGlite database in ${db.location} (set DATABASE_URL to use PostgreSQL)`,
  );
  const report = await prepareDatabase(db, { maxBytes: config.ingestMaxBytes });
  if (report.migrationsApplied.length) console.log(`[db] applied migrations: ${report.migrationsApplied.join(', ')}`);
  if (report.gazetteerAdded) console.log(`[db] loaded ${report.gazetteerAdded} known entities into the gazetteer`);
  if (report.gazetteerUpdated) console.log(`[db] applied ${report.gazetteerUpdated} edited gazetteer entries`);
  if (report.articlesSeeded.length) console.log(`[db] seeded the corpus: ${report.articlesSeeded.join(', ')}`);
  useDatabase(db);
  const locales = startLocales(config.localesDir, new LastGoodStore(path.join(config.dataDir, 'locales-last-good')));

  const responseCache = await openResponseCache(db, config, catalog, (line) => console.log(line));
  console.log(
    responseCache
      ? `[cache] response cache: on, ${config.redisUrl ? 'in Redis (shared by every replica on it)' : 'in this process'}`
      : '[cache] response cache: off (RESPONSE_CACHE=off)',
  );
  const yoga = createApp({ adminToken: config.adminToken, ingestMaxBytes: config.ingestMaxBytes, responseCache });
  const server = createHttpServer(yoga, responseCache);
  server.listen(config.port, config.host, () => {
    const shown = config.host === '127.0.0.1' || config.host === '::1' ? 'localhost' : config.host;
    console.log(`[http] GraphiQL and the API at http://${shown}:${config.port}${yoga.graphqlEndpoint} (listening on ${config.host})`);
    console.log(
      config.adminToken ? '[http] write API: on (ADMIN_TOKEN set)' : '[http] write API: off (set ADMIN_TOKEN to enable mutations)',
    );
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[http] ${signal}: closing`);
    locales.close();
    server.close(async () => {
      await responseCache?.close();
      await db.close();
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(`configuration error: ${err.message}`);
  else if (err instanceof DatabaseLockedError) console.error(`not starting: ${err.message}`);
  else console.error(err);
  process.exit(1);
});
