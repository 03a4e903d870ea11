import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { useEmptyDatabase } from '../helpers/db.js';

const empty = useEmptyDatabase();

describe('PostgreSQL connections never wait forever', () => {
  it('a statement longer than DB_STATEMENT_TIMEOUT_MS is cancelled by the server', async () => {
    const db = await openDatabase({ ...loadConfig({ DB_STATEMENT_TIMEOUT_MS: '200' }), databaseUrl: empty.url });
    try {
      await expect(db.sql.query('SELECT pg_sleep(5)')).rejects.toThrow(/statement timeout/);
      await expect(db.prisma.$queryRawUnsafe('SELECT pg_sleep(5)')).rejects.toThrow(/statement timeout/);
      expect(await db.sql.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    } finally {
      await db.close();
    }
  });

  it('a server that accepts but never answers fails the connection after DB_CONNECT_TIMEOUT_MS', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const db = await openDatabase({
      ...loadConfig({ DB_CONNECT_TIMEOUT_MS: '300' }),
      databaseUrl: `postgresql://postgres@127.0.0.1:${port}/x`,
    });
    const started = Date.now();
    try {
      await expect(db.sql.query('SELECT 1')).rejects.toThrow(/timeout/i);
      await expect(db.prisma.article.count()).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await db.close();
      silent.close();
    }
  });
});

describe('configuration', () => {
  it.each([
    [{ PORT: 'eighty' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be between 0 and 65535/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with postgresql:\/\//],
    [{ DB_POOL_MAX: '0' }, /DB_POOL_MAX must be between 1/],
    [{ HOST: 'http://0.0.0.0:80' }, /^HOST must be an address such as 127.0.0.1, 0.0.0.0 or ::/],
    [{ ADMIN_TOKEN: 'short' }, /^ADMIN_TOKEN must be at least 16 printable ASCII characters/],
  ])('refuses %j with a clear message', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
  it('defaults to the embedded database in .data on port 4000', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir.endsWith('.data')).toBe(true);
    expect(c.port).toBe(4000);
    expect(c.host).toBe('127.0.0.1');
    expect(c.adminToken).toBeUndefined();
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(c.ingestMaxBytes).toBe(1024 * 1024);
  });
});
