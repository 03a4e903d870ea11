// The data version (migration 20261130120000_data_version): one step per committed transaction that
// changes articles, paragraphs, mentions or entities, announced with its value on pgdesk_data.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/db.js';
import { SEED_SLUG } from '../helpers/seed.js';

const t = useTestDatabase({ seedCorpus: true });
let listener: pg.Client;
const heard: number[] = [];

const version = async () => (await t.db.sql.query<{ value: number }>('SELECT "value" FROM "DataVersion"'))[0]?.value ?? -1;

async function heardUpTo(value: number) {
  for (let i = 0; !heard.includes(value); i++) {
    if (i > 500) throw new Error(`never heard ${value}; heard ${heard.join(', ')}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(async () => {
  listener = new pg.Client({ connectionString: t.url });
  await listener.connect();
  listener.on('notification', (n) => heard.push(Number(n.payload)));
  await listener.query('LISTEN pgdesk_data');
});
afterAll(() => listener?.end());

describe('the data version', () => {
  it('goes up by one per committed transaction, however many rows and tables it wrote, and says so', async () => {
    const start = await version();
    await t.db.sql.transaction(async (tx) => {
      await tx.exec(`UPDATE "Article" SET "source" = 'Daily NK' WHERE "slug" = '${SEED_SLUG}'`);
      await tx.exec(`UPDATE "Paragraph" SET "position" = "position" WHERE true`);
      await tx.exec(`UPDATE "Entity" SET "name" = "name" WHERE "key" = 'dandong'`);
    });
    expect(await version()).toBe(start + 1);
    await heardUpTo(start + 1);
  });

  it('does not move for a transaction rolled back, nor for reads', async () => {
    const start = await version();
    await expect(
      t.db.sql.transaction(async (tx) => {
        await tx.exec(`UPDATE "Article" SET "source" = 'gone' WHERE "slug" = '${SEED_SLUG}'`);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await t.db.sql.query('SELECT count(*) FROM "Mention"');
    expect(await version()).toBe(start);
  });

  it('gives concurrent writers distinct values in the order they commit, without deadlocking them', async () => {
    const start = await version();
    const writers = Array.from({ length: 8 }, (_, i) =>
      t.db.sql.transaction(async (tx) => {
        await tx.exec(`UPDATE "Entity" SET "updatedAt" = now() WHERE "id" = (SELECT min("id") + ${i} FROM "Entity")`);
        await new Promise((r) => setTimeout(r, 5 * (8 - i)));
      }),
    );
    await Promise.all(writers);
    expect(await version()).toBe(start + 8);
    await heardUpTo(start + 8);
    const tail = heard.filter((v) => v > start);
    expect(tail).toEqual([...tail].sort((a, b) => a - b));
    expect(new Set(tail).size).toBe(8);
  });

  it('counts a TRUNCATE, which has no rows', async () => {
    const start = await version();
    await t.db.sql.exec('TRUNCATE "Mention"');
    expect(await version()).toBe(start + 1);
  });
});
