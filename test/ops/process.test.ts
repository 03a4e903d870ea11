// The server as a process: each start-up failure is one line and exit 1, before any slow work;
// SIGTERM, to node or to `npm start`, answers the requests in flight and exits 0; in production
// every line it logs is JSON.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { useTestDatabase } from '../helpers/db.js';
import { freePort } from '../helpers/net.js';
import { SEED_SLUG } from '../helpers/seed.js';

const t = useTestDatabase({ seedCorpus: true });
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-process-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

function entry(): string[] {
  const compiled = inject('pgdeskCompiled');
  return compiled ? [path.join(compiled, 'src', 'main.js')] : ['--import', 'tsx', path.resolve('src/main.ts')];
}

interface Run {
  child: ChildProcess;
  out: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function run(command: string, args: string[], env: Record<string, string>): Run {
  const child = spawn(command, args, {
    env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', DATA_DIR: path.join(temp, 'data'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: string[] = [];
  child.stdout?.on('data', (c: Buffer) => out.push(c.toString()));
  child.stderr?.on('data', (c: Buffer) => out.push(c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, out, exited };
}

async function startFailure(env: Record<string, string>) {
  const r = run(process.execPath, entry(), env);
  const started = Date.now();
  const { code } = await r.exited;
  const lines = r.out.join('').trim().split('\n');
  return { code, lines, ms: Date.now() - started };
}

async function listening(r: Run, ms = 30_000): Promise<void> {
  const start = Date.now();
  while (!r.out.join('').includes('the API at http')) {
    if (r.child.exitCode !== null) throw new Error(`exited: ${r.out.join('')}`);
    if (Date.now() - start > ms) throw new Error(`not listening after ${ms} ms: ${r.out.join('')}`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

describe('start-up failures', () => {
  it('are one line each, without a stack, and exit 1', async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const busyPort = (busy.address() as net.AddressInfo).port;
    const closedPort = await freePort();
    const missing = new URL(t.url);
    missing.pathname = `/pgdesk_no_such_database_${process.pid}`;
    const file = path.join(temp, 'a-file');
    fs.writeFileSync(file, 'not a folder');
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ PORT: String(busyPort), DATABASE_URL: t.url }, /^not starting: port \d+ on 127\.0\.0\.1 is in use \(set PORT to another\)$/],
      [
        { PORT: String(await freePort()), DATABASE_URL: `postgresql://postgres@127.0.0.1:${closedPort}/x`, DB_START_ATTEMPTS: '2' },
        /^not starting: PostgreSQL at postgresql:\/\/postgres@127\.0\.0\.1:\d+\/x is unreachable after 2 attempts \(.*ECONNREFUSED.*\)$/,
      ],
      [{ PORT: String(await freePort()), DATABASE_URL: missing.toString() }, /^not starting: the database in DATABASE_URL does not exist/],
      [{ PORT: String(await freePort()), DATA_DIR: file }, /^not starting: DATA_DIR .*a-file is a file, not a folder$/],
      [{ PORT: String(await freePort()), LOCALES_DIR: path.join(temp, 'nowhere') }, /^not starting: LOCALES_DIR .*nowhere is not a folder/],
      [{ PORT: 'eighty' }, /^configuration error: PORT must be a whole number, got "eighty"$/],
    ];
    try {
      const results = await Promise.all(cases.map(([env]) => startFailure(env)));
      results.forEach(({ code, lines }, i) => {
        const [, pattern] = cases[i]!;
        // Only the failure itself on stderr; JSON log lines before it (start-up progress) are fine.
        const plain = lines.filter((l) => !l.startsWith('{'));
        expect({ code, plain }).toEqual({ code: 1, plain: [expect.stringMatching(pattern)] });
        expect(lines.join('\n')).not.toMatch(/\n\s+at /);
      });
      console.info(`[ops] start-up failures answered in ${results.map((r) => r.ms).join(', ')} ms`);
    } finally {
      busy.close();
    }
  });
});

describe('stopping', () => {
  it('SIGTERM answers the request in flight, then exits 0; every log line is JSON in production', async () => {
    const port = await freePort();
    const r = run(process.execPath, entry(), { PORT: String(port), DATABASE_URL: t.url, REDIS_URL: '' });
    await listening(r);
    // A request whose body is still arriving when SIGTERM comes.
    const body = JSON.stringify({ query: `{ article(slug: "${SEED_SLUG}") { title } }` });
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
    );
    socket.write(body.slice(0, 10));
    await new Promise((res) => setTimeout(res, 100));
    r.child.kill('SIGTERM');
    await new Promise((res) => setTimeout(res, 300));
    const answer = new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (c: Buffer) => {
        text += c.toString();
      });
      socket.on('close', () => resolve(text));
      socket.on('end', () => resolve(text));
    });
    socket.write(body.slice(10));
    const response = await answer;
    expect(response).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(response).toContain('North Korea sends more workers');
    const { code } = await r.exited;
    expect(code).toBe(0);
    const lines = r.out.join('').trim().split('\n');
    const notJson = lines.filter((l) => {
      try {
        JSON.parse(l);
        return false;
      } catch {
        return true;
      }
    });
    expect(notJson).toEqual([]);
    const logged = lines.map((l) => JSON.parse(l) as { msg: string; level: string; id?: string; status?: number });
    expect(logged.some((l) => l.msg.startsWith('POST /graphql 200') && l.id && l.status === 200)).toBe(true);
    expect(logged.at(-1)?.msg).toBe('closed');
  });

  it('SIGTERM to `npm start` reaches the server, which closes and exits 0', async () => {
    const port = await freePort();
    const r = run('npm', ['start', '--silent'], { PORT: String(port), DATABASE_URL: t.url });
    await listening(r, 60_000);
    const started = Date.now();
    r.child.kill('SIGTERM');
    const { code, signal } = await r.exited;
    const ms = Date.now() - started;
    console.info(`[ops] npm start stopped ${ms} ms after SIGTERM (code ${code}, signal ${signal})`);
    expect(ms).toBeLessThan(10_000);
    // npm forwards the signal to the server (the script execs node, so no shell stands between
    // them), waits for it, then ends itself by the same signal.
    expect(r.out.join('')).toContain('"msg":"closed"');
    // Nothing is left listening.
    await expect(
      new Promise((resolve, reject) => {
        const s = net.connect(port, '127.0.0.1');
        s.on('connect', () => {
          s.destroy();
          resolve('still listening');
        });
        s.on('error', reject);
      }),
    ).rejects.toThrow(/ECONNREFUSED/);
  }, 90_000);
});
