import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../src/i18n/catalog.js';
import { formatProblem } from '../../src/i18n/check.js';
import { useCatalog } from '../../src/i18n/current.js';
import { flatten } from '../../src/i18n/locale-file.js';
import { markCurrent } from '../../src/i18n/records.js';
import { ingestText } from '../../src/ingest/index.js';
import { checkTranslations, markTranslationsCurrent, TranslationError, translationStatusReport } from '../../src/services/translations.js';
import { createApp } from '../../src/yoga.js';
import { cli } from '../helpers/cli.js';
import { useTestDatabase } from '../helpers/db.js';
import { gql } from '../helpers/gql.js';
import { copyLocales, labelCount } from '../helpers/locales.js';
import { paragraphKeysOf, SEED_SLUG, seedKey } from '../helpers/seed.js';

const t = useTestDatabase({ seedCorpus: true });
/** A private copy of the shipped locale files for each test, served by the app. */
let locales: ReturnType<typeof copyLocales>;
const yoga = createApp();
const SEED = fs.readFileSync('data/articles/nk-workers-china-seafood-plants.txt', 'utf8');
const env = () => ({ DATABASE_URL: t.url, LOCALES_DIR: locales.root, DATA_DIR: path.join(os.tmpdir(), 'pgdesk-unused') });

beforeEach(() => {
  locales = copyLocales();
  useCatalog(Catalog.load(locales.root));
});
afterEach(() => locales.remove());

/** The problems i18n:check reports, one line each, after an edit to a fresh copy of the locales. */
async function checkWith(edit: (root: string) => void): Promise<string[]> {
  edit(locales.root);
  return (await checkTranslations(t.db, locales.root)).problems.map(formatProblem);
}

// biome-ignore lint/suspicious/noExplicitAny: the planted-mistake tests edit locale JSON freely
const editJson = (root: string, rel: string, fn: (data: Record<string, any>) => void) => {
  const file = path.join(root, rel);
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  fn(data);
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
};
const KO_ARTICLE = `ko/articles/${SEED_SLUG}.json`;
/**
 * What ko (and zh-Hans) translate: every label of en/common.json and en/desk.json (a plural once), 20 entity names,
 * the seed article's title and 15 paragraphs, and one message per error code in en/errors.json
 * (labels and errors grow with the service).
 */
const TOTAL =
  labelCount('locales/en/common.json') +
  labelCount('locales/en/desk.json') +
  36 +
  Object.keys(JSON.parse(fs.readFileSync('locales/en/errors.json', 'utf8'))).length;
/** The locale key of the seed article's paragraph at a position ("paragraphs.p-412453d9" for 4). */
const P = (position: number) => `paragraphs.${seedKey(position)}`;

describe('i18n:check', () => {
  it('passes on the shipped locales', async () => {
    expect(await checkWith(() => {})).toEqual([]);
    expect(await checkTranslations(t.db, locales.root)).toEqual({ root: locales.root, problems: [], errors: 0, warnings: 0 });
  });

  it.each([
    [
      'invalid JSON',
      (root: string) => fs.writeFileSync(path.join(root, 'ko/common.json'), '{\n  "entityKind": {\n    "PERSON": "인물",\n  }\n}\n'),
      /^ko\/common\.json:4: error: invalid JSON/,
    ],
    [
      'a key the source does not have',
      (root: string) =>
        editJson(root, 'ko/common.json', (d) => {
          d.entityKind.ALIEN = '외계인';
        }),
      /^ko\/common\.json:\d+: error: entityKind\.ALIEN: key does not exist in the source language/,
    ],
    [
      'a paragraph the article does not have',
      (root: string) =>
        editJson(root, KO_ARTICLE, (d) => {
          d.paragraphs.p99 = '없는 문단';
        }),
      /^ko\/articles\/nk-workers-china-seafood-plants\.json:\d+: error: paragraphs\.p99: key does not exist/,
    ],
    [
      'a changed placeholder',
      (root: string) =>
        editJson(root, 'ko/errors.json', (d) => {
          d.UNSUPPORTED_LANGUAGE = '“{{lang}}”은(는) 지원하지 않는 언어입니다. 지원 언어: {{supported}}.';
        }),
      /^ko\/errors\.json:2: error: UNSUPPORTED_LANGUAGE: placeholders differ from the source: expected \{\{supported\}\}, \{\{tag\}\}, found \{\{lang\}\}, \{\{supported\}\}/,
    ],
    [
      'an empty string',
      (root: string) =>
        editJson(root, KO_ARTICLE, (d) => {
          d.paragraphs[seedKey(4)] = '';
        }),
      new RegExp(`^ko/articles/nk-workers-china-seafood-plants\\.json:8: error: paragraphs\\.${seedKey(4)}: empty translation`),
    ],
    [
      'an unbalanced quote',
      (root: string) =>
        editJson(root, KO_ARTICLE, (d) => {
          d.paragraphs[seedKey(9)] = '“북한 정권은 오랫동안 해외 노동자 파견에 의존해 왔다.';
        }),
      new RegExp(`paragraphs\\.${seedKey(9)}: unbalanced quotes or brackets: "“" is never closed`),
    ],
    [
      'an unbalanced bracket',
      (root: string) =>
        editJson(root, 'zh-Hans/common.json', (d) => {
          d.provenance.FALLBACK = '尚未翻译（显示原文';
        }),
      /^zh-Hans\/common\.json:\d+: error: provenance\.FALLBACK: unbalanced quotes or brackets: "（" is never closed/,
    ],
    [
      'a translation identical to the English',
      (root: string) =>
        editJson(root, KO_ARTICLE, (d) => {
          d.paragraphs[seedKey(7)] = 'Signs of warming relations';
        }),
      new RegExp(`paragraphs\\.${seedKey(7)}: identical to the English source`),
    ],
    [
      'a desk label left in English (names such as GraphQL API are not flagged)',
      (root: string) =>
        editJson(root, 'ko/desk.json', (d) => {
          d.nav.status = 'Translation status';
        }),
      /^ko\/desk\.json:\d+: warning: nav\.status: identical to the English source/,
    ],
    [
      'a glossary violation (단둥 missing)',
      (root: string) =>
        editJson(root, KO_ARTICLE, (d) => {
          d.paragraphs[seedKey(4)] = d.paragraphs[seedKey(4)].replaceAll('단둥', '그 도시');
        }),
      new RegExp(
        `paragraphs\\.${seedKey(4)}: glossary: the source mentions Dandong but the translation has none of “단둥”, “단둥시”, “단동”`,
      ),
    ],
  ])('fails on %s, naming file, line and key', async (_name, plant, expected) => {
    const problems = await checkWith(plant);
    expect(
      problems.some((p) => expected.test(p)),
      problems.join('\n'),
    ).toBe(true);
  });

  it('counts errors and warnings apart', async () => {
    editJson(locales.root, 'ko/common.json', (d) => {
      d.entityKind.PLACE = '';
    });
    editJson(locales.root, KO_ARTICLE, (d) => {
      d.paragraphs[seedKey(7)] = 'Signs of warming relations';
    });
    expect(await checkTranslations(t.db, locales.root)).toMatchObject({ errors: 1, warnings: 1 });
  });

  it('npm run i18n:check fails with a non-zero exit and one line per problem', async () => {
    editJson(locales.root, 'ko/common.json', (d) => {
      d.entityKind.PLACE = '';
    });
    const run = await cli('i18n', ['check'], env());
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^ko\/common\.json:\d+: error: entityKind\.PLACE: empty translation/m);
    expect(run.stdout).toMatch(new RegExp(`^1 error\\(s\\), 0 warning\\(s\\) in ${locales.root}$`, 'm'));
  });
});

describe('staleness', () => {
  it('follows a source change: still served, marked stale, until marked current', async () => {
    const before = await gql(yoga, `{ article(slug: "${SEED_SLUG}", lang: "ko") { paragraphs { position stale provenance text } } }`);
    expect(before.data?.article.paragraphs.filter((p: { stale: boolean }) => p.stale)).toEqual([]);

    await ingestText(
      t.db.prisma,
      SEED.replace('the women received 60 days of training', 'the women received 60 days of political training'),
    );
    try {
      const after = await gql(
        yoga,
        `{ article(slug: "${SEED_SLUG}") {
        ko: paragraphs { position stale provenance text(lang: "ko") s: stale(lang: "ko") }
        tw: paragraphs { s: stale(lang: "zh-Hant") p: provenance(lang: "zh-Hant") }
        en: paragraphs { s: stale } } }`,
      );
      const ko = after.data?.article.ko;
      expect(ko.filter((p: { s: boolean }) => p.s).map((p: { position: number }) => p.position)).toEqual([3]);
      expect(ko[3].text).toBe(before.data?.article.paragraphs[3].text);
      expect(after.data?.article.tw[3]).toEqual({ s: true, p: 'TRANSLATED' });
      expect(after.data?.article.en.every((p: { s: boolean }) => !p.s)).toBe(true);

      const status = await gql(yoga, '{ translationStatus(lang: "ko") { stale staleKeys missing coverage } }');
      expect(status.data?.translationStatus).toMatchObject({
        stale: 1,
        staleKeys: [`articles/${SEED_SLUG}:${P(3)}`],
        missing: 0,
        coverage: 1,
      });

      // The translator reviews it and marks it current, without touching a hash.
      const run = await cli('i18n', ['mark-current', '--lang', 'ko', '--key', `articles/${SEED_SLUG}:${P(3)}`], env());
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/marked 1 ko translation\(s\) current/);
      useCatalog(Catalog.load(locales.root));
      const cleared = await gql(
        yoga,
        '{ translationStatus(lang: "ko") { stale } zh: translationStatus(lang: "zh-Hans") { stale staleKeys } }',
      );
      expect(cleared.data?.translationStatus.stale).toBe(0);
      expect(cleared.data?.zh.stale).toBe(1);
    } finally {
      await ingestText(t.db.prisma, SEED);
    }
  });

  it('marks current what is asked, and refuses a key without a translation', async () => {
    const key = `articles/${SEED_SLUG}:${P(3)}`;
    const records = JSON.parse(locales.read('.sources/ko.json'));
    delete records[`articles/${SEED_SLUG}`][P(3)];
    fs.writeFileSync(locales.file('.sources/ko.json'), JSON.stringify(records));
    const stale = await translationStatusReport(t.db, locales.root, { language: 'ko' });
    expect(stale.languages[0]?.staleKeys).toEqual([key]);

    const refused = markTranslationsCurrent(t.db, locales.root, 'ko', [key, 'articles/nope:title']);
    await expect(refused).rejects.toThrow(new TranslationError('UNKNOWN_KEY', 'no ko translation for: articles/nope:title'));
    await expect(refused).rejects.toMatchObject({ code: 'UNKNOWN_KEY' });
    expect(JSON.parse(locales.read('.sources/ko.json'))).toEqual(records);

    expect(await markTranslationsCurrent(t.db, locales.root, 'ko', [key])).toEqual({ language: 'ko', keys: [key], count: 1 });
    expect((await translationStatusReport(t.db, locales.root, { language: 'ko' })).languages[0]?.stale).toBe(0);
    // zh-Hant marks only what its translators wrote (locales/zh-Hant/), never what is converted from zh-Hans.
    const written = new Set(
      [...(Catalog.load(locales.root).files.get('zh-Hant') ?? new Map())].flatMap(([ns, data]) => flatten(data).map(([k]) => `${ns}:${k}`)),
    );
    const tw = await markTranslationsCurrent(t.db, locales.root, 'zh-Hant');
    expect(tw.count).toBeGreaterThan(0);
    expect(tw.keys.filter((k) => !written.has(k))).toEqual([]);
  });

  it('a new article is missing work in every language at once', async () => {
    const text = '---\nslug: fresh-report\n---\nA fresh report from Dandong.\nA second paragraph.';
    const [first, second] = paragraphKeysOf(text);
    await ingestText(t.db.prisma, text);
    try {
      const res = await gql(
        yoga,
        `{ ko: translationStatus(lang: "ko") { missingKeys } zh: translationStatus(lang: "zh-Hans") { missingKeys } tw: translationStatus(lang: "zh-Hant") { missingKeys } }`,
      );
      for (const lang of ['ko', 'zh', 'tw']) {
        expect(res.data?.[lang].missingKeys).toEqual([
          'articles/fresh-report:title',
          `articles/fresh-report:paragraphs.${first}`,
          `articles/fresh-report:paragraphs.${second}`,
        ]);
      }
      const report = await translationStatusReport(t.db, locales.root, { language: 'ko' });
      expect(report.languages[0]?.namespaces.find((n) => n.namespace === 'articles/fresh-report')).toMatchObject({
        total: 3,
        missing: 3,
        coverage: 0,
      });
    } finally {
      await t.db.prisma.article.delete({ where: { slug: 'fresh-report' } });
    }
  });

  it('the status report has every language translators write, with the figures npm run i18n:status prints', async () => {
    const report = await translationStatusReport(t.db, locales.root);
    expect(report.languages.map((s) => s.language)).toEqual(['ko', 'zh-Hans', 'zh-Hant']);
    expect(report.errors).toEqual([]);
    expect(report.languages[0]).toMatchObject({ language: 'ko', total: TOTAL, translated: TOTAL, missing: 0, stale: 0, coverage: 1 });
    const zh = await translationStatusReport(t.db, locales.root, { language: 'zh-Hans' });
    expect(zh.languages).toHaveLength(1);
    expect(zh.languages[0]).toMatchObject({ language: 'zh-Hans', total: TOTAL, translated: TOTAL, missing: 0, coverage: 1 });
    await expect(translationStatusReport(t.db, locales.root, { language: 'fr' })).rejects.toMatchObject({ code: 'UNSUPPORTED_LANGUAGE' });
  });

  it('npm run i18n:status prints the table', async () => {
    const table = await cli('i18n', ['status'], env());
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^language\s+namespace\s+total\s+translated\s+missing\s+stale\s+orphaned\s+coverage$/m);
    expect(table.stdout).toMatch(new RegExp(`^ko\\s+\\(all\\)\\s+${TOTAL}\\s+${TOTAL}\\s+0\\s+0\\s+0\\s+100\\.0%$`, 'm'));
    expect(table.stdout).toMatch(new RegExp(`^zh-Hant\\s+\\(all\\)\\s+${TOTAL}\\s+${TOTAL}\\s+0\\s+0\\s+0\\s+100\\.0%$`, 'm'));
  });
});

describe('records', () => {
  it('are written sorted and canonical by markCurrent', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-rec-'));
    try {
      markCurrent(dir, {}, 'ko', [
        { namespace: 'b', key: 'z', source: 'x', sourceHash: 'a'.repeat(64), note: '' },
        { namespace: 'a', key: 'y', source: 'x', sourceHash: 'b'.repeat(64), note: '' },
      ]);
      expect(fs.readFileSync(path.join(dir, '.sources', 'ko.json'), 'utf8')).toBe(
        '{\n  "a": {\n    "y": "bbbbbbbbbbbbbbbb"\n  },\n  "b": {\n    "z": "aaaaaaaaaaaaaaaa"\n  }\n}\n',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
