// Applies pending migrations (and loads the gazetteer) on DATABASE_URL, or on the embedded database.
import { loadConfig } from '../config.js';
import { prepareDatabase } from '../services/setup.js';
import { openForCommand } from './open.js';

const config = loadConfig();
const db = await openForCommand(config);
try {
  const report = await prepareDatabase(db, { seedCorpus: false });
  console.log(
    `${db.kind} ${db.location}: applied ${report.migrationsApplied.length} migration(s)${report.migrationsApplied.length ? `: ${report.migrationsApplied.join(', ')}` : ''}; ${report.gazetteerAdded} known entities added, ${report.gazetteerUpdated} updated`,
  );
} catch (err) {
  console.error(`migrate failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
