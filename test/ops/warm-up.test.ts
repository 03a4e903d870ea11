// The warm-up after start-up: it reads the newest article in every language with the desk's own
// queries (any GraphQL error fails it), and a stop ends it before its next query; then the desk
// loads its page renderer.
import { describe, expect, it } from 'vitest';
import { HttpServer } from '../../src/server.js';
import { warmUp } from '../../src/warm-up.js';
import { createApp } from '../../src/yoga.js';
import { useTestDatabase } from '../helpers/db.js';

const t = useTestDatabase({ seedCorpus: true });
const yoga = createApp();

describe('warm-up', () => {
  it('reads the newest article in every language without an error', async () => {
    let statements = 0;
    const client = t.db.prisma as unknown as { $on(event: 'query', listener: () => void): void };
    client.$on('query', () => statements++);
    const ms = await warmUp(yoga);
    expect(ms).toBeGreaterThan(0);
    // Each of the 4 languages reads the article page, the list and the GraphiQL example.
    expect(statements).toBeGreaterThan(12);
  });

  it('stops before its next query once stopped, and reads the GraphiQL example alone when the desk’s file is missing', async () => {
    const stop = new AbortController();
    stop.abort();
    expect(await warmUp(yoga, stop.signal)).toBeNull();
    // A deployment without web/: the GraphiQL example still warms the article paths.
    expect(await warmUp(yoga, undefined, '/nonexistent/operations.graphql')).toBeGreaterThan(0);
  });

  it('loads the desk’s page renderer (nothing before the app is attached)', async () => {
    const server = new HttpServer();
    expect(await server.warmDesk()).toBeNull();
    server.attach({ yoga, cache: null });
    expect(await server.warmDesk()).toBeGreaterThanOrEqual(0);
  });
});
