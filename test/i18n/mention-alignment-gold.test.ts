import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/yoga.js';
import { useTestDatabase } from '../helpers/db.js';
import { gql } from '../helpers/gql.js';
import { SEED_SLUG } from '../helpers/seed.js';

useTestDatabase({ seedCorpus: true });
const yoga = createApp();

const LANGUAGES = ['ko', 'zh-Hans', 'zh-Hant'] as const;
type Lang = (typeof LANGUAGES)[number];
type GoldSpan = { text: string; occurrence: number; start: number; end: number; byName?: false; note?: string };
type Gold = { unplaceable: true; note?: string } | GoldSpan;
type GoldMention = { entity: string; sourceStart: number; sourceText: string } & Record<Lang, Gold>;

/** Read by a translator from the seed and its translations, not from what the service answers. */
const gold = JSON.parse(fs.readFileSync('test/fixtures/alignment/seed.json', 'utf8')) as {
  article: string;
  paragraphs: Array<{ key: string; mentions: GoldMention[] }>;
};

type Served = {
  start: number | null;
  end: number | null;
  text: string;
  located: boolean;
  sourceStart: number;
  sourceText: string;
  entity: { key: string };
};

const where = (m: { entity: { key: string } | string; sourceStart: number }, key: string) =>
  `${key} ${typeof m.entity === 'string' ? m.entity : m.entity.key}@${m.sourceStart}`;

/** The mentions placed on the wrong words, and those the gold places by name but the service did not find. */
function compare(lang: Lang, paragraphs: Array<{ key: string; text: string; mentions: Served[] }>) {
  const wrong: string[] = [];
  const missed: string[] = [];
  const unexpected: string[] = [];
  let placed = 0;
  const byKey = new Map(gold.paragraphs.map((p) => [p.key, p]));
  for (const p of paragraphs) {
    const expected = byKey.get(p.key)?.mentions ?? [];
    const seen = new Set<GoldMention>();
    for (const m of p.mentions) {
      const g = expected.find((e) => e.entity === m.entity.key && e.sourceStart === m.sourceStart);
      if (!g) {
        unexpected.push(`${where(m, p.key)} “${m.sourceText}” is not in the gold`);
        continue;
      }
      seen.add(g);
      const want = g[lang];
      if (m.located) {
        expect(p.text.slice(m.start as number, m.end as number)).toBe(m.text);
        const right = !('unplaceable' in want) && (m.start as number) < want.end && want.start < (m.end as number);
        if (right) placed++;
        else {
          const expectedAt = 'unplaceable' in want ? 'nowhere' : `“${want.text}” at ${want.start}`;
          wrong.push(`${where(m, p.key)}: at “${m.text}” [${m.start}, ${m.end}), expected ${expectedAt}`);
        }
      } else if (!('unplaceable' in want) && want.byName !== false) {
        missed.push(`${where(m, p.key)}: not located, expected “${want.text}” at ${want.start}`);
      }
    }
    for (const g of expected) if (!seen.has(g)) unexpected.push(`${where(g, p.key)} “${g.sourceText}” is in the gold but not served`);
  }
  return { wrong, missed, unexpected, placed };
}

const MENTIONS = 'mentions { start end text located sourceStart sourceText entity { key } }';

describe('mentions in translations land on the words the gold alignment names', () => {
  it('has a gold for every mention of the seed, checked against the translations', () => {
    const translations = Object.fromEntries(
      LANGUAGES.map((l) => [l, JSON.parse(fs.readFileSync(`locales/${l}/articles/${SEED_SLUG}.json`, 'utf8')).paragraphs]),
    ) as Record<Lang, Record<string, string>>;
    expect(gold.article).toBe(SEED_SLUG);
    for (const p of gold.paragraphs) {
      for (const m of p.mentions) {
        for (const lang of LANGUAGES) {
          const g = m[lang];
          if ('unplaceable' in g) continue;
          const text = translations[lang][p.key] ?? '';
          expect(text.slice(g.start, g.end), `${where(m, p.key)} ${lang}`).toBe(g.text);
          // The occurrence index and the offsets say the same.
          let at = -1;
          for (let i = 0; i <= g.occurrence; i++) at = text.indexOf(g.text, at + 1);
          expect(at, `${where(m, p.key)} ${lang}`).toBe(g.start);
        }
      }
    }
  });

  it.each(LANGUAGES)('%s: no mention on a wrong span, none the gold places by name left unlocated', async (lang) => {
    const res = await gql(yoga, `{ article(slug: "${SEED_SLUG}", lang: "${lang}") { paragraphs { key text ${MENTIONS} } } }`);
    expect(res.errors).toBeUndefined();
    const { wrong, missed, unexpected, placed } = compare(lang, res.data?.article.paragraphs);
    expect(unexpected).toEqual([]);
    expect(wrong).toEqual([]);
    expect(missed).toEqual([]);
    const byName = gold.paragraphs.reduce((n, p) => n + p.mentions.filter((m) => 'text' in m[lang] && m[lang].byName !== false).length, 0);
    expect(placed).toBeGreaterThanOrEqual(byName);
  });

  it.each(LANGUAGES)('%s: an entity’s mentions are placed where the paragraph’s own list places them', async (lang) => {
    const res = await gql(
      yoga,
      `{ article(slug: "${SEED_SLUG}", lang: "${lang}") { paragraphs { key ${MENTIONS} } }
         china: entity(key: "china", lang: "${lang}") { mentions { start end located sourceStart paragraph { key } } }
         sinuiju: entity(key: "sinuiju", lang: "${lang}") { mentions { start end located sourceStart paragraph { key } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const inParagraphs = new Map<string, Served>();
    for (const p of res.data?.article.paragraphs ?? []) for (const m of p.mentions) inParagraphs.set(where(m, p.key), m);
    const data = res.data as Record<'china' | 'sinuiju', { mentions: Array<Served & { paragraph: { key: string } }> }>;
    const across = (['china', 'sinuiju'] as const).flatMap((key) => data[key].mentions.map((m) => ({ ...m, entity: { key } })));
    expect(across.length).toBeGreaterThan(10);
    for (const m of across) {
      const same = inParagraphs.get(where(m, m.paragraph.key));
      expect(same, where(m, m.paragraph.key)).toBeDefined();
      expect({ start: m.start, end: m.end, located: m.located }).toEqual({ start: same?.start, end: same?.end, located: same?.located });
    }
  });
});
