// npm run bench:peer: polyglot-desk against PostGraphile 5 (amber preset) and a raw-pg floor, on the
// same PostgreSQL database and rows, side by side in one run.
//  1. A fresh database, migrated and seeded by polyglot-desk, grown to ~200 articles in SQL.
//  2. Statements per operation: each target started once more behind a counting TCP proxy.
//  3. Load: every target a child process of its own; per round and query, the targets one after
//     another in rotating order (autocannon, in this process), CPU of the target and of PostgreSQL's
//     backends read from /proc, RSS sampled every 100 ms. Medians over rounds, ratios per round.
// Options: --rounds N (3), --duration S (5), --warmup S (1), --connections C (20), --quick (1 round × 2 s).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ADMIN_URL, backendPids, copySeedArticle, createDatabase, databaseUrl, dropDatabase, expectedAnswers } from './peer/data.js';
import { type LoadResult, load } from './peer/load.js';
import { CpuOfProcesses, cpuMs, machineBusyMs, rssMb, sampleRss } from './peer/procfs.js';
import { StatementProxy } from './peer/proxy.js';
import {
  type ArticleAnswer,
  checkAnswer,
  type Expected,
  type Kind,
  type PageAnswer,
  QUERIES,
  type QueryId,
  requestFor,
  sameAsQ1,
} from './peer/queries.js';
import { type Measurement, markdown, type StatementCount, type Statements, summarize, type TargetInfo } from './peer/report.js';
import { Server, stopAll, type TargetDef, targetDefs } from './peer/targets.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const COPIES = 200;
/** Requests per query in the statement-counting phase, after as many to warm the connections. */
const COUNTED = 10;

interface Options {
  rounds: number;
  duration: number;
  warmup: number;
  connections: number;
}

const USAGE = 'usage: npm run bench:peer -- [--rounds N] [--duration S] [--warmup S] [--connections C] [--quick]';

function parse() {
  try {
    return parseArgs({
      options: {
        rounds: { type: 'string' },
        duration: { type: 'string' },
        warmup: { type: 'string' },
        connections: { type: 'string' },
        quick: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

function options(): Options {
  const values = parse();
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const number = (name: string, raw: string | undefined, fallback: number, min: number, max: number) => {
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || value > max) {
      console.error(`--${name} must be a number from ${min} to ${max}, got "${raw}"`);
      process.exit(2);
    }
    return value;
  };
  return {
    rounds: Math.round(number('rounds', values.rounds, values.quick ? 1 : 3, 1, 50)),
    duration: number('duration', values.duration, values.quick ? 2 : 5, 0.5, 600),
    warmup: number('warmup', values.warmup, 1, 0, 60),
    connections: Math.round(number('connections', values.connections, 20, 1, 500)),
  };
}

const opts = options();
const dbName = `pgdesk_peer_${process.pid}`;
const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-peer-'));
const logDir = path.join(tmpDir, 'logs');
const admin = new pg.Client({ connectionString: ADMIN_URL });
let dbCreated = false;
let cleaning: Promise<void> | undefined;
let interrupted = false;

/** Stops every child, drops the database and removes the temporary folder; safe to call twice. */
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await stopAll();
    if (dbCreated) {
      await dropDatabase(admin, dbName).catch((err) => console.error(`could not drop ${dbName}: ${err.message}`));
    }
    await admin.end().catch(() => {});
    fs.rmSync(tmpDir, { recursive: true, force: true });
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\n[peer] ${signal}: stopping the servers and dropping ${dbName}`);
    void cleanup().finally(() => process.exit(130));
  });
}

const log = (line: string) => console.log(`[peer] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
  status: number;
  text: string;
  cache: string | null;
}

async function ask(server: Server, query: QueryId): Promise<Answer> {
  const spec = requestFor(server.def.kind, query);
  const res = await fetch(server.url + spec.path, { method: 'POST', headers: spec.headers, body: spec.body });
  return { status: res.status, text: await res.text(), cache: res.headers.get('x-cache') };
}

/** Asks and checks; a wrong answer stops the run. */
async function askChecked(
  server: Server,
  query: QueryId,
  expected: Expected,
): Promise<{ answer: ArticleAnswer | PageAnswer; cache: string | null }> {
  const { status, text, cache } = await ask(server, query);
  try {
    return { answer: checkAnswer(server.def.kind, query, status, text, expected), cache };
  } catch (err) {
    throw new Error(`${server.def.label}, ${query}: ${(err as Error).message}`);
  }
}

const queriesOf = (kind: Kind) => QUERIES.filter((q) => !sameAsQ1(kind, q));

async function prepareData(): Promise<Expected> {
  log('building dist/ (node scripts/build.mjs)');
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed');
  await createDatabase(admin, dbName);
  dbCreated = true;
  log(`database ${dbName}: migrating and seeding through polyglot-desk`);
  const [desk] = targetDefs(tmpDir);
  const seeder = await Server.start(desk!, databaseUrl(dbName), logDir);
  await seeder.stop();
  const copied = await copySeedArticle(databaseUrl(dbName), COPIES);
  log(
    `copied the seed article ${copied.articles} times: ${copied.paragraphs} paragraphs, ${copied.mentions} mentions, ${copied.articleEntities} article entities; ANALYZE done`,
  );
  return expectedAnswers(databaseUrl(dbName));
}

/** Each target behind the counting proxy: warm its connections, then count statements per operation. */
async function countStatements(defs: TargetDef[], expected: Expected): Promise<Statements> {
  const upstream = new URL(ADMIN_URL);
  const proxy = new StatementProxy(upstream.hostname, Number(upstream.port || 5432));
  const port = await proxy.listen();
  const statements: Statements = {};
  try {
    for (const def of defs) {
      const server = await Server.start(def, databaseUrl(dbName, port), logDir);
      try {
        for (const query of queriesOf(def.kind)) for (let i = 0; i < COUNTED; i++) await askChecked(server, query, expected);
        const counts: Partial<Record<QueryId, StatementCount>> = {};
        for (const query of queriesOf(def.kind)) {
          proxy.take();
          for (let i = 0; i < COUNTED; i++) await askChecked(server, query, expected);
          await sleep(100); // a statement sent after the answer (a write-back, a COMMIT) still counts
          const c = proxy.take();
          counts[query] = {
            perOp: (c.execute + c.query) / COUNTED,
            execute: c.execute,
            query: c.query,
            parse: c.parse,
            operations: COUNTED,
            newConnections: c.connections,
          };
        }
        statements[def.id] = counts;
        const shown = Object.entries(counts).map(
          ([q, c]) => `${q} ${c.perOp}${c.newConnections ? ` (${c.newConnections} new connections)` : ''}`,
        );
        log(`statements per operation, ${def.label}: ${shown.join(', ')}`);
      } finally {
        await server.stop();
      }
    }
  } finally {
    await proxy.close();
  }
  return statements;
}

/** Every target's first answers: checked, and compared across targets (Korean: both polyglot-desk targets). */
async function checkTargets(servers: Server[], expected: Expected): Promise<boolean> {
  let cacheHeaderSeen = false;
  for (const query of QUERIES) {
    let reference: { label: string; json: string } | undefined;
    for (const server of servers) {
      if (sameAsQ1(server.def.kind, query)) continue;
      for (let i = 0; i < 3; i++) {
        const { answer, cache } = await askChecked(server, query, expected);
        if (cache) cacheHeaderSeen = true;
        const json = JSON.stringify(answer);
        reference ??= { label: server.def.label, json };
        if (json !== reference.json) {
          throw new Error(
            `${server.def.label} and ${reference.label} answer ${query} differently:\n${firstDifference(json, reference.json)}`,
          );
        }
      }
    }
  }
  return cacheHeaderSeen;
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `  …${a.slice(Math.max(0, i - 80), i + 80)}\n  …${b.slice(Math.max(0, i - 80), i + 80)}`;
}

function failed(result: LoadResult): string | null {
  const problems = [
    result.bad && `${result.bad} bad answers`,
    result.non2xx && `${result.non2xx} non-2xx`,
    result.errors && `${result.errors} connection errors`,
    result.timeouts && `${result.timeouts} timeouts`,
  ].filter(Boolean);
  return problems.length ? `${problems.join(', ')}${result.sample ? `; e.g. ${result.sample}` : ''}` : null;
}

async function measure(server: Server, query: QueryId, round: number): Promise<Measurement> {
  const spec = requestFor(server.def.kind, query);
  if (opts.warmup > 0) {
    const warm = await load(server.url, spec, opts.connections, opts.warmup);
    const problem = failed(warm);
    if (problem) throw new Error(`${server.def.label}, ${query}, warm-up: ${problem}`);
  }
  const pgCpu = new CpuOfProcesses(await backendPids(admin, dbName));
  const node0 = cpuMs(server.pid);
  const rss = sampleRss(server.pid);
  const self0 = process.cpuUsage();
  const busy0 = machineBusyMs();
  const result = await load(server.url, spec, opts.connections, opts.duration);
  const busy = machineBusyMs() - busy0;
  const self = process.cpuUsage(self0);
  const node1 = cpuMs(server.pid);
  const pgMs = pgCpu.usedBy(await backendPids(admin, dbName));
  const peak = rss.stop();
  const problem = failed(result);
  if (problem) throw new Error(`${server.def.label}, ${query}, round ${round + 1}: ${problem}`);
  if (node0 === null || node1 === null) throw new Error(`${server.def.label} exited:\n${server.tail()}`);
  const selfMs = (self.user + self.system) / 1000;
  return {
    round,
    query,
    target: server.def.id,
    requests: result.requests,
    seconds: result.seconds,
    rps: result.rps,
    p50: result.p50,
    p99: result.p99,
    nodeCpuMsPerReq: (node1 - node0) / result.requests,
    pgCpuMsPerReq: pgMs / result.requests,
    rssPeakMb: peak,
    loadGeneratorCpuMsPerReq: selfMs / result.requests,
    otherCpuShare: Math.max(0, busy - (node1 - node0) - pgMs - selfMs) / (result.seconds * 1000),
    cacheHit: result.cacheHit,
    cacheMiss: result.cacheMiss,
  };
}

async function main() {
  const started = Date.now();
  await admin.connect();
  const pgVersion = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version;
  const expected = await prepareData();
  const defs = targetDefs(tmpDir);

  const statements = await countStatements(defs, expected);

  log('starting the targets for the load phase');
  const servers: Server[] = [];
  for (const def of defs) servers.push(await Server.start(def, databaseUrl(dbName), logDir));
  const cacheHeaderSeenAtCheck = await checkTargets(servers, expected);
  log('every answer checked: no errors, the expected paragraphs and mentions, Hangul in Korean, the same English everywhere');
  await sleep(1000);
  const targets: TargetInfo[] = servers.map((s) => ({
    id: s.def.id,
    label: s.def.label,
    kind: s.def.kind,
    rssIdleMb: rssMb(s.pid) ?? Number.NaN,
  }));

  // How busy the machine is with the targets idle: anything else running now shares the cores with the runs.
  const ours = () => servers.reduce((ms, s) => ms + (cpuMs(s.pid) ?? 0), 0);
  const busy0 = machineBusyMs();
  const ours0 = ours();
  const backends = new CpuOfProcesses(await backendPids(admin, dbName));
  await sleep(2000);
  const busyBefore = (machineBusyMs() - busy0) / 2000;
  const idleTargets = (ours() - ours0 + backends.usedBy(await backendPids(admin, dbName))) / 2000;
  if (busyBefore > 0.3) {
    log(
      `warning: the machine is already busy: ${busyBefore.toFixed(2)} cores in use with the targets idle (${idleTargets.toFixed(2)} of them by the targets and their backends); figures will be noisy`,
    );
  }

  const measurements: Measurement[] = [];
  const loadCpu0 = process.cpuUsage();
  for (let round = 0; round < opts.rounds; round++) {
    for (const [qi, query] of QUERIES.entries()) {
      const eligible = servers.filter((s) => !sameAsQ1(s.def.kind, query));
      const shift = (round + qi) % eligible.length;
      for (const server of [...eligible.slice(shift), ...eligible.slice(0, shift)]) {
        const m = await measure(server, query, round);
        measurements.push(m);
        const cache = m.cacheHit + m.cacheMiss ? `, x-cache HIT ${((100 * m.cacheHit) / (m.cacheHit + m.cacheMiss)).toFixed(0)} %` : '';
        log(
          `round ${round + 1}/${opts.rounds} ${query.padEnd(5)} ${server.def.label.padEnd(20)} ${m.rps.toFixed(0).padStart(6)} req/s, p50 ${m.p50.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms, CPU/req Node ${m.nodeCpuMsPerReq.toFixed(3)} ms + PG ${m.pgCpuMsPerReq.toFixed(3)} ms${cache}`,
        );
      }
    }
  }
  const loadCpu = process.cpuUsage(loadCpu0);

  const cacheHeaderSeen = cacheHeaderSeenAtCheck || measurements.some((m) => m.cacheHit + m.cacheMiss > 0);
  const summary = summarize(targets, measurements, statements, opts.rounds);
  const text = markdown(summary, targets, measurements, cacheHeaderSeen);
  const postgraphileVersion = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/postgraphile/package.json'), 'utf8'))
    .version as string;
  const machine = { cpus: os.cpus().length, node: process.version, postgres: pgVersion, postgraphile: postgraphileVersion };
  console.log(`\n## polyglot-desk vs PostGraphile ${postgraphileVersion} vs raw pg\n`);
  console.log(
    `${opts.rounds} round${opts.rounds === 1 ? '' : 's'} × ${opts.duration} s per target and query (after ${opts.warmup} s of warm-up), ${opts.connections} connections; ${COPIES + 1} articles; ${machine.cpus} cores, Node ${machine.node}, PostgreSQL ${pgVersion}; ${busyBefore.toFixed(2)} cores busy before the load with the targets idle\n`,
  );
  console.log(text);

  const date = new Date()
    .toISOString()
    .replace(/:/g, '-')
    .replace(/\.\d+Z$/, 'Z');
  const file = path.join(ROOT, 'bench', 'results', `peer-${date}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        options: opts,
        machine: { ...machine, busyCoresBeforeLoad: busyBefore, idleTargetsCores: idleTargets },
        data: { articles: COPIES + 1, expected },
        targets,
        statements,
        cacheHeaderSeen,
        loadGeneratorCpuMs: (loadCpu.user + loadCpu.system) / 1000,
        measurements,
        summary,
        table: text,
        seconds: (Date.now() - started) / 1000,
      },
      null,
      2,
    )}\n`,
  );
  log(`results written to ${path.relative(ROOT, file)} (${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
}

try {
  await main();
} catch (err) {
  if (!interrupted) console.error(`\n[peer] FAILED: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
