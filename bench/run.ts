// npm run bench: side-by-side measurements in one run, reported as ratios.
//  1. Entity extraction on the seed article: gazetteer + rules alone, and with compromise proposals.
//  2. The nested article query through yoga.fetch on PostgreSQL and on the embedded PGlite.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nlp from 'compromise';
import pg from 'pg';
import model from 'wink-eng-lite-web-model';
import winkNLP, { type ItemToken } from 'wink-nlp';
import { loadConfig } from '../src/config.js';
import { type Database, openDatabase } from '../src/db/client.js';
import { useDatabase } from '../src/db/current.js';
import { Catalog } from '../src/i18n/catalog.js';
import { extractEntities } from '../src/ingest/extract.js';
import { loadGazetteer } from '../src/ingest/gazetteer-store.js';
import { loadNlp } from '../src/ingest/nlp.js';
import { parseArticle } from '../src/ingest/text.js';
import { prepareDatabase } from '../src/services/setup.js';
import { createApp } from '../src/yoga.js';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const SEED = fs.readFileSync('data/articles/nk-workers-china-seafood-plants.txt', 'utf8');
const QUERY = `{ article(slug: "nk-workers-china-seafood-plants") { title
  paragraphs { position text language provenance mentions { start end text located entity { key name kind kindLabel } } }
  entities { key name kind aliases } } }`;

function time(fn: () => void, iterations: number): number {
  for (let i = 0; i < 3; i++) fn();
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  return (performance.now() - start) / iterations;
}

async function timeAsync(fn: () => Promise<unknown>, iterations: number): Promise<{ mean: number; p95: number }> {
  for (let i = 0; i < 10; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { mean: samples.reduce((a, b) => a + b, 0) / samples.length, p95: samples[Math.floor(samples.length * 0.95)] ?? 0 };
}

async function benchQuery(db: Database, label: string) {
  useDatabase(db);
  const yoga = createApp();
  const request = async () => {
    const res = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    });
    const body = (await res.json()) as { errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  };
  const result = await timeAsync(request, 300);
  console.log(`  ${label.padEnd(10)} mean ${result.mean.toFixed(2)} ms, p95 ${result.p95.toFixed(2)} ms`);
  return result;
}

const name = `pgdesk_bench_${process.pid}`;
const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}"`);
const url = new URL(ADMIN_URL);
url.pathname = `/${name}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-bench-'));
const postgres = await openDatabase({ ...loadConfig({}), databaseUrl: url.toString() });
const pglite = await openDatabase({ ...loadConfig({}), databaseUrl: undefined, dataDir: dir });
try {
  await prepareDatabase(postgres);
  await prepareDatabase(pglite);

  await loadNlp();
  const article = parseArticle(SEED);
  const paragraphs = article.paragraphs.map((p) => p.text);
  const gazetteer = await loadGazetteer(postgres.prisma);
  console.log(`extraction, seed article (${SEED.length} chars, gazetteer of ${gazetteer.size} entities), 50 runs each:`);
  const rules = time(() => extractEntities(paragraphs, gazetteer, { proposals: false }), 50);
  const full = time(() => extractEntities(paragraphs, gazetteer), 50);
  console.log(`  gazetteer + rules        ${rules.toFixed(2)} ms/article`);
  console.log(`  + NLP proposals          ${full.toFixed(2)} ms/article  (${(full / rules).toFixed(1)}× the rules alone)`);

  // Which NLP library should propose names the gazetteer does not know? With no gazetteer at all,
  // how many of the seed article's named entities does each one's proper-noun tagging find, and at what cost.
  const names = [
    'Kim Jong Un',
    'North Korea',
    'China',
    'North Pyongan',
    'Dandong',
    'Donggang',
    'Liaoning',
    'Sonchon',
    'Yomju',
    'Cholsan',
    'Sinuiju',
    'Russia',
    'Ukraine',
    'Pyongyang',
    'Beijing',
    'Daily NK',
    'North Korean Cabinet',
    'U.N. Security Council',
  ];
  const strip = (s: string) => s.replace(/(?:’s|'s)?[\s.,;:!?"“”—]*$/u, '').replace(/^the\s+/i, '');
  const wink = winkNLP(model);
  const winkNames = (text: string) => {
    const found: string[] = [];
    let run: string[] = [];
    wink
      .readDoc(text)
      .tokens()
      .each((t: ItemToken) => {
        if (t.out(wink.its.pos) === 'PROPN') run.push(t.out());
        else if (run.length) {
          found.push(run.join(' '));
          run = [];
        }
      });
    if (run.length) found.push(run.join(' '));
    return found;
  };
  const compromiseNames = (text: string) => nlp(text).match('#ProperNoun+').out('array') as string[];
  const text = paragraphs.join('\n');
  for (const [label, propose] of [
    ['compromise', compromiseNames],
    ['wink-nlp', winkNames],
  ] as const) {
    const candidates = new Set(
      propose(text)
        .flatMap((c) => c.split(/[—–]|,\s*/u))
        .map(strip),
    );
    const hits = names.filter((n) => candidates.has(n) || [...candidates].some((c) => c.startsWith(`${n} `) || c.endsWith(` ${n}`)));
    const ms = time(() => propose(text), 20);
    console.log(
      `  ${label.padEnd(11)} proper-noun candidates find ${hits.length}/${names.length} names unaided, ${candidates.size} candidates, ${ms.toFixed(2)} ms/article`,
    );
  }

  console.log('nested article query through yoga.fetch, 300 sequential requests each:');
  const heapBefore = process.memoryUsage().rss;
  const onPostgres = await benchQuery(postgres, 'PostgreSQL');
  const onPglite = await benchQuery(pglite, 'PGlite');
  console.log(`  PGlite / PostgreSQL mean latency: ${(onPglite.mean / onPostgres.mean).toFixed(2)}×`);

  // What serving a translation costs next to serving the original: the same query, same database.
  console.log('the same query per language on PostgreSQL, 300 sequential requests each:');
  useDatabase(postgres);
  const yoga = createApp();
  const perLanguage: Record<string, number> = {};
  for (const lang of ['en', 'ko', 'zh-Hans', 'zh-Hant']) {
    const body = JSON.stringify({
      query: QUERY.replace('slug: "nk-workers-china-seafood-plants"', `slug: "nk-workers-china-seafood-plants", lang: "${lang}"`),
    });
    const r = await timeAsync(async () => {
      const res = await yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await res.json();
    }, 300);
    perLanguage[lang] = r.mean;
    console.log(
      `  ${lang.padEnd(8)} mean ${r.mean.toFixed(2)} ms, p95 ${r.p95.toFixed(2)} ms (${(r.mean / (perLanguage.en ?? r.mean)).toFixed(2)}× en)`,
    );
  }
  const loadStart = performance.now();
  const heap = process.memoryUsage().heapUsed;
  const fresh = Catalog.load();
  console.log(
    `  loading every locale file (with the zh-Hant conversion): ${(performance.now() - loadStart).toFixed(1)} ms, ${fresh.namespaces.length} namespaces, heap +${((process.memoryUsage().heapUsed - heap) / 2 ** 20).toFixed(1)} MiB`,
  );
  console.log(
    `  process RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB (grew ${((process.memoryUsage().rss - heapBefore) / 2 ** 20).toFixed(0)} MiB during the query runs)`,
  );
} finally {
  await postgres.close();
  await pglite.close();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
  fs.rmSync(dir, { recursive: true, force: true });
}
