import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { ingestText, readArticleFile } from '../../src/ingest/index.js';
import { ingestArticleText, ingestFiles } from '../../src/services/ingest.js';
import { cli } from '../helpers/cli.js';
import { rowCounts, useTestDatabase } from '../helpers/db.js';

const MAX_BYTES = 1024 * 1024;
const t = useTestDatabase({ seedCorpus: false });
let dir: string;

const file = (name: string, content: string | Uint8Array) => {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-bad-'));
});
afterAll(() => {
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
    const result = await ingestFiles(t.db, [file(name, content)], { maxBytes: MAX_BYTES });
    expect(result).toMatchObject({ ingested: 0, failed: 1, refused: [] });
    expect(result.files[0]).toMatchObject({ ok: false, error: { code } });
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

  it('a text is refused like a file', async () => {
    const before = await rowCounts(t.db);
    expect(await ingestArticleText(t.db, ' \n\t\n')).toMatchObject({ ok: false, error: { code: 'EMPTY' } });
    expect(await ingestArticleText(t.db, '---\nslug: Bad Slug\n---\nText.')).toMatchObject({
      ok: false,
      error: { code: 'BAD_FRONT_MATTER' },
    });
    expect(await ingestArticleText(t.db, 'Dandong traded.', { maxBytes: 5 })).toMatchObject({
      ok: false,
      error: { code: 'TOO_LARGE', message: expect.stringMatching(/over the limit of 5 bytes/) },
    });
    expect(await rowCounts(t.db)).toEqual(before);
  });
});

describe('ingesting files', () => {
  it('refuses a missing path and a folder with no text files, writing nothing', async () => {
    const before = await rowCounts(t.db);
    fs.mkdirSync(path.join(dir, 'no-text'), { recursive: true });
    file('no-text/readme.md', '# not an article');
    const missing = path.join(dir, 'missing.txt');
    const noText = path.join(dir, 'no-text');
    const result = await ingestFiles(t.db, [missing, noText], { maxBytes: MAX_BYTES });
    expect(result).toMatchObject({ files: [], ingested: 0, failed: 0 });
    expect(result.refused).toEqual([
      { path: missing, error: { code: 'NOT_FOUND', message: 'no such file or folder' } },
      { path: noText, error: { code: 'NO_TEXT_FILES', message: 'the folder holds no .txt files' } },
    ]);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('in a batch, reports each failure, keeps the good files, and reports progress', async () => {
    const batch = path.join(dir, 'batch');
    file('batch/a-good.txt', '---\nslug: good-one\n---\nWorkers left Sinuiju on Sept. 7.');
    file('batch/b-empty.txt', '');
    file('batch/c-binary.txt', new Uint8Array([0, 1, 2, 3]));
    file('batch/d-good.txt', '---\nslug: good-two\n---\nThe women arrived in Dandong.');
    const progress: string[] = [];
    const result = await ingestFiles(t.db, [batch], {
      maxBytes: MAX_BYTES,
      onProgress: (done, total, f, outcome) =>
        progress.push(`${done}/${total} ${path.basename(f)}${outcome ? (outcome.ok ? ' ok' : ' failed') : ''}`),
    });
    expect(result).toMatchObject({ ingested: 2, failed: 2, refused: [] });
    expect(result.files.map((f) => path.basename(f.path))).toEqual(['a-good.txt', 'b-empty.txt', 'c-binary.txt', 'd-good.txt']);
    expect(result.files[0]).toMatchObject({ ok: true, result: { slug: 'good-one', status: 'created' } });
    expect(result.files[1]).toMatchObject({ ok: false, error: { code: 'EMPTY', message: 'the file is empty' } });
    expect(result.files[2]).toMatchObject({
      ok: false,
      error: { code: 'BINARY', message: expect.stringMatching(/^the file holds binary data/) },
    });
    expect(result.files[3]).toMatchObject({ ok: true, result: { slug: 'good-two', status: 'created' } });
    expect(progress).toEqual([
      '0/4 a-good.txt',
      '1/4 a-good.txt ok',
      '1/4 b-empty.txt',
      '2/4 b-empty.txt failed',
      '2/4 c-binary.txt',
      '3/4 c-binary.txt failed',
      '3/4 d-good.txt',
      '4/4 d-good.txt ok',
    ]);
    const slugs = (await t.db.prisma.article.findMany({ select: { slug: true } })).map((a) => a.slug).sort();
    expect(slugs).toEqual(['good-one', 'good-two']);
  });

  it('takes its size limit from the options (INGEST_MAX_BYTES for the CLI)', async () => {
    const p = file('limit/small.txt', '---\nslug: small-one\n---\nA paragraph of about sixty bytes in all, here.');
    const refused = await ingestFiles(t.db, [p], { maxBytes: 20 });
    expect(refused.files[0]).toMatchObject({
      ok: false,
      error: { code: 'TOO_LARGE', message: expect.stringMatching(/over the limit of 20 bytes \(INGEST_MAX_BYTES\)$/) },
    });
    expect(await t.db.prisma.article.findUnique({ where: { slug: 'small-one' } })).toBeNull();
    expect(() => loadConfig({ INGEST_MAX_BYTES: 'lots' })).toThrow(ConfigError);
    expect(() => loadConfig({ INGEST_MAX_BYTES: 'lots' })).toThrow(/^INGEST_MAX_BYTES must be a whole number, got "lots"$/);
  });
});

describe('symbolic links', () => {
  const SYMLINK = { code: 'SYMLINK', message: 'is a symbolic link; symbolic links are not followed (name the file it points to)' };

  it('named as paths are refused with a reason, not followed, as in a folder scan', async () => {
    const target = file('links/real/story.txt', '---\nslug: linked-story\n---\nThe women arrived in Dandong.');
    const fileLink = path.join(dir, 'links/story-link.txt');
    const folderLink = path.join(dir, 'links/folder-link');
    fs.symlinkSync(target, fileLink);
    fs.symlinkSync(path.dirname(target), folderLink);
    const before = await rowCounts(t.db);
    const result = await ingestFiles(t.db, [fileLink, folderLink], { maxBytes: MAX_BYTES });
    expect(result).toMatchObject({ files: [], ingested: 0, failed: 0 });
    expect(result.refused).toEqual([
      { path: fileLink, error: SYMLINK },
      { path: folderLink, error: SYMLINK },
    ]);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('in a folder are skipped', async () => {
    const real = file('linked-folder/a-real.txt', '---\nslug: real-one\n---\nWorkers left Sinuiju.');
    fs.symlinkSync(file('elsewhere/b.txt', '---\nslug: linked-one\n---\nWorkers left Hyesan.'), path.join(dir, 'linked-folder/b-link.txt'));
    const result = await ingestFiles(t.db, [path.join(dir, 'linked-folder')], { maxBytes: MAX_BYTES });
    expect(result.files.map((f) => f.path)).toEqual([real]);
    expect(await t.db.prisma.article.findUnique({ where: { slug: 'linked-one' } })).toBeNull();
  });

  it('put in place of a file after it was found are refused when it is read', async () => {
    const link = path.join(dir, 'links/swapped.txt');
    fs.symlinkSync(path.join(dir, 'links/real/story.txt'), link);
    await expect(readArticleFile(link, MAX_BYTES)).rejects.toMatchObject(SYMLINK);
  });
});

describe('npm run ingest', () => {
  // One smoke test of the CLI itself (a child process: Prisma and the NLP libraries load in it):
  // a folder with a good and a binary file, a re-ingest that moves a paragraph, and a symbolic link.
  it('prints a line per file and a summary, keeps the good files, records "cli" as the writer, and exits 1 when one failed', {
    timeout: 120_000,
  }, async () => {
    const good = file('smoke/a-good.txt', '---\nslug: smoke-good\n---\nThe women arrived in Dandong on Sept. 7.');
    const bad = file('smoke/b-binary.txt', new Uint8Array([0, 1, 2, 3]));
    const lines = ['Trucks waited in Dandong on Sept. 3.', 'Officials in Sinuiju checked them.', 'Hyesan saw none of them.'];
    await ingestText(t.db.prisma, `---\nslug: cli-moved\ntitle: Moved\n---\n${lines.join('\n')}`);
    const moved = file('moved/a-moved.txt', `---\nslug: cli-moved\ntitle: Moved\n---\n${[lines[2], lines[0], lines[1]].join('\n')}`);
    const link = path.join(dir, 'moved/b-link.txt');
    fs.symlinkSync(moved, link);

    const result = await cli('ingest', [path.join(dir, 'smoke'), moved, link], { DATABASE_URL: t.url });
    expect(result.code).toBe(1);
    const database = new URL(t.url).pathname.slice(1);
    expect(result.stdout.trimEnd().split('\n')).toEqual([
      `✓ ${good}: smoke-good created, 1 paragraphs, 2 entities (0 proposed), 2 mentions, title derived: "The women arrived in Dandong on Sept. 7"`,
      expect.stringMatching(
        new RegExp(
          `^✓ ${moved}: cli-moved updated, 3 paragraphs, 0 changed, 0 added, 0 removed, 1 moved, \\d+ entities \\(0 proposed\\), \\d+ mentions$`,
        ),
      ),
      expect.stringMatching(new RegExp(`^2 of 3 file\\(s\\) ingested into postgres postgresql://\\S+/${database}; 1 failed$`)),
    ]);
    const errors = result.stderr.split('\n');
    expect(errors).toContain(`✗ ${bad}: the file holds binary data (a NUL byte), not text [BINARY]; nothing written`);
    expect(errors).toContain(`✗ ${link}: is a symbolic link; symbolic links are not followed (name the file it points to) [SYMLINK]`);
    expect(await t.db.prisma.article.findUnique({ where: { slug: 'smoke-good' } })).not.toBeNull();
    expect((await t.db.prisma.article.findUniqueOrThrow({ where: { slug: 'cli-moved' } })).updatedBy).toBe('cli');
  });
});
