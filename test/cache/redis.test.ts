// The response cache in Redis, reached through a TCP proxy this test can cut: Redis going away
// costs the cache, never a request, and its return brings the cache back.
import type http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openResponseCache, type ResponseCache } from '../../src/cache/index.js';
import { catalog } from '../../src/i18n/current.js';
import { createHttpServer } from '../../src/server.js';
import { createApp } from '../../src/yoga.js';
import { useTestDatabase } from '../helpers/db.js';
import { CuttableProxy } from '../helpers/net.js';
import { SEED_SLUG } from '../helpers/seed.js';

const t = useTestDatabase({ seedCorpus: true });

const proxy = new CuttableProxy(6379);
/** Two caches on the one Redis, as two replicas have: B can only hit what A stored through Redis. */
const replicas: Array<{ cache: ResponseCache; server: http.Server; url: string }> = [];
const logs: string[] = [];

async function post(url: string, query: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'ko' },
    body: JSON.stringify({ query }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: checked field by field
  return { status: res.status, cache: res.headers.get('x-cache'), json: (await res.json()) as any };
}

beforeAll(async () => {
  await proxy.open();
  for (let i = 0; i < 2; i++) {
    const cache = await openResponseCache(
      t.db,
      { responseCache: true, redisUrl: `redis://127.0.0.1:${proxy.port}`, responseCacheMb: 1, responseCacheTtlSeconds: 60 },
      catalog,
      (line) => logs.push(line),
    );
    if (!cache) throw new Error('the cache is on');
    const server = createHttpServer(createApp({ responseCache: cache }), cache);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    replicas.push({ cache, server, url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/graphql` });
  }
});

afterAll(async () => {
  for (const { server, cache } of replicas) {
    await new Promise((resolve) => server.close(resolve));
    await cache.close();
  }
  await proxy.cut();
});

describe('the response cache in Redis', () => {
  it('refuses to start on a Redis that does not answer, in one line', async () => {
    const closed = new CuttableProxy(6379);
    await closed.open();
    const port = closed.port;
    await closed.cut();
    await expect(
      openResponseCache(
        t.db,
        { responseCache: true, redisUrl: `redis://127.0.0.1:${port}`, responseCacheMb: 1, responseCacheTtlSeconds: 60 },
        catalog,
      ),
    ).rejects.toThrow(/^REDIS_URL: Redis at redis:\/\/127\.0\.0\.1:\d+ does not answer \(.+\)$/);
  });

  it('keeps answering while Redis is away, and shares entries again once it is back', async () => {
    const [a, b] = replicas;
    // Queries no other test asks, so that no in-process layer has seen them.
    const query = (n: number) => `{ article(slug: "${SEED_SLUG}") { title p${n}: paragraphCount } }`;
    expect(a!.cache.store.kind).toBe('redis');
    expect((await post(a!.url, query(1))).cache).toBe('MISS');
    expect((await post(b!.url, query(1))).cache).toBe('HIT');

    await proxy.cut();
    const during = await post(a!.url, query(2));
    expect(during.status).toBe(200);
    expect(during.json.data.article.title).toMatch(/[가-힣]/);
    expect(during.cache).toBe('MISS');
    expect((await post(b!.url, query(2))).cache).toBe('MISS');

    await proxy.open();
    for (let n = 3; ; n++) {
      await post(a!.url, query(n));
      if ((await post(b!.url, query(n))).cache === 'HIT') break;
      if (n > 300) throw new Error(`B never hit what A stored after Redis came back: ${logs.join('\n')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(logs.filter((l) => /Redis does not answer/.test(l)).length).toBeGreaterThan(0);
    expect(logs.filter((l) => /Redis answers again/.test(l)).length).toBeGreaterThan(0);
  });
});
