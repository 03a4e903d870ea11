// Ingesting articles, for any front end (the CLI, a GraphQL mutation, a web page): files or a text
// in, a result object out, each failure with a stable code. Never prints, never exits. Each file
// is its own transaction: a bad file is reported and skipped, the good ones are kept. The NLP
// libraries load on the first article actually extracted (src/ingest/nlp.ts).
import path from 'node:path';
import type { Database } from '../db/client.js';
import {
  collectFiles,
  IngestError,
  type IngestErrorCode,
  type IngestResult,
  type IngestSource,
  ingestText,
  readArticleFile,
} from '../ingest/index.js';

export type { IngestResult, IngestSource } from '../ingest/index.js';

/** An IngestError's code, or UNEXPECTED for anything else (a database error, a bug). */
export type IngestFailureCode = IngestErrorCode | 'UNEXPECTED';

export interface IngestFailure {
  code: IngestFailureCode;
  message: string;
}

export type IngestOutcome = { ok: true; result: IngestResult } | { ok: false; error: IngestFailure };

export type FileOutcome = { path: string } & IngestOutcome;

export interface ArticleFiles {
  /** The text files found, in order: a folder's .txt files recursively and sorted, no file twice. */
  files: string[];
  /** Paths that gave no file: missing (NOT_FOUND), a symbolic link (SYMLINK), or a folder without .txt files (NO_TEXT_FILES). */
  refused: Array<{ path: string; error: IngestFailure }>;
}

export interface IngestFilesOptions {
  /** Largest file accepted, in bytes (INGEST_MAX_BYTES). */
  maxBytes: number;
  /** Who ingests, recorded as Article.updatedBy ("cli" for npm run ingest). */
  by?: IngestSource;
  /**
   * Called as each file starts (done: the files finished before it; no outcome) and as it finishes
   * (done: including it; with its outcome).
   */
  onProgress?: (done: number, total: number, file: string, outcome?: FileOutcome) => void;
}

export interface IngestFilesResult {
  /** Every file found, in order, with what became of it. */
  files: FileOutcome[];
  /** Paths that gave no file (see ArticleFiles.refused). */
  refused: ArticleFiles['refused'];
  /** Files ingested (created, updated or unchanged) and files that failed: together, files.length. */
  ingested: number;
  failed: number;
}

/**
 * Maps anything thrown while ingesting to a code and a message fit to show. An unexpected error's
 * own message is not shown when it comes from the database client: Prisma's names the client call,
 * a source file and the query.
 */
export function toFailure(err: unknown): IngestFailure {
  if (err instanceof IngestError) return { code: err.code, message: err.message };
  const name = err instanceof Error ? err.name : '';
  const message = err instanceof Error ? err.message : String(err);
  if (/^Prisma|DriverAdapterError/.test(name) || /Invalid `|prisma|\/[\w.-]+\/[\w.-]+/i.test(message)) {
    const code = (err as { code?: unknown }).code;
    return { code: 'UNEXPECTED', message: `a database error${typeof code === 'string' && /^P\d{4}$/.test(code) ? ` (${code})` : ''}` };
  }
  return { code: 'UNEXPECTED', message };
}

/** Expands paths (files and folders) into the text files to ingest, without touching a database. */
export async function findArticleFiles(paths: string[]): Promise<ArticleFiles> {
  const { files, errors } = await collectFiles(paths);
  return { files, refused: errors.map(({ path: p, error }) => ({ path: p, error: toFailure(error) })) };
}

/** Ingests the text files found under the paths, each in its own transaction. */
export async function ingestFiles(db: Database, paths: string[], options: IngestFilesOptions): Promise<IngestFilesResult> {
  const { files, refused } = await findArticleFiles(paths);
  const outcomes: FileOutcome[] = [];
  for (const file of files) {
    options.onProgress?.(outcomes.length, files.length, file);
    const outcome: FileOutcome = { path: file, ...(await ingestFile(db, file, options.maxBytes, options.by)) };
    outcomes.push(outcome);
    options.onProgress?.(outcomes.length, files.length, file, outcome);
  }
  const ingested = outcomes.filter((o) => o.ok).length;
  return { files: outcomes, refused, ingested, failed: outcomes.length - ingested };
}

async function ingestFile(db: Database, file: string, maxBytes: number, by?: IngestSource): Promise<IngestOutcome> {
  try {
    const text = await readArticleFile(file, maxBytes);
    return { ok: true, result: await ingestText(db.prisma, text, { fileName: path.basename(file), by }) };
  } catch (err) {
    return { ok: false, error: toFailure(err) };
  }
}

export interface IngestTextOptions {
  /** Gives the slug when the front matter has none. */
  fileName?: string;
  /** Largest text accepted, in UTF-8 bytes (INGEST_MAX_BYTES). */
  maxBytes?: number;
  /** Who ingests, recorded as Article.updatedBy ("admin" for the GraphQL API). */
  by?: IngestSource;
}

/** Ingests one article given as text (an upload, a form), in one transaction. */
export async function ingestArticleText(db: Database, text: string, options: IngestTextOptions = {}): Promise<IngestOutcome> {
  try {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (options.maxBytes !== undefined && bytes > options.maxBytes) {
      throw new IngestError('TOO_LARGE', `the text is ${bytes} bytes, over the limit of ${options.maxBytes} bytes (INGEST_MAX_BYTES)`);
    }
    return { ok: true, result: await ingestText(db.prisma, text, { fileName: options.fileName, by: options.by }) };
  } catch (err) {
    return { ok: false, error: toFailure(err) };
  }
}
