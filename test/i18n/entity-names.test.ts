// Every confirmed entity has a name in Korean and Chinese: the seeded database's and every entry of
// data/gazetteer.json, served through GraphQL with its provenance, with no alias that would match
// inside other words; and i18n:status counts the names each language has.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Catalog, LOCALES_DIR } from '../../src/i18n/catalog.js';
import { catalog } from '../../src/i18n/current.js';
import { entityAliasesKey, entityNameKey } from '../../src/i18n/keys.js';
import { readGazetteerFile } from '../../src/ingest/gazetteer-store.js';
import { translationStatusReport } from '../../src/services/translations.js';
import { createApp } from '../../src/yoga.js';
import { cli } from '../helpers/cli.js';
import { useTestDatabase } from '../helpers/db.js';
import { gql } from '../helpers/gql.js';
import { copyLocales } from '../helpers/locales.js';

const t = useTestDatabase({ seedCorpus: true });
const yoga = createApp();
const shipped = catalog();
const gazetteer = readGazetteerFile();
const gazetteerKeys = gazetteer.map((e) => e.key);

/** The languages translators write every entity name in (zh-Hant is converted from zh-Hans). */
const WRITTEN = ['ko', 'zh-Hans'] as const;
const SERVED = [...WRITTEN, 'zh-Hant'] as const;

/** Confirmed entities with a name to translate: dates and quantities are formatted from their values. */
const confirmedKeys = async () =>
  (
    await t.db.prisma.entity.findMany({
      where: { confirmed: true, rejected: false, kind: { notIn: ['DATE', 'QUANTITY'] } },
      select: { key: true },
      orderBy: { key: 'asc' },
    })
  ).map((e) => e.key);

const unnamed = (keys: string[], language: (typeof SERVED)[number], from: Catalog = shipped) =>
  keys.filter((key) => !from.has(language, 'entities', entityNameKey(key)));

describe('entity names', () => {
  it.each(WRITTEN)('%s names every confirmed entity of the seeded database', async (language) => {
    const keys = await confirmedKeys();
    expect(keys.length).toBeGreaterThanOrEqual(gazetteer.length);
    expect(unnamed(keys, language)).toEqual([]);
  });

  it.each(SERVED)('%s names every entry of the gazetteer', (language) => {
    expect(unnamed(gazetteerKeys, language)).toEqual([]);
  });

  it('have no alias of a single character, in any locale file or as served', () => {
    const short = (aliases: unknown) => (Array.isArray(aliases) ? aliases.filter((a) => [...String(a)].length < 2) : []);
    for (const language of SERVED) {
      const file = path.join(LOCALES_DIR, language, 'entities.json');
      if (fs.existsSync(file)) {
        const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { aliases?: unknown }>;
        for (const [key, entry] of Object.entries(data)) expect(short(entry.aliases), `${language}/entities.json: ${key}`).toEqual([]);
      }
      for (const key of gazetteerKeys)
        expect(short(shipped.raw(language, 'entities', entityAliasesKey(key))), `${language}: ${key}`).toEqual([]);
    }
  });

  it('are served through GraphQL, translated, in the standard renderings', async () => {
    const res = await gql(
      yoga,
      `{ seoul: entity(key: "seoul") { ko: name(lang: "ko") zh: name(lang: "zh-Hans") tw: name(lang: "zh-Hant")
           localizedName(lang: "ko") { text language provenance } }
         nk: entity(key: "north-korea") { ko: name(lang: "ko") zh: name(lang: "zh-Hans")
           tw: localizedName(lang: "zh-Hant") { text language provenance }
           koAliases: aliases(lang: "ko") twAliases: aliases(lang: "zh-Hant") }
         trump: entity(key: "donald-trump") { zh: name(lang: "zh-Hans") tw: localizedName(lang: "zh-Hant") { text provenance } }
         kim: entity(key: "kim-yo-jong") { ko: name(lang: "ko") zh: name(lang: "zh-Hans") tw: name(lang: "zh-Hant") }
         liaoning: entity(key: "liaoning") { ko: name(lang: "ko") }
         unification: entity(key: "ministry-of-unification") { ko: name(lang: "ko") zh: name(lang: "zh-Hans") tw: name(lang: "zh-Hant") }
         kcna: entity(key: "kcna") { ko: name(lang: "ko") zh: name(lang: "zh-Hans") tw: name(lang: "zh-Hant") } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      seoul: { ko: '서울', zh: '首尔', tw: '首爾', localizedName: { text: '서울', language: 'ko', provenance: 'TRANSLATED' } },
      nk: {
        ko: '북한',
        zh: '朝鲜',
        tw: { text: '北韓', language: 'zh-Hant', provenance: 'TRANSLATED' },
        // 조선 would match inside 조선중앙통신 and 조선노동당; Taiwan writes 北韓, not 朝鮮.
        koAliases: expect.not.arrayContaining(['조선']),
        twAliases: expect.not.arrayContaining(['朝鮮']),
      },
      trump: { zh: '特朗普', tw: { text: '川普', provenance: 'TRANSLATED' } },
      kim: { ko: '김여정', zh: '金与正', tw: '金與正' },
      liaoning: { ko: '랴오닝성' },
      unification: { ko: '통일부', zh: '统一部', tw: '統一部' },
      kcna: { ko: '조선중앙통신', zh: '朝中社', tw: '朝中社' },
    });
  });
});

describe('i18n:status', () => {
  it('counts the confirmed entities each language names: those mentioned, and all', async () => {
    const keys = await confirmedKeys();
    const report = await translationStatusReport(t.db, LOCALES_DIR);
    for (const s of report.languages) {
      expect(s.entityNames.confirmed, s.language).toEqual({ total: keys.length, named: keys.length, missing: 0, coverage: 1 });
      expect(s.entityNames.mentioned.missing, s.language).toBe(0);
      expect(s.entityNames.mentioned.total).toBeGreaterThan(10);
      expect(s.entityNames.missingKeys).toEqual([]);
    }
  });

  it('lists the entities without a name, the mentioned ones first', async () => {
    const locales = copyLocales();
    try {
      const file = locales.file('ko/entities.json');
      const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
      delete data.seoul;
      delete data.dandong;
      fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
      const [ko] = (await translationStatusReport(t.db, locales.root, { language: 'ko' })).languages;
      expect(ko?.entityNames.mentioned.missing).toBe(1);
      expect(ko?.entityNames.confirmed.missing).toBe(2);
      expect(ko?.entityNames.missingKeys).toEqual(['dandong', 'seoul']);

      const run = await cli('i18n', ['status', '--lang', 'ko'], {
        DATABASE_URL: t.url,
        LOCALES_DIR: locales.root,
        DATA_DIR: path.join(os.tmpdir(), 'pgdesk-unused'),
      });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^language\s+entity names\s+total\s+named\s+missing\s+coverage$/m);
      expect(run.stdout).toMatch(/^ko\s+mentioned\s+(\d+)\s+\d+\s+1\s+\d+\.\d%$/m);
      expect(run.stdout).toMatch(/^ko: no name for dandong, seoul$/m);
      const json = await cli('i18n', ['status', '--json', '--lang', 'ko'], {
        DATABASE_URL: t.url,
        LOCALES_DIR: locales.root,
        DATA_DIR: path.join(os.tmpdir(), 'pgdesk-unused'),
      });
      expect(JSON.parse(json.stdout)[0].entityNames).toMatchObject({ confirmed: { missing: 2 }, missingKeys: ['dandong', 'seoul'] });
    } finally {
      locales.remove();
    }
  });
});
