// npm run ingest -- <file or folder>…
// Ingests .txt articles into the database (DATABASE_URL, or the embedded one). Each file is its own
// transaction: a bad file is reported and skipped, the good ones are kept. Exits 1 if any failed.
import path from 'node:path';
import cliProgress from 'cli-progress';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { collectFiles, IngestError, type IngestResult, ingestText, readArticleFile } from '../ingest/index.js';
import { prepareDatabase } from '../services/setup.js';

const paths = process.argv.slice(2).filter((a) => a !== '--');
if (paths.length === 0 || paths.includes('--help')) {
  console.error('usage: npm run ingest -- <file.txt or folder>…');
  process.exit(paths.length === 0 ? 2 : 0);
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  console.error(err instanceof ConfigError ? `configuration error: ${err.message}` : err);
  process.exit(2);
}
const { files, errors } = await collectFiles(paths);
for (const { path: p, error } of errors) console.error(`✗ ${p}: ${error.message} [${error.code}]`);
if (files.length === 0) process.exit(1);

const db = await openDatabase(config);
let failed = 0;
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
  const lines: string[] = [];
  const report = (line: string, isError = false) => {
    if (bar) lines.push(line);
    else (isError ? console.error : console.log)(line);
  };
  for (const file of files) {
    bar?.update({ file: path.basename(file) });
    try {
      const text = await readArticleFile(file, config.ingestMaxBytes);
      const result = await ingestText(db.prisma, text, { fileName: path.basename(file) });
      report(`✓ ${file}: ${describe(result)}`);
    } catch (err) {
      failed++;
      const why = err instanceof IngestError ? `${err.message} [${err.code}]` : `unexpected error: ${(err as Error).message}`;
      report(`✗ ${file}: ${why}; nothing written`, true);
    }
    bar?.increment();
  }
  bar?.stop();
  for (const line of lines) (line.startsWith('✗') ? console.error : console.log)(line);
  console.log(
    `${files.length - failed} of ${files.length} file(s) ingested into ${db.kind} ${db.location}${failed ? `; ${failed} failed` : ''}`,
  );
} finally {
  await db.close();
}
process.exitCode = failed + errors.length > 0 ? 1 : 0;

function describe(r: IngestResult): string {
  if (r.status === 'unchanged') return `${r.slug} unchanged`;
  const p = r.paragraphs;
  const parts = [`${r.slug} ${r.status}`, `${p.total} paragraphs`];
  if (r.status === 'updated') parts.push(`${p.changed} changed, ${p.added} added, ${p.removed} removed`);
  parts.push(`${r.entities.total} entities (${r.entities.proposed} proposed)`, `${r.mentions} mentions`);
  if (r.titleDerived) parts.push(`title derived: "${r.title}"`);
  return parts.join(', ');
}
