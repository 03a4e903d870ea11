// Aliases are matched as substrings of translations, so i18n:check refuses those that cannot be
// matched safely: one character (俄 matches inside other words) and descriptions built on another
// entity's name (朝鲜领导人金正恩 holds 朝鲜). Both are errors at the aliases' key and line, and a
// save of such aliases is refused and writes nothing.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyLines, type Problem } from '../../src/i18n/check.js';
import { checkTranslations, saveTranslation } from '../../src/services/translations.js';
import { useTestDatabase } from '../helpers/db.js';
import { copyLocales } from '../helpers/locales.js';

const t = useTestDatabase({ seedCorpus: true });
let locales: ReturnType<typeof copyLocales>;

beforeEach(() => {
  locales = copyLocales();
});
afterEach(() => locales.remove());

/** Sets the aliases of entities in a language's entities.json of the copy. */
function writeAliases(language: 'ko' | 'zh-Hans', aliases: Record<string, string[]>): void {
  const file = `${language}/entities.json`;
  const data = JSON.parse(locales.read(file));
  for (const [entity, list] of Object.entries(aliases)) data[entity].aliases = list;
  fs.writeFileSync(locales.file(file), `${JSON.stringify(data, null, 2)}\n`);
}
const ALIAS_CODES = new Set(['ALIAS_TOO_SHORT', 'ALIAS_DESCRIPTION']);
/** The alias problems of some entities' aliases (the rest of the copy is not this file's business). */
const aliasProblems = async (entities: string[]): Promise<Problem[]> =>
  (await checkTranslations(t.db, locales.root)).problems.filter(
    (p) => ALIAS_CODES.has(p.code) && entities.some((e) => p.key === `${e}.aliases`),
  );
const lineOf = (file: string, key: string) => keyLines(locales.read(file)).get(key);

describe('aliases that cannot be matched safely', () => {
  it('reports an alias of one character', async () => {
    writeAliases('zh-Hans', { russia: ['俄罗斯联邦', '俄'], ukraine: ['乌'] });
    writeAliases('ko', { 'north-korea': ['북조선', '북'] });
    const problems = await aliasProblems(['russia', 'ukraine', 'north-korea']);
    const error = (file: string, key: string, alias: string) => ({
      severity: 'error',
      code: 'ALIAS_TOO_SHORT',
      file,
      line: lineOf(file, key),
      key,
      message: `alias “${alias}” is one character: it would match inside other words; use a longer name, or delete it`,
    });
    expect(problems).toHaveLength(3);
    expect(problems).toEqual(
      expect.arrayContaining([
        error('zh-Hans/entities.json', 'russia.aliases', '俄'),
        error('zh-Hans/entities.json', 'ukraine.aliases', '乌'),
        error('ko/entities.json', 'north-korea.aliases', '북'),
      ]),
    );
    expect(problems.every((p) => typeof p.line === 'number' && p.line > 1)).toBe(true);
  });

  it('reports an alias that is a description holding another entity’s name', async () => {
    writeAliases('zh-Hans', { 'kim-jong-un': ['朝鲜领导人金正恩', '金正恩委员长'] });
    writeAliases('ko', { 'kim-jong-un': ['북한 최고지도자 김정은', '김정은 국무위원장'] });
    const problems = await aliasProblems(['kim-jong-un']);
    expect(problems).toEqual([
      {
        severity: 'error',
        code: 'ALIAS_DESCRIPTION',
        file: 'ko/entities.json',
        line: lineOf('ko/entities.json', 'kim-jong-un.aliases'),
        key: 'kim-jong-un.aliases',
        message:
          'alias “북한 최고지도자 김정은” is a description, not a name: it contains “북한” (the name of north-korea) and is 9 characters longer than “김정은” (a title or suffix may add at most 4); delete it, or keep only a name',
      },
      {
        severity: 'error',
        code: 'ALIAS_DESCRIPTION',
        file: 'zh-Hans/entities.json',
        line: lineOf('zh-Hans/entities.json', 'kim-jong-un.aliases'),
        key: 'kim-jong-un.aliases',
        message:
          'alias “朝鲜领导人金正恩” is a description, not a name: it contains “朝鲜” (the name of north-korea) and is 5 characters longer than “金正恩” (a title or suffix may add at most 4); delete it, or keep only a name',
      },
    ]);
  });

  it('accepts names with a title or suffix, and long names that hold no other entity’s name', async () => {
    writeAliases('zh-Hans', {
      'kim-jong-un': ['金正恩委员长'],
      russia: ['俄罗斯联邦'],
      ukraine: ['乌国'],
      'north-korea': ['朝鲜民主主义人民共和国', '北朝鲜'],
      'daily-nk': ['《每日NK》'],
    });
    writeAliases('ko', {
      // 신의주 (sinuiju) with a suffix: one character shorter than its own name, 신의주 세관.
      'sinuiju-customs-office': ['신의주세관'],
      'kim-jong-un': ['김정은 국무위원장', '김 위원장'],
      'un-security-council': ['국제연합 안전보장이사회', '안보리'],
    });
    expect(
      await aliasProblems(['kim-jong-un', 'russia', 'ukraine', 'north-korea', 'daily-nk', 'sinuiju-customs-office', 'un-security-council']),
    ).toEqual([]);
  });
});

describe('saving aliases that cannot be matched safely', () => {
  it.each([
    ['one character', ['북조선', '북'], 'ALIAS_TOO_SHORT', /^alias “북” is one character/],
    [
      'a description',
      ['조선', '중국과 국경을 맞댄 북한'],
      'ALIAS_DESCRIPTION',
      /^alias “중국과 국경을 맞댄 북한” is a description, not a name: it contains “중국” \(the name of china\)/,
    ],
  ])('%s is refused and writes nothing', async (_name, text, code, message) => {
    const before = locales.snapshot();
    const result = await saveTranslation(t.db, locales.root, { language: 'ko', namespace: 'entities', key: 'north-korea.aliases', text });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        code,
        file: 'ko/entities.json',
        key: 'north-korea.aliases',
        message: expect.stringMatching(message),
      }),
    );
    expect(locales.snapshot()).toEqual(before);
  });
});
