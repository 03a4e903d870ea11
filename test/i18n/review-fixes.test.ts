import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog, LastGoodStore, useCatalog } from '../../src/i18n/catalog.js';
import { watchLocales } from '../../src/i18n/watch.js';
import { ingestText } from '../../src/ingest/index.js';
import { createApp } from '../../src/yoga.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { gql } from '../helpers/gql.js';
import { copyLocales, saveByRename } from '../helpers/locales.js';
import { SEED_SLUG } from '../helpers/seed.js';

let t: TestDatabase;
const yoga = createApp();
let statements = 0;
beforeAll(async () => {
  t = await openTestDatabase({ seedCorpus: true });
  const client = t.db.prisma as unknown as { $on(event: 'query', listener: () => void): void };
  client.$on('query', () => {
    statements++;
  });
});
afterAll(() => t.drop());

type M = { start: number | null; end: number | null; text: string; located: boolean; entity: { key: string; kind: string } };

describe('mentions in translations', () => {
  it.each(['ko', 'zh-Hans', 'zh-Hant'])(
    '%s: never place a name inside another entity’s name (except a place inside an organization)',
    async (lang) => {
      const res = await gql(
        yoga,
        `{ article(slug: "${SEED_SLUG}", lang: "${lang}") { paragraphs { text mentions { start end text located entity { key kind } } } } }`,
      );
      for (const p of (res.data?.article.paragraphs ?? []) as Array<{ text: string; mentions: M[] }>) {
        const located = p.mentions.filter((m) => m.located) as Array<M & { start: number; end: number }>;
        for (const a of located) {
          expect(p.text.slice(a.start, a.end)).toBe(a.text);
          for (const b of located) {
            if (a === b || !(a.start < b.end && b.start < a.end)) continue;
            const nestedPlace = a.entity.kind === 'PLACE' && b.entity.kind === 'ORGANIZATION' && b.start <= a.start && a.end <= b.end;
            const nestedIn = b.entity.kind === 'PLACE' && a.entity.kind === 'ORGANIZATION' && a.start <= b.start && b.end <= a.end;
            expect(
              nestedPlace || nestedIn,
              `${a.entity.key} [${a.start},${a.end}) overlaps ${b.entity.key} [${b.start},${b.end}) in "${p.text}"`,
            ).toBe(true);
          }
        }
      }
      const zh = await gql(
        yoga,
        `{ article(slug: "${SEED_SLUG}", lang: "zh-Hans") { paragraphs { text mentions { start entity { key } } } } }`,
      );
      const p0 = zh.data?.article.paragraphs[0];
      const nk = p0.mentions.find((m: { entity: { key: string } }) => m.entity.key === 'north-korea');
      expect(nk.start).toBe(p0.text.indexOf('朝鲜又'));
    },
  );

  it('an inner field’s lang covers its subtree: Entity.mentions(lang) and the paragraphs under it agree', async () => {
    const res = await gql(
      yoga,
      '{ entity(key: "dandong") { mentions(lang: "ko") { start end text located paragraph { text language } } } }',
    );
    const mentions = res.data?.entity.mentions as Array<{
      start: number;
      end: number;
      text: string;
      paragraph: { text: string; language: string };
    }>;
    expect(mentions.length).toBeGreaterThan(0);
    for (const m of mentions) {
      expect(m.paragraph.language).toBe('ko');
      expect(m.paragraph.text.slice(m.start, m.end)).toBe(m.text);
    }
  });
});

describe('an article whose language tag has a region', () => {
  it('is served as the original in en, with its mentions where they are', async () => {
    await ingestText(t.db.prisma, '---\nslug: us-english\nlanguage: en-US\n---\nKim Jong Un visited Dandong on Sept. 10, and Kim left.');
    const res = await gql(
      yoga,
      '{ article(slug: "us-english") { language availableLanguages paragraphs { provenance mentions { start end text located } } } }',
    );
    const a = res.data?.article;
    expect(a.language).toBe('en-US');
    expect(a.availableLanguages).toEqual(['en']);
    expect(a.paragraphs[0].provenance).toBe('ORIGINAL');
    expect(a.paragraphs[0].mentions.every((m: { located: boolean }) => m.located)).toBe(true);
    expect(a.paragraphs[0].mentions.map((m: { text: string }) => m.text)).toEqual(['Kim Jong Un', 'Dandong', 'Sept. 10', 'Kim']);
    await t.db.prisma.article.delete({ where: { slug: 'us-english' } });
  });
});

describe('stale titles', () => {
  it('are marked in localizedTitle like paragraphs', async () => {
    const seed = fs.readFileSync('data/articles/nk-workers-china-seafood-plants.txt', 'utf8');
    await ingestText(t.db.prisma, seed.replace('title: North Korea sends more workers', 'title: North Korea sends more laborers'));
    const res = await gql(
      yoga,
      `{ article(slug: "${SEED_SLUG}", lang: "ko") { localizedTitle { stale provenance } paragraphs { stale } } }`,
    );
    expect(res.data?.article.localizedTitle).toEqual({ stale: true, provenance: 'TRANSLATED' });
    expect(res.data?.article.paragraphs.some((p: { stale: boolean }) => p.stale)).toBe(false);
    await ingestText(t.db.prisma, seed);
    const back = await gql(yoga, `{ article(slug: "${SEED_SLUG}", lang: "ko") { localizedTitle { stale } } }`);
    expect(back.data?.article.localizedTitle.stale).toBe(false);
  });
});

describe('languages', () => {
  it('load the coverage data once per request, whatever the number of languages', async () => {
    statements = 0;
    const res = await gql(yoga, '{ languages { code coverage } }');
    expect(res.errors).toBeUndefined();
    expect(statements).toBeLessThanOrEqual(3);
  });
});

describe('the locale loader and watcher under moving files', () => {
  it('reports a locale file that vanished while being read by its name, and status still answers', async () => {
    const copy = copyLocales();
    try {
      // A dangling link is listed like a file and fails to read, as a file deleted mid-reload does.
      fs.symlinkSync(path.join(copy.root, 'no-such-file.json'), path.join(copy.root, 'ko', 'articles', 'ghost.json'));
      const catalog = Catalog.load(copy.root);
      expect(catalog.errors).toEqual([{ file: 'ko/articles/ghost.json', line: null, message: 'cannot read the file (ENOENT)' }]);
      useCatalog(catalog);
      const res = await gql(yoga, '{ translationStatus(lang: "ko") { errors { file line message } } }');
      expect(res.errors).toBeUndefined();
      expect(res.data?.translationStatus.errors).toEqual([
        { file: 'ko/articles/ghost.json', line: null, message: 'cannot read the file (ENOENT)' },
      ]);
    } finally {
      copy.remove();
      useCatalog(Catalog.load());
    }
  });

  it('keeps watching a language folder that was moved aside and copied back', async () => {
    const copy = copyLocales();
    const lastGood = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-lg-'));
    const store = new LastGoodStore(lastGood);
    useCatalog(Catalog.load(copy.root, { lastGood: store }));
    const watcher = watchLocales(copy.root, { lastGood: store, log: () => {} });
    try {
      fs.renameSync(path.join(copy.root, 'ko'), path.join(copy.root, '.ko-aside'));
      fs.cpSync(path.join(copy.root, '.ko-aside'), path.join(copy.root, 'ko'), { recursive: true });
      await watcher.reloaded();
      const file = path.join(copy.root, 'ko', 'common.json');
      const data = JSON.parse(fs.readFileSync(file, 'utf8'));
      data.entityKind.PERSON = '사람';
      saveByRename(file, `${JSON.stringify(data, null, 2)}\n`);
      const deadline = Date.now() + 1000;
      let label = '';
      while (Date.now() < deadline) {
        label = (await gql(yoga, '{ entity(key: "kim-jong-un") { kindLabel(lang: "ko") } }')).data?.entity.kindLabel;
        if (label === '사람') break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(label).toBe('사람');
    } finally {
      watcher.close();
      copy.remove();
      fs.rmSync(lastGood, { recursive: true, force: true });
      useCatalog(Catalog.load());
    }
  });
});
