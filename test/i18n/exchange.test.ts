import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest/index.js';
import { cli } from '../helpers/cli.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { copyLocales } from '../helpers/locales.js';
import { SEED_SLUG } from '../helpers/seed.js';

let t: TestDatabase;
let locales: ReturnType<typeof copyLocales>;
let work: string;
/** One full export, spoiled in different ways by the refusal tests. */
let goodPo: string | undefined;
const env = () => ({ DATABASE_URL: t.url, LOCALES_DIR: locales.root, DATA_DIR: path.join(os.tmpdir(), 'pgdesk-unused') });

/** SHA-256 of every file under the locales copy, to prove nothing changed. */
function snapshot(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(locales.root, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const file = path.join(e.parentPath, e.name);
    out[path.relative(locales.root, file)] = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  }
  return out;
}

beforeAll(async () => {
  t = await openTestDatabase({ seedCorpus: true });
  locales = copyLocales();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-xchg-'));
});
afterAll(async () => {
  locales.remove();
  fs.rmSync(work, { recursive: true, force: true });
  await t.drop();
});

describe('export and import', () => {
  it.each([
    ['xliff', 'ko', '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ko">'],
    ['xliff12', 'zh-Hans', 'urn:oasis:names:tc:xliff:document:1.2'],
    ['po', 'ko', 'msgctxt "articles/nk-workers-china-seafood-plants:paragraphs.p3"'],
  ])('%s round trip for %s is byte-identical', async (format, lang, marker) => {
    const before = snapshot();
    const out = path.join(work, `${lang}.${format}`);
    const exported = await cli('i18n', ['export', '--lang', lang, '--format', format, '--out', out], env());
    expect(exported.code).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toContain(marker);
    // Source text and context travel with each unit.
    expect(text).toContain('Signs of warming relations');
    expect(text).toMatch(/subheading 8 of 15/);
    expect(text).toMatch(/Mentions: [^\n<]*Dandong/);
    const imported = await cli('i18n', ['import', out], env());
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(new RegExp(`imported 69 ${lang} translation\\(s\\)`));
    expect(imported.code).toBe(0);
    expect(snapshot()).toEqual(before);
  });

  it('exports only what is missing or stale, and the glossary on its own', async () => {
    await ingestText(
      t.db.prisma,
      '---\nslug: new-arrivals\n---\nMore workers reached Dandong on Oct. 2.\nOfficials in Sinuiju declined to comment.',
    );
    const missing = await cli('i18n', ['export', '--lang', 'ko', '--missing', '--format', 'po'], env());
    expect(missing.code).toBe(0);
    const contexts = [...missing.stdout.matchAll(/^msgctxt "([^"]+)"$/gm)].map((m) => m[1]);
    expect(contexts).toEqual(['articles/new-arrivals:title', 'articles/new-arrivals:paragraphs.p0', 'articles/new-arrivals:paragraphs.p1']);
    const stale = await cli('i18n', ['export', '--lang', 'ko', '--stale', '--format', 'xliff'], env());
    expect(stale.stdout).not.toContain('<unit');
    const glossary = await cli('i18n', ['export', '--lang', 'zh-Hans', '--glossary', '--format', 'xliff'], env());
    expect(glossary.stdout).toContain('<file id="entities">');
    expect(glossary.stdout).not.toContain('<file id="articles/');
    expect(glossary.stdout).toMatch(/<unit id="dandong.name">[\s\S]*?PLACE name[\s\S]*?<source>Dandong<\/source>\s*<target>丹东<\/target>/);
  });

  it('imports only the keys the file contains, and marks them current', async () => {
    const file = path.join(work, 'partial.po');
    const exported = await cli('i18n', ['export', '--lang', 'ko', '--missing', '--format', 'po', '--out', file], env());
    expect(exported.code).toBe(0);
    const filled = fs
      .readFileSync(file, 'utf8')
      .replace(/(msgctxt "articles\/new-arrivals:paragraphs.p0"\nmsgid "[^"]*"\nmsgstr )""/, '$1"노동자들이 10월 2일 단둥에 더 도착했다."');
    fs.writeFileSync(file, filled);
    const before = snapshot();
    const imported = await cli('i18n', ['import', file], env());
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/imported 1 ko translation\(s\)/);
    const after = snapshot();
    const changed = Object.keys(after)
      .filter((k) => after[k] !== before[k])
      .sort();
    expect(changed).toEqual(['.sources/ko.json', 'ko/articles/new-arrivals.json']);
    expect(JSON.parse(locales.read('ko/articles/new-arrivals.json'))).toEqual({
      paragraphs: { p0: '노동자들이 10월 2일 단둥에 더 도착했다.' },
    });
    expect(JSON.parse(locales.read('.sources/ko.json'))['articles/new-arrivals']).toEqual({
      'paragraphs.p0': expect.stringMatching(/^[0-9a-f]{16}$/),
    });
  });

  it.each([
    [
      'a translation that breaks the glossary',
      (po: string) =>
        po.replace(/(msgctxt "articles\/new-arrivals:paragraphs.p0"\nmsgid "[^"]*"\nmsgstr )"[^"]*"/, '$1"노동자들이 더 도착했다."'),
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
    const file = path.join(work, 'bad.po');
    goodPo ??= (await cli('i18n', ['export', '--lang', 'ko', '--format', 'po'], env())).stdout;
    fs.writeFileSync(
      file,
      spoil(
        goodPo.replace(
          /(msgctxt "articles\/new-arrivals:paragraphs.p0"\nmsgid "[^"]*"\nmsgstr )"[^"]*"/,
          '$1"10월 2일 단둥에 노동자들이 더 도착했다."',
        ),
      ),
    );
    const before = snapshot();
    const imported = await cli('i18n', ['import', file], env());
    expect(imported.code).toBe(1);
    expect(imported.stderr).toMatch(message);
    expect(imported.stderr).toMatch(/nothing written/);
    expect(snapshot()).toEqual(before);
  });

  it('refuses to import into a language whose files are broken (it would rebuild them from the import alone)', async () => {
    const file = path.join(work, 'one.po');
    goodPo ??= (await cli('i18n', ['export', '--lang', 'ko', '--format', 'po'], env())).stdout;
    fs.writeFileSync(file, goodPo);
    const entities = locales.file('ko/entities.json');
    const original = fs.readFileSync(entities, 'utf8');
    fs.writeFileSync(entities, original.replace(/\n}\n$/, ',\n}\n'));
    try {
      const before = snapshot();
      const run = await cli('i18n', ['import', file], env());
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/ko\/entities\.json:\d+: error: invalid JSON.*fix this file before importing into it/);
      expect(snapshot()).toEqual(before);
    } finally {
      fs.writeFileSync(entities, original);
    }
  });

  it('refuses an import that breaks strings it does not contain (a new name fails other paragraphs’ glossary)', async () => {
    const file = path.join(work, 'name.xlf');
    const glossary = await cli('i18n', ['export', '--lang', 'ko', '--glossary', '--format', 'xliff'], env());
    fs.writeFileSync(file, glossary.stdout.replace('<target>둥강</target>', '<target>동강</target>'));
    const before = snapshot();
    const run = await cli('i18n', ['import', file], env());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/paragraphs\.p1: glossary: the source mentions Donggang/);
    expect(run.stderr).toMatch(/nothing written/);
    expect(snapshot()).toEqual(before);
  });

  it('does not mark a stale translation current on an unchanged round trip; PO sends it fuzzy', async () => {
    const seed = fs.readFileSync('data/articles/nk-workers-china-seafood-plants.txt', 'utf8');
    await ingestText(
      t.db.prisma,
      seed.replace('has long relied on sending workers overseas', 'has long relied on sending laborers overseas'),
    );
    try {
      const xlf = path.join(work, 'stale.xlf');
      await cli('i18n', ['export', '--lang', 'ko', '--format', 'xliff', '--out', xlf], env());
      const before = snapshot();
      const run = await cli('i18n', ['import', xlf], env());
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/; 0 marked current/);
      expect(snapshot()).toEqual(before);
      const stale = await cli('i18n', ['status', '--json', '--lang', 'ko'], env());
      expect(JSON.parse(stale.stdout)[0].staleKeys).toEqual([`articles/${SEED_SLUG}:paragraphs.p9`]);
      const po = await cli('i18n', ['export', '--lang', 'ko', '--stale', '--format', 'po'], env());
      expect(po.stdout).toMatch(/#, fuzzy\nmsgctxt "articles\/nk-workers-china-seafood-plants:paragraphs.p9"/);
    } finally {
      await ingestText(t.db.prisma, seed);
    }
  });

  it('refuses a bad --lang before touching anything', async () => {
    for (const lang of ['../../etc', 'fr', 'KO']) {
      const run = await cli('i18n', ['export', '--lang', lang, '--format', 'po'], env());
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--lang ".*" is not one of en, ko, zh-Hans, zh-Hant/);
    }
    expect(SEED_SLUG).toBeTruthy();
  });
});
