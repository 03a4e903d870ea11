// What an operator checks first, on the real server on a port: liveness, readiness across a
// database outage (a TCP proxy this test cuts), Prometheus metrics, CSRF and CORS defaults,
// introspection off in production, and limit errors in each request's own language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openResponseCache, type ResponseCache } from '../../src/cache/index.js';
import { loadConfig } from '../../src/config.js';
import { type Database, openDatabase } from '../../src/db/client.js';
import { useDatabase } from '../../src/db/current.js';
import { readiness } from '../../src/health.js';
import { catalog } from '../../src/i18n/current.js';
import { Metrics } from '../../src/metrics.js';
import { HttpServer } from '../../src/server.js';
import { createApp } from '../../src/yoga.js';
import { useTestDatabase } from '../helpers/db.js';
import { CuttableProxy } from '../helpers/net.js';
import { SEED_SLUG } from '../helpers/seed.js';

const t = useTestDatabase({ seedCorpus: true });

const proxy = new CuttableProxy(5432);
let db: Database;
let cache: ResponseCache | null;
const metrics = new Metrics({ cache: () => cache?.stats ?? null, pool: () => db?.poolStats?.() ?? null });
const servers: HttpServer[] = [];
let base: string;

async function start(options: Parameters<typeof createApp>[0]): Promise<string> {
  const http = new HttpServer({ metrics, ready: () => readiness(db, catalog) });
  http.attach({ yoga: createApp({ ...options, metrics }), cache });
  servers.push(http);
  return `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
}

const gqlPost = (url: string, query: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });

beforeAll(async () => {
  await proxy.open();
  const url = new URL(t.url);
  url.port = String(proxy.port);
  db = await openDatabase({ ...loadConfig({}), databaseUrl: url.toString(), dbConnectTimeoutMs: 500, dbQueryTimeoutMs: 2000 });
  useDatabase(db);
  cache = await openResponseCache(
    db,
    { responseCache: true, redisUrl: undefined, responseCacheMb: 1, responseCacheTtlSeconds: 60 },
    catalog,
  );
  base = await start({ responseCache: cache, introspection: true });
});

afterAll(async () => {
  for (const s of servers) await s.close();
  await cache?.close();
  await db?.close();
  await proxy.cut();
});

describe('operations', () => {
  it('/health is alive, only at /health; / is the desk', async () => {
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${base}/graphql/health`)).status).toBe(404);
    const root = await fetch(`${base}/`, { redirect: 'manual' });
    expect([root.status, root.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect((await fetch(`${base}/health`)).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await fetch(`${base}/health`, { headers: { 'x-request-id': 'lb-42' } })).headers.get('x-request-id')).toBe('lb-42');
  });

  it('/ready goes 200 → 503 with the reason → 200 across a database outage; queries needing the database get a localized 503', async () => {
    expect((await fetch(`${base}/ready`)).status).toBe(200);
    await proxy.cut();
    try {
      const down = await fetch(`${base}/ready`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ status: 'unavailable', reason: expect.stringMatching(/^database: /) });
      const query = await gqlPost(base, `{ article(slug: "${SEED_SLUG}") { title source } }`, { 'accept-language': 'ko' });
      expect(query.status).toBe(503);
      const body = (await query.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
      expect(body.errors[0]?.extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(body.errors[0]?.message).toMatch(/데이터베이스/);
      expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|SELECT|at .*\.js/);
    } finally {
      await proxy.open();
    }
    const start = Date.now();
    for (;;) {
      if ((await fetch(`${base}/ready`)).status === 200) break;
      if (Date.now() - start > 10_000) throw new Error('not ready again after 10 s');
      await new Promise((r) => setTimeout(r, 50));
    }
    console.info(`[ops] ready again ${Date.now() - start} ms after the database came back`);
    const again = await gqlPost(base, `{ article(slug: "${SEED_SLUG}") { source } }`);
    expect(((await again.json()) as { data: { article: { source: string } } }).data.article.source).toBe('Daily NK');
  });

  it('/metrics is Prometheus text with Yoga’s metrics and the service’s own', async () => {
    // (After the outage above, the cache is bypassed until its notifications connection is back.)
    for (let i = 0; ; i++) {
      const res = await gqlPost(base, `{ article(slug: "${SEED_SLUG}") { title } }`, { 'accept-language': 'zh-TW' });
      if (res.headers.get('x-cache') === 'HIT') break;
      if (i > 400) throw new Error('no cache hit');
      await new Promise((r) => setTimeout(r, 25));
    }
    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const sample = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})? (-?[0-9.e+-]+|NaN|[+-]Inf)( -?\d+)?$/;
    const bad = text.split('\n').filter((line) => line && !line.startsWith('# HELP ') && !line.startsWith('# TYPE ') && !sample.test(line));
    expect(bad).toEqual([]);
    expect(text).toMatch(/^pgdesk_graphql_requests_total\{language="zh-Hant"\} [1-9]/m);
    expect(text).toMatch(/^pgdesk_response_cache_total\{result="hit"\} [1-9]/m);
    expect(text).toMatch(/^pgdesk_db_pool_connections\{state="total"\} \d+/m);
    expect(text).toMatch(/^graphql_yoga_http_duration_count\{/m);
    expect(text).toMatch(/^pgdesk_http_request_duration_seconds_count\{route="\/graphql",status="200",cache="HIT"\} [1-9]/m);
  });

  it('refuses queries a browser could send from another site without a preflight (CSRF)', async () => {
    const form = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=%7B__typename%7D',
    });
    expect(form.status).toBe(403);
    const get = await fetch(`${base}/graphql?query=%7B__typename%7D`, { headers: { accept: 'application/json' } });
    expect(get.status).toBe(403);
    const withHeader = await fetch(`${base}/graphql?query=%7B__typename%7D`, {
      headers: { accept: 'application/json', 'x-graphql-csrf': '1' },
    });
    expect(withHeader.status).toBe(200);
  });

  it('allows no other origin by default, and named origins without credentials', async () => {
    const preflight = (url: string, origin: string) =>
      fetch(`${url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const closed = await preflight(base, 'https://evil.example');
    expect(closed.headers.get('access-control-allow-origin')).toBeNull();
    const named = await start({ corsOrigins: ['https://desk.example'] });
    const allowed = await preflight(named, 'https://desk.example');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://desk.example');
    expect(allowed.headers.get('access-control-allow-credentials')).not.toBe('true');
    expect((await preflight(named, 'https://evil.example')).headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
  });

  it('in production, answers no introspection and suggests no field names', async () => {
    const production = await start({ introspection: false });
    const schema = await gqlPost(production, '{ __schema { types { name } } }');
    expect(JSON.stringify(await schema.json())).not.toContain('"Article"');
    const typo = (await (await gqlPost(production, '{ articel(slug: "x") { title } }')).json()) as { errors: Array<{ message: string }> };
    expect(typo.errors[0]?.message).not.toMatch(/Did you mean/);
    const graphiql = await fetch(`${production}/graphql`, { headers: { accept: 'text/html' } });
    expect(await graphiql.text()).not.toContain('<html');
    // Development keeps all three.
    const dev = (await (await gqlPost(base, '{ articel(slug: "x") { title } }')).json()) as { errors: Array<{ message: string }> };
    expect(dev.errors[0]?.message).toMatch(/Did you mean "article"/);
  });

  it('answers an over-limit query with a 400 and QUERY_TOO_COMPLEX in each request’s language, JSON or not', async () => {
    const deep = `{ ${'article(slug: "x") { paragraphs { article { paragraphs { '.repeat(4)} text ${'} } } } '.repeat(4)} }`;
    const tokens = `{ ${'__typename '.repeat(3100)} }`;
    for (const query of [deep, tokens]) {
      for (const [language, pattern] of [
        ['ko', /[가-힣]/],
        ['en', /^The query is too large/],
      ] as const) {
        for (const accept of ['application/json', 'application/graphql-response+json']) {
          const res = await gqlPost(base, query, { 'accept-language': language, accept });
          expect(res.status).toBe(400);
          const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
          expect(body.errors[0]?.extensions.code).toBe('QUERY_TOO_COMPLEX');
          expect(body.errors[0]?.message).toMatch(pattern);
        }
      }
    }
  });
});
