// The response cache in front of the real server on a port: replayed responses, ETags, what is
// never stored, languages never mixed up under load, and invalidation by writes to the database
// and by edits to the locale files.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openResponseCache, type ResponseCache } from '../../src/cache/index.js';
import { Catalog, LastGoodStore } from '../../src/i18n/catalog.js';
import { catalog, useCatalog } from '../../src/i18n/current.js';
import { type LocaleWatcher, watchLocales } from '../../src/i18n/watch.js';
import { createHttpServer } from '../../src/server.js';
import { createApp } from '../../src/yoga.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { copyLocales, saveByRename } from '../helpers/locales.js';
import { SEED_SLUG } from '../helpers/seed.js';
import { until } from '../helpers/wait.js';

let t: TestDatabase;
let locales: ReturnType<typeof copyLocales>;
let lastGoodDir: string;
let watcher: LocaleWatcher;
let cache: ResponseCache;
let server: http.Server;
let url: string;
/** The same application without a cache: what every response must equal. */
const reference = createApp();

interface Reply {
  status: number;
  cache: string | null;
  etag: string | null;
  body: string;
}

/** A POST with exactly these headers (fetch() would add an Accept-Language of its own). */
function post(body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const data = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': data.length, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            cache: (res.headers['x-cache'] as string | undefined) ?? null,
            etag: res.headers.etag ?? null,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

beforeAll(async () => {
  t = await openTestDatabase({ seedCorpus: true });
  locales = copyLocales();
  lastGoodDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-lastgood-'));
  const store = new LastGoodStore(lastGoodDir);
  useCatalog(Catalog.load(locales.root, { lastGood: store }));
  watcher = watchLocales(locales.root, { lastGood: store });
  const opened = await openResponseCache(
    t.db,
    { responseCache: true, redisUrl: undefined, responseCacheMb: 16, responseCacheTtlSeconds: 60 },
    catalog,
  );
  if (!opened) throw new Error('the cache is on');
  cache = opened;
  server = createHttpServer(createApp({ responseCache: cache }), cache);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await cache.close();
  watcher.close();
  locales.remove();
  fs.rmSync(lastGoodDir, { recursive: true, force: true });
  await t.drop();
});

const TITLE = { query: `{ article(slug: "${SEED_SLUG}") { title source } }` };

describe('the response cache', () => {
  it('replays a query answered before, byte for byte, with a strong ETag; If-None-Match gets 304', async () => {
    const first = await post(TITLE, { 'accept-language': 'ko' });
    const second = await post(TITLE, { 'accept-language': 'ko' });
    expect([first.cache, second.cache]).toEqual(['MISS', 'HIT']);
    expect(second.body).toBe(first.body);
    expect(second.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(second.etag).toBe(first.etag);
    const revalidated = await post(TITLE, { 'accept-language': 'ko', 'if-none-match': `"other", ${first.etag}` });
    expect(revalidated).toMatchObject({ status: 304, cache: 'HIT', etag: first.etag, body: '' });
    // Another language is another entry, with another ETag.
    const english = await post(TITLE, { 'accept-language': 'en' });
    expect(english.cache).toBe('MISS');
    expect(english.etag).not.toBe(first.etag);
    expect((await post(TITLE, { 'accept-language': 'en', 'if-none-match': first.etag ?? '' })).status).toBe(200);
  });

  it('never stores errors, and leaves authenticated, GET and non-JSON requests to the server as they are', async () => {
    const bad = { query: `{ article(slug: "${SEED_SLUG}", lang: "xx-bogus") { title } }` };
    const [a, b] = [await post(bad), await post(bad)];
    expect([a.cache, b.cache]).toEqual(['MISS', 'MISS']);
    expect(JSON.parse(b.body).errors[0].extensions.code).toBe('UNSUPPORTED_LANGUAGE');

    const authenticated = await post(TITLE, { authorization: 'Bearer not-a-token-of-this-server' });
    expect(authenticated.cache).toBeNull();
    const get = await fetch(`${url}?query=${encodeURIComponent(TITLE.query)}`, {
      headers: { accept: 'application/json', 'x-graphql-csrf': '1' },
    });
    expect(get.headers.get('x-cache')).toBeNull();
    expect(((await get.json()) as { data: { article: { source: string } } }).data.article.source).toBe('Daily NK');
  });

  it('answers 1,000 concurrent requests mixing languages by header and by argument, each exactly as without a cache', async () => {
    const headers = ['ko', 'ko-KR,ko;q=0.9,en;q=0.8', 'en', 'zh-CN', 'zh-TW', 'zh-Hant', 'fr, ko;q=0.5', ''];
    const queries = [
      `{ article(slug: "${SEED_SLUG}") { title paragraphs { language text } } }`,
      `{ article(slug: "${SEED_SLUG}", lang: "zh-Hans") { title paragraphs { language } } }`,
      `{ article(slug: "${SEED_SLUG}", lang: "ko") { title en: title(lang: "en") hant: title(lang: "zh-Hant") } }`,
      `{ article(slug: "${SEED_SLUG}") { title(lang: "ko") paragraphs { provenance text(lang: "zh-TW") } } }`,
    ];
    const variants = headers.flatMap((h) => queries.map((query) => ({ h, query })));
    // What each variant must be, asked of the same application without a cache.
    const expected = await Promise.all(
      variants.map(async ({ h, query }) => {
        const res = await reference.fetch('http://localhost/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(h ? { 'accept-language': h } : {}) },
          body: JSON.stringify({ query }),
        });
        return res.text();
      }),
    );
    // The expectations differ by language: a cache that ignored the language could not meet them.
    expect(new Set(expected).size).toBeGreaterThan(16);
    const before = { ...cache.stats };
    const replies = await Promise.all(
      Array.from({ length: 1000 }, async (_, i) => {
        const n = (i * 7) % variants.length;
        const { h, query } = variants[n]!;
        const reply = await post({ query }, h ? { 'accept-language': h } : {});
        return { n, reply };
      }),
    );
    const wrong = replies.filter(({ n, reply }) => reply.status !== 200 || reply.body !== expected[n]);
    expect(wrong.map(({ n, reply }) => ({ variant: variants[n], got: reply.body.slice(0, 200) }))).toEqual([]);
    const hits = cache.stats.hits - before.hits;
    console.info(`[cache] 1,000 mixed-language requests: ${hits} hits, ${cache.stats.misses - before.misses} misses, 0 wrong`);
    expect(hits).toBeGreaterThan(500);
  });

  it('serves a committed write at once: the data version moves and older entries are unreachable', async () => {
    const before = await post(TITLE);
    expect(JSON.parse(before.body).data.article.source).toBe('Daily NK');
    expect((await post(TITLE)).cache).toBe('HIT');
    const version = cache.dataVersion.current();
    await t.db.sql.exec(`UPDATE "Article" SET "source" = 'Daily NK Japan' WHERE "slug" = '${SEED_SLUG}'`);
    const { value, elapsed } = await until(
      () => post(TITLE),
      (r) => JSON.parse(r.body).data.article.source === 'Daily NK Japan',
    );
    console.info(`[cache] a committed UPDATE was served ${elapsed} ms later`);
    expect(value.cache).toBe('MISS');
    expect(cache.dataVersion.current()).toBeGreaterThan(version ?? Number.POSITIVE_INFINITY);
    expect(elapsed).toBeLessThan(1000);
    await t.db.sql.exec(`UPDATE "Article" SET "source" = 'Daily NK' WHERE "slug" = '${SEED_SLUG}'`);
  });

  it('serves an edited Korean locale file once it is reloaded: the catalog version is in the key', async () => {
    const query = { query: `{ article(slug: "${SEED_SLUG}") { title } }` };
    const title = async () => JSON.parse((await post(query, { 'accept-language': 'ko' })).body).data.article.title as string;
    const old = await title();
    // (The write the test before undid may still be arriving: wait for the entry to be replayed.)
    await until(
      () => post(query, { 'accept-language': 'ko' }),
      (r) => r.cache === 'HIT',
    );
    const file = locales.file(`ko/articles/${SEED_SLUG}.json`);
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    json.title = `${old} (수정)`;
    saveByRename(file, `${JSON.stringify(json, null, 2)}\n`);
    const { elapsed } = await until(title, (v) => v === `${old} (수정)`);
    console.info(`[cache] an edited Korean locale file was served ${elapsed} ms after the save`);
    expect(elapsed).toBeLessThan(1000);
  });

  it('is bypassed while the notifications connection is down, and used again once it is back', async () => {
    expect((await post(TITLE)).cache).toMatch(/HIT|MISS/);
    const [row] = await t.db.sql.query<{ n: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'polyglot-desk listen'`,
    );
    expect(row?.n).toBe(1);
    const down = await until(
      () => post(TITLE),
      (r) => r.cache === 'BYPASS',
    );
    expect(JSON.parse(down.value.body).data.article.source).toBe('Daily NK');
    // A write while it was down is not missed: the version is read again on reconnecting.
    await t.db.sql.exec(`UPDATE "Article" SET "source" = 'Daily NK (2)' WHERE "slug" = '${SEED_SLUG}'`);
    const back = await until(
      () => post(TITLE),
      (r) => r.cache === 'HIT',
    );
    expect(JSON.parse(back.value.body).data.article.source).toBe('Daily NK (2)');
    await t.db.sql.exec(`UPDATE "Article" SET "source" = 'Daily NK' WHERE "slug" = '${SEED_SLUG}'`);
  });
});
