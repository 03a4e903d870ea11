// npm run ingest -- <file or folder>…
// Ingests .txt articles into the database (DATABASE_URL, or the embedded one). Each file is its own
// transaction: a bad file is reported and skipped, the good ones are kept. Exits 1 if any failed,
// 2 on a usage or configuration error. The work is src/services/ingest.ts; this prints it.
import path from 'node:path';
import cliProgress from 'cli-progress';
import { type FileOutcome, findArticleFiles, type IngestFailure, type IngestResult, ingestFiles } from '../services/ingest.js';
import { prepareDatabase } from '../services/setup.js';
import { INGEST_USAGE, readIngestArguments } from './ingest-arguments.js';
import { configForCommand, openForCommand } from './open.js';

const args = readIngestArguments(process.argv.slice(2));
if ('error' in args) {
  console.error(args.error);
  process.exit(2);
}
if (args.help) {
  console.log(INGEST_USAGE);
  process.exit(0);
}
const paths = args.paths;

const config = configForCommand();
// Paths that give no file are reported before the database is opened; with no file at all, it never is.
const { files, refused } = await findArticleFiles(paths);
for (const { path: p, error } of refused) console.error(`✗ ${p}: ${reason(error)}`);
if (files.length === 0) process.exit(1);

const db = await openForCommand(config);
let failed = 0;
let refusedLater = 0;
try {
  await prepareDatabase(db, { seedCorpus: false });
  const bar =
    process.stderr.isTTY && files.length > 1
      ? new cliProgress.SingleBar(
          { format: 'ingest [{bar}] {value}/{total} {file}', stream: process.stderr, hideCursor: true },
          cliProgress.Presets.shades_classic,
        )
      : null;
  bar?.start(files.length, 0, { file: '' });
  // Under a progress bar, the lines wait until it is done.
  const lines: string[] = [];
  const print = (line: string) => (line.startsWith('✗') ? console.error : console.log)(line);
  const result = await ingestFiles(db, files, {
    maxBytes: config.ingestMaxBytes,
    by: 'cli',
    onProgress: (done, _total, file, outcome) => {
      bar?.update(done, { file: path.basename(file) });
      if (!outcome) return;
      if (bar) lines.push(line(outcome));
      else print(line(outcome));
    },
  });
  bar?.stop();
  for (const l of lines) print(l);
  // A file that vanished since it was found.
  for (const { path: p, error } of result.refused) console.error(`✗ ${p}: ${reason(error)}`);
  refusedLater = result.refused.length;
  failed = result.failed;
  console.log(
    `${result.ingested} of ${result.files.length} file(s) ingested into ${db.kind} ${db.location}${failed ? `; ${failed} failed` : ''}`,
  );
} finally {
  await db.close();
}
process.exitCode = failed + refused.length + refusedLater > 0 ? 1 : 0;

function reason(error: IngestFailure): string {
  return error.code === 'UNEXPECTED' ? `unexpected error: ${error.message}` : `${error.message} [${error.code}]`;
}

function line(o: FileOutcome): string {
  return o.ok ? `✓ ${o.path}: ${describe(o.result)}` : `✗ ${o.path}: ${reason(o.error)}; nothing written`;
}

function describe(r: IngestResult): string {
  if (r.status === 'unchanged') return `${r.slug} unchanged`;
  const p = r.paragraphs;
  const parts = [`${r.slug} ${r.status}`, `${p.total} paragraphs`];
  if (r.status === 'updated')
    parts.push(`${p.changed} changed, ${p.added} added, ${p.removed} removed${p.moved ? `, ${p.moved} moved` : ''}`);
  parts.push(`${r.entities.total} entities (${r.entities.proposed} proposed)`, `${r.mentions} mentions`);
  if (r.titleDerived) parts.push(`title derived: "${r.title}"`);
  return parts.join(', ');
}
