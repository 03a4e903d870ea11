// A translation whose paragraph was removed from the article (or whose article is gone) is an
// orphan: never served for another paragraph, never deleted behind the translator's back, and
// reported by i18n:check (a warning), translationStatus and i18n:status --json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../src/i18n/catalog.js';
import { formatProblem } from '../../src/i18n/check.js';
import { useCatalog } from '../../src/i18n/current.js';
import { ingestText } from '../../src/ingest/index.js';
import { checkTranslations, exportTranslations, importTranslations, translationStatusReport } from '../../src/services/translations.js';
import { createApp } from '../../src/yoga.js';
import { cli } from '../helpers/cli.js';
import { useTestDatabase } from '../helpers/db.js';
import { gql } from '../helpers/gql.js';
import { copyLocales } from '../helpers/locales.js';
import { SEED_FILE, SEED_SLUG, seedKey, seedTranslation } from '../helpers/seed.js';

const t = useTestDatabase({ seedCorpus: true });
const yoga = createApp();
const SEED = fs.readFileSync(SEED_FILE, 'utf8');
const NS = `articles/${SEED_SLUG}`;
const KO_ARTICLE = `ko/articles/${SEED_SLUG}.json`;
/** The paragraph the editor removes: the tenth ("The North Korean regime has long relied …"). */
const REMOVED = seedKey(9);
const ORPHAN = `${NS}:paragraphs.${REMOVED}`;
const REMOVED_LINE = SEED.split('\n').find((l) => l.startsWith('The North Korean regime has long relied')) as string;
let locales: ReturnType<typeof copyLocales>;

beforeAll(async () => {
  expect(REMOVED_LINE).toBeTruthy();
  await ingestText(t.db.prisma, SEED.replace(`${REMOVED_LINE}\n`, ''));
});
afterAll(async () => {
  await ingestText(t.db.prisma, SEED);
});
beforeEach(() => {
  locales = copyLocales();
  useCatalog(Catalog.load(locales.root));
});
afterEach(() => locales.remove());

describe('a translation whose paragraph was removed from the article', () => {
  it('is never served for another paragraph: the ones after it keep their own translations', async () => {
    const ko = seedTranslation('ko').paragraphs;
    const res = await gql(yoga, `{ article(slug: "${SEED_SLUG}", lang: "ko") { paragraphs { position text provenance stale } } }`);
    const paragraphs = res.data?.article.paragraphs as Array<{ position: number; text: string; provenance: string; stale: boolean }>;
    expect(paragraphs).toHaveLength(14);
    expect(paragraphs.map((p) => p.text)).not.toContain(ko[REMOVED]);
    // The paragraph now at position 9 was the eleventh: it is served its own translation, current.
    expect(paragraphs[9]).toEqual({ position: 9, text: ko[seedKey(10)], provenance: 'TRANSLATED', stale: false });
    expect(paragraphs.every((p, i) => p.text === ko[seedKey(i < 9 ? i : i + 1)])).toBe(true);
  });

  it('is kept in the file and reported by i18n:check as a warning with file, line and key', async () => {
    const report = await checkTranslations(t.db, locales.root);
    const lines = report.problems.map(formatProblem);
    expect(lines).toEqual([
      `${KO_ARTICLE}:13: warning: paragraphs.${REMOVED}: orphaned: its paragraph is no longer in the article (not served; delete it, or reuse its text)`,
      `zh-Hans/articles/${SEED_SLUG}.json:13: warning: paragraphs.${REMOVED}: orphaned: its paragraph is no longer in the article (not served; delete it, or reuse its text)`,
      `zh-Hant/articles/${SEED_SLUG}.json:13: warning: paragraphs.${REMOVED}: orphaned: its paragraph is no longer in the article (not served; delete it, or reuse its text)`,
    ]);
    expect(report.problems[0]).toMatchObject({ severity: 'warning', code: 'ORPHANED', key: `paragraphs.${REMOVED}` });
    expect(report).toMatchObject({ errors: 0, warnings: 3 });
    expect(JSON.parse(locales.read(KO_ARTICLE)).paragraphs[REMOVED]).toBe(seedTranslation('ko').paragraphs[REMOVED]);
  });

  it('is counted as orphaned, not translated, per language and namespace', async () => {
    const report = await translationStatusReport(t.db, locales.root);
    for (const status of report.languages) {
      // zh-Hant serves the zh-Hans file converted: the orphan is there too.
      expect(status).toMatchObject({ orphaned: 1, orphanedKeys: [ORPHAN], missing: 0, stale: 0, coverage: 1 });
      expect(status.namespaces.find((n) => n.namespace === NS)).toMatchObject({ total: 15, translated: 15, orphaned: 1 });
      expect(status.namespaces.find((n) => n.namespace === 'common')).toMatchObject({ orphaned: 0 });
    }
    const res = await gql(
      yoga,
      `{ translationStatus(lang: "ko") { orphaned orphanedKeys namespaces { namespace orphaned } }
         tw: translationStatus(lang: "zh-Hant") { orphaned orphanedKeys } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.translationStatus.orphaned).toBe(1);
    expect(res.data?.translationStatus.orphanedKeys).toEqual([ORPHAN]);
    expect(res.data?.translationStatus.namespaces).toContainEqual({ namespace: NS, orphaned: 1 });
    expect(res.data?.tw).toEqual({ orphaned: 1, orphanedKeys: [ORPHAN] });
  });

  it('npm run i18n:status -- --json reports orphaned and orphanedKeys', async () => {
    const env = { DATABASE_URL: t.url, LOCALES_DIR: locales.root, DATA_DIR: path.join(os.tmpdir(), 'pgdesk-unused') };
    const run = await cli('i18n', ['status', '--json', '--lang', 'ko'], env);
    expect(run.code).toBe(0);
    const [ko] = JSON.parse(run.stdout);
    expect(ko).toMatchObject({ language: 'ko', orphaned: 1, orphanedKeys: [ORPHAN] });
    expect(ko.namespaces.find((n: { namespace: string }) => n.namespace === NS)).toMatchObject({ orphaned: 1 });
  });

  it('survives an import: it is neither exported nor deleted', async () => {
    const po = (await exportTranslations(t.db, locales.root, { language: 'ko', format: 'po' })).text;
    expect(po).not.toContain(REMOVED);
    const before = locales.read(KO_ARTICLE);
    expect(await importTranslations(t.db, locales.root, { text: po })).toMatchObject({ ok: true, written: [] });
    expect(locales.read(KO_ARTICLE)).toBe(before);
  });

  it('is served again, current, when the paragraph comes back', async () => {
    await ingestText(t.db.prisma, SEED);
    try {
      const res = await gql(yoga, `{ article(slug: "${SEED_SLUG}", lang: "ko") { paragraphs { text stale } } }`);
      expect(res.data?.article.paragraphs[9]).toEqual({ text: seedTranslation('ko').paragraphs[REMOVED], stale: false });
      expect((await translationStatusReport(t.db, locales.root)).languages.map((s) => s.orphaned)).toEqual([0, 0, 0]);
      expect(await checkTranslations(t.db, locales.root)).toMatchObject({ errors: 0, warnings: 0 });
    } finally {
      await ingestText(t.db.prisma, SEED.replace(`${REMOVED_LINE}\n`, ''));
    }
  });
});

describe('an article namespace whose article no longer exists', () => {
  it('has every key reported as orphaned, by check (warnings) and status', async () => {
    fs.writeFileSync(
      locales.file('ko/articles/withdrawn-story.json'),
      `${JSON.stringify({ title: '철회된 기사', paragraphs: { 'p-0123abcd': '첫 문단.', p3: '옛 위치 키 문단.' } }, null, 2)}\n`,
    );
    const report = await checkTranslations(t.db, locales.root);
    const withdrawn = report.problems.filter((p) => p.file === 'ko/articles/withdrawn-story.json');
    expect(withdrawn.map(formatProblem)).toEqual([
      'ko/articles/withdrawn-story.json:2: warning: title: orphaned: its article is no longer in the database (not served; delete it)',
      'ko/articles/withdrawn-story.json:4: warning: paragraphs.p-0123abcd: orphaned: its article is no longer in the database (not served; delete it)',
      'ko/articles/withdrawn-story.json:5: warning: paragraphs.p3: orphaned: its article is no longer in the database (not served; delete it)',
    ]);
    expect(report.errors).toBe(0);
    const [ko] = (await translationStatusReport(t.db, locales.root, { language: 'ko' })).languages;
    expect(ko?.orphanedKeys).toEqual([
      ORPHAN,
      'articles/withdrawn-story:title',
      'articles/withdrawn-story:paragraphs.p-0123abcd',
      'articles/withdrawn-story:paragraphs.p3',
    ]);
    expect(ko?.namespaces.find((n) => n.namespace === 'articles/withdrawn-story')).toEqual({
      namespace: 'articles/withdrawn-story',
      total: 0,
      translated: 0,
      missing: 0,
      stale: 0,
      orphaned: 3,
      coverage: 1,
    });
  });

  it('a key of an existing article that is no paragraph key at all is an error, not an orphan', async () => {
    const data = JSON.parse(locales.read(KO_ARTICLE));
    data.paragraphs.intro = '소개';
    fs.writeFileSync(locales.file(KO_ARTICLE), `${JSON.stringify(data, null, 2)}\n`);
    const report = await checkTranslations(t.db, locales.root);
    expect(report.problems.map(formatProblem)).toContainEqual(
      expect.stringMatching(
        /^ko\/articles\/nk-workers-china-seafood-plants\.json:\d+: error: paragraphs\.intro: key does not exist in the source language/,
      ),
    );
  });
});
