// Translations follow their paragraphs, not positions: after a paragraph is inserted, moved,
// edited or removed and the article re-ingested, every other paragraph still serves its own
// Korean and Chinese translation, not stale; a new paragraph is served in English as FALLBACK;
// an edited one keeps its translation, marked stale.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest/index.js';
import { splitFrontMatter } from '../../src/ingest/text.js';
import { createApp } from '../../src/yoga.js';
import { useTestDatabase } from '../helpers/db.js';
import { gql } from '../helpers/gql.js';
import { SEED_FILE, SEED_SLUG } from '../helpers/seed.js';

const t = useTestDatabase({ seedCorpus: true });
const yoga = createApp();
const SEED = fs.readFileSync(SEED_FILE, 'utf8');
const FRONT = SEED.slice(0, SEED.length - splitFrontMatter(SEED).body.length);
const LINES = splitFrontMatter(SEED).body.split('\n').filter(Boolean);
const seedWith = (lines: string[]) => ingestText(t.db.prisma, `${FRONT}${lines.join('\n')}\n`);
const INSERTED = 'Another group of workers crossed the bridge into Dandong the same week, a second source said.';

type Served = { key: string; position: number; text: string; language: string; provenance: string; stale: boolean };
const LANGS = ['ko', 'zh-Hans', 'zh-Hant'] as const;

async function served(lang: string): Promise<Served[]> {
  const res = await gql(
    yoga,
    `{ article(slug: "${SEED_SLUG}", lang: "${lang}") { paragraphs { key position text language provenance stale } } }`,
  );
  expect(res.errors).toBeUndefined();
  return res.data?.article.paragraphs as Served[];
}

const byKey = (rows: Served[]) => new Map(rows.map((r) => [r.key, r]));
const baseline = new Map<string, Served[]>();

beforeAll(async () => {
  for (const lang of LANGS) baseline.set(lang, await served(lang));
});
afterAll(() => seedWith(LINES));

describe('translations follow their paragraphs', () => {
  it('starts with every paragraph translated and current', () => {
    for (const lang of LANGS) {
      const rows = baseline.get(lang) ?? [];
      expect(rows).toHaveLength(LINES.length);
      for (const r of rows) {
        expect(r.provenance).toBe('TRANSLATED');
        expect(r.stale).toBe(false);
      }
    }
  });

  it('a paragraph inserted at position 1 is FALLBACK; every other one serves its own translation, current; deleting it restores all', async () => {
    await seedWith([LINES[0] ?? '', INSERTED, ...LINES.slice(1)]);
    for (const lang of LANGS) {
      const before = byKey(baseline.get(lang) ?? []);
      const now = await served(lang);
      expect(now).toHaveLength(LINES.length + 1);
      const added = now[1];
      expect(added).toMatchObject({ text: INSERTED, language: 'en', provenance: 'FALLBACK', stale: false });
      expect(before.has(added?.key ?? '')).toBe(false);
      for (const row of now.filter((_, i) => i !== 1)) {
        const was = before.get(row.key);
        expect(was, `${lang} ${row.key}`).toBeDefined();
        expect({ text: row.text, provenance: row.provenance, stale: row.stale }).toEqual({
          text: was?.text,
          provenance: was?.provenance,
          stale: false,
        });
      }
    }
    await seedWith(LINES);
    for (const lang of LANGS) expect(await served(lang)).toEqual(baseline.get(lang));
  });

  it('a moved paragraph keeps its translation', async () => {
    // The eleventh paragraph moved up to second place.
    const moved = [LINES[0] ?? '', LINES[10] ?? '', ...LINES.slice(1, 10), ...LINES.slice(11)];
    await seedWith(moved);
    for (const lang of LANGS) {
      const before = byKey(baseline.get(lang) ?? []);
      const now = await served(lang);
      expect(now[1]?.key).toBe(baseline.get(lang)?.[10]?.key);
      for (const row of now) expect({ text: row.text, stale: row.stale }).toEqual({ text: before.get(row.key)?.text, stale: false });
    }
    await seedWith(LINES);
  });

  it('editing one word marks only that paragraph stale, still serving its translation', async () => {
    const edited = [...LINES];
    edited[5] = (edited[5] ?? '').replace('unskilled labor', 'low-skilled labor');
    expect(edited[5]).not.toBe(LINES[5]);
    await seedWith(edited);
    for (const lang of LANGS) {
      const now = await served(lang);
      const before = baseline.get(lang) ?? [];
      expect(now.map((r) => r.key)).toEqual(before.map((r) => r.key));
      expect(now.map((r) => r.stale)).toEqual(now.map((_, i) => i === 5));
      expect(now[5]).toMatchObject({ text: before[5]?.text, language: lang, stale: true });
    }
    await seedWith(LINES);
    for (const lang of LANGS) expect((await served(lang)).every((r) => !r.stale)).toBe(true);
  });
});
