import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/yoga.js';
import { useTestDatabase } from '../helpers/db.js';

useTestDatabase({ seedCorpus: false });
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer(createApp());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('GraphQL over HTTP (graphql-http audits against the real server on a port)', () => {
  it('passes every MUST audit', async () => {
    const audits = serverAudits({ url: () => url, fetchFn: fetch });
    const failures: string[] = [];
    const warnings: string[] = [];
    for (const audit of audits) {
      const result = await audit.fn();
      if (result.status === 'error') failures.push(`${audit.name}: ${result.reason}`);
      if (result.status === 'warn') warnings.push(`${audit.name}: ${result.reason}`);
    }
    console.info(`graphql-http: ${audits.length} audits, ${failures.length} MUST failures, ${warnings.length} SHOULD/MAY warnings`);
    for (const w of warnings) console.info(`  warn ${w}`);
    expect(audits.length).toBeGreaterThan(40);
    expect(failures).toEqual([]);
  });
});
