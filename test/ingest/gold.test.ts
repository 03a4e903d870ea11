import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../src/ingest/extract.js';
import { loadGazetteer } from '../../src/ingest/gazetteer-store.js';
import { ingestText } from '../../src/ingest/index.js';
import { loadNlp } from '../../src/ingest/nlp.js';
import { parseArticle } from '../../src/ingest/text.js';
import { useTestDatabase } from '../helpers/db.js';

// parseArticle() and extractEntities() use the NLP libraries once they are loaded (ingestText() loads them).
await loadNlp();

// The gold set of the seed article: every entity, with its kind, and how to recognize it.
const GOLD: Array<{
  kind: string;
  label: string;
  match: (e: { name: string; dateValue: string | null; amount: number | null; unit: string | null; surfaces: string[] }) => boolean;
}> = [
  ...['Kim Jong Un'].map((n) => ({ kind: 'PERSON', label: n, match: (e: { name: string }) => e.name === n })),
  ...[
    'North Korea',
    'China',
    'North Pyongan Province',
    'Dandong',
    'Donggang',
    'Liaoning Province',
    'Sonchon County',
    'Yomju County',
    'Cholsan County',
    'Sinuiju',
    'Russia',
    'Ukraine',
    'Pyongyang',
    'Beijing',
  ].map((n) => ({ kind: 'PLACE', label: n, match: (e: { name: string }) => e.name === n })),
  ...['Daily NK', 'North Korean Cabinet', 'provincial seafood management bureau', 'Sinuiju customs office', 'U.N. Security Council'].map(
    (n) => ({
      kind: 'ORGANIZATION',
      label: n,
      match: (e: { name: string; surfaces: string[] }) => e.name === n || e.surfaces.includes(n),
    }),
  ),
  ...['--09-10', '--09-12', '--09-07'].map((d) => ({
    kind: 'DATE',
    label: d,
    match: (e: { dateValue: string | null }) => e.dateValue === d,
  })),
  {
    kind: 'QUANTITY',
    label: '150 workers',
    match: (e) => e.amount === 150 && e.unit === 'workers' && e.surfaces.includes('three groups of 50 workers each'),
  },
  { kind: 'QUANTITY', label: '60 days', match: (e) => e.amount === 60 && e.unit === 'days' },
];

const t = useTestDatabase({ seedCorpus: true });

async function articleEntities(slug: string) {
  const rows = await t.db.prisma.articleEntity.findMany({
    where: { article: { slug } },
    include: { entity: { include: { mentions: { where: { paragraph: { article: { slug } } } } } } },
  });
  return rows.map((r) => ({ ...r.entity, surfaces: r.entity.mentions.map((m) => m.text) }));
}

describe('the seed article', () => {
  it('finds every gold entity with its kind, and nothing that is not an entity', async () => {
    const found = await articleEntities('nk-workers-china-seafood-plants');
    const missing = GOLD.filter((g) => !found.some((e) => e.kind === g.kind && g.match(e))).map((g) => `${g.kind} ${g.label}`);
    const extra = found.filter((e) => !GOLD.some((g) => e.kind === g.kind && g.match(e))).map((e) => `${e.kind} ${e.name}`);
    const precision = (found.length - extra.length) / found.length;
    const recall = (GOLD.length - missing.length) / GOLD.length;
    console.info(
      `seed gold set: ${found.length} found, P ${(precision * 100).toFixed(1)} R ${(recall * 100).toFixed(1)} F1 ${((200 * precision * recall) / (precision + recall)).toFixed(1)}`,
    );
    expect(missing).toEqual([]);
    expect(extra).toEqual([]);
  });

  it('finds the same gold set again on re-ingest, once its own proposals are in the gazetteer', async () => {
    const seed = fs.readFileSync('data/articles/nk-workers-china-seafood-plants.txt', 'utf8');
    await ingestText(t.db.prisma, seed.replace('60 days of training', '60 days of basic training'));
    const found = await articleEntities('nk-workers-china-seafood-plants');
    expect(GOLD.filter((g) => !found.some((e) => e.kind === g.kind && g.match(e))).map((g) => g.label)).toEqual([]);
    expect(found).toHaveLength(GOLD.length);
    await ingestText(t.db.prisma, seed);
  });

  it('stores mentions whose offsets select exactly their text, in UTF-16 code units', async () => {
    const mentions = await t.db.prisma.mention.findMany({ include: { paragraph: true } });
    expect(mentions.length).toBeGreaterThan(40);
    for (const m of mentions) expect(m.paragraph.text.slice(m.start, m.end)).toBe(m.text);
  });

  it('resolves the later short reference "Kim" to Kim Jong Un, and marks the second date as the bare "12"', async () => {
    const kim = await t.db.prisma.entity.findUniqueOrThrow({ where: { key: 'kim-jong-un' }, include: { mentions: true } });
    expect(kim.mentions.map((m) => m.text).sort()).toEqual(['Kim', 'Kim', 'Kim Jong Un', 'Kim Jong Un']);
    const twelve = await t.db.prisma.mention.findFirstOrThrow({ where: { entity: { dateValue: '--09-12' } } });
    expect(twelve.text).toBe('12');
  });

  it('reads "Pyongyang-Beijing relations" as the two governments', async () => {
    const mentions = await t.db.prisma.mention.findMany({
      where: { entity: { key: { in: ['pyongyang', 'beijing'] } } },
      include: { referent: true },
    });
    expect(mentions.map((m) => [m.text, m.referent?.key]).sort()).toEqual([
      ['Beijing', 'china'],
      ['Pyongyang', 'north-korea'],
    ]);
  });
});

describe('an article the rules were not written for', () => {
  it('finds people, places, organizations, dates and quantities with the general rules', async () => {
    const text = fs.readFileSync(new URL('../fixtures/held-out.txt', import.meta.url), 'utf8');
    const article = parseArticle(text);
    const result = extractEntities(
      article.paragraphs.map((p) => p.text),
      await loadGazetteer(t.db.prisma),
      { publishedAt: article.publishedAt },
    );
    const got = [...result.entities.values()].map((e) => `${e.kind} ${e.name}${e.confirmed ? '' : ' ?'}`).sort();
    expect(got).toEqual(
      expect.arrayContaining([
        'PERSON Kim Yo Jong',
        'DATE October 3, 2025',
        'PLACE Hyesan',
        'PLACE Musan',
        'PLACE Ryanggang Province',
        'ORGANIZATION Ministry of State Security',
        // "Around 200 smugglers": the qualifier stays in the name, so that it is not taken for exactly 200.
        'QUANTITY around 200 smugglers',
        'QUANTITY 40 percent',
        'QUANTITY 2 weeks',
        'ORGANIZATION World Food Programme',
        'PLACE Yanji',
        'PLACE Chongjin',
      ]),
    );
    // "Kim" alone after "Kim Yo Jong" refers to her; "the two countries" is a reference, not a quantity.
    expect(got).not.toContain('QUANTITY 2 countries');
    const kim = result.mentions.filter((m) => m.entityKey === 'kim-yo-jong').map((m) => m.text);
    expect(kim).toEqual(['Kim Yo Jong', 'Kim']);
    // A name the gazetteer does not know is proposed, not confirmed.
    expect(got).toContain('ORGANIZATION Hoeryong Trade Bureau ?');
  });
});

describe('names nobody listed', () => {
  it('proposes unknown people, places and organizations, and no fragments of names', async () => {
    const text = fs.readFileSync(new URL('../fixtures/held-out-names.txt', import.meta.url), 'utf8');
    const article = parseArticle(text);
    const result = extractEntities(
      article.paragraphs.map((p) => p.text),
      await loadGazetteer(t.db.prisma),
    );
    const proposed = [...result.entities.values()].filter((e) => !e.confirmed).map((e) => `${e.kind} ${e.name}`);
    expect(proposed.sort()).toEqual([
      'ORGANIZATION Lankov Institute',
      'ORGANIZATION Rason Economic Zone Authority',
      'PERSON Park Jin-woo',
      'PLACE Hoeyang',
      'PLACE Namsan',
    ]);
    // Known names are matched from the gazetteer, not proposed again.
    expect(
      [...result.entities.values()]
        .filter((e) => e.confirmed)
        .map((e) => e.key)
        .sort(),
    ).toEqual(['chongryon', 'rason', 'wonsan']);
  });
});
