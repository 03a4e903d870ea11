import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { seedGazetteer } from '../ingest/gazetteer-store.js';

export const CORPUS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/articles');

export interface SetupReport {
  migrationsApplied: string[];
  /** Entries of data/gazetteer.json inserted as new entities. */
  gazetteerAdded: number;
  /** Entities updated because their entry in data/gazetteer.json changed (see seedGazetteer). */
  gazetteerUpdated: number;
  articlesSeeded: string[];
}

export interface PrepareOptions {
  /** Ingest data/articles when the database holds no article (default true). */
  seedCorpus?: boolean;
  /** Largest corpus file accepted, in bytes (INGEST_MAX_BYTES). */
  maxBytes?: number;
  /** The curated gazetteer; data/gazetteer.json by default. */
  gazetteerFile?: string;
}

/**
 * Brings a database up to date: migrations, the curated gazetteer (new and changed entries of
 * data/gazetteer.json applied), and, when it holds no article yet, the corpus in data/articles
 * (Article.updatedBy "seed"). The ingester (and its NLP libraries) loads only when there is a
 * corpus to ingest.
 */
export async function prepareDatabase(db: Database, options: PrepareOptions = {}): Promise<SetupReport> {
  const migrationsApplied = await migrate(db.sql);
  const gazetteer = await seedGazetteer(db.prisma, options.gazetteerFile);
  const articlesSeeded: string[] = [];
  if (options.seedCorpus !== false && (await db.prisma.article.count()) === 0 && fs.existsSync(CORPUS_DIR)) {
    const { ingestText, readArticleFile } = await import('../ingest/index.js');
    for (const name of fs
      .readdirSync(CORPUS_DIR)
      .filter((f) => f.endsWith('.txt'))
      .sort()) {
      const text = await readArticleFile(path.join(CORPUS_DIR, name), options.maxBytes ?? 1024 * 1024);
      const result = await ingestText(db.prisma, text, { fileName: name, by: 'seed' });
      articlesSeeded.push(result.slug);
    }
  }
  return { migrationsApplied, gazetteerAdded: gazetteer.added, gazetteerUpdated: gazetteer.updated, articlesSeeded };
}
