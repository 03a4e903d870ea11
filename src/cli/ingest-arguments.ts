// The ingest command line, read before anything is opened.
export const INGEST_USAGE = `usage: npm run ingest -- <file.txt or folder>…
Ingests plain-text articles (one paragraph per line, optional front matter; see README.md) into
DATABASE_URL, or the embedded database in DATA_DIR (default .data). Each file is its own
transaction. Environment: INGEST_MAX_BYTES (default 1048576). Exit codes: 0 all ingested,
1 a file failed or the database is in use, 2 usage or configuration.`;

export type IngestArguments = { help: true } | { help: false; paths: string[] } | { error: string };

/** Paths to ingest, a request for help, or the one-line reason the command line is wrong. */
export function readIngestArguments(argv: string[]): IngestArguments {
  const args = argv.filter((a) => a !== '--');
  if (args.some((a) => a === '-h' || a === '--help')) return { help: true };
  const option = args.find((a) => a.startsWith('-'));
  if (option)
    return {
      error: `unknown option ${option.slice(0, 40)}; see --help (a file whose name starts with "-" can be given as ./${option.slice(0, 40)})`,
    };
  if (args.length === 0) return { error: INGEST_USAGE.split('\n')[0] ?? 'usage: npm run ingest -- <file.txt or folder>…' };
  return { help: false, paths: args };
}
