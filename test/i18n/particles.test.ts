// Korean particles after an entity's name must agree with the name's final sound: i18n:check
// reports a wrong one (PARTICLE, an error, at its file, line and key), and a translation saved with
// one is refused and writes nothing.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyLines, type Problem } from '../../src/i18n/check.js';
import { nameEnding, particleMessage, particleMistakes } from '../../src/i18n/particles.js';
import { checkTranslations, saveTranslation } from '../../src/services/translations.js';
import { useTestDatabase } from '../helpers/db.js';
import { copyLocales } from '../helpers/locales.js';
import { SEED_SLUG, seedKey } from '../helpers/seed.js';

const t = useTestDatabase({ seedCorpus: true });
const NS = `articles/${SEED_SLUG}`;
const KO_ARTICLE = `ko/articles/${SEED_SLUG}.json`;
/** The locale key of the seed article's paragraph at a position. */
const P = (position: number) => `paragraphs.${seedKey(position)}`;
let locales: ReturnType<typeof copyLocales>;

beforeEach(() => {
  locales = copyLocales();
});
afterEach(() => locales.remove());

/** Sets paragraphs of the Korean seed article in the copy, by position, the way a translator's editor would. */
function writeParagraphs(texts: Record<number, string>): void {
  const data = JSON.parse(locales.read(KO_ARTICLE));
  for (const [position, text] of Object.entries(texts)) data.paragraphs[seedKey(Number(position))] = text;
  fs.writeFileSync(locales.file(KO_ARTICLE), `${JSON.stringify(data, null, 2)}\n`);
}
const koParagraph = (position: number): string => JSON.parse(locales.read(KO_ARTICLE)).paragraphs[seedKey(position)];
const particleProblems = async (): Promise<Problem[]> =>
  (await checkTranslations(t.db, locales.root)).problems.filter((p) => p.code === 'PARTICLE');

describe('particles after a name, in i18n:check', () => {
  it('reports a wrong particle with its code, file, line, key and the form it should take', async () => {
    writeParagraphs({
      0: koParagraph(0).replace('북한이 ', '북한가 '),
      4: `${koParagraph(4)} 이들은 단둥로 옮겨졌다.`,
      12: `${koParagraph(12)} 대표단은 평양를 떠났다.`,
      3: `${koParagraph(3)} 소집 날짜는 9월 7일으로 앞당겨졌다.`,
      1: koParagraph(1).replace('데일리NK에', '데일리NK이 확인한 바로는'),
    });
    const lines = keyLines(locales.read(KO_ARTICLE));
    const at = (position: number, message: string) => ({
      severity: 'error',
      code: 'PARTICLE',
      file: KO_ARTICLE,
      line: lines.get(P(position)),
      key: P(position),
      message,
    });
    expect(lines.get(P(0))).toBeGreaterThan(1);
    const problems = await particleProblems();
    expect(problems).toEqual(
      expect.arrayContaining([
        at(0, 'particle after “북한”: “가” should be “이” (북한이)'),
        at(4, 'particle after “단둥”: “로” should be “으로” (단둥으로)'),
        at(12, 'particle after “평양”: “를” should be “을” (평양을)'),
        at(3, 'particle after “9월 7일”: “으로” should be “로” (9월 7일로)'),
        at(1, 'particle after “데일리NK” (read …엔케이): “이” should be “가” (데일리NK가)'),
      ]),
    );
    expect(problems).toHaveLength(5);
    expect(problems.every((p) => p.message.includes('particle'))).toBe(true);
  });

  it('accepts the right particles, and passes the shipped Korean', async () => {
    expect(await particleProblems()).toEqual([]);
    writeParagraphs({
      0: `${koParagraph(0)} 북한은 중국과의 관계를 중시하며 러시아와도 가깝다.`,
      4: `${koParagraph(4)} 이들은 단둥으로 옮겨졌고, 일부는 둥강으로부터 돌아왔다.`,
      12: `${koParagraph(12)} 대표단은 평양을 떠나 베이징으로 향했다.`,
      3: `${koParagraph(3)} 소집 날짜는 9월 7일로 앞당겨졌다.`,
      1: `${koParagraph(1)} 데일리NK가 이를 처음 보도했다.`,
    });
    expect(await particleProblems()).toEqual([]);
  });

  it('does not take the start of a longer word for a particle', async () => {
    // 북한군 (군 is no particle), 평양은행 (은 begins a word), 북한가요 (가 begins a word), 선천적 (선천 inside
    // another word), 조선업: none is a name followed by a particle.
    writeParagraphs({
      0: `${koParagraph(0)} 북한군은 평양은행 앞에서 북한가요를 불렀고, 선천적으로 조선업에 밝은 이들이 모였다.`,
    });
    expect(await particleProblems()).toEqual([]);
  });

  it('is for Korean alone', async () => {
    const file = `zh-Hans/articles/${SEED_SLUG}.json`;
    const data = JSON.parse(locales.read(file));
    data.paragraphs[seedKey(0)] = `${data.paragraphs[seedKey(0)]}（북한가）`;
    fs.writeFileSync(locales.file(file), `${JSON.stringify(data, null, 2)}\n`);
    expect(await particleProblems()).toEqual([]);
  });
});

describe('saving a translation with a wrong particle', () => {
  it('is refused and writes nothing', async () => {
    const before = locales.snapshot();
    const text = koParagraph(0).replace('북한이 ', '북한가 ');
    const result = await saveTranslation(t.db, locales.root, { language: 'ko', namespace: NS, key: P(0), text });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'PARTICLE',
        file: KO_ARTICLE,
        key: P(0),
        message: 'particle after “북한”: “가” should be “이” (북한이)',
      }),
    ]);
    expect(locales.snapshot()).toEqual(before);
  });

  it('is saved once the particle is right', async () => {
    const text = `${koParagraph(0)} 북한은 러시아와 가깝다.`;
    expect(await saveTranslation(t.db, locales.root, { language: 'ko', namespace: NS, key: P(0), text })).toMatchObject({ ok: true });
    expect(koParagraph(0)).toBe(text);
  });
});

describe('the final sound of a name', () => {
  const mistakes = (text: string, names: string[]) => particleMistakes(text, names).map(particleMessage);

  it.each([
    // Hangul: batchim, none, and ㄹ (로, never 으로); a double final with ㄹ (ㄺ) takes 으로.
    ['북한이', []],
    ['북한가', ['particle after “북한”: “가” should be “이” (북한이)']],
    ['평양를', ['particle after “평양”: “를” should be “을” (평양을)']],
    ['단둥으로', []],
    ['단둥로', ['particle after “단둥”: “로” should be “으로” (단둥으로)']],
    ['서울로', []],
    ['서울으로', ['particle after “서울”: “으로” should be “로” (서울로)']],
    ['서울은', []],
    ['서울는', ['particle after “서울”: “는” should be “은” (서울은)']],
    ['러시아와', []],
    ['러시아과', ['particle after “러시아”: “과” should be “와” (러시아와)']],
    ['러시아으로부터', ['particle after “러시아”: “으로” should be “로” (러시아로)']],
    ['러시아로서는', []],
    ['북한과의', []],
    ['북한와의', ['particle after “북한”: “와” should be “과” (북한과)']],
    ['북한이랑', []],
    ['북한랑', ['particle after “북한”: “랑” should be “이랑” (북한이랑)']],
    ['북한나', ['particle after “북한”: “나” should be “이나” (북한이나)']],
    // 이나 after a vowel is also the copula with -나 (러시아이나 “it is Russia, but”): not judged.
    ['러시아이나', []],
    // Both forms on purpose.
    ['북한은(는)', []],
    // A longer word, not a particle.
    ['북한군이', []],
    ['북한가요', []],
    ['북한이다', []],
  ])('%s', (text, expected) => {
    expect(mistakes(text, ['북한', '평양', '단둥', '서울', '러시아'])).toEqual(expected);
  });

  it('reads short capital abbreviations letter by letter, numbers in Sino-Korean, and judges nothing else', () => {
    expect(nameEnding('데일리NK')).toEqual({ sound: 'vowel', reading: '엔케이' });
    expect(nameEnding('UN')).toEqual({ sound: 'batchim', reading: '유엔' });
    expect(nameEnding('IBM')).toEqual({ sound: 'batchim', reading: '아이비엠' });
    expect(nameEnding('NBL')).toEqual({ sound: 'rieul', reading: '엔비엘' });
    expect(nameEnding('G20')).toEqual({ sound: 'batchim', reading: '십' });
    expect(nameEnding('F-35')).toEqual({ sound: 'vowel', reading: '오' });
    // 칠 or 세븐: a final consonant either way, but 으로 and 로 are both taken.
    expect(nameEnding('G7')).toEqual({ sound: 'batchim-or-rieul', reading: '칠' });
    // Read as words (나토, 오펙), Z (제트, 지), lower case, Chinese characters: unknown.
    for (const name of ['NATO', 'OPEC', 'DMZ', 'iPhone', '金正恩', '《每日NK》']) expect(nameEnding(name)).toBeNull();

    expect(mistakes('데일리NK가 UN은 G20은 G7으로 G7로 NBL로', ['데일리NK', 'UN', 'G20', 'G7', 'NBL'])).toEqual([]);
    expect(mistakes('데일리NK이 UN는 G20는 G7는 NBL으로 NATO은', ['데일리NK', 'UN', 'G20', 'G7', 'NBL', 'NATO'])).toEqual([
      'particle after “데일리NK” (read …엔케이): “이” should be “가” (데일리NK가)',
      'particle after “UN” (read …유엔): “는” should be “은” (UN은)',
      'particle after “G20” (read …십): “는” should be “은” (G20은)',
      'particle after “G7” (read …칠): “는” should be “은” (G7은)',
      'particle after “NBL” (read …엔비엘): “으로” should be “로” (NBL로)',
    ]);
  });

  it('takes the longest name ending at a particle, and no name inside a longer one', () => {
    expect(mistakes('북한 내각가 발표했다', ['북한', '북한 내각', '내각'])).toEqual([
      'particle after “북한 내각”: “가” should be “이” (북한 내각이)',
    ]);
    expect(mistakes('선천군는', ['선천', '선천군'])).toEqual(['particle after “선천군”: “는” should be “은” (선천군은)']);
    expect(mistakes('선천군은', ['선천', '선천군'])).toEqual([]);
  });
});
