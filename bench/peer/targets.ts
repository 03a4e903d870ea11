// The servers npm run bench:peer measures, each a child process of its own (its CPU and memory are
// read from /proc/<pid>), started with `node` itself so no TypeScript loader runs in them. Their
// output goes to a file, not through this process (polyglot-desk logs a line per request).
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Kind } from './queries.js';

export interface TargetDef {
  id: string;
  label: string;
  kind: Kind;
  /** Script run by node, relative to the repository root. */
  script: string;
  /** Node flags the target runs with. */
  nodeFlags?: string[];
  /** A path that answers 200 once the server can take queries; without one, an open port is enough. */
  readyPath?: string;
  env: Record<string, string>;
}

/**
 * The Node flags and environment `npm start` gives polyglot-desk (package.json: `VAR=value exec node
 * --flag … scripts/start.mjs`), so that it runs here as it runs in production.
 */
export function startCommand(): { flags: string[]; env: Record<string, string> } {
  const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
  const start = pkg.scripts.start ?? '';
  const env = Object.fromEntries([...start.matchAll(/(?:^|\s)([A-Z_]+)=(\S+)/g)].map((m) => [m[1], m[2]]));
  return { flags: start.match(/--[a-z-]+(?:=\S+)?/g) ?? [], env };
}

/** The four targets; `dir` is a scratch folder for their data and logs. */
export function targetDefs(dir: string): TargetDef[] {
  // polyglot-desk listens before it migrates (a busy port fails at once); /ready says when it can serve.
  const start = startCommand();
  const desk = { kind: 'desk' as const, script: 'dist/main.js', readyPath: '/ready', nodeFlags: start.flags };
  return [
    { id: 'desk', label: 'polyglot-desk', ...desk, env: { ...start.env, RESPONSE_CACHE: 'off', DATA_DIR: path.join(dir, 'desk') } },
    {
      id: 'desk-cache',
      label: 'polyglot-desk +cache',
      ...desk,
      env: { ...start.env, RESPONSE_CACHE: 'on', DATA_DIR: path.join(dir, 'desk-cache') },
    },
    {
      id: 'postgraphile',
      label: 'PostGraphile 5',
      kind: 'postgraphile',
      script: 'bench/peer/postgraphile-server.mjs',
      env: { GRAPHILE_ENV: 'production' },
    },
    { id: 'raw', label: 'raw pg', kind: 'raw', script: 'bench/peer/raw-server.mjs', env: {} },
  ];
}

/** The environment of a child: nothing of this shell's configuration leaks in but PATH, HOME and Redis's address. */
function childEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { NODE_ENV: 'production', HOST: '127.0.0.1' };
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'REDIS_URL']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

/** True when the server is ready: its ready path answers 200, or (without one) its port takes connections. */
async function isReady(port: number, readyPath: string | undefined): Promise<boolean> {
  if (readyPath) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}${readyPath}`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      return res.status === 200;
    } catch {
      return false;
    }
  }
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Every child still running, for the clean-up on exit, error or Ctrl-C. */
const running = new Set<Server>();
let started = 0;

export class Server {
  private readonly exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  private constructor(
    readonly def: TargetDef,
    readonly port: number,
    private readonly child: ChildProcess,
    private readonly logFile: string,
  ) {
    running.add(this);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    void this.exited.then((code) => {
      this.exitCode = code;
      running.delete(this);
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The last lines the server printed. */
  tail(lines = 30): string {
    try {
      const text = fs.readFileSync(this.logFile, 'utf8');
      return text.trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no output)';
    }
  }

  /** Starts a target on `databaseUrl`, its output in a file under `logDir`, and waits until it is ready. */
  static async start(def: TargetDef, databaseUrl: string, logDir: string, timeoutMs = 120_000): Promise<Server> {
    const port = await freePort();
    fs.mkdirSync(logDir, { recursive: true });
    const logFile = path.join(logDir, `${def.id}-${++started}.log`);
    const out = fs.openSync(logFile, 'a');
    let child: ChildProcess;
    try {
      child = spawn(process.execPath, [...(def.nodeFlags ?? []), def.script], {
        env: childEnv({ ...def.env, DATABASE_URL: databaseUrl, PORT: String(port) }),
        stdio: ['ignore', out, out],
      });
    } finally {
      fs.closeSync(out);
    }
    const server = new Server(def, port, child, logFile);
    const deadline = Date.now() + timeoutMs;
    while (!(await isReady(port, def.readyPath))) {
      if (server.exitCode !== undefined)
        throw new Error(`${def.label} exited with ${server.exitCode} before it was ready:\n${server.tail()}`);
      if (Date.now() > deadline) throw new Error(`${def.label} not ready within ${timeoutMs} ms:\n${server.tail()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // polyglot-desk reads one article in every language after start-up (its warm-up): counting
    // statements or reading RSS before it ends would count its work as the benchmark's.
    if (def.kind === 'desk') {
      while (!/warmed up|warm-up failed/.test(server.tail(200)) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    return server;
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.exitCode !== undefined) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((server) => server.stop(5_000)));
}
