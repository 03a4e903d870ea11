// Applies pending migrations (and loads the gazetteer) on DATABASE_URL, or on the embedded database.
import { prepareDatabase } from '../services/setup.js';
import { configForCommand, openForCommand } from './open.js';

const USAGE = `usage: npm run migrate
Applies pending migrations and gazetteer changes to DATABASE_URL, or to the embedded database in
DATA_DIR (default .data). Exit codes: 0 done, 1 failed or the database is in use, 2 usage or configuration.`;
const args = process.argv.slice(2).filter((a) => a !== '--');
if (args.includes('-h') || args.includes('--help')) {
  console.log(USAGE);
  process.exit(0);
}
if (args.length) {
  console.error(`unexpected argument ${args[0]?.slice(0, 40)}; see --help`);
  process.exit(2);
}
const config = configForCommand();
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
