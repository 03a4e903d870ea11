// npm start: checks the configuration and folders and binds the port first, loading only what that
// needs, so a mistake or a busy port is reported at once; then src/app.ts reaches the database
// (retrying a while if it is not up yet), migrates and seeds it, loads the locale files and
// serves. SIGTERM or SIGINT drains the requests in flight and exits 0. A start-up failure is one
// line on stderr and exit code 1.
import fs from 'node:fs';
import type { AppState } from './app.js';
import { type Config, ConfigError, loadConfig, StartError } from './config.js';
import { createLogger } from './lib/log.js';
import { Metrics } from './metrics.js';
import { HttpServer } from './server.js';

const logger = createLogger();

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

async function listen(http: HttpServer, config: Config) {
  try {
    await http.listen(config.port, config.host);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new StartError(`port ${config.port} on ${config.host} is in use (set PORT to another)`);
    if (code === 'EADDRNOTAVAIL') throw new StartError(`HOST ${config.host} is not an address of this machine`);
    if (code === 'EACCES') throw new StartError(`port ${config.port} needs privileges (set PORT to 1024 or above)`);
    throw err;
  }
}

async function main() {
  const config = loadConfig();
  checkFolders(config);
  const state: AppState = {};
  const metrics = new Metrics({ cache: () => state.cache?.stats ?? null, pool: () => state.db?.poolStats?.() ?? null });
  const http = new HttpServer({ logger, metrics, ready: () => state.ready?.() ?? Promise.resolve('starting') });
  await listen(http, config);
  const { startApp } = await import('./app.js');
  await startApp({ config, logger, metrics, http, state });
}

main().catch((err) => {
  const code = (err as { code?: string }).code;
  if (err instanceof ConfigError) console.error(`configuration error: ${err.message}`);
  else if (err instanceof StartError || code === 'DATABASE_IN_USE') console.error(`not starting: ${err.message}`);
  else if (code === 'EEXIST' || code === 'ENOTDIR' || code === 'EACCES') console.error(`not starting: ${(err as Error).message}`);
  else console.error(err);
  logger.flush();
  process.exit(1);
});
