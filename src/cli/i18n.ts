// Translators' commands, run as npm scripts:
//   i18n:status [--json] [--lang L]      what is translated, missing and stale, per language and namespace;
//                                        how many confirmed entities have a name, per language
//   i18n:check                           every problem, one line each; exit 1 on any error
//   i18n:mark-current --lang L [--key namespace:key …]   record reviewed translations as current
//   i18n:export --lang L [--missing|--stale|--glossary] --format xliff|xliff12|po [--out FILE]
//   i18n:import <file>                   validate like i18n:check; write nothing if anything fails
//   i18n:rekey                           rename legacy position keys (paragraphs.p3) to stable paragraph keys
// They read the locale files (LOCALES_DIR, default locales/) and the articles and entities in the
// database (DATABASE_URL, or the embedded one, seeded with the corpus when empty). The work is done
// by src/services/translations.ts; this file reads the arguments and prints the results.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { formatProblem } from '../i18n/check.js';
import { type Format, isFormat } from '../i18n/exchange.js';
import { isLanguage, LANGUAGES, type Language } from '../i18n/languages.js';
import { writeAtomic } from '../lib/files.js';
import { prepareDatabase } from '../services/setup.js';
import {
  checkTranslations,
  exportTranslations,
  importTranslations,
  type LanguageStatusReport,
  markTranslationsCurrent,
  rekeyLegacyParagraphKeys,
  TranslationError,
  type TranslationsDb,
  translationStatusReport,
} from '../services/translations.js';
import { openForCommand } from './open.js';

export class UsageError extends Error {}

const COMMANDS = ['status', 'check', 'mark-current', 'export', 'import', 'rekey'] as const;
type Command = (typeof COMMANDS)[number];

export const HELP = `Translators' commands (see locales/README.md):
  npm run i18n:status -- [--json] [--lang L]        what is translated, missing, stale and orphaned
  npm run i18n:check                                every problem, one line each; exit 1 on any error
  npm run i18n:mark-current -- --lang L [--key NAMESPACE:KEY …]   record reviewed translations as current
  npm run i18n:export -- --lang L [--missing|--stale|--glossary] [--format xliff|xliff12|po] [--out FILE]
  npm run i18n:import -- FILE                       validate like i18n:check; write nothing if anything fails
  npm run i18n:rekey                                rename paragraph keys written before stable keys
L is ko, zh-Hans or zh-Hant. Environment: LOCALES_DIR (default locales/), DATABASE_URL (else the
embedded database in DATA_DIR, default .data). Exit codes: 0 done, 1 problems found, 2 usage.`;

/**
 * The command line as node:util parseArgs reads it. An unknown option or a missing value is a
 * UsageError of one line; `--help` (or `-h`) is reported as `help`.
 */
export function readArguments(argv: string[]) {
  const [command, ...rest] = argv.filter((a) => a !== '--');
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(rest);
  } catch (err) {
    const first = (err as Error).message.split('. ')[0] ?? 'bad arguments';
    throw new UsageError(`${first.replace(/\.$/, '')}; see --help`);
  }
  const { values: flags, positionals } = parsed;
  return { command, flags, positionals, help: !!flags.help || command === '--help' || command === '-h' };
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      json: { type: 'boolean' },
      lang: { type: 'string' },
      key: { type: 'string', multiple: true },
      missing: { type: 'boolean' },
      stale: { type: 'boolean' },
      glossary: { type: 'boolean' },
      format: { type: 'string' },
      out: { type: 'string' },
    },
  });
}

type Arguments = ReturnType<typeof readArguments>;
type Flags = Arguments['flags'];

export interface Invocation {
  command: Command;
  flags: Flags;
  language: Language | undefined;
  format: Format;
  /** The file to import. */
  file: string | undefined;
}

/** Checks the command and its flags, before anything is opened. */
export function validate({ command, flags, positionals }: Arguments): Invocation {
  if (!command || !(COMMANDS as readonly string[]).includes(command)) {
    throw new UsageError(
      'usage: npm run i18n:status | i18n:check | i18n:mark-current | i18n:export | i18n:import | i18n:rekey (see locales/README.md)',
    );
  }
  const language = languageFlag(flags.lang, command === 'mark-current' || command === 'export');
  const format = flags.format ?? 'xliff';
  if (command === 'export' && !isFormat(format)) throw new UsageError('--format must be xliff (2.0), xliff12 or po');
  const file = positionals[0];
  if (command === 'import' && !file) throw new UsageError('usage: npm run i18n:import -- <file.xlf|file.po>');
  return { command: command as Command, flags, language, format: format as Format, file };
}

function languageFlag(value: string | undefined, required: boolean): Language | undefined {
  if (!value) {
    if (required) throw new UsageError('--lang is required (ko, zh-Hans or zh-Hant)');
    return undefined;
  }
  if (!isLanguage(value)) throw new UsageError(`--lang "${value.slice(0, 40)}" is not one of ${LANGUAGES.join(', ')}`);
  return value;
}

/** The file to import, read before the database is opened. */
function importText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`${file}: no such file`);
    throw err;
  }
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

async function status(db: TranslationsDb, root: string, run: Invocation): Promise<number> {
  const report = await translationStatusReport(db, root, { language: run.language });
  if (run.flags.json) {
    console.log(JSON.stringify(report.languages, null, 2));
  } else {
    const rows = [['language', 'namespace', 'total', 'translated', 'missing', 'stale', 'orphaned', 'coverage']];
    for (const s of report.languages) {
      for (const n of s.namespaces)
        rows.push([
          s.language,
          n.namespace,
          `${n.total}`,
          `${n.translated}`,
          `${n.missing}`,
          `${n.stale}`,
          `${n.orphaned}`,
          pct(n.coverage),
        ]);
      rows.push([s.language, '(all)', `${s.total}`, `${s.translated}`, `${s.missing}`, `${s.stale}`, `${s.orphaned}`, pct(s.coverage)]);
    }
    printTable(rows);
    printEntityNames(report.languages);
    for (const e of report.errors) console.log(`error: ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);
  }
  return report.errors.length ? 1 : 0;
}

/** Rows as columns: the first two left-aligned, the figures right-aligned. */
function printTable(rows: string[][]): void {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  for (const r of rows) console.log(r.map((c, i) => (i >= 2 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  '));
}

/** How many entity keys without a name a language's line shows (the JSON output has more). */
const UNNAMED_SHOWN = 10;

/** How many confirmed entities each language names (those articles mention, and all), and which it does not. */
function printEntityNames(languages: LanguageStatusReport[]): void {
  const rows = [['language', 'entity names', 'total', 'named', 'missing', 'coverage']];
  for (const s of languages) {
    const { mentioned, confirmed } = s.entityNames;
    rows.push([s.language, 'mentioned', `${mentioned.total}`, `${mentioned.named}`, `${mentioned.missing}`, pct(mentioned.coverage)]);
    rows.push([s.language, 'confirmed', `${confirmed.total}`, `${confirmed.named}`, `${confirmed.missing}`, pct(confirmed.coverage)]);
  }
  console.log('');
  printTable(rows);
  for (const s of languages) {
    const { missing } = s.entityNames.confirmed;
    if (missing === 0) continue;
    const shown = s.entityNames.missingKeys.slice(0, UNNAMED_SHOWN);
    const more = missing - shown.length;
    console.log(`${s.language}: no name for ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`);
  }
}

async function check(db: TranslationsDb, root: string): Promise<number> {
  const report = await checkTranslations(db, root);
  for (const p of report.problems) console.log(formatProblem(p));
  console.log(`${report.errors} error(s), ${report.warnings} warning(s) in ${report.root}`);
  return report.errors ? 1 : 0;
}

async function markCurrent(db: TranslationsDb, root: string, run: Invocation): Promise<number> {
  const result = await markTranslationsCurrent(db, root, run.language as Language, run.flags.key);
  console.log(`marked ${result.count} ${result.language} translation(s) current`);
  return 0;
}

async function exportFile(db: TranslationsDb, root: string, { flags, language, format }: Invocation): Promise<number> {
  const { text, count } = await exportTranslations(db, root, {
    language: language as Language,
    format,
    missing: flags.missing,
    stale: flags.stale,
    glossary: flags.glossary,
  });
  if (flags.out) {
    writeAtomic(path.resolve(flags.out), text);
    console.error(`wrote ${count} unit(s) to ${flags.out}`);
  } else process.stdout.write(text);
  return 0;
}

async function importFile(db: TranslationsDb, root: string, file: string, text: string): Promise<number> {
  let result: Awaited<ReturnType<typeof importTranslations>>;
  try {
    result = await importTranslations(db, root, { text, name: file });
  } catch (err) {
    if (!(err instanceof TranslationError && err.code === 'BAD_FILE')) throw err;
    console.error(`${file}: ${err.message}; nothing written`);
    return 1;
  }
  if (!result.ok) {
    for (const p of result.problems) console.error(formatProblem(p));
    console.error(`${file}: ${result.problems.length} error(s); nothing written`);
    return 1;
  }
  console.log(
    `imported ${result.imported} ${result.language} translation(s) from ${file} (${result.format}); ${result.reviewed} marked current`,
  );
  return 0;
}

/** One line per file that held a legacy key: what was renamed, what was left and why. */
async function rekey(db: TranslationsDb, root: string): Promise<number> {
  const result = await rekeyLegacyParagraphKeys(db, root);
  for (const f of result.files) {
    const kept = f.kept.map((k) => `${k.key} (${k.reason})`).join(', ');
    if (f.error) console.log(`${f.file}: ${f.error}`);
    else console.log(`${f.file}: renamed ${f.renamed.length} key(s)${kept ? `; kept ${f.kept.length}: ${kept}` : ''}`);
  }
  console.log(`${result.renamed} key(s) renamed, ${result.kept} left as they were, in ${root}`);
  return result.files.some((f) => f.error) ? 1 : 0;
}

async function main(args: Arguments): Promise<number> {
  const run = validate(args);
  const config = loadConfig();
  const text = run.command === 'import' ? importText(run.file as string) : '';
  const db = await openForCommand(config);
  try {
    await prepareDatabase(db, { maxBytes: config.ingestMaxBytes });
    const root = config.localesDir;
    switch (run.command) {
      case 'status':
        return await status(db, root, run);
      case 'check':
        return await check(db, root);
      case 'mark-current':
        return await markCurrent(db, root, run);
      case 'export':
        return await exportFile(db, root, run);
      case 'import':
        return await importFile(db, root, run.file as string, text);
      case 'rekey':
        return await rekey(db, root);
    }
  } finally {
    await db.close();
  }
}

function isEntryPoint(): boolean {
  try {
    return !!process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  Promise.resolve()
    .then(() => {
      const args = readArguments(process.argv.slice(2));
      if (!args.help) return main(args);
      console.log(HELP);
      return 0;
    })
    .then(
      (code) => {
        process.exitCode = code;
      },
      (err) => {
        if (err instanceof UsageError || err instanceof ConfigError || err instanceof TranslationError) console.error(err.message);
        else console.error(err);
        process.exitCode = 2;
      },
    );
}
