// Concurrent ingests of the same articles: 100 at once over 10 files, through the services, in one
// process and from two clients (as two processes would be). Nothing is doubled, and a failure, if
// any, is a known code with a plain message, never the database client's own text.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type Database, openDatabase } from '../../src/db/client.js';
import { ingestErrorForDatabase } from '../../src/ingest/db-errors.js';
import { extractEntities } from '../../src/ingest/extract.js';
import { loadGazetteer } from '../../src/ingest/gazetteer-store.js';
import { loadNlp } from '../../src/ingest/nlp.js';
import { storeArticle } from '../../src/ingest/store.js';
import { parseArticle } from '../../src/ingest/text.js';
import { type IngestFailure, type IngestOutcome, ingestArticleText, ingestFiles } from '../../src/services/ingest.js';
import { prepareDatabase } from '../../src/services/setup.js';
import { useTestDatabase } from '../helpers/db.js';

await loadNlp();

const KNOWN_CODES = new Set(['CONFLICT', 'BUSY']);
const t = useTestDatabase({ seedCorpus: false });
let dir: string;
let other: Database;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-race-'));
  other = await openDatabase({ ...loadConfig({}), databaseUrl: t.url });
});
afterAll(async () => {
  await other?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Two versions of each of ten articles: same slug, different text (so that updates race too). */
function article(n: number, version: number): string {
  const places = ['Dandong', 'Sinuiju', 'Hyesan', 'Hunchun', 'Rason', 'Tumen', 'Yanji', 'Ji’an', 'Manpo', 'Namyang'];
  const place = places[n] ?? 'Dandong';
  return [
    '---',
    `slug: race-${n}`,
    `title: Race ${n}`,
    '---',
    `Traders in ${place} said the Hoeryong Trade Bureau ${version ? 'reopened' : 'closed'} the market on Sept. ${n + 1}.`,
    'A second paragraph that stays the same in both versions.',
    ...(version ? [`Officials from the Ministry of State Security visited ${place} twice.`] : []),
  ].join('\n');
}

function expectPlain(failure: IngestFailure) {
  expect(KNOWN_CODES, `${failure.code}: ${failure.message}`).toContain(failure.code);
  expect(failure.message).not.toMatch(/Invalid `|prisma|\/[\w.-]+\/[\w.-]+/i);
}

/** No article, paragraph position or key, entity name or mention twice; every article complete. */
async function expectNothingDoubled(db: Database, slugs: string[]) {
  const articles = await db.prisma.article.findMany({
    where: { slug: { in: slugs } },
    include: { paragraphs: { orderBy: { position: 'asc' }, include: { mentions: true } } },
  });
  expect(articles.map((a) => a.slug).sort()).toEqual([...slugs].sort());
  for (const a of articles) {
    expect(a.paragraphs.map((p) => p.position)).toEqual(a.paragraphs.map((_, n) => n));
    expect(new Set(a.paragraphs.map((p) => p.key)).size).toBe(a.paragraphs.length);
    const version = a.paragraphs.length === 3 ? 1 : 0;
    expect(a.paragraphs.map((p) => p.text)).toEqual(parseArticle(article(Number(a.slug.slice(5)), version)).paragraphs.map((p) => p.text));
    const mentions = a.paragraphs.flatMap((p) => p.mentions.map((m) => `${p.id}:${m.start}:${m.end}`));
    expect(new Set(mentions).size).toBe(mentions.length);
  }
  const doubled = await db.sql.query(
    `SELECT lower(name) AS name, kind, count(*)::int AS n FROM "Entity" GROUP BY lower(name), kind HAVING count(*) > 1`,
  );
  expect(doubled).toEqual([]);
}

describe('100 concurrent ingests of 10 files', () => {
  it('in one process, through ingestArticleText and ingestFiles: nothing doubled, no raw database message', {
    timeout: 180_000,
  }, async () => {
    const files = Array.from({ length: 10 }, (_, n) => {
      const file = path.join(dir, `race-${n}-v1.txt`);
      fs.writeFileSync(file, article(n, 1));
      return file;
    });
    const outcomes: IngestOutcome[] = await Promise.all(
      Array.from({ length: 100 }, async (_, k): Promise<IngestOutcome> => {
        const n = k % 10;
        const version = Math.floor(k / 10) % 2;
        if (k % 4 === 3) {
          const result = await ingestFiles(t.db, [files[n] ?? ''], { maxBytes: 1024 * 1024, by: 'cli' });
          const file = result.files[0];
          if (!file) throw new Error('no outcome');
          return file;
        }
        return ingestArticleText(t.db, article(n, version), { by: 'admin' });
      }),
    );
    const failures = outcomes.flatMap((o) => (o.ok ? [] : [o.error]));
    for (const f of failures) expectPlain(f);
    console.info(
      `[race] ${outcomes.length - failures.length} ingested, ${failures.length} failed (${failures.map((f) => f.code).join(', ')})`,
    );
    expect(failures).toEqual([]);
    await expectNothingDoubled(
      t.db,
      Array.from({ length: 10 }, (_, n) => `race-${n}`),
    );
  });

  it('from two clients at once (two processes): serialized by the article’s lock in the database', { timeout: 180_000 }, async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, k) => ingestArticleText(k % 2 ? other : t.db, article(k % 5, Math.floor(k / 5) % 2))),
    );
    const failures = outcomes.flatMap((o) => (o.ok ? [] : [o.error]));
    for (const f of failures) expectPlain(f);
    expect(failures).toEqual([]);
    await expectNothingDoubled(
      t.db,
      Array.from({ length: 10 }, (_, n) => `race-${n}`),
    );
  });

  it('storing one article 20 times at once, past the in-process queue, leaves one article', async () => {
    const parsed = parseArticle(article(0, 0).replace('race-0', 'race-direct'));
    const extraction = extractEntities(
      parsed.paragraphs.map((p) => p.text),
      await loadGazetteer(t.db.prisma),
    );
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => storeArticle(t.db.prisma, parsed, extraction)));
    const statuses = results.map((r) => (r.status === 'fulfilled' ? r.value.status : `failed: ${String(r.reason)}`));
    expect(statuses.filter((s) => s === 'created')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'unchanged')).toHaveLength(19);
    expect(await t.db.prisma.paragraph.count({ where: { article: { slug: 'race-direct' } } })).toBe(2);
  });
});

describe('database failures are coded', () => {
  it('maps a unique violation, a deadlock and a timeout to CONFLICT and BUSY, and leaves the rest alone', () => {
    const prismaLike = (code: string, message: string) =>
      Object.assign(new Error(message), { name: 'PrismaClientKnownRequestError', code });
    expect(ingestErrorForDatabase(prismaLike('P2002', 'Invalid `prisma.article.create()` invocation in /x/y.ts'), 's')?.code).toBe(
      'CONFLICT',
    );
    expect(ingestErrorForDatabase(prismaLike('P2034', 'deadlock'), 's')?.code).toBe('CONFLICT');
    const adapter = Object.assign(new Error('x'), { cause: { kind: 'postgres', originalCode: '40P01' } });
    expect(ingestErrorForDatabase(adapter, 's')?.code).toBe('CONFLICT');
    expect(
      ingestErrorForDatabase(prismaLike('P2028', 'Transaction API error: Unable to start a transaction in the given time.'), 's')?.code,
    ).toBe('BUSY');
    expect(ingestErrorForDatabase(Object.assign(new Error('x'), { cause: { originalCode: '57014' } }), 's')?.code).toBe('BUSY');
    expect(ingestErrorForDatabase(new Error('a bug'), 's')).toBeNull();
    const conflict = ingestErrorForDatabase(prismaLike('P2002', 'Invalid `prisma.article.create()`'), 'my-story');
    expect(conflict?.message).toBe('another ingest wrote the article "my-story" or one of its entities at the same moment; try again');
  });
});

describe('on PGlite', () => {
  const lite = {} as { db: Database; dir: string };
  beforeAll(async () => {
    lite.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-race-lite-'));
    lite.db = await openDatabase({ ...loadConfig({}), databaseUrl: undefined, dataDir: lite.dir });
    await prepareDatabase(lite.db, { seedCorpus: false });
  }, 120_000);
  afterAll(async () => {
    await lite.db?.close();
    fs.rmSync(lite.dir, { recursive: true, force: true });
  });

  it('30 concurrent ingests of 10 articles: nothing doubled, no raw database message', { timeout: 180_000 }, async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, k) => ingestArticleText(lite.db, article(k % 10, Math.floor(k / 10) % 2))),
    );
    const failures = outcomes.flatMap((o) => (o.ok ? [] : [o.error]));
    for (const f of failures) expectPlain(f);
    expect(failures).toEqual([]);
    await expectNothingDoubled(
      lite.db,
      Array.from({ length: 10 }, (_, n) => `race-${n}`),
    );
  });
});
