// The gazetteer in the database: the curated file (data/gazetteer.json) loaded into it, and every
// entity read back for extraction. Kept apart from the extractor so that preparing a database never
// loads the NLP libraries.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PrismaClient } from '../generated/prisma/client.js';
import { Gazetteer, type KnownEntity } from './gazetteer.js';

export const GAZETTEER_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/gazetteer.json');

/** Loads the curated gazetteer into the database as confirmed entities; existing keys are left as they are. */
export async function seedGazetteer(prisma: PrismaClient, file = GAZETTEER_FILE): Promise<number> {
  const entries = JSON.parse(fs.readFileSync(file, 'utf8')) as KnownEntity[];
  // Usually every key is there already: one light query instead of a 700-row insert plan.
  const present = new Set((await prisma.entity.findMany({ where: { confirmed: true }, select: { key: true } })).map((e) => e.key));
  const missing = entries.filter((e) => !present.has(e.key));
  if (missing.length === 0) return 0;
  const result = await prisma.entity.createMany({
    data: missing.map((e) => ({
      key: e.key,
      kind: e.kind,
      name: e.name,
      aliases: e.aliases ?? [],
      capitalOf: e.capitalOf ?? null,
      confirmed: true,
    })),
    skipDuplicates: true,
  });
  return result.count;
}

/** Every entity in the database, confirmed or proposed: the gazetteer grows with each ingest. */
export async function loadGazetteer(prisma: PrismaClient): Promise<Gazetteer> {
  const rows = await prisma.entity.findMany({
    select: { key: true, kind: true, name: true, aliases: true, capitalOf: true },
    orderBy: { id: 'asc' },
  });
  return new Gazetteer(rows);
}
