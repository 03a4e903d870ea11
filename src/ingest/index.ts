import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { PrismaClient } from '../generated/prisma/client.js';
import { oneAtATime } from '../lib/serial.js';
import { ingestErrorForDatabase } from './db-errors.js';
import { IngestError } from './errors.js';
import { extractEntities } from './extract.js';
import { loadGazetteer } from './gazetteer-store.js';
import { loadNlp } from './nlp.js';
import { type IngestSource, type StoreResult, storeArticle } from './store.js';
import { decodeText, parseArticle } from './text.js';

export { IngestError, type IngestErrorCode } from './errors.js';
export { loadNlp } from './nlp.js';
export type { IngestSource } from './store.js';

export interface IngestResult extends StoreResult {
  slug: string;
  title: string;
  titleDerived: boolean;
}

export interface IngestOptions {
  /** Gives the slug when the front matter has none. */
  fileName?: string;
  /** Who writes it, recorded as Article.updatedBy: "seed", "cli" or "admin". */
  by?: IngestSource;
}

/** Ingests of one slug in this process, chained: each starts when the one before it has finished. */
const queues = new WeakMap<PrismaClient, Map<string, Promise<unknown>>>();

/**
 * Runs `fn` after every earlier call for the same database and slug has settled. Ingests of one
 * article wait here rather than in the database, where each would hold a pooled connection while
 * it waits for the article's lock (src/ingest/store.ts takes it too, for other processes).
 */
function oneArticleAtATime<T>(prisma: PrismaClient, slug: string, fn: () => Promise<T>): Promise<T> {
  let slugs = queues.get(prisma);
  if (!slugs) {
    slugs = new Map();
    queues.set(prisma, slugs);
  }
  return oneAtATime(slugs, slug, fn);
}

/**
 * Ingests one article from its text: parse, extract, then write it all in one transaction. The
 * NLP libraries are loaded here, on the first call in the process. Concurrent ingests of the same
 * slug run one after the other; database races and timeouts are IngestErrors (CONFLICT, BUSY).
 */
export async function ingestText(prisma: PrismaClient, text: string, options: IngestOptions = {}): Promise<IngestResult> {
  const nlp = await loadNlp();
  const article = parseArticle(text, { fileName: options.fileName, nlp });
  try {
    return await oneArticleAtATime(prisma, article.slug, () => extractAndStore(prisma, article, nlp, options));
  } catch (err) {
    throw ingestErrorForDatabase(err, article.slug) ?? err;
  }
}

async function extractAndStore(
  prisma: PrismaClient,
  article: ReturnType<typeof parseArticle>,
  nlp: Awaited<ReturnType<typeof loadNlp>>,
  options: IngestOptions,
): Promise<IngestResult> {
  const summary = { slug: article.slug, title: article.title, titleDerived: article.titleOrigin === 'derived' };
  const existing = await prisma.article.findUnique({ where: { slug: article.slug }, select: { id: true, contentHash: true } });
  if (existing?.contentHash === article.contentHash) {
    const total = article.paragraphs.length;
    return {
      ...summary,
      articleId: existing.id,
      status: 'unchanged',
      paragraphs: { total, added: 0, changed: 0, removed: 0, unchanged: total, moved: 0 },
      entities: { total: 0, created: 0, proposed: 0 },
      mentions: 0,
    };
  }
  const gazetteer = await loadGazetteer(prisma);
  const extraction = extractEntities(
    article.paragraphs.map((p) => p.text),
    gazetteer,
    { publishedAt: article.publishedAt, nlp },
  );
  return { ...summary, ...(await storeArticle(prisma, article, extraction, { by: options.by })) };
}

export const SYMLINK_REFUSED = 'is a symbolic link; symbolic links are not followed (name the file it points to)';

/**
 * Reads a file as article text, refusing what is too large, binary or not UTF-8 before reading it
 * all. A symbolic link is refused, not followed, as in a folder scan: the file is opened with
 * O_NOFOLLOW, so a link put in its place after it was found is refused too.
 */
export async function readArticleFile(file: string, maxBytes: number): Promise<string> {
  let handle: fs.FileHandle;
  try {
    // O_NONBLOCK: a FIFO named by mistake is refused below (not a regular file) instead of waiting for a writer.
    handle = await fs.open(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || (code === 'EMLINK' && (await isSymlink(file)))) throw new IngestError('SYMLINK', SYMLINK_REFUSED);
    if (code === 'EISDIR') throw new IngestError('NOT_FOUND', 'not a regular file');
    throw new IngestError('NOT_FOUND', 'no such file or folder');
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new IngestError('NOT_FOUND', 'not a regular file');
    if (stat.size > maxBytes) {
      throw new IngestError('TOO_LARGE', `the file is ${stat.size} bytes, over the limit of ${maxBytes} bytes (INGEST_MAX_BYTES)`);
    }
    return decodeText(await handle.readFile());
  } finally {
    await handle.close();
  }
}

async function isSymlink(p: string): Promise<boolean> {
  try {
    return (await fs.lstat(p)).isSymbolicLink();
  } catch {
    return false;
  }
}

export const TEXT_EXTENSIONS = ['.txt'];

/**
 * Expands the paths given on a command line into text files. A folder contributes its .txt
 * files (recursively, sorted; symbolic links in it are skipped); a missing path, a symbolic link
 * (not followed, as in a folder) or a folder without text files is an error.
 */
export async function collectFiles(paths: string[]): Promise<{ files: string[]; errors: Array<{ path: string; error: IngestError }> }> {
  const files: string[] = [];
  const errors: Array<{ path: string; error: IngestError }> = [];
  for (const p of paths) {
    let stat: Awaited<ReturnType<typeof fs.lstat>>;
    try {
      stat = await fs.lstat(p);
    } catch {
      errors.push({ path: p, error: new IngestError('NOT_FOUND', 'no such file or folder') });
      continue;
    }
    if (stat.isSymbolicLink()) {
      errors.push({ path: p, error: new IngestError('SYMLINK', SYMLINK_REFUSED) });
      continue;
    }
    if (stat.isDirectory()) {
      const entries = (await fs.readdir(p, { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile() && TEXT_EXTENSIONS.includes(path.extname(e.name).toLowerCase()))
        .map((e) => path.join(e.parentPath, e.name))
        .sort();
      if (entries.length === 0) errors.push({ path: p, error: new IngestError('NO_TEXT_FILES', 'the folder holds no .txt files') });
      files.push(...entries);
    } else files.push(p);
  }
  return { files: [...new Set(files)], errors };
}
