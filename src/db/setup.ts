import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestText, readArticleFile } from '../ingest/index.js';
import { seedGazetteer } from '../ingest/store.js';
import type { Database } from './client.js';
import { migrate } from './migrate.js';

export const CORPUS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/articles');

export interface SetupReport {
  migrationsApplied: string[];
  gazetteerAdded: number;
  articlesSeeded: string[];
}

/**
 * Brings a database up to date: migrations, the curated gazetteer, and, when it holds no article
 * yet, the corpus in data/articles.
 */
export async function prepareDatabase(db: Database, options: { seedCorpus?: boolean; maxBytes?: number } = {}): Promise<SetupReport> {
  const migrationsApplied = await migrate(db.sql);
  const gazetteerAdded = await seedGazetteer(db.prisma);
  const articlesSeeded: string[] = [];
  if (options.seedCorpus !== false && (await db.prisma.article.count()) === 0 && fs.existsSync(CORPUS_DIR)) {
    for (const name of fs
      .readdirSync(CORPUS_DIR)
      .filter((f) => f.endsWith('.txt'))
      .sort()) {
      const text = await readArticleFile(path.join(CORPUS_DIR, name), options.maxBytes ?? 1024 * 1024);
      const result = await ingestText(db.prisma, text, { fileName: name });
      articlesSeeded.push(result.slug);
    }
  }
  return { migrationsApplied, gazetteerAdded, articlesSeeded };
}
