// How every command opens the database: the same client as the server, and one clear line when the
// embedded database is held by another process (the server, most often) instead of a stack.
import { type Config, ConfigError, loadConfig } from '../config.js';
import { type Database, openDatabase } from '../db/client.js';
import { DatabaseLockedError } from '../db/lock.js';

/** The environment, read once; a bad value is one line and exit 2 (nothing has been done). */
export function configForCommand(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`configuration error: ${err.message}`);
    process.exit(2);
  }
}

/** Opens the configured database, or prints why it cannot and exits 1 (nothing has been done). */
export async function openForCommand(config: Config): Promise<Database> {
  // A status line while the slow part runs, for a person at a terminal (scripts read stdout, and
  // see nothing extra).
  if (process.stderr.isTTY) {
    process.stderr.write(
      config.databaseUrl ? 'opening the PostgreSQL database…\n' : `opening the embedded database in ${config.dataDir} (a few seconds)…\n`,
    );
  }
  try {
    return await openDatabase(config);
  } catch (err) {
    if (err instanceof DatabaseLockedError) {
      console.error(`refused: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}
