import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type Database, openDatabase } from '../../src/db/client.js';
import { MIGRATIONS_DIR, migrate, readMigrations } from '../../src/db/migrate.js';
import { createDatabase } from '../helpers/db.js';
import { drift, expectedStructure } from '../helpers/drift.js';

const SCHEMA = path.resolve('prisma/schema.prisma');

describe('migrations on PostgreSQL', () => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const created = await createDatabase();
    drop = created.drop;
    db = await openDatabase({ ...loadConfig({}), databaseUrl: created.url });
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });

  it('applies every migration once and records it as prisma migrate would', async () => {
    const first = await migrate(db.sql);
    expect(first).toEqual(readMigrations().map((m) => m.name));
    expect(await migrate(db.sql)).toEqual([]);
    const rows = await db.sql.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    for (const [i, m] of readMigrations().entries()) {
      const bytes = fs.readFileSync(path.join(MIGRATIONS_DIR, m.name, 'migration.sql'));
      expect(rows[i]?.migration_name).toBe(m.name);
      expect(rows[i]?.checksum).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(rows[i]?.finished_at).toBeTruthy();
      expect(rows[i]?.applied_steps_count).toBe(1);
    }
  });

  it('leaves a database that matches schema.prisma exactly (drift check)', async () => {
    expect(expectedStructure(SCHEMA).length).toBeGreaterThan(40);
    expect(await drift(db.sql, SCHEMA)).toEqual({ missing: [], unexpected: [] });
  });

  it('the drift check notices a column the schema does not have', async () => {
    await db.sql.exec('ALTER TABLE "Article" ADD COLUMN "extra" TEXT');
    try {
      const d = await drift(db.sql, SCHEMA);
      expect(d.unexpected).toEqual(['column Article.extra text null default none']);
    } finally {
      await db.sql.exec('ALTER TABLE "Article" DROP COLUMN "extra"');
    }
  });

  it('refuses a migration that was edited after it was applied', async () => {
    const [first] = readMigrations();
    if (!first) throw new Error('no migrations');
    await expect(migrate(db.sql, [{ ...first, checksum: 'f'.repeat(64) }])).rejects.toThrow(/changed after it was applied/);
  });

  it('rolls back a failing migration completely, bookkeeping included', async () => {
    const bad = { name: '29990101000000_broken', sql: 'CREATE TABLE "Half" (id int); SELECT no_such_function();', checksum: 'x' };
    await expect(migrate(db.sql, [...readMigrations(), bad])).rejects.toThrow(/29990101000000_broken failed/);
    const tables = await db.sql.query("SELECT 1 FROM pg_tables WHERE tablename = 'Half'");
    expect(tables).toHaveLength(0);
    const rows = await db.sql.query('SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1', [bad.name]);
    expect(rows).toHaveLength(0);
  });
});

describe('migrations on the embedded PGlite database', () => {
  it('produce the same structure as on PostgreSQL, with no drift', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-drift-'));
    const db = await openDatabase({ ...loadConfig({}), databaseUrl: undefined, dataDir: dir });
    try {
      await migrate(db.sql);
      expect(await drift(db.sql, SCHEMA)).toEqual({ missing: [], unexpected: [] });
    } finally {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
