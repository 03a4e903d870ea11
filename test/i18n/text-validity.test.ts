// Locale strings must be text: bytes that are not UTF-8, U+FFFD (the trace of a wrong encoding)
// and control characters are load errors at their file and line, reported by i18n:check, refused
// when saved, and never served: the file's last good version is.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog, LastGoodStore } from '../../src/i18n/catalog.js';
import { checkTranslations, saveTranslation } from '../../src/services/translations.js';
import { useTestDatabase } from '../helpers/db.js';
import { copyLocales } from '../helpers/locales.js';
import { SEED_SLUG } from '../helpers/seed.js';

const t = useTestDatabase({ seedCorpus: true });
let locales: ReturnType<typeof copyLocales>;
let lastGood: LastGoodStore;
let lastGoodDir: string;
const FILE = `ko/articles/${SEED_SLUG}.json`;
let original: string;
let title: string;

beforeAll(() => {
  locales = copyLocales();
  lastGoodDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-lastgood-'));
  lastGood = new LastGoodStore(lastGoodDir);
  original = locales.read(FILE);
  title = JSON.parse(original).title;
  // The good version, remembered.
  expect(Catalog.load(locales.root, { lastGood }).errors).toEqual([]);
});
afterAll(() => {
  locales.remove();
  fs.rmSync(lastGoodDir, { recursive: true, force: true });
});

const served = (catalog: Catalog) => catalog.raw('ko', `articles/${SEED_SLUG}`, 'title');

describe('locale strings as text', () => {
  const damaged: Array<[string, () => Buffer, RegExp]> = [
    [
      'bytes that are not UTF-8',
      () => {
        const at = Buffer.from(original).indexOf(Buffer.from(title));
        return Buffer.concat([Buffer.from(original).subarray(0, at), Buffer.from([0xb1, 0xe2]), Buffer.from(original).subarray(at)]);
      },
      /^invalid UTF-8: the file must be saved as UTF-8/,
    ],
    ['U+FFFD', () => Buffer.from(original.replace(title, `\ufffd\ufffd${title}`)), /"title" holds U\+FFFD, the replacement character/],
    ['a control character', () => Buffer.from(original.replace(title, `${title}\\u0007`)), /"title" holds the control character U\+0007/],
  ];

  for (const [what, bytes, message] of damaged) {
    it(`refuses ${what} at its file and line, and serves the last good version`, async () => {
      fs.writeFileSync(locales.file(FILE), bytes());
      try {
        const catalog = Catalog.load(locales.root, { lastGood });
        expect(catalog.errors).toEqual([{ file: FILE, line: expect.any(Number), message: expect.stringMatching(message) }]);
        expect(catalog.errors[0]?.line ?? 0).toBeGreaterThan(0);
        expect(served(catalog)).toBe(title);
        const report = await checkTranslations(t.db, catalog);
        expect(report.problems.filter((p) => p.code === 'LOAD_ERROR').map((p) => p.file)).toEqual([FILE]);
        expect(report.errors).toBeGreaterThan(0);
      } finally {
        fs.writeFileSync(locales.file(FILE), original);
      }
    });
  }

  it('refuses to save a translation holding U+FFFD or a control character, writing nothing', async () => {
    const before = locales.snapshot();
    for (const text of [`${title}\ufffd`, `${title}\u001b[31m`]) {
      const result = await saveTranslation(t.db, locales.root, { language: 'ko', namespace: `articles/${SEED_SLUG}`, key: 'title', text });
      expect(result.ok).toBe(false);
      expect(locales.snapshot()).toEqual(before);
    }
  });
});
