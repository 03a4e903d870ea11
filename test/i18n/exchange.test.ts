import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readArguments, UsageError, validate } from '../../src/cli/i18n.js';
import { formatProblem } from '../../src/i18n/check.js';
import { ingestText } from '../../src/ingest/index.js';
import {
  exportTranslations,
  type ImportOptions,
  importTranslations,
  TranslationError,
  translationStatusReport,
} from '../../src/services/translations.js';
import { cli } from '../helpers/cli.js';
import { useTestDatabase } from '../helpers/db.js';
import { copyLocales, labelCount } from '../helpers/locales.js';
import { paragraphKeysOf, SEED_SLUG, seedKey } from '../helpers/seed.js';

const t = useTestDatabase({ seedCorpus: true });
/** A private copy of the shipped locale files, and a folder for exported files, for each test. */
let locales: ReturnType<typeof copyLocales>;
let work: string;
const env = () => ({ DATABASE_URL: t.url, LOCALES_DIR: locales.root, DATA_DIR: path.join(os.tmpdir(), 'pgdesk-unused') });
/** Besides the seed corpus, an article nobody has translated yet, mentioning Dandong and Sinuiju. */
const NEW_ARTICLE = '---\nslug: new-arrivals\n---\nMore workers reached Dandong on Oct. 2.\nOfficials in Sinuiju declined to comment.';
/** The stable keys of its two paragraphs. */
const [NEW_FIRST, NEW_SECOND] = paragraphKeysOf(NEW_ARTICLE);
/** The new article's first paragraph, as msgstr line of a PO export. */
const NEW_P0 = new RegExp(`(msgctxt "articles/new-arrivals:paragraphs\\.${NEW_FIRST}"\nmsgid "[^"]*"\nmsgstr )"[^"]*"`);

/**
 * What a language has translated: every label of en/common.json and en/desk.json (a plural once), 20 entity names,
 * the seed article's title and 15 paragraphs, and one message per error code in en/errors.json
 * (both grow with the service). An export also holds the 3 units of the untranslated article below.
 */
const ERROR_CODES = Object.keys(JSON.parse(fs.readFileSync('locales/en/errors.json', 'utf8'))).length;
/** What a language has translated. */
const translated = (lang: string) => labelCount(`locales/${lang}/common.json`) + labelCount(`locales/${lang}/desk.json`) + 36 + ERROR_CODES;
const UNITS = labelCount('locales/en/common.json') + labelCount('locales/en/desk.json') + 36 + ERROR_CODES + 3;

const snapshot = () => locales.snapshot();

beforeAll(async () => {
  await ingestText(t.db.prisma, NEW_ARTICLE);
});
beforeEach(() => {
  locales = copyLocales();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-xchg-'));
});
afterEach(() => {
  locales.remove();
  fs.rmSync(work, { recursive: true, force: true });
});

const exportText = async (options: Parameters<typeof exportTranslations>[2]) =>
  (await exportTranslations(t.db, locales.root, options)).text;

/** Why an import was refused, as the CLI prints it; fails the test if it was not refused. */
async function refusal(source: ImportOptions): Promise<string> {
  try {
    const result = await importTranslations(t.db, locales.root, source);
    expect(result.ok, 'the import was not refused').toBe(false);
    return result.ok ? '' : result.problems.map(formatProblem).join('\n');
  } catch (err) {
    if (err instanceof TranslationError && err.code === 'BAD_FILE') return err.message;
    throw err;
  }
}

describe('export and import', () => {
  it.each([
    ['xliff', 'ko', '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ko">'],
    ['xliff12', 'zh-Hans', 'urn:oasis:names:tc:xliff:document:1.2'],
    ['po', 'ko', `msgctxt "articles/nk-workers-china-seafood-plants:paragraphs.${seedKey(3)}"`],
  ])('%s round trip for %s is byte-identical', async (format, lang, marker) => {
    const before = snapshot();
    const exported = await exportTranslations(t.db, locales.root, { language: lang, format });
    expect(exported).toMatchObject({ language: lang, format, count: UNITS });
    const text = exported.text;
    expect(text).toContain(marker);
    // Source text and context travel with each unit.
    expect(text).toContain('Signs of warming relations');
    expect(text).toMatch(/subheading 8 of 15/);
    expect(text).toMatch(/Mentions: [^\n<]*Dandong/);
    const imported = await importTranslations(t.db, locales.root, { text, name: `${lang}.${format}` });
    expect(imported).toMatchObject({
      ok: true,
      language: lang,
      format,
      imported: translated(lang),
      reviewed: format === 'po' ? translated(lang) : 0,
      written: [],
    });
    expect(snapshot()).toEqual(before);
  });

  it('npm run i18n:export writes the export to --out and says so', async () => {
    const out = path.join(work, 'ko.xlf');
    const exported = await cli('i18n', ['export', '--lang', 'ko', '--format', 'xliff12', '--out', out], env());
    expect(exported.code).toBe(0);
    expect(exported.stderr).toBe(`wrote ${UNITS} unit(s) to ${out}\n`);
    expect(exported.stdout).toBe('');
    expect(fs.readFileSync(out, 'utf8')).toBe(await exportText({ language: 'ko', format: 'xliff12' }));
  });

  it('npm run i18n:import reads an unchanged export back, byte-identical', async () => {
    const file = path.join(work, 'ko.xlf');
    fs.writeFileSync(file, await exportText({ language: 'ko', format: 'xliff12' }));
    const before = snapshot();
    const imported = await cli('i18n', ['import', file], env());
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toBe(`imported ${translated('ko')} ko translation(s) from ${file} (xliff12); 0 marked current\n`);
    expect(imported.code).toBe(0);
    expect(snapshot()).toEqual(before);
  });

  it('exports only what is missing or stale, and the glossary on its own', async () => {
    const missing = await exportText({ language: 'ko', missing: true, format: 'po' });
    const contexts = [...missing.matchAll(/^msgctxt "([^"]+)"$/gm)].map((m) => m[1]);
    expect(contexts).toEqual([
      'articles/new-arrivals:title',
      `articles/new-arrivals:paragraphs.${NEW_FIRST}`,
      `articles/new-arrivals:paragraphs.${NEW_SECOND}`,
    ]);
    expect(await exportText({ language: 'ko', stale: true, format: 'xliff' })).not.toContain('<unit');
    const glossary = await exportText({ language: 'zh-Hans', glossary: true, format: 'xliff' });
    expect(glossary).toContain('<file id="entities">');
    expect(glossary).not.toContain('<file id="articles/');
    expect(glossary).toMatch(/<unit id="dandong.name">[\s\S]*?PLACE name[\s\S]*?<source>Dandong<\/source>\s*<target>丹东<\/target>/);
  });

  it('imports only the keys the file contains, and marks them current', async () => {
    const file = path.join(work, 'partial.po');
    const filled = (await exportText({ language: 'ko', missing: true, format: 'po' })).replace(
      NEW_P0,
      '$1"노동자들이 10월 2일 단둥에 더 도착했다."',
    );
    fs.writeFileSync(file, filled);
    const before = snapshot();
    const imported = await importTranslations(t.db, locales.root, { file });
    expect(imported).toEqual({
      ok: true,
      file,
      language: 'ko',
      format: 'po',
      imported: 1,
      reviewed: 1,
      written: ['ko/articles/new-arrivals.json'],
    });
    const after = snapshot();
    const changed = Object.keys(after)
      .filter((k) => after[k] !== before[k])
      .sort();
    expect(changed).toEqual(['.sources/ko.json', 'ko/articles/new-arrivals.json']);
    expect(JSON.parse(locales.read('ko/articles/new-arrivals.json'))).toEqual({
      paragraphs: { [NEW_FIRST as string]: '노동자들이 10월 2일 단둥에 더 도착했다.' },
    });
    expect(JSON.parse(locales.read('.sources/ko.json'))['articles/new-arrivals']).toEqual({
      [`paragraphs.${NEW_FIRST}`]: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
  });

  it.each([
    [
      'a translation that breaks the glossary',
      (po: string) => po.replace(NEW_P0, '$1"노동자들이 더 도착했다."'),
      /glossary: the source mentions Dandong/,
    ],
    [
      'a changed placeholder',
      (po: string) => po.replace(/(msgctxt "errors:UNSUPPORTED_LANGUAGE"\nmsgid "[^"]*"\nmsgstr )"[^"]*"/, '$1"{{lang}} 미지원"'),
      /placeholders differ/,
    ],
    [
      'a key the source does not have',
      (po: string) => po.replace('msgctxt "common:entityKind.PERSON"', 'msgctxt "common:entityKind.ALIEN"'),
      /common:entityKind\.ALIEN: no such key in the source language/,
    ],
    ['an empty file', () => '', /the PO header's Language "" is not one translators write/],
    ['broken XML', () => '<xliff version="2.0" trgLang="ko"><file id="common"><unit id="x">', /invalid XLIFF/],
    [
      'the source language as target',
      () => '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="en"></xliff>',
      /target language "en" is not one translators write/,
    ],
  ])('refuses %s and writes nothing', async (_name, spoil, message) => {
    // A full export with the new article's first paragraph translated, then spoiled.
    const good = (await exportText({ language: 'ko', format: 'po' })).replace(NEW_P0, '$1"10월 2일 단둥에 노동자들이 더 도착했다."');
    const file = path.join(work, 'bad.po');
    fs.writeFileSync(file, spoil(good));
    const before = snapshot();
    expect(await refusal({ file })).toMatch(message);
    expect(snapshot()).toEqual(before);
  });

  it('refuses to import into a language whose files are broken (it would rebuild them from the import alone)', async () => {
    const po = await exportText({ language: 'ko', format: 'po' });
    const entities = locales.file('ko/entities.json');
    fs.writeFileSync(entities, fs.readFileSync(entities, 'utf8').replace(/\n}\n$/, ',\n}\n'));
    const before = snapshot();
    expect(await refusal({ text: po })).toMatch(/ko\/entities\.json:\d+: error: invalid JSON.*fix this file before importing into it/);
    expect(snapshot()).toEqual(before);
  });

  it('refuses an import that breaks strings it does not contain (a new name fails other paragraphs’ glossary)', async () => {
    const glossary = await exportText({ language: 'ko', glossary: true, format: 'xliff' });
    const before = snapshot();
    const problems = await refusal({ text: glossary.replace('<target>둥강</target>', '<target>동강</target>'), name: 'name.xlf' });
    expect(problems).toMatch(new RegExp(`paragraphs\\.${seedKey(1)}: glossary: the source mentions Donggang`));
    expect(snapshot()).toEqual(before);
  });

  it('does not mark a stale translation current on an unchanged round trip; PO sends it fuzzy', async () => {
    const seed = fs.readFileSync('data/articles/nk-workers-china-seafood-plants.txt', 'utf8');
    await ingestText(
      t.db.prisma,
      seed.replace('has long relied on sending workers overseas', 'has long relied on sending laborers overseas'),
    );
    try {
      const xlf = await exportText({ language: 'ko', format: 'xliff' });
      const before = snapshot();
      const run = await importTranslations(t.db, locales.root, { text: xlf });
      expect(run).toMatchObject({ ok: true, imported: translated('ko'), reviewed: 0, written: [] });
      expect(snapshot()).toEqual(before);
      const stale = await translationStatusReport(t.db, locales.root, { language: 'ko' });
      expect(stale.languages[0]?.staleKeys).toEqual([`articles/${SEED_SLUG}:paragraphs.${seedKey(9)}`]);
      const po = await exportText({ language: 'ko', stale: true, format: 'po' });
      expect(po).toContain(`#, fuzzy\nmsgctxt "articles/nk-workers-china-seafood-plants:paragraphs.${seedKey(9)}"`);
    } finally {
      await ingestText(t.db.prisma, seed);
    }
  });

  it('refuses a bad --lang before touching anything', async () => {
    for (const lang of ['../../etc', 'fr', 'KO']) {
      // The CLI refuses it while reading its arguments (exit 2), before it opens the database.
      const args = readArguments(['export', '--', '--lang', lang, '--format', 'po']);
      expect(() => validate(args)).toThrow(UsageError);
      expect(() => validate(args)).toThrow(/^--lang ".*" is not one of en, ko, zh-Hans, zh-Hant$/);
      // And the service refuses it before reading anything.
      await expect(exportTranslations(t.db, locales.root, { language: lang, format: 'po' })).rejects.toMatchObject({
        code: 'UNSUPPORTED_LANGUAGE',
      });
    }
    expect(() => validate(readArguments(['export', '--lang', 'ko', '--format', 'tmx']))).toThrow(
      '--format must be xliff (2.0), xliff12 or po',
    );
    expect(() => validate(readArguments(['import']))).toThrow('usage: npm run i18n:import -- <file.xlf|file.po>');
    expect(validate(readArguments(['export', '--lang', 'zh-Hant', '--format', 'po']))).toMatchObject({
      command: 'export',
      language: 'zh-Hant',
      format: 'po',
    });
  });

  it('refuses a file that does not exist', async () => {
    await expect(importTranslations(t.db, locales.root, { file: path.join(work, 'none.po') })).rejects.toMatchObject({
      code: 'NO_SUCH_FILE',
    });
  });
});
