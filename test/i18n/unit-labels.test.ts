// Quantities shown in each language's own words: every unit with an English label has a Korean,
// Simplified and Traditional Chinese one, currencies included, and an ingested quantity is served
// with it (FORMATTED) instead of falling back to English.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CURRENCY_SIGNS, CURRENCY_WORDS } from '../../src/ingest/extract/words.js';
import { ingestText } from '../../src/ingest/index.js';
import { createApp } from '../../src/yoga.js';
import { useTestDatabase } from '../helpers/db.js';
import { gql } from '../helpers/gql.js';

const units = (lang: string) =>
  (JSON.parse(fs.readFileSync(`locales/${lang}/common.json`, 'utf8')) as { units: Record<string, string> }).units;
const unitNames = (labels: Record<string, string>) => new Set(Object.keys(labels).map((k) => k.replace(/_(one|other)$/, '')));

describe('unit labels', () => {
  it('every English unit, and every currency the extractor knows, has a label in ko, zh-Hans and zh-Hant', () => {
    const english = unitNames(units('en'));
    for (const currency of [...Object.values(CURRENCY_WORDS), ...Object.values(CURRENCY_SIGNS)]) {
      expect(english, currency).toContain(currency);
    }
    for (const lang of ['ko', 'zh-Hans', 'zh-Hant']) {
      const labels = units(lang);
      const missing = [...english].filter((u) => !labels[`${u}_other`]);
      expect(missing, lang).toEqual([]);
      for (const [key, text] of Object.entries(labels)) expect(text, `${lang} ${key}`).toContain('{{count, number}}');
    }
  });

  describe('served', () => {
    // A qualifier ("about", "at least") is kept in every language: never served as an exact count.
    const t = useTestDatabase();
    const yoga = createApp();

    it('an ingested count and a sum of money in Korean and Chinese', async () => {
      await ingestText(
        t.db.prisma,
        '---\nslug: unit-labels\n---\nThe company sent 300 tourists to Sinuiju last month and earned 2 million yuan, officials said. ' +
          'About 40 soldiers and at least 12 trucks crossed the bridge, and more than 5,000 residents fled.',
      );
      const names = async (lang: string) => {
        const res = await gql(
          yoga,
          `{ article(slug: "unit-labels", lang: "${lang}") { entities { kind localizedName { text provenance } } } }`,
        );
        expect(res.errors).toBeUndefined();
        const entities = res.data?.article.entities as Array<{ kind: string; localizedName: { text: string; provenance: string } }>;
        return entities
          .filter((e) => e.kind === 'QUANTITY')
          .map((e) => `${e.localizedName.text} ${e.localizedName.provenance}`)
          .sort();
      };
      expect(await names('ko')).toEqual(
        ['2,000,000위안', '관광객 300명', '군인 약 40명', '주민 5,000명 이상', '트럭 최소 12대'].map((n) => `${n} FORMATTED`).sort(),
      );
      expect(await names('zh-CN')).toEqual(
        ['2,000,000元', '300名游客', '约40名士兵', '超过5,000名居民', '至少12辆卡车'].map((n) => `${n} FORMATTED`).sort(),
      );
      expect(await names('zh-TW')).toEqual(
        ['2,000,000元人民幣', '300名遊客', '約40名士兵', '超過5,000名居民', '至少12輛卡車'].map((n) => `${n} FORMATTED`).sort(),
      );
    });
  });
});
