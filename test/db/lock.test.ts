// One process per embedded database folder: a second open is refused with the holder's name, a
// command run against a folder the server holds writes nothing, and a dead holder's lock is taken over.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { DatabaseLockedError, LOCK_FILE, lockDataDir, removeStale } from '../../src/db/lock.js';
import { migrate } from '../../src/db/migrate.js';
import { cli } from '../helpers/cli.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-lock-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const config = () => ({ ...loadConfig({}), databaseUrl: undefined, dataDir: path.join(dir, 'data') });

describe('the embedded database folder', () => {
  // Opening and migrating PGlite, then starting a CLI process: the slowest kind of test, given room.
  it('is held by one process: a command run meanwhile is refused up front and nothing is lost', { timeout: 90_000 }, async () => {
    const server = await openDatabase(config());
    let articles: number;
    try {
      await migrate(server.sql);
      // What the server has written so far: it must survive the refused command and a restart.
      await server.sql.exec(
        `INSERT INTO "Article" (slug, title, source, "contentHash", "updatedAt") VALUES ('held', 'Held', 'Test', 'x', now())`,
      );
      articles = Number((await server.sql.query<{ n: string }>('SELECT count(*) AS n FROM "Article"'))[0]?.n);
      await expect(openDatabase(config())).rejects.toMatchObject({ code: 'DATABASE_IN_USE', holder: { pid: process.pid } });

      const files = path.join(dir, 'articles');
      fs.mkdirSync(files);
      for (let i = 0; i < 10; i++) fs.writeFileSync(path.join(files, `story-${i}.txt`), `Report ${i} from Dandong.\nMore workers arrived.`);
      const run = await cli('ingest', [files], { DATA_DIR: config().dataDir, DATABASE_URL: '' });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`^refused: the embedded database in .* is in use by process ${process.pid} `));
      expect(run.stdout).not.toMatch(/ingested/);
    } finally {
      await server.close();
    }
    const again = await openDatabase(config());
    try {
      const count = Number((await again.sql.query<{ n: string }>('SELECT count(*) AS n FROM "Article"'))[0]?.n);
      expect(count).toBe(articles);
      expect(count).toBe(1);
    } finally {
      await again.close();
    }
    expect(fs.existsSync(path.join(config().dataDir, LOCK_FILE))).toBe(false);
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const file = path.join(config().dataDir, LOCK_FILE);
    fs.mkdirSync(config().dataDir, { recursive: true });
    fs.writeFileSync(
      file,
      JSON.stringify({ pid: 2 ** 22 + 7, host: os.hostname(), command: 'src/main.ts', startedAt: '2026-01-01T00:00:00Z' }),
    );
    const db = await openDatabase(config());
    try {
      expect(JSON.parse(fs.readFileSync(file, 'utf8')).pid).toBe(process.pid);
    } finally {
      await db.close();
    }
  });

  it('names the holder in one line', () => {
    const err = new DatabaseLockedError('/srv/data', { pid: 42, host: 'h', command: 'src/main.ts', startedAt: '2026-11-30T00:00:00Z' });
    expect(err.message).toBe(
      "the embedded database in /srv/data is in use by process 42 (src/main.ts, since 2026-11-30T00:00:00Z); stop that process first, or use the running server's GraphQL API, or set DATABASE_URL to use PostgreSQL",
    );
    expect(err.message).not.toContain('\n');
  });

  it('puts back a live lock that replaced the stale one it meant to remove (two processes racing for a stale lock)', () => {
    const folder = fs.mkdtempSync(path.join(dir, 'race-'));
    const file = path.join(folder, LOCK_FILE);
    const stale = { pid: 2 ** 22 + 9, host: os.hostname(), command: 'dead', startedAt: '2026-01-01T00:00:00Z' };
    // Process A judged `stale`; meanwhile process B removed it and now holds the folder.
    const fresh = { pid: process.pid, host: os.hostname(), command: 'B', startedAt: new Date().toISOString() };
    fs.writeFileSync(file, JSON.stringify(fresh));
    removeStale(file, stale);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(fresh);
    expect(fs.readdirSync(folder)).toEqual([LOCK_FILE]);
    // The stale lock itself is removed, and the folder can then be taken.
    fs.writeFileSync(file, JSON.stringify(stale));
    removeStale(file, stale);
    expect(fs.existsSync(file)).toBe(false);
    const lock = lockDataDir(folder, 'test');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid, command: 'test' });
    lock.release();
    expect(fs.existsSync(file)).toBe(false);
  });
});
