import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openResponseCache } from '../../src/cache/index.js';
import { loadConfig } from '../../src/config.js';
import { type Database, openDatabase } from '../../src/db/client.js';
import { useDatabase } from '../../src/db/current.js';
import { readMigrations } from '../../src/db/migrate.js';
import { catalog } from '../../src/i18n/current.js';
import { ingestText } from '../../src/ingest/index.js';
import { prepareDatabase, type SetupReport } from '../../src/services/setup.js';
import { createApp } from '../../src/yoga.js';
import { drift } from '../helpers/drift.js';
import { gql } from '../helpers/gql.js';

const SCHEMA = path.resolve('prisma/schema.prisma');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-embedded-'));
const config = { ...loadConfig({}), databaseUrl: undefined, dataDir: dir };

// One embedded database for the file (PGlite's own initdb takes seconds): started for the first
// time here, and always open, whether from that first start or from a restart.
let db: Database;
let firstStart: SetupReport;
beforeAll(async () => {
  db = await openDatabase(config);
  firstStart = await prepareDatabase(db);
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the embedded PGlite database', () => {
  it('is migrated and seeded on first start', () => {
    expect(db.kind).toBe('pglite');
    expect(firstStart.migrationsApplied).toEqual(readMigrations().map((m) => m.name));
    expect(firstStart.migrationsApplied.length).toBeGreaterThan(0);
    expect(firstStart.gazetteerAdded).toBeGreaterThan(0);
    expect(firstStart.articlesSeeded).toEqual(['nk-workers-china-seafood-plants']);
  });

  it('is migrated to the structure schema.prisma describes, as PostgreSQL is (no drift)', async () => {
    expect(await drift(db.sql, SCHEMA)).toEqual({ missing: [], unexpected: [] });
  });

  it('serves GraphQL, and keeps its data across a restart', async () => {
    await ingestText(db.prisma, '---\nslug: added-later\n---\nA later report from Dandong.');
    await db.close();
    db = await openDatabase(config);
    expect(db.kind).toBe('pglite');
    // Nothing to do on a restart: no migration, no new gazetteer entry, no corpus to seed.
    expect(await prepareDatabase(db)).toMatchObject({ migrationsApplied: [], gazetteerAdded: 0, articlesSeeded: [] });
    useDatabase(db);
    const res = await gql(createApp(), '{ articles { totalCount edges { node { slug paragraphs { text } } } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data?.articles.totalCount).toBe(2);
    const slugs = res.data?.articles.edges.map((e: { node: { slug: string } }) => e.node.slug).sort();
    expect(slugs).toEqual(['added-later', 'nk-workers-china-seafood-plants']);
  });

  it('tells the response cache of every committed write (its data version), as PostgreSQL does', async () => {
    const cache = await openResponseCache(
      db,
      { responseCache: true, redisUrl: undefined, responseCacheMb: 1, responseCacheTtlSeconds: 60 },
      catalog,
    );
    try {
      const before = cache?.dataVersion.current();
      expect(before).toBeGreaterThan(0);
      const parts = { url: '/graphql', body: Buffer.from('{}'), accept: undefined, acceptLanguage: 'ko', origin: undefined };
      const key = cache?.keyFor(parts);
      await ingestText(db.prisma, '---\nslug: added-with-a-cache\n---\nAnother report from Dandong.');
      for (let i = 0; cache?.dataVersion.current() === before; i++) {
        if (i > 200) throw new Error('no notification from the embedded database');
        await new Promise((r) => setTimeout(r, 10));
      }
      // One transaction, one step, whatever number of rows it wrote.
      expect(cache?.dataVersion.current()).toBe((before ?? 0) + 1);
      expect(cache?.keyFor(parts)).not.toBe(key);
    } finally {
      await cache?.close();
    }
  });
});
