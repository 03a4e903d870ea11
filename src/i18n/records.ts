// Which English text each translation was made from, in locales/.sources/<lang>.json (written by
// the tools, never by hand): a translation whose record differs from its source's hash is stale.
import fs from 'node:fs';
import path from 'node:path';
import { writeAtomic } from '../lib/files.js';
import type { Language } from './languages.js';
import { serialize } from './locale-file.js';
import type { Unit } from './units.js';

/** Which source text each translation was made from: "ns" → "key" → first 16 hex digits of its SHA-256. */
export type SourceRecords = Record<string, Record<string, string>>;
export const SOURCES_DIR = '.sources';
export const recordsFile = (root: string, language: string) => path.join(root, SOURCES_DIR, `${language}.json`);
export const SHORT_HASH_LENGTH = 16;
export const shortHash = (hex: string) => hex.slice(0, SHORT_HASH_LENGTH);

export function readRecords(root: string, language: string): SourceRecords {
  try {
    return JSON.parse(fs.readFileSync(recordsFile(root, language), 'utf8')) as SourceRecords;
  } catch {
    return {};
  }
}

/** Records that these translations were made from the current source texts; writes the file sorted. */
export function markCurrent(root: string, records: SourceRecords, language: Language, units: Unit[]): SourceRecords {
  const next: SourceRecords = structuredClone(records);
  for (const u of units) {
    const ns = next[u.namespace] ?? {};
    next[u.namespace] = ns;
    ns[u.key] = shortHash(u.sourceHash);
  }
  return writeRecords(root, language, next);
}

/** Writes a language's records in their canonical form: namespaces and keys sorted, two-space JSON. */
export function writeRecords(root: string, language: Language, records: SourceRecords): SourceRecords {
  const sorted: SourceRecords = Object.fromEntries(
    Object.keys(records)
      .sort()
      .map((ns) => [
        ns,
        Object.fromEntries(
          Object.keys(records[ns] ?? {})
            .sort()
            .map((k) => [k, records[ns]?.[k] ?? '']),
        ),
      ]),
  );
  writeAtomic(recordsFile(root, language), serialize(sorted));
  return sorted;
}
