import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { useDatabase } from '../../src/db/current.js';
import { ingestText } from '../../src/ingest/index.js';
import { prepareDatabase } from '../../src/services/setup.js';
import { createApp } from '../../src/yoga.js';
import { gql } from '../helpers/gql.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-embedded-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the embedded PGlite database', () => {
  it('is migrated and seeded on first start, serves GraphQL, and keeps its data across a restart', async () => {
    const config = { ...loadConfig({}), databaseUrl: undefined, dataDir: dir };
    const first = await openDatabase(config);
    expect(first.kind).toBe('pglite');
    const report = await prepareDatabase(first);
    expect(report.migrationsApplied).toHaveLength(1);
    expect(report.articlesSeeded).toEqual(['nk-workers-china-seafood-plants']);
    await ingestText(first.prisma, '---\nslug: added-later\n---\nA later report from Dandong.');
    await first.close();

    const second = await openDatabase(config);
    try {
      const again = await prepareDatabase(second);
      expect(again).toEqual({ migrationsApplied: [], gazetteerAdded: 0, articlesSeeded: [] });
      useDatabase(second);
      const res = await gql(createApp(), '{ articles { totalCount edges { node { slug paragraphs { text } } } } }');
      expect(res.errors).toBeUndefined();
      expect(res.data?.articles.totalCount).toBe(2);
      const slugs = res.data?.articles.edges.map((e: { node: { slug: string } }) => e.node.slug).sort();
      expect(slugs).toEqual(['added-later', 'nk-workers-china-seafood-plants']);
    } finally {
      await second.close();
    }
  });
});
