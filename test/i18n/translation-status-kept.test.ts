// translationStatus is computed once per catalog version, data version and language, and shared
// by every request and alias meanwhile; with no data version known, only requests running at the
// same time share one computation. Statements are counted with the client's query events.
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest/index.js';
import { createApp } from '../../src/yoga.js';
import { useTestDatabase } from '../helpers/db.js';
import { gql } from '../helpers/gql.js';

const t = useTestDatabase({ seedCorpus: true });
let statements = 0;
let version: number | null = 1;
const versioned = createApp({ dataVersion: () => version });
const unversioned = createApp();

const STATUS = '{ translationStatus(lang: "ko") { total translated missing missingKeys } }';

async function status(app: ReturnType<typeof createApp>) {
  const before = statements;
  const res = await gql(app, STATUS);
  expect(res.errors).toBeUndefined();
  return { status: res.data?.translationStatus as { total: number; missing: number }, statements: statements - before };
}

beforeAll(() => {
  // The client is created with query events on (src/db/client.ts); its type does not say so.
  const client = t.db.prisma as unknown as { $on(event: 'query', listener: () => void): void };
  client.$on('query', () => statements++);
});

describe('translationStatus kept between requests', () => {
  it('is computed once per data version and recomputed when the data changes', async () => {
    const first = await status(versioned);
    expect(first.statements).toBeGreaterThan(0);
    const again = await status(versioned);
    expect(again.statements).toBe(0);
    expect(again.status).toEqual(first.status);

    await ingestText(t.db.prisma, '---\nslug: kept-status-new\n---\nWorkers left Sinuiju for Dandong, officials said.');
    const sameVersion = await status(versioned);
    expect(sameVersion.statements).toBe(0);
    version = 2;
    const fresh = await status(versioned);
    expect(fresh.statements).toBeGreaterThan(0);
    // The new article's title and paragraph are missing in Korean.
    expect(fresh.status.total).toBeGreaterThan(first.status.total);
    expect(fresh.status.missing).toBeGreaterThan(first.status.missing);
  });

  it('thirty aliases cost the statements of one', async () => {
    version = 3;
    const one = await status(versioned);
    version = 4;
    const before = statements;
    const aliases = Array.from({ length: 30 }, (_, i) => `s${i}: translationStatus(lang: "ko") { total }`).join('\n');
    const res = await gql(versioned, `{ ${aliases} }`);
    expect(res.errors).toBeUndefined();
    expect(statements - before).toBe(one.statements);
  });

  it('without a data version, requests at the same time share one computation and later ones compute again', async () => {
    const one = await status(unversioned);
    const before = statements;
    const answers = await Promise.all(Array.from({ length: 8 }, () => gql(unversioned, STATUS)));
    for (const a of answers) expect(a.data?.translationStatus).toEqual(one.status);
    expect(statements - before).toBe(one.statements);
    const later = await status(unversioned);
    expect(later.statements).toBe(one.statements);
  });
});
