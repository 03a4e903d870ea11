// The gazetteer in the database: the curated file (data/gazetteer.json) applied to it, and every
// entity read back for extraction. Kept apart from the extractor so that preparing a database never
// loads the NLP libraries.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { EntityKind } from '../generated/prisma/enums.js';
import { sha256 } from '../lib/files.js';
import { Gazetteer, type KnownEntity } from './gazetteer.js';

export const GAZETTEER_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/gazetteer.json');

const KINDS: readonly EntityKind[] = ['PERSON', 'PLACE', 'ORGANIZATION', 'DATE', 'QUANTITY'];

/** One entry of data/gazetteer.json, as applied to its entity. */
export interface GazetteerEntry {
  key: string;
  kind: EntityKind;
  name: string;
  aliases: string[];
  capitalOf: string | null;
}

export interface GazetteerSeedReport {
  /** Entries inserted as new confirmed entities. */
  added: number;
  /** Entities whose name, aliases, kind or capital changed because their entry in the file did. */
  updated: number;
}

/** The file's entries, checked; a later entry with the same key as an earlier one is an error. */
export function readGazetteerFile(file = GAZETTEER_FILE): GazetteerEntry[] {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(raw)) throw new Error(`${file}: expected an array of entities`);
  const keys = new Set<string>();
  return raw.map((e: Partial<Record<keyof GazetteerEntry, unknown>>, i) => {
    const where = `${file}: entry ${i + 1}`;
    if (typeof e?.key !== 'string' || !e.key) throw new Error(`${where}: "key" must be a non-empty string`);
    if (keys.has(e.key)) throw new Error(`${where}: the key "${e.key}" is used twice`);
    keys.add(e.key);
    const kind = KINDS.find((k) => k === e.kind);
    if (!kind) throw new Error(`${where} (${e.key}): "kind" must be one of ${KINDS.join(', ')}`);
    if (typeof e.name !== 'string' || !e.name) throw new Error(`${where} (${e.key}): "name" must be a non-empty string`);
    const aliases = e.aliases ?? [];
    if (!Array.isArray(aliases) || !aliases.every((a) => typeof a === 'string')) {
      throw new Error(`${where} (${e.key}): "aliases" must be an array of strings`);
    }
    const capitalOf = e.capitalOf ?? null;
    if (capitalOf !== null && typeof capitalOf !== 'string') throw new Error(`${where} (${e.key}): "capitalOf" must be a string`);
    return { key: e.key, kind, name: e.name, aliases, capitalOf };
  });
}

/** SHA-256 of what an entry sets (Entity.gazetteerHash): a change to any of it is applied on the next start. */
export const gazetteerEntryHash = (e: GazetteerEntry) => sha256(JSON.stringify([e.key, e.kind, e.name, e.aliases, e.capitalOf]));

const sameValues = (
  row: { kind: EntityKind; name: string; aliases: string[]; capitalOf: string | null; confirmed: boolean; rejected: boolean },
  e: GazetteerEntry,
) =>
  row.kind === e.kind &&
  row.name === e.name &&
  row.capitalOf === e.capitalOf &&
  (row.confirmed || row.rejected) &&
  row.aliases.length === e.aliases.length &&
  row.aliases.every((a, i) => a === e.aliases[i]);

/**
 * Applies the curated gazetteer to the database, as confirmed entities:
 * - an entry without an entity is inserted;
 * - an entry that changed since it was last applied (its SHA-256 differs from Entity.gazetteerHash)
 *   sets the entity's name, aliases, kind and capital, even over a reviewer's changes;
 * - an entry that did not change leaves its entity alone: what a reviewer changed since stays;
 * - an entity that predates gazetteerHash takes the entry's values unless a reviewer changed it.
 * A rejected entity stays rejected. An entry whose name a reviewer merged into another entity (it
 * is now that entity's alias) is not inserted again. When nothing changed this is one query of
 * keys and hashes, and no write.
 */
export async function seedGazetteer(prisma: PrismaClient, file = GAZETTEER_FILE): Promise<GazetteerSeedReport> {
  const entries = readGazetteerFile(file);
  const applied = new Map(
    (await prisma.entity.findMany({ where: { gazetteerHash: { not: null } }, select: { key: true, gazetteerHash: true } })).map((e) => [
      e.key,
      e.gazetteerHash,
    ]),
  );
  const pending = entries.map((e) => ({ entry: e, hash: gazetteerEntryHash(e) })).filter((p) => applied.get(p.entry.key) !== p.hash);
  if (pending.length === 0) return { added: 0, updated: 0 };
  const rows = await entitiesFor(prisma, pending);
  const missing = pending.filter((p) => !rows.has(p.entry.key));
  const merged = await mergedNames(prisma, missing);
  const inserts = missing.filter((p) => !merged.has(p.entry.name));

  let updated = 0;
  const changes = pending.flatMap(({ entry, hash }) => {
    const row = rows.get(entry.key);
    if (!row) return [];
    // Changed in the file since last applied, or never applied and never reviewed: the file's values.
    const apply = row.gazetteerHash !== null || row.reviewedAt === null;
    if (apply && !sameValues(row, entry)) updated++;
    return [{ key: entry.key, hash, apply, kind: entry.kind, name: entry.name, aliases: entry.aliases, capitalOf: entry.capitalOf }];
  });
  const added = await writeEntries(prisma, changes, inserts);
  return { added, updated };
}

type Pending = { entry: ReturnType<typeof readGazetteerFile>[number]; hash: string };
type Change = {
  key: string;
  hash: string;
  apply: boolean;
  kind: string;
  name: string;
  aliases: string[];
  capitalOf: string | null | undefined;
};

/** The entities the pending entries concern, by key. */
async function entitiesFor(prisma: PrismaClient, pending: Pending[]) {
  const rows = await prisma.entity.findMany({
    where: { key: { in: pending.map((p) => p.entry.key) } },
    select: {
      key: true,
      kind: true,
      name: true,
      aliases: true,
      capitalOf: true,
      confirmed: true,
      rejected: true,
      reviewedAt: true,
      gazetteerHash: true,
    },
  });
  return new Map(rows.map((r) => [r.key, r]));
}

/** Names of missing entries that a reviewer merged into another entity (now its aliases). */
async function mergedNames(prisma: PrismaClient, missing: Pending[]): Promise<Set<string>> {
  if (missing.length === 0) return new Set();
  const rows = await prisma.entity.findMany({
    where: { reviewedAt: { not: null }, aliases: { hasSome: missing.map((p) => p.entry.name) } },
    select: { aliases: true },
  });
  return new Set(rows.flatMap((r) => r.aliases));
}

/** One transaction: one statement for every entity already there (the hash always, the values when they apply), then the inserts. */
async function writeEntries(prisma: PrismaClient, changes: Change[], inserts: Pending[]): Promise<number> {
  return prisma.$transaction(async (tx) => {
    if (changes.length) {
      await tx.$executeRawUnsafe(
        `UPDATE "Entity" AS e SET
           "gazetteerHash" = v.hash,
           "name" = CASE WHEN v.apply THEN v.name ELSE e."name" END,
           "aliases" = CASE WHEN v.apply THEN ARRAY(SELECT jsonb_array_elements_text(v.aliases)) ELSE e."aliases" END,
           "kind" = CASE WHEN v.apply THEN v.kind::"EntityKind" ELSE e."kind" END,
           "capitalOf" = CASE WHEN v.apply THEN v."capitalOf" ELSE e."capitalOf" END,
           "confirmed" = CASE WHEN v.apply AND NOT e."rejected" THEN true ELSE e."confirmed" END,
           "updatedAt" = CASE WHEN v.apply THEN CURRENT_TIMESTAMP ELSE e."updatedAt" END
         FROM jsonb_to_recordset($1::jsonb) AS v(key text, hash text, apply boolean, kind text, name text, aliases jsonb, "capitalOf" text)
         WHERE e."key" = v.key`,
        JSON.stringify(changes),
      );
    }
    if (inserts.length === 0) return 0;
    const created = await tx.entity.createMany({
      data: inserts.map(({ entry: e, hash }) => ({
        key: e.key,
        kind: e.kind,
        name: e.name,
        aliases: e.aliases,
        capitalOf: e.capitalOf,
        confirmed: true,
        gazetteerHash: hash,
      })),
      skipDuplicates: true,
    });
    return created.count;
  });
}

/**
 * The gazetteer for extraction: every entity in the database, confirmed or proposed (it grows with
 * each ingest), except rejected ones, which are only remembered so that they are never proposed again.
 */
export async function loadGazetteer(prisma: PrismaClient): Promise<Gazetteer> {
  const rows = await prisma.entity.findMany({
    select: { key: true, kind: true, name: true, aliases: true, capitalOf: true, rejected: true },
    orderBy: { id: 'asc' },
  });
  const known: KnownEntity[] = [];
  const rejected: KnownEntity[] = [];
  for (const { rejected: isRejected, ...entity } of rows) (isRejected ? rejected : known).push(entity);
  return new Gazetteer(known, rejected);
}
