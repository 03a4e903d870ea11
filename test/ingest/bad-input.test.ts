import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestError, ingestText, readArticleFile } from '../../src/ingest/index.js';
import { openTestDatabase, rowCounts, type TestDatabase } from '../helpers/db.js';

const run = promisify(execFile);
let t: TestDatabase;
let dir: string;

const file = (name: string, content: string | Uint8Array) => {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
};

async function cli(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(path.resolve('node_modules/.bin/tsx'), ['src/cli/ingest.ts', ...args], {
      env: { ...process.env, DATABASE_URL: t.url, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  t = await openTestDatabase({ seedCorpus: false });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-bad-'));
});
afterAll(async () => {
  await t.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const BAD: Array<[string, string | Uint8Array, string]> = [
  ['empty.txt', '', 'EMPTY'],
  ['blank.txt', '  \n\t\r\n   \n', 'EMPTY'],
  ['latin1.txt', new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x2e]), 'INVALID_UTF8'],
  ['image.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'BINARY'],
  ['front.txt', '---\nslug: Bad Slug\n---\nText.', 'BAD_FRONT_MATTER'],
];

describe('bad input is refused with a clear reason and nothing is written', () => {
  it.each(BAD)('%s → %s', async (name, content, code) => {
    const before = await rowCounts(t.db);
    const p = file(name, content);
    const error = await readArticleFile(p, 1024 * 1024)
      .then((text) => ingestText(t.db.prisma, text))
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).code).toBe(code);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('a file over the size limit is refused before it is read', async () => {
    const p = file('big.txt', `${'Dandong traded. '.repeat(70_000)}\n`);
    await expect(readArticleFile(p, 1024 * 1024)).rejects.toThrow(/over the limit of 1048576 bytes/);
    await expect(readArticleFile(p, 2 * 1024 * 1024)).resolves.toContain('Dandong');
  });

  it('a missing path is NOT_FOUND', async () => {
    await expect(readArticleFile(path.join(dir, 'nope.txt'), 100)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('npm run ingest', () => {
  it('exits non-zero on a missing path and on a folder with no text files, writing nothing', async () => {
    const before = await rowCounts(t.db);
    fs.mkdirSync(path.join(dir, 'no-text'), { recursive: true });
    file('no-text/readme.md', '# not an article');
    const missing = await cli([path.join(dir, 'missing.txt')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/missing\.txt: no such file or folder \[NOT_FOUND\]/);
    const empty = await cli([path.join(dir, 'no-text')]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/no-text: the folder holds no \.txt files \[NO_TEXT_FILES\]/);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('in a batch, reports each failure, keeps the good files, and exits 1', async () => {
    const batch = path.join(dir, 'batch');
    file('batch/a-good.txt', '---\nslug: good-one\n---\nWorkers left Sinuiju on Sept. 7.');
    file('batch/b-empty.txt', '');
    file('batch/c-binary.txt', new Uint8Array([0, 1, 2, 3]));
    file('batch/d-good.txt', '---\nslug: good-two\n---\nThe women arrived in Dandong.');
    const result = await cli([batch]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/a-good\.txt: good-one created/);
    expect(result.stdout).toMatch(/d-good\.txt: good-two created/);
    expect(result.stderr).toMatch(/b-empty\.txt: the file is empty \[EMPTY\]; nothing written/);
    expect(result.stderr).toMatch(/c-binary\.txt: the file holds binary data .* \[BINARY\]; nothing written/);
    expect(result.stdout).toMatch(/2 of 4 file\(s\) ingested/);
    const slugs = (await t.db.prisma.article.findMany({ select: { slug: true } })).map((a) => a.slug).sort();
    expect(slugs).toEqual(['good-one', 'good-two']);
  });

  it('takes its size limit from INGEST_MAX_BYTES', async () => {
    const p = file('limit/small.txt', '---\nslug: small-one\n---\nA paragraph of about sixty bytes in all, here.');
    const refused = await cli([p], { INGEST_MAX_BYTES: '20' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/over the limit of 20 bytes \(INGEST_MAX_BYTES\) \[TOO_LARGE\]/);
    expect(await t.db.prisma.article.findUnique({ where: { slug: 'small-one' } })).toBeNull();
    const bad = await cli([p], { INGEST_MAX_BYTES: 'lots' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^configuration error: INGEST_MAX_BYTES must be a whole number, got "lots"$/m);
    expect(bad.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
