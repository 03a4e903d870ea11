// npm run review -- <command>: entity review from the terminal (the same service as the GraphQL
// mutations). Proposals are names the extractor found that nobody has confirmed yet.
//   list [--limit N] [--json]      proposals awaiting review, most mentioned first
//   confirm KEY | reject KEY       confirm, or reject (mentions removed; never proposed again)
//   rename KEY "New name"          the old name becomes an alias
//   retype KEY KIND                PERSON, PLACE, ORGANIZATION, DATE or QUANTITY
//   merge KEY INTO                 KEY's mentions and names go to INTO; KEY is deleted
//   alias KEY "Name" …             add aliases
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { ENTITY_KINDS, listProposals, type ReviewAction, ReviewError, reviewEntity } from '../services/review.js';
import { prepareDatabase } from '../services/setup.js';
import { openForCommand } from './open.js';

const USAGE = `usage: npm run review -- list [--limit N] [--json]
       npm run review -- confirm KEY | reject KEY | rename KEY "New name" | retype KEY KIND | merge KEY INTO | alias KEY "Name" …
KIND is one of ${ENTITY_KINDS.join(', ')}. The database is DATABASE_URL, or the embedded one in DATA_DIR.`;

class UsageError extends Error {}

type Command = { list: true; limit: number; json: boolean } | { list: false; action: ReviewAction };

/** The command line as a list request or a review action; throws UsageError before anything is opened. */
export function readCommand(argv: string[]): Command {
  const { values, positionals } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    allowPositionals: true,
    options: { limit: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) throw new UsageError(USAGE);
  const [command, key, ...rest] = positionals;
  const need = (n: number) => {
    if (!key || rest.length < n) throw new UsageError(USAGE);
  };
  switch (command) {
    case 'list': {
      const limit = Number(values.limit ?? 100);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit must be a whole number from 1 to 500');
      return { list: true, limit, json: !!values.json };
    }
    case 'confirm':
    case 'reject':
      need(0);
      return { list: false, action: { action: command, key: key as string } };
    case 'rename':
      need(1);
      return { list: false, action: { action: 'rename', key: key as string, name: rest.join(' ') } };
    case 'retype':
      need(1);
      return { list: false, action: { action: 'retype', key: key as string, kind: (rest[0] ?? '').toUpperCase() } };
    case 'merge':
      need(1);
      return { list: false, action: { action: 'merge', key: key as string, into: rest[0] as string } };
    case 'alias':
      need(1);
      return { list: false, action: { action: 'addAliases', key: key as string, aliases: rest } };
    default:
      throw new UsageError(USAGE);
  }
}

async function main(): Promise<number> {
  let command: Command;
  let config: ReturnType<typeof loadConfig>;
  try {
    command = readCommand(process.argv.slice(2));
    config = loadConfig();
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(err.message);
      return err.message === USAGE && process.argv.includes('--help') ? 0 : 2;
    }
    if (err instanceof ConfigError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error((err as Error).message);
      return 2;
    }
    throw err;
  }
  const db = await openForCommand(config);
  try {
    await prepareDatabase(db, { seedCorpus: false });
    if (command.list) {
      const proposals = await listProposals(db, command.limit);
      if (command.json) console.log(JSON.stringify(proposals, null, 2));
      else for (const p of proposals) console.log(`${p.key}\t${p.kind}\t${p.name}\t${p.mentionCount} mention(s)\t${p.articles.join(', ')}`);
      if (!command.json) console.log(`${proposals.length} proposal(s) awaiting review`);
      return 0;
    }
    const result = await reviewEntity(db, command.action, 'cli');
    console.log(
      `${result.action} ${command.action.key}: done${result.key !== command.action.key ? ` (now ${result.key})` : ''}${result.mentions ? `, ${result.mentions} mention(s) ${result.action === 'merge' ? 'moved' : 'removed'}` : ''}`,
    );
    return 0;
  } catch (err) {
    if (err instanceof ReviewError) {
      console.error(`${err.message} [${err.code}]; nothing changed`);
      return 1;
    }
    throw err;
  } finally {
    await db.close();
  }
}

process.exitCode = await main();
