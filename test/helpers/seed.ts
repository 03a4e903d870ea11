import fs from 'node:fs';
import { paragraphKeyFor } from '../../src/ingest/align.js';
import { decodeText, sha256, splitFrontMatter, splitParagraphs } from '../../src/ingest/text.js';

/** The translated seed article, as translators wrote it. */
export const SEED_SLUG = 'nk-workers-china-seafood-plants';
export const SEED_FILE = `data/articles/${SEED_SLUG}.txt`;
export const seedTranslation = (language: 'ko' | 'zh-Hans' | 'zh-Hant') =>
  JSON.parse(fs.readFileSync(`locales/${language}/articles/${SEED_SLUG}.json`, 'utf8')) as {
    title: string;
    paragraphs: Record<string, string>;
  };

/** The stable keys an article's paragraphs get on first ingest, in order (as src/ingest/align.ts makes them). */
export function paragraphKeysOf(text: string): string[] {
  const taken = new Set<string>();
  const { body } = splitFrontMatter(decodeText(new TextEncoder().encode(text)));
  return splitParagraphs(body).map((p) => paragraphKeyFor(sha256(p.text), taken));
}

let seedKeys: string[] | null = null;
/** The stable key of the seed article's paragraph at a position ("p-6fc76108" for 0). */
export function seedKey(position: number): string {
  seedKeys ??= paragraphKeysOf(fs.readFileSync(SEED_FILE, 'utf8'));
  const key = seedKeys[position];
  if (!key) throw new Error(`the seed article has no paragraph ${position}`);
  return key;
}

/** Latin letters left in a Korean or Chinese string, except the NK of 데일리NK / 每日NK. */
export const englishLeft = (text: string) => text.replace(/NK/g, '').match(/[A-Za-z]+/g) ?? [];
