// npm run bench (part 2): the server's start-up, as an operator runs it.
//  1. First start on an empty embedded database (migrates, loads the gazetteer, ingests the corpus).
//  2. Second start on the same, already seeded database: it must not load the NLP libraries
//     (compromise, wink-nlp), and its idle RSS must stay within 200 MB.
//  The same on PostgreSQL (DATABASE_URL). Each start is a separate `node dist/main.js` (npm run build).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startCommand } from './peer/targets.js';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const NLP = /^(compromise|wink-nlp|wink-eng-lite-web-model)(\/|$)/;
const RSS_LIMIT_MB = 200;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

const rssMb = (pid: number) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no "${pattern}" within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

interface Start {
  seconds: number;
  rssMb: number;
  /** NLP packages resolved (traced starts only). */
  nlpLoaded: string[];
  traced: boolean;
}

/** The Node flags `npm start` gives the server, so that it runs here as it runs there. */
const START_FLAGS = startCommand().flags;

/**
 * Starts the server, sends one request, waits, and reads its RSS. With `trace`, a loader hook
 * records the packages it resolves; the hook runs a thread of its own, so RSS is read untraced.
 */
async function start(env: Record<string, string>, trace = false): Promise<Start> {
  const traceFile = path.join(os.tmpdir(), `pgdesk-trace-${process.pid}-${Date.now()}`);
  const port = await freePort();
  const began = performance.now();
  const child = spawn(process.execPath, [...START_FLAGS, ...(trace ? ['--import', './bench/trace-imports.mjs'] : []), 'dist/main.js'], {
    env: { ...process.env, ...env, PORT: String(port), TRACE_IMPORTS_FILE: traceFile, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    // The line that names the API's address, in the readable or the JSON log format.
    await waitForLine(child, /the API at http/, 180_000);
    const seconds = (performance.now() - began) / 1000;
    // One request, then idle: what a server that has served costs at rest.
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ articles(first: 1) { totalCount } }' }),
    });
    if (!response.ok) throw new Error(`query failed: ${response.status}`);
    await new Promise((r) => setTimeout(r, 2000));
    const rss = rssMb(child.pid ?? 0);
    const resolved = fs.existsSync(traceFile) ? fs.readFileSync(traceFile, 'utf8').split('\n') : [];
    return { seconds, rssMb: rss, nlpLoaded: [...new Set(resolved.filter((s) => NLP.test(s)))], traced: trace };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(traceFile, { force: true });
  }
}

const report = (label: string, s: Start) =>
  console.log(
    `  ${label.padEnd(38)} ready in ${s.seconds.toFixed(1)} s, idle RSS ${s.rssMb.toFixed(0)} MB${s.traced ? `, NLP loaded: ${s.nlpLoaded.length ? s.nlpLoaded.join(', ') : 'no'}` : ''}`,
  );

// The server runs compiled, as `npm start` runs it.
if (spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' }).status !== 0) process.exit(1);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-bench-start-'));
const name = `pgdesk_bench_start_${process.pid}`;
const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}"`);
const url = new URL(ADMIN_URL);
url.pathname = `/${name}`;
let failed = false;
try {
  console.log('Server start-up (node dist/main.js, NODE_ENV=production):');
  const embedded = { DATA_DIR: dataDir, DATABASE_URL: '' };
  report('embedded, first start (seeds)', await start(embedded, true));
  const embeddedTraced = await start(embedded, true);
  report('embedded, seeded database (traced)', embeddedTraced);
  report('embedded, seeded database', await start(embedded));
  const postgres = { DATABASE_URL: url.toString(), DATA_DIR: dataDir };
  report('PostgreSQL, first start (seeds)', await start(postgres, true));
  const postgresTraced = await start(postgres, true);
  report('PostgreSQL, seeded database (traced)', postgresTraced);
  const postgresAgain = await start(postgres);
  report('PostgreSQL, seeded database', postgresAgain);
  // PGlite's own WASM PostgreSQL is most of the embedded figure; the limit applies to the service on PostgreSQL.
  if (embeddedTraced.nlpLoaded.length || postgresTraced.nlpLoaded.length || postgresAgain.rssMb > RSS_LIMIT_MB) failed = true;
  console.log(
    failed
      ? `  FAIL: a start on a seeded database loaded the NLP libraries, or the server on PostgreSQL went over ${RSS_LIMIT_MB} MB`
      : `  ok: starts on a seeded database load no NLP library; the server on PostgreSQL stays under ${RSS_LIMIT_MB} MB`,
  );
} finally {
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
