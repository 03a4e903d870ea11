// The curated gazetteer (data/gazetteer.json) applied on start: new entries inserted, changed
// entries updated (over a reviewer's values only when the entry itself changed), cheaply when
// nothing changed; and rejected entities, never matched or proposed again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { extractEntities } from '../../src/ingest/extract.js';
import { Gazetteer } from '../../src/ingest/gazetteer.js';
import { type GazetteerEntry, gazetteerEntryHash, readGazetteerFile, seedGazetteer } from '../../src/ingest/gazetteer-store.js';
import { ingestText } from '../../src/ingest/index.js';
import { loadNlp } from '../../src/ingest/nlp.js';
import { prepareDatabase } from '../../src/services/setup.js';
import { useTestDatabase } from '../helpers/db.js';

await loadNlp();

const t = useTestDatabase({ seedCorpus: false });
const ENTRIES = readGazetteerFile();
let dir: string;
let version = 0;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-gazetteer-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of data/gazetteer.json with some entries changed (by key), some added. */
function gazetteerFile(changes: Record<string, Partial<GazetteerEntry>>, added: GazetteerEntry[] = []): string {
  const entries = ENTRIES.map((e) => ({ ...e, ...changes[e.key] }));
  const file = path.join(dir, `gazetteer-${++version}.json`);
  fs.writeFileSync(file, JSON.stringify([...entries, ...added], null, 2));
  return file;
}

const entity = (key: string) => t.db.prisma.entity.findUniqueOrThrow({ where: { key } });

/** The SQL statements a call makes. */
async function statements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const seen: string[] = [];
  let on = true;
  // The client is created with query events on (src/db/client.ts); its type does not say so.
  (t.db.prisma as unknown as { $on(event: 'query', listener: (e: { query: string }) => void): void }).$on('query', (e) => {
    if (on) seen.push(e.query);
  });
  const result = await fn();
  on = false;
  return { result, statements: seen };
}

describe('the curated gazetteer, applied on start', () => {
  it('was loaded with every entry’s hash', async () => {
    const dandong = await entity('dandong');
    expect(dandong).toMatchObject({
      confirmed: true,
      rejected: false,
      gazetteerHash: gazetteerEntryHash(ENTRIES.find((e) => e.key === 'dandong')!),
    });
    expect(await t.db.prisma.entity.count({ where: { gazetteerHash: null, confirmed: true } })).toBe(0);
  });

  it('costs one query and no write when nothing changed', async () => {
    const { result, statements: sql } = await statements(() => seedGazetteer(t.db.prisma));
    expect(result).toEqual({ added: 0, updated: 0 });
    expect(sql).toHaveLength(1);
    expect(sql[0]).toMatch(/^SELECT/);
  });

  it('applies an edited entry (name, aliases, kind) and a new one on the next prepareDatabase', async () => {
    const file = gazetteerFile(
      {
        donggang: { name: 'Donggang City', aliases: ['Donggang', 'Donggang city'] },
        bbc: { kind: 'ORGANIZATION', aliases: ['British Broadcasting Corporation', 'BBC News'] },
        hyesan: { kind: 'ORGANIZATION' },
      },
      [{ key: 'sonbong', kind: 'PLACE', name: 'Sonbong', aliases: ['Sonbong county'], capitalOf: null }],
    );
    const report = await prepareDatabase(t.db, { seedCorpus: false, gazetteerFile: file });
    expect(report).toMatchObject({ migrationsApplied: [], gazetteerAdded: 1, gazetteerUpdated: 3 });
    expect(await entity('donggang')).toMatchObject({ name: 'Donggang City', aliases: ['Donggang', 'Donggang city'], kind: 'PLACE' });
    expect((await entity('bbc')).aliases).toContain('BBC News');
    expect((await entity('hyesan')).kind).toBe('ORGANIZATION');
    expect(await entity('sonbong')).toMatchObject({ name: 'Sonbong', confirmed: true, kind: 'PLACE' });
    // Applied once: the same file again changes nothing.
    expect(await seedGazetteer(t.db.prisma, file)).toEqual({ added: 0, updated: 0 });
    // And the extractor sees the new names.
    const result = await ingestText(t.db.prisma, '---\nslug: gazetteer-edit\n---\nTrucks left Sonbong county for Donggang on Sept. 3.');
    const mentions = await t.db.prisma.mention.findMany({
      where: { paragraph: { articleId: result.articleId } },
      include: { entity: true },
    });
    expect(mentions.map((m) => [m.text, m.entity.key])).toEqual(
      expect.arrayContaining([
        ['Sonbong county', 'sonbong'],
        ['Donggang', 'donggang'],
      ]),
    );
  });

  it('keeps a reviewer’s change until the entry itself changes, then applies the entry', async () => {
    const before = gazetteerFile({ hyesan: { kind: 'ORGANIZATION' } });
    await seedGazetteer(t.db.prisma, before);
    await t.db.prisma.entity.update({
      where: { key: 'hyesan' },
      data: { kind: 'PLACE', name: 'Hyesan City', reviewedAt: new Date(), reviewedBy: 'admin' },
    });
    // The file entry is as it was: the reviewer's values stay.
    expect(await seedGazetteer(t.db.prisma, before)).toEqual({ added: 0, updated: 0 });
    expect(await entity('hyesan')).toMatchObject({ kind: 'PLACE', name: 'Hyesan City' });
    // The entry changed: it wins.
    const after = gazetteerFile({ hyesan: { name: 'Hyesan', aliases: ['Hyesan city', 'Hyesan City', 'Hyesan-si'] } });
    expect(await seedGazetteer(t.db.prisma, after)).toEqual({ added: 0, updated: 1 });
    expect(await entity('hyesan')).toMatchObject({ kind: 'PLACE', name: 'Hyesan', aliases: ['Hyesan city', 'Hyesan City', 'Hyesan-si'] });
  });

  it('keeps a rejected entity rejected when its entry changes', async () => {
    await seedGazetteer(t.db.prisma, gazetteerFile({}));
    await t.db.prisma.entity.update({ where: { key: 'hunchun' }, data: { rejected: true, confirmed: false, reviewedAt: new Date() } });
    const file = gazetteerFile({ hunchun: { aliases: ['Hunchun city'] } });
    expect(await seedGazetteer(t.db.prisma, file)).toEqual({ added: 0, updated: 1 });
    expect(await entity('hunchun')).toMatchObject({ rejected: true, confirmed: false, aliases: ['Hunchun city'] });
  });

  it('adopts entities loaded before gazetteerHash existed: the file’s values unless a reviewer changed them', async () => {
    const file = gazetteerFile({});
    await seedGazetteer(t.db.prisma, file);
    await t.db.prisma.entity.update({ where: { key: 'sinuiju' }, data: { gazetteerHash: null, name: 'Old Sinuiju' } });
    await t.db.prisma.entity.update({
      where: { key: 'dandong' },
      data: { gazetteerHash: null, name: 'Dandong Reviewed', reviewedAt: new Date() },
    });
    await t.db.prisma.entity.update({ where: { key: 'pyongyang' }, data: { gazetteerHash: null } });
    expect(await seedGazetteer(t.db.prisma, file)).toEqual({ added: 0, updated: 1 });
    expect(await entity('sinuiju')).toMatchObject({ name: 'Sinuiju', gazetteerHash: expect.any(String) });
    expect(await entity('dandong')).toMatchObject({ name: 'Dandong Reviewed', gazetteerHash: expect.any(String) });
    expect((await entity('pyongyang')).gazetteerHash).toEqual(expect.any(String));
    expect(await seedGazetteer(t.db.prisma, file)).toEqual({ added: 0, updated: 0 });
  });

  it('does not insert again an entry a reviewer merged into another entity', async () => {
    const file = gazetteerFile({});
    // As src/services/review.ts merges: the names become the target's aliases, the entity is deleted.
    await t.db.prisma.entity.update({
      where: { key: 'chinese-communist-party' },
      data: { aliases: { push: 'BBC' }, reviewedAt: new Date() },
    });
    await t.db.prisma.entity.delete({ where: { key: 'bbc' } });
    expect(await seedGazetteer(t.db.prisma, file)).toEqual({ added: 0, updated: 0 });
    expect(await t.db.prisma.entity.findUnique({ where: { key: 'bbc' } })).toBeNull();
  });
});

describe('rejected entities', () => {
  it('are never matched or proposed again', async () => {
    const text = '---\nslug: rejected-one\n---\nOfficials at the Musan Trade Bureau halted shipments to Dandong.';
    const first = await ingestText(t.db.prisma, text);
    const proposed = await entity('musan-trade-bureau');
    expect(proposed).toMatchObject({ confirmed: false, rejected: false });
    expect(await t.db.prisma.mention.count({ where: { entityId: proposed.id } })).toBe(1);
    await t.db.prisma.mention.deleteMany({ where: { entityId: proposed.id } });
    await t.db.prisma.entity.update({ where: { id: proposed.id }, data: { rejected: true } });

    // Re-ingested (changed, so extracted again) and a new article naming it, in another case too.
    const again = await ingestText(t.db.prisma, `${text}\nThe Musan Trade Bureau said nothing.`);
    expect(again.articleId).toBe(first.articleId);
    await ingestText(t.db.prisma, '---\nslug: rejected-two\n---\nThe MUSAN TRADE BUREAU and the Musan Trade Bureau met in Hyesan.');
    expect(await t.db.prisma.mention.count({ where: { entityId: proposed.id } })).toBe(0);
    const similar = await t.db.prisma.entity.findMany({ where: { name: { contains: 'Musan Trade', mode: 'insensitive' } } });
    expect(similar.map((e) => e.key)).toEqual(['musan-trade-bureau']);
    expect(await entity('musan-trade-bureau')).toMatchObject({ rejected: true, confirmed: false });
  });

  it('block proposals of their names and aliases in any case, and their keys', () => {
    const gazetteer = new Gazetteer(
      [{ key: 'dandong', kind: 'PLACE', name: 'Dandong', aliases: [] }],
      [{ key: 'sea-bureau', name: 'Sea Bureau', aliases: ['Yellow Sea Fisheries Bureau'] }],
    );
    expect(gazetteer.isRejected('SEA BUREAU')).toBe(true);
    expect(gazetteer.isRejected('yellow sea fisheries bureau')).toBe(true);
    expect(gazetteer.isRejected('Sea-Bureau', 'sea-bureau')).toBe(true);
    expect(gazetteer.isRejected('Dandong', 'dandong')).toBe(false);
    const { entities } = extractEntities(['Officials of the Yellow Sea Fisheries Bureau visited Dandong and the Sea Bureau.'], gazetteer);
    expect([...entities.keys()]).toEqual(['dandong']);
  });
});

describe('on PGlite', () => {
  it('applies an edited entry as on PostgreSQL', { timeout: 120_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-gazetteer-lite-'));
    const db = await openDatabase({ ...loadConfig({}), databaseUrl: undefined, dataDir });
    try {
      expect(await prepareDatabase(db, { seedCorpus: false })).toMatchObject({ gazetteerAdded: ENTRIES.length, gazetteerUpdated: 0 });
      await db.prisma.entity.update({ where: { key: 'dandong' }, data: { rejected: true } });
      const file = gazetteerFile({ dandong: { name: 'Dandong City', aliases: ['Dandong'], kind: 'ORGANIZATION' } });
      expect(await prepareDatabase(db, { seedCorpus: false, gazetteerFile: file })).toMatchObject({
        gazetteerAdded: 0,
        gazetteerUpdated: 1,
      });
      expect(await db.prisma.entity.findUniqueOrThrow({ where: { key: 'dandong' } })).toMatchObject({
        name: 'Dandong City',
        aliases: ['Dandong'],
        kind: 'ORGANIZATION',
        rejected: true,
      });
      expect(await seedGazetteer(db.prisma, file)).toEqual({ added: 0, updated: 0 });
    } finally {
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
