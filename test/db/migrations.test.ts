import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { MIGRATIONS_DIR, migrate, readMigrations } from '../../src/db/migrate.js';
import { useEmptyDatabase, useTestDatabase } from '../helpers/db.js';
import { drift, expectedStructure } from '../helpers/drift.js';

const SCHEMA = path.resolve('prisma/schema.prisma');

// The same check on the embedded PGlite database is in embedded.test.ts, on its first start.
describe('migrations on PostgreSQL', () => {
  // An empty database, for migrating from nothing; and one migrated the usual way (a copy of this
  // run's template, made by prepareDatabase), for the checks on a migrated database.
  const empty = useEmptyDatabase();
  const t = useTestDatabase({ seedCorpus: false });

  it('applies every migration once and records it as prisma migrate would', async () => {
    const db = await openDatabase({ ...loadConfig({}), databaseUrl: empty.url });
    try {
      const first = await migrate(db.sql);
      expect(first).toEqual(readMigrations().map((m) => m.name));
      expect(first.length).toBeGreaterThan(0);
      expect(await migrate(db.sql)).toEqual([]);
      const rows = await db.sql.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
        'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
      );
      expect(rows).toHaveLength(first.length);
      for (const [i, m] of readMigrations().entries()) {
        const bytes = fs.readFileSync(path.join(MIGRATIONS_DIR, m.name, 'migration.sql'));
        expect(rows[i]?.migration_name).toBe(m.name);
        expect(rows[i]?.checksum).toBe(createHash('sha256').update(bytes).digest('hex'));
        expect(rows[i]?.finished_at).toBeInstanceOf(Date);
        expect(rows[i]?.applied_steps_count).toBe(1);
      }
      expect(await drift(db.sql, SCHEMA)).toEqual({ missing: [], unexpected: [] });
    } finally {
      await db.close();
    }
  });

  it('leaves a database that matches schema.prisma exactly (drift check)', async () => {
    expect(expectedStructure(SCHEMA).length).toBeGreaterThan(40);
    expect(await drift(t.db.sql, SCHEMA)).toEqual({ missing: [], unexpected: [] });
  });

  it('the drift check notices a column the schema does not have', async () => {
    await t.db.sql.exec('ALTER TABLE "Article" ADD COLUMN "extra" TEXT');
    try {
      const d = await drift(t.db.sql, SCHEMA);
      expect(d.unexpected).toEqual(['column Article.extra text null default none']);
    } finally {
      await t.db.sql.exec('ALTER TABLE "Article" DROP COLUMN "extra"');
    }
  });

  it('refuses a migration that was edited after it was applied', async () => {
    const [first] = readMigrations();
    if (!first) throw new Error('no migrations');
    await expect(migrate(t.db.sql, [{ ...first, checksum: 'f'.repeat(64) }])).rejects.toThrow(/changed after it was applied/);
  });

  it('rolls back a failing migration completely, bookkeeping included', async () => {
    const bad = { name: '29990101000000_broken', sql: 'CREATE TABLE "Half" (id int); SELECT no_such_function();', checksum: 'x' };
    await expect(migrate(t.db.sql, [...readMigrations(), bad])).rejects.toThrow(/29990101000000_broken failed/);
    const tables = await t.db.sql.query("SELECT 1 FROM pg_tables WHERE tablename = 'Half'");
    expect(tables).toHaveLength(0);
    const rows = await t.db.sql.query('SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1', [bad.name]);
    expect(rows).toHaveLength(0);
  });
});
