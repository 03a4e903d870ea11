import fs from 'node:fs/promises';
import path from 'node:path';
import type { PrismaClient } from '../generated/prisma/client.js';
import { IngestError } from './errors.js';
import { extractEntities } from './extract.js';
import { loadGazetteer } from './gazetteer-store.js';
import { loadNlp } from './nlp.js';
import { type StoreResult, storeArticle } from './store.js';
import { decodeText, parseArticle } from './text.js';

export { IngestError, type IngestErrorCode } from './errors.js';
export { loadNlp } from './nlp.js';

export interface IngestResult extends StoreResult {
  slug: string;
  title: string;
  titleDerived: boolean;
}

export interface IngestOptions {
  /** Gives the slug when the front matter has none. */
  fileName?: string;
}

/**
 * Ingests one article from its text: parse, extract, then write it all in one transaction. The
 * NLP libraries are loaded here, on the first call in the process.
 */
export async function ingestText(prisma: PrismaClient, text: string, options: IngestOptions = {}): Promise<IngestResult> {
  const nlp = await loadNlp();
  const article = parseArticle(text, { ...options, nlp });
  const summary = { slug: article.slug, title: article.title, titleDerived: article.titleOrigin === 'derived' };
  const existing = await prisma.article.findUnique({ where: { slug: article.slug }, select: { id: true, contentHash: true } });
  if (existing?.contentHash === article.contentHash) {
    const total = article.paragraphs.length;
    return {
      ...summary,
      articleId: existing.id,
      status: 'unchanged',
      paragraphs: { total, added: 0, changed: 0, removed: 0, unchanged: total },
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
  return { ...summary, ...(await storeArticle(prisma, article, extraction)) };
}

/** Reads a file as article text, refusing what is too large, binary or not UTF-8 before reading it all. */
export async function readArticleFile(file: string, maxBytes: number): Promise<string> {
  let stat: Awaited<ReturnType<typeof fs.stat>>;
  try {
    stat = await fs.stat(file);
  } catch {
    throw new IngestError('NOT_FOUND', 'no such file or folder');
  }
  if (!stat.isFile()) throw new IngestError('NOT_FOUND', 'not a regular file');
  if (stat.size > maxBytes) {
    throw new IngestError('TOO_LARGE', `the file is ${stat.size} bytes, over the limit of ${maxBytes} bytes (INGEST_MAX_BYTES)`);
  }
  return decodeText(await fs.readFile(file));
}

export const TEXT_EXTENSIONS = ['.txt'];

/**
 * Expands the paths given on a command line into text files. A folder contributes its .txt
 * files (recursively, sorted); a missing path or a folder without text files is an error.
 */
export async function collectFiles(paths: string[]): Promise<{ files: string[]; errors: Array<{ path: string; error: IngestError }> }> {
  const files: string[] = [];
  const errors: Array<{ path: string; error: IngestError }> = [];
  for (const p of paths) {
    let stat: Awaited<ReturnType<typeof fs.stat>>;
    try {
      stat = await fs.stat(p);
    } catch {
      errors.push({ path: p, error: new IngestError('NOT_FOUND', 'no such file or folder') });
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
