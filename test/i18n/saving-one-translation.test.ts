import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../src/i18n/catalog.js';
import { ingestText } from '../../src/ingest/index.js';
import { sha256 } from '../../src/lib/files.js';
import { type SaveTranslationInput, saveTranslation } from '../../src/services/translations.js';
import { useTestDatabase } from '../helpers/db.js';
import { copyLocales } from '../helpers/locales.js';
import { SEED_FILE, SEED_SLUG, seedKey, seedTranslation } from '../helpers/seed.js';

const t = useTestDatabase({ seedCorpus: true });
const NS = `articles/${SEED_SLUG}`;
const KO_ARTICLE = `ko/articles/${SEED_SLUG}.json`;
const HEADING = `paragraphs.${seedKey(7)}`;
let locales: ReturnType<typeof copyLocales>;

const snapshot = () => locales.snapshot();
const changedFiles = (before: Record<string, string>, after: Record<string, string>) =>
  [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => before[k] !== after[k]).sort();
const save = (input: SaveTranslationInput) => saveTranslation(t.db, locales.root, input);

beforeEach(() => {
  locales = copyLocales();
});
afterEach(() => locales.remove());

describe('saving one translation', () => {
  it('writes only that key of the locale file, marks it current, and is served', async () => {
    const before = snapshot();
    const text = locales.read(KO_ARTICLE);
    const result = await save({ language: 'ko', namespace: NS, key: HEADING, text: '관계 회복의 조짐' });
    expect(result).toEqual({ ok: true, language: 'ko', namespace: NS, key: HEADING, file: KO_ARTICLE, stale: false });
    // The locale file, and at most the records (already current for this key: see the stale case below).
    expect(changedFiles(before, snapshot()).filter((f) => f !== '.sources/ko.json')).toEqual([KO_ARTICLE]);
    expect(JSON.parse(locales.read('.sources/ko.json'))[NS][HEADING]).toBe(sha256('Signs of warming relations').slice(0, 16));
    // One line of the file changed, and nothing else: key order and formatting kept.
    const [was, now] = [text.split('\n'), locales.read(KO_ARTICLE).split('\n')];
    expect(now).toHaveLength(was.length);
    expect(now.filter((l, i) => l !== was[i])).toEqual([`    "${seedKey(7)}": "관계 회복의 조짐",`]);

    const catalog = Catalog.load(locales.root);
    expect(
      catalog.localize('ko', NS, HEADING, {
        text: 'Signs of warming relations',
        language: 'en',
        hash: sha256('Signs of warming relations'),
      }),
    ).toEqual({
      text: '관계 회복의 조짐',
      language: 'ko',
      provenance: 'TRANSLATED',
      requested: 'ko',
      stale: false,
    });
  });

  it('marks a stale translation current: the save is the review', async () => {
    const seed = fs.readFileSync(SEED_FILE, 'utf8');
    const edited = 'Signs of warmer relations';
    await ingestText(t.db.prisma, seed.replace('Signs of warming relations', edited));
    try {
      expect(Catalog.load(locales.root).isStale('ko', NS, HEADING, sha256(edited))).toBe(true);
      expect(await save({ language: 'ko', namespace: NS, key: HEADING, text: '더 따뜻해진 관계의 조짐' })).toMatchObject({
        ok: true,
        stale: false,
      });
      expect(Catalog.load(locales.root).isStale('ko', NS, HEADING, sha256(edited))).toBe(false);
      expect(JSON.parse(locales.read('.sources/ko.json'))[NS][HEADING]).toBe(sha256(edited).slice(0, 16));
    } finally {
      await ingestText(t.db.prisma, seed);
    }
  });

  it('zh-Hant writes an override into locales/zh-Hant/, served as a translation, not stale', async () => {
    const before = snapshot();
    const file = `zh-Hant/articles/${SEED_SLUG}.json`;
    expect(await save({ language: 'zh-Hant', namespace: NS, key: HEADING, text: '關係回暖跡象' })).toEqual({
      ok: true,
      language: 'zh-Hant',
      namespace: NS,
      key: HEADING,
      file,
      stale: false,
    });
    // Only that key of the Taiwan file changes (its record was already current for this source).
    expect(changedFiles(before, snapshot())).toEqual([file]);
    const written = JSON.parse(locales.read(file));
    expect(written.paragraphs[seedKey(7)]).toBe('關係回暖跡象');
    expect({ ...written, paragraphs: { ...written.paragraphs, [seedKey(7)]: undefined } }).toEqual({
      ...seedTranslation('zh-Hant'),
      paragraphs: { ...seedTranslation('zh-Hant').paragraphs, [seedKey(7)]: undefined },
    });
    const catalog = Catalog.load(locales.root);
    expect(catalog.raw('zh-Hant', NS, HEADING)).toBe('關係回暖跡象');
    expect(catalog.provenanceOf('zh-Hant', NS, HEADING)).toBe('TRANSLATED');
    expect(catalog.isStale('zh-Hant', NS, HEADING, sha256('Signs of warming relations'))).toBe(false);
    // What zh-Hant does not write itself is still converted from zh-Hans.
    expect(catalog.provenanceOf('zh-Hant', 'entities', 'dandong.name')).toBe('CONVERTED');
  });

  it('saves a title, a label and an entity’s aliases', async () => {
    expect(await save({ language: 'ko', namespace: NS, key: 'title', text: '북한, 김정은 방중 뒤 중국에 노동자 더 보내' })).toMatchObject({
      ok: true,
    });
    expect(await save({ language: 'zh-Hans', namespace: 'common', key: 'paragraphKind.HEADING', text: '小节标题' })).toMatchObject({
      ok: true,
      file: 'zh-Hans/common.json',
    });
    expect(await save({ language: 'ko', namespace: 'entities', key: 'dandong.aliases', text: ['단둥시', '단동', '안둥'] })).toMatchObject({
      ok: true,
      file: 'ko/entities.json',
    });
    const catalog = Catalog.load(locales.root);
    expect(catalog.raw('ko', 'entities', 'dandong.aliases')).toEqual(['단둥시', '단동', '안둥']);
    expect(catalog.raw('zh-Hans', 'common', 'paragraphKind.HEADING')).toBe('小节标题');
    expect(catalog.errors).toEqual([]);
  });

  it('two saves at once both land', async () => {
    const [a, b] = await Promise.all([
      save({ language: 'ko', namespace: NS, key: HEADING, text: '관계 회복의 조짐' }),
      save({ language: 'ko', namespace: NS, key: 'title', text: '북한, 중국에 노동자 추가 파견' }),
    ]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    const data = JSON.parse(locales.read(KO_ARTICLE));
    expect(data.title).toBe('북한, 중국에 노동자 추가 파견');
    expect(data.paragraphs[seedKey(7)]).toBe('관계 회복의 조짐');
  });
});

describe('a refused save writes nothing', () => {
  it.each<[string, SaveTranslationInput, string, RegExp]>([
    [
      'a broken placeholder',
      {
        language: 'ko',
        namespace: 'errors',
        key: 'UNSUPPORTED_LANGUAGE',
        text: '{{lang}}은(는) 지원하지 않는 언어입니다. 지원: {{supported}}.',
      },
      'PLACEHOLDERS',
      /^placeholders differ from the source: expected \{\{supported\}\}, \{\{tag\}\}, found \{\{lang\}\}, \{\{supported\}\}$/,
    ],
    ['an empty text', { language: 'ko', namespace: NS, key: HEADING, text: '' }, 'EMPTY', /^empty translation/],
    ['a blank text', { language: 'zh-Hans', namespace: NS, key: HEADING, text: ' \n ' }, 'EMPTY', /^empty translation/],
    [
      'a translation without the glossary’s name',
      { language: 'ko', namespace: NS, key: `paragraphs.${seedKey(4)}`, text: '이 여성들은 그 도시의 공장에 배치됐다.' },
      'GLOSSARY',
      /^glossary: the source mentions Dandong/,
    ],
    [
      'an unbalanced bracket',
      { language: 'zh-Hans', namespace: NS, key: HEADING, text: '关系回暖（迹象' },
      'UNBALANCED',
      /is never closed/,
    ],
    [
      'a paragraph key the article does not have',
      { language: 'ko', namespace: NS, key: 'paragraphs.p-00000000', text: '없는 문단' },
      'UNKNOWN_KEY',
      /^not the title or a current paragraph of an article/,
    ],
    [
      'a legacy position key',
      { language: 'ko', namespace: NS, key: 'paragraphs.p7', text: '관계 개선 조짐' },
      'UNKNOWN_KEY',
      /^a position key from before stable paragraph keys/,
    ],
    [
      'an article that does not exist',
      { language: 'ko', namespace: 'articles/no-such-story', key: 'title', text: '없는 기사' },
      'UNKNOWN_KEY',
      /no such article/,
    ],
    [
      'a label English lacks',
      { language: 'ko', namespace: 'common', key: 'entityKind.ALIEN', text: '외계인' },
      'UNKNOWN_KEY',
      /no such key/,
    ],
    ['a path for a namespace', { language: 'ko', namespace: '../../../etc/passwd', key: 'root', text: 'x' }, 'UNKNOWN_KEY', /no such key/],
    [
      'an unsupported language',
      { language: 'fr', namespace: NS, key: HEADING, text: 'Signes de réchauffement' },
      'UNSUPPORTED_LANGUAGE',
      /not one translators write/,
    ],
    [
      'the source language',
      { language: 'en', namespace: 'common', key: 'paragraphKind.HEADING', text: 'Heading' },
      'UNSUPPORTED_LANGUAGE',
      /not one translators write/,
    ],
    [
      'a language given as a path',
      { language: '../ko', namespace: NS, key: HEADING, text: '조짐' },
      'UNSUPPORTED_LANGUAGE',
      /not one translators write/,
    ],
    [
      'aliases given as one string',
      { language: 'ko', namespace: 'entities', key: 'dandong.aliases', text: '단둥시' },
      'BAD_ALIASES',
      /list of strings/,
    ],
    ['a list for a paragraph', { language: 'ko', namespace: NS, key: HEADING, text: ['조짐'] }, 'NOT_A_STRING', /must be a string/],
    ['a text too long to be one', { language: 'ko', namespace: NS, key: HEADING, text: '조짐'.repeat(20_000) }, 'TOO_LONG', /longer than/],
  ])('%s', async (_name, input, code, message) => {
    const before = snapshot();
    const result = await save(input);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems.map((p) => p.code)).toContain(code);
    expect(problems.every((p) => p.severity === 'error')).toBe(true);
    expect(problems.find((p) => p.code === code)?.message).toMatch(message);
    expect(snapshot()).toEqual(before);
  });

  it('checks the string it saves; an entity’s name, every paragraph that mentions the entity', async () => {
    // Another paragraph already fails the glossary (the lede without 김정은): a save of the heading is its own business.
    const lede = `paragraphs.${seedKey(0)}`;
    const file = JSON.parse(locales.read(KO_ARTICLE));
    file.paragraphs[seedKey(0)] = '북한이 최근 중국에 노동자를 추가로 파견했다.';
    fs.writeFileSync(locales.file(KO_ARTICLE), `${JSON.stringify(file, null, 2)}\n`);
    expect(await save({ language: 'ko', namespace: NS, key: HEADING, text: '관계 회복의 조짐' })).toMatchObject({ ok: true });
    // Saving the lede itself as it is now is refused, with the glossary's reason.
    const again = await save({ language: 'ko', namespace: NS, key: lede, text: '북한이 최근 중국에 노동자를 추가로 파견했다.' });
    expect(again).toMatchObject({ ok: false, problems: [expect.objectContaining({ code: 'GLOSSARY', key: lede })] });
    // A new name for Dandong that the paragraphs do not use: every paragraph mentioning Dandong is checked, and refuses it.
    const before = snapshot();
    const renamed = await save({ language: 'ko', namespace: 'entities', key: 'dandong.name', text: '안동' });
    expect(renamed.ok).toBe(false);
    const refused = renamed.ok ? [] : renamed.problems;
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect(refused.every((p) => p.code === 'GLOSSARY' && p.file === KO_ARTICLE)).toBe(true);
    expect(snapshot()).toEqual(before);
  });

  it('a broken file of the language refuses the save (it would be rebuilt from one key)', async () => {
    fs.writeFileSync(locales.file(KO_ARTICLE), fs.readFileSync(locales.file(KO_ARTICLE), 'utf8').replace(/\n}\n$/, ',\n}\n'));
    const before = snapshot();
    const result = await save({ language: 'ko', namespace: NS, key: HEADING, text: '관계 회복의 조짐' });
    expect(result).toMatchObject({
      ok: false,
      problems: expect.arrayContaining([expect.objectContaining({ code: 'BROKEN_FILE', file: KO_ARTICLE })]),
    });
    expect(snapshot()).toEqual(before);
  });
});
