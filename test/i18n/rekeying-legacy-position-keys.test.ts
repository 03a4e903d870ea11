import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../src/i18n/catalog.js';
import { formatProblem } from '../../src/i18n/check.js';
import { useCatalog } from '../../src/i18n/current.js';
import { sha256 } from '../../src/lib/files.js';
import { checkTranslations, rekeyLegacyParagraphKeys, translationStatusReport } from '../../src/services/translations.js';
import { createApp } from '../../src/yoga.js';
import { cli } from '../helpers/cli.js';
import { useTestDatabase } from '../helpers/db.js';
import { gql } from '../helpers/gql.js';
import { copyLocales } from '../helpers/locales.js';
import { SEED_SLUG, seedKey, seedTranslation } from '../helpers/seed.js';

const t = useTestDatabase({ seedCorpus: true });
const yoga = createApp();
const NS = `articles/${SEED_SLUG}`;
const ARTICLE = (lang: string) => `${lang}/articles/${SEED_SLUG}.json`;
const KEYS = Array.from({ length: 15 }, (_, i) => seedKey(i));
const HEADING = 'Signs of warming relations';
let locales: ReturnType<typeof copyLocales>;
/** The shipped files, as they are before being rewritten to position keys. */
let shipped: Record<string, string>;

const snapshot = () => locales.snapshot();

const write = (rel: string, data: unknown) => fs.writeFileSync(locales.file(rel), `${JSON.stringify(data, null, 2)}\n`);
/** The position key a stable key had before ("p-13a4cc0f" → "p3"), in place, keeping the order. */
const legacy = (key: string) => `p${KEYS.indexOf(key)}`;
const renameKeys = <V>(o: Record<string, V>, rename: (k: string) => string) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [rename(k), v]));

/** Rewrites the copy as it was before stable keys: article files and .sources records keyed by position. */
function toLegacy(): void {
  for (const lang of ['ko', 'zh-Hans']) {
    const data = JSON.parse(locales.read(ARTICLE(lang)));
    write(ARTICLE(lang), { ...data, paragraphs: renameKeys(data.paragraphs, legacy) });
    const records = JSON.parse(locales.read(`.sources/${lang}.json`));
    records[NS] = renameKeys(records[NS], (k) => (k.startsWith('paragraphs.') ? `paragraphs.${legacy(k.slice(11))}` : k));
    write(`.sources/${lang}.json`, records);
  }
  // A zh-Hant override of the subheading, with its record.
  fs.mkdirSync(locales.file('zh-Hant/articles'), { recursive: true });
  write(ARTICLE('zh-Hant'), { paragraphs: { p7: '關係回暖跡象' } });
  write('.sources/zh-Hant.json', { [NS]: { 'paragraphs.p7': sha256(HEADING).slice(0, 16) } });
}

beforeEach(() => {
  locales = copyLocales();
  shipped = {
    ko: locales.read(ARTICLE('ko')),
    'zh-Hans': locales.read(ARTICLE('zh-Hans')),
    'ko-sources': locales.read('.sources/ko.json'),
    'zh-Hans-sources': locales.read('.sources/zh-Hans.json'),
  };
  toLegacy();
  useCatalog(Catalog.load(locales.root));
});
afterEach(() => locales.remove());

describe('legacy position keys', () => {
  it('are not served for any paragraph, and i18n:check reports each with the hint to run npm run i18n:rekey', async () => {
    const res = await gql(
      yoga,
      `{ article(slug: "${SEED_SLUG}", lang: "ko") { localizedTitle { provenance } paragraphs { provenance } } }`,
    );
    expect(res.data?.article.localizedTitle.provenance).toBe('TRANSLATED');
    expect(new Set(res.data?.article.paragraphs.map((p: { provenance: string }) => p.provenance))).toEqual(new Set(['FALLBACK']));

    const report = await checkTranslations(t.db, locales.root);
    const legacyProblems = report.problems.filter((p) => p.code === 'LEGACY_KEY');
    expect(legacyProblems).toHaveLength(31);
    expect(legacyProblems.every((p) => p.severity === 'error')).toBe(true);
    expect(report.problems.map(formatProblem)).toContain(
      `ko/articles/${SEED_SLUG}.json:7: error: paragraphs.p3: legacy position key: paragraph 4 is now "paragraphs.${seedKey(3)}"; run npm run i18n:rekey to rename position keys to stable keys`,
    );
    expect(report.problems.map(formatProblem)).toContain(
      `zh-Hant/articles/${SEED_SLUG}.json:3: error: paragraphs.p7: legacy position key: paragraph 8 is now "paragraphs.${seedKey(7)}"; run npm run i18n:rekey to rename position keys to stable keys`,
    );
    const [ko] = (await translationStatusReport(t.db, locales.root, { language: 'ko' })).languages;
    expect(ko).toMatchObject({ missing: 15, orphaned: 15 });
  });

  it('are renamed by rekeyLegacyParagraphKeys to the keys of the paragraphs at those positions, in every language and in .sources', async () => {
    const result = await rekeyLegacyParagraphKeys(t.db, locales.root);
    const all = KEYS.map((k, i) => ({ from: `paragraphs.p${i}`, to: `paragraphs.${k}` }));
    const sorted = (r: Array<{ from: string; to: string }>) => [...r].sort((a, b) => a.from.localeCompare(b.from));
    expect(result.files.map((f) => [f.file, f.renamed.length, f.kept, f.error])).toEqual([
      [ARTICLE('ko'), 15, [], undefined],
      [ARTICLE('zh-Hans'), 15, [], undefined],
      [ARTICLE('zh-Hant'), 1, [], undefined],
      ['.sources/ko.json', 15, [], undefined],
      ['.sources/zh-Hans.json', 15, [], undefined],
      ['.sources/zh-Hant.json', 1, [], undefined],
    ]);
    expect(sorted(result.files[0]?.renamed ?? [])).toEqual(sorted(all));
    expect(result.files[2]?.renamed).toEqual([{ from: 'paragraphs.p7', to: `paragraphs.${seedKey(7)}` }]);
    expect(result).toMatchObject({ renamed: 62, kept: 0 });

    // The article files are back to the shipped ones byte for byte (key order kept), the override is
    // under its stable key.
    expect(locales.read(ARTICLE('ko'))).toBe(shipped.ko);
    expect(locales.read(ARTICLE('zh-Hans'))).toBe(shipped['zh-Hans']);
    // The records say the same as the shipped ones, in their canonical (sorted) form.
    expect(JSON.parse(locales.read('.sources/ko.json'))).toEqual(JSON.parse(shipped['ko-sources'] ?? ''));
    expect(JSON.parse(locales.read('.sources/zh-Hans.json'))).toEqual(JSON.parse(shipped['zh-Hans-sources'] ?? ''));
    const ns = JSON.parse(locales.read('.sources/ko.json'))[NS];
    expect(Object.keys(ns)).toEqual(Object.keys(ns).sort());
    expect(JSON.parse(locales.read(ARTICLE('zh-Hant')))).toEqual({ paragraphs: { [seedKey(7)]: '關係回暖跡象' } });
    expect(JSON.parse(locales.read('.sources/zh-Hant.json'))).toEqual({
      [NS]: { [`paragraphs.${seedKey(7)}`]: sha256(HEADING).slice(0, 16) },
    });

    // Served again, current, each translation with its own paragraph.
    useCatalog(Catalog.load(locales.root));
    const res = await gql(
      yoga,
      `{ article(slug: "${SEED_SLUG}") { ko: paragraphs { text(lang: "ko") stale(lang: "ko") } tw: paragraphs { text(lang: "zh-Hant") provenance(lang: "zh-Hant") stale(lang: "zh-Hant") } } }`,
    );
    expect(res.data?.article.ko).toEqual(KEYS.map((k) => ({ text: seedTranslation('ko').paragraphs[k], stale: false })));
    expect(res.data?.article.tw[7]).toEqual({ text: '關係回暖跡象', provenance: 'TRANSLATED', stale: false });
    expect(res.data?.article.tw[8].provenance).toBe('CONVERTED');
    const check = await checkTranslations(t.db, locales.root);
    expect(check.problems.filter((p) => p.code === 'LEGACY_KEY' || p.code === 'ORPHANED' || p.key?.startsWith('paragraphs.'))).toEqual([]);
    expect(check.errors).toBe(0);

    // Running it again renames nothing and writes nothing.
    const before = snapshot();
    expect(await rekeyLegacyParagraphKeys(t.db, locales.root)).toEqual({ files: [], renamed: 0, kept: 0 });
    expect(snapshot()).toEqual(before);
  });

  it('keeps, and reports, what it cannot map: a position past the end, a stable key already there, a deleted article, a broken file', async () => {
    const ko = JSON.parse(locales.read(ARTICLE('ko')));
    ko.paragraphs.p99 = '없는 문단';
    ko.paragraphs[seedKey(3)] = '이미 새 키로 옮긴 번역';
    write(ARTICLE('ko'), ko);
    write('ko/articles/withdrawn-story.json', { paragraphs: { p0: '철회된 기사' } });
    fs.writeFileSync(locales.file(ARTICLE('zh-Hans')), '{\n  "paragraphs": {\n    "p0": "断了"\n');
    const zhBefore = locales.read(ARTICLE('zh-Hans'));

    const result = await rekeyLegacyParagraphKeys(t.db, locales.root);
    const koFile = result.files.find((f) => f.file === ARTICLE('ko'));
    expect(koFile?.renamed).toHaveLength(14);
    expect(koFile?.kept).toEqual([
      {
        key: 'paragraphs.p3',
        reason: `the file already has "paragraphs.${seedKey(3)}" (keep one of the two and delete the other)`,
      },
      { key: 'paragraphs.p99', reason: 'the article has no paragraph 99' },
    ]);
    expect(result.files.find((f) => f.file === 'ko/articles/withdrawn-story.json')?.kept).toEqual([
      { key: 'paragraphs.p0', reason: 'no such article' },
    ]);
    expect(result.files.find((f) => f.file === ARTICLE('zh-Hans'))?.error).toMatch(/invalid JSON.*not rekeyed/);
    expect(locales.read(ARTICLE('zh-Hans'))).toBe(zhBefore);

    // Nothing was lost: what was kept is still there, and i18n:check still names it.
    const after = JSON.parse(locales.read(ARTICLE('ko'))).paragraphs;
    expect(after.p99).toBe('없는 문단');
    expect(after.p3).toBe(seedTranslation('ko').paragraphs[seedKey(3)]);
    expect(after[seedKey(3)]).toBe('이미 새 키로 옮긴 번역');
    const lines = (await checkTranslations(t.db, locales.root)).problems.map(formatProblem);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^ko\/articles\/nk-workers-china-seafood-plants\.json:\d+: error: paragraphs\.p99: key does not exist in the source language: a position key from before stable paragraph keys, and the article has no paragraph 99/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /error: paragraphs\.p3: legacy position key: paragraph 4 is now "paragraphs\.p-[0-9a-f]{8}"; the file already has/,
      ),
    );
    expect(lines).toContain(
      'ko/articles/withdrawn-story.json:3: warning: paragraphs.p0: orphaned: its article is no longer in the database (not served; delete it)',
    );
  });

  it('npm run i18n:rekey prints one line per file and a total', async () => {
    const env = { DATABASE_URL: t.url, LOCALES_DIR: locales.root, DATA_DIR: path.join(os.tmpdir(), 'pgdesk-unused') };
    const run = await cli('i18n', ['rekey'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        `${ARTICLE('ko')}: renamed 15 key(s)`,
        `${ARTICLE('zh-Hans')}: renamed 15 key(s)`,
        `${ARTICLE('zh-Hant')}: renamed 1 key(s)`,
        '.sources/ko.json: renamed 15 key(s)',
        '.sources/zh-Hans.json: renamed 15 key(s)',
        '.sources/zh-Hant.json: renamed 1 key(s)',
        `62 key(s) renamed, 0 left as they were, in ${locales.root}`,
        '',
      ].join('\n'),
    );
    expect(locales.read(ARTICLE('ko'))).toBe(shipped.ko);
  });
});
