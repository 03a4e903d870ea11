// Two server processes on one PostgreSQL database and one Redis, as replicas behind a load
// balancer would run: they share cache entries, and a write through one is served by the other
// at once, never an entry from before it.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { copyLocales } from '../helpers/locales.js';
import { freePort } from '../helpers/net.js';
import { SEED_SLUG } from '../helpers/seed.js';
import { until } from '../helpers/wait.js';

const TOKEN = 'replica-test-token-0123456789';
let t: TestDatabase;
let locales: ReturnType<typeof copyLocales>;
const dataDirs: string[] = [];
const replicas: Array<{ child: ChildProcess; url: string; log: string[] }> = [];

/** Starts `node src/main` (compiled by the global setup when it could) and waits for it to listen. */
async function startReplica(): Promise<{ child: ChildProcess; url: string; log: string[] }> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-replica-'));
  dataDirs.push(dataDir);
  const compiled = inject('pgdeskCompiled');
  const entry = compiled ? [path.join(compiled, 'src', 'main.js')] : ['--import', 'tsx', path.resolve('src/main.ts')];
  const child = spawn(process.execPath, entry, {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: t.url,
      REDIS_URL: 'redis://127.0.0.1:6379',
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_TOKEN: TOKEN,
      LOCALES_DIR: locales.root,
      DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  const replica = { child, url: `http://127.0.0.1:${port}/graphql`, log };
  replicas.push(replica);
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log.push(chunk.toString());
      if (log.join('').includes('the API at http')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`replica exited with ${code}: ${log.join('')}`)));
  });
  return replica;
}

async function post(url: string, query: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'ko', ...headers },
    body: JSON.stringify({ query }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: GraphQL results are checked field by field below
  return { cache: res.headers.get('x-cache'), json: (await res.json()) as any };
}

const ingest = (url: string, slug: string, title: string) =>
  post(
    url,
    `mutation { ingestArticle(input: { slug: "${slug}", title: "${title}", source: "Replica Wire",
      text: "Officials in Dandong said on Monday that more workers had arrived from Sinuiju." }) { status slug } }`,
    { authorization: `Bearer ${TOKEN}` },
  );

beforeAll(async () => {
  t = await openTestDatabase({ seedCorpus: true });
  locales = copyLocales();
  // One at a time: two first starts on one database would both apply the gazetteer.
  await startReplica();
  await startReplica();
});

afterAll(async () => {
  await Promise.all(
    replicas.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  locales.remove();
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  await t?.drop();
});

describe('two replicas on one database and one Redis', () => {
  it('share entries: a query answered by one is replayed by the other', async () => {
    const [a, b] = replicas;
    const query = `{ article(slug: "${SEED_SLUG}") { title paragraphs { text } } }`;
    const first = await post(a!.url, query);
    expect(first.cache).toBe('MISS');
    const second = await post(b!.url, query);
    expect(second.cache).toBe('HIT');
    expect(second.json).toEqual(first.json);
    expect(second.json.data.article.title).toMatch(/[가-힣]/);
  });

  it('serve an ingest through one replica from the other at once, and a re-ingest never from a stale entry', async () => {
    const [a, b] = replicas;
    const query = '{ article(slug: "replica-wire-report") { title source } }';
    // Both have "no such article" cached.
    await post(a!.url, query);
    await post(b!.url, query);
    expect((await post(b!.url, query)).json.data.article).toBeNull();

    const created = await ingest(a!.url, 'replica-wire-report', 'Workers arrive in Dandong');
    expect(created.json.data?.ingestArticle.status).toBe('CREATED');
    const seen = await until(
      () => post(b!.url, query),
      (r) => r.json.data.article !== null,
    );
    console.info(`[cache] an ingest through replica A was served by replica B ${seen.elapsed} ms later`);
    expect(seen.value.json.data.article).toEqual({ title: 'Workers arrive in Dandong', source: 'Replica Wire' });
    expect(seen.elapsed).toBeLessThan(1000);

    // Now B has the article cached; an edit through A replaces it on B too.
    expect((await post(b!.url, query)).cache).toBe('HIT');
    const updated = await ingest(a!.url, 'replica-wire-report', 'More workers arrive in Dandong');
    expect(updated.json.data?.ingestArticle.status).toBe('UPDATED');
    // A reads its own write at once: the mutation waited for its data version.
    expect((await post(a!.url, query)).json.data.article.title).toBe('More workers arrive in Dandong');
    const edited = await until(
      () => post(b!.url, query),
      (r) => r.json.data.article.title === 'More workers arrive in Dandong',
    );
    console.info(`[cache] a re-ingest through replica A replaced replica B's entry ${edited.elapsed} ms later`);
    expect(edited.elapsed).toBeLessThan(1000);
  });
});
