import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog, LastGoodStore } from '../../src/i18n/catalog.js';
import { catalog, useCatalog } from '../../src/i18n/current.js';
import { type LocaleWatcher, watchLocales } from '../../src/i18n/watch.js';
import { createApp } from '../../src/yoga.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { gql } from '../helpers/gql.js';
import { copyLocales, saveByRename } from '../helpers/locales.js';
import { SEED_SLUG, seedKey, seedTranslation } from '../helpers/seed.js';
import { until } from '../helpers/wait.js';

let t: TestDatabase;
let locales: ReturnType<typeof copyLocales>;
let lastGoodDir: string;
let watcher: LocaleWatcher;
const logs: string[] = [];
const yoga = createApp();
const ARTICLE = `ko/articles/${SEED_SLUG}.json`;
/** The stable keys of the seed article's subheading (position 7) and of two other paragraphs. */
const HEADING = seedKey(7);
const P1 = seedKey(1);
const P2 = seedKey(2);
const original = () => JSON.parse(locales.read(ARTICLE)) as { title: string; paragraphs: Record<string, string> };

const heading = async () => {
  const res = await gql(yoga, `{ article(slug: "${SEED_SLUG}", lang: "ko") { paragraphs { position text provenance } } }`);
  return res.data?.article.paragraphs[7] as { text: string; provenance: string };
};
const status = async () =>
  (await gql(yoga, '{ translationStatus(lang: "ko") { errors { file line message } missingKeys } }')).data?.translationStatus;

beforeAll(async () => {
  t = await openTestDatabase({ seedCorpus: true });
  locales = copyLocales();
  lastGoodDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-lastgood-'));
  const store = new LastGoodStore(lastGoodDir);
  useCatalog(Catalog.load(locales.root, { lastGood: store }));
  watcher = watchLocales(locales.root, { lastGood: store, log: (l) => logs.push(l) });
  // The first request builds the schema's caches; timings below measure reloads, not that.
  await heading();
});
afterAll(async () => {
  watcher.close();
  locales.remove();
  fs.rmSync(lastGoodDir, { recursive: true, force: true });
  await t.drop();
});

describe('live reload', () => {
  it('serves a saved edit without a restart, whether the editor writes in place or renames', async () => {
    const data = original();
    data.paragraphs[HEADING] = '관계 개선 조짐 (편집 1)';
    fs.writeFileSync(locales.file(ARTICLE), `${JSON.stringify(data, null, 2)}\n`);
    const first = await until(heading, (p) => p.text === '관계 개선 조짐 (편집 1)');
    const elapsed: number[] = [];
    for (let i = 2; i <= 6; i++) {
      data.paragraphs[HEADING] = `관계 개선 조짐 (편집 ${i})`;
      saveByRename(locales.file(ARTICLE), `${JSON.stringify(data, null, 2)}\n`);
      const next = await until(heading, (p) => p.text === `관계 개선 조짐 (편집 ${i})`);
      expect(next.value.provenance).toBe('TRANSLATED');
      elapsed.push(next.elapsed);
    }
    console.info(`live edit served after ${first.elapsed} ms in place, ${Math.max(...elapsed)} ms at most by rename`);
    expect(first.value.provenance).toBe('TRANSLATED');
  });

  it('stops serving a key deleted from the file', async () => {
    const data = original();
    delete data.paragraphs[HEADING];
    saveByRename(locales.file(ARTICLE), `${JSON.stringify(data, null, 2)}\n`);
    const { value } = await until(heading, (p) => p.provenance === 'FALLBACK');
    expect(value.text).toBe('Signs of warming relations');
    expect((await status()).missingKeys).toContain(`articles/${SEED_SLUG}:paragraphs.${HEADING}`);
  });

  it('keeps the last good version when a file breaks, reports file, line and reason, and clears the error once fixed', async () => {
    const good = original();
    good.paragraphs[HEADING] = '마지막 정상 버전';
    saveByRename(locales.file(ARTICLE), `${JSON.stringify(good, null, 2)}\n`);
    await until(heading, (p) => p.text === '마지막 정상 버전');

    // Invalid JSON on line 4.
    const broken = `${JSON.stringify(good, null, 2)}\n`.replace(`"${P1}": `, `"${P1}" `);
    saveByRename(locales.file(ARTICLE), broken);
    const reported = await until(status, (s) => s.errors.length > 0);
    expect(reported.value.errors).toEqual([
      { file: ARTICLE, line: 5, message: expect.stringMatching(/^invalid JSON: .*serving the last good version/) },
    ]);
    expect(await heading()).toEqual({ position: 7, text: '마지막 정상 버전', provenance: 'TRANSLATED' });
    expect(logs.some((l) => l.includes(`[i18n] locale error: ${ARTICLE}:5: invalid JSON`))).toBe(true);

    // A restart with the broken file still serves the last good version, not English.
    const restarted = Catalog.load(locales.root, { lastGood: new LastGoodStore(lastGoodDir) });
    expect(restarted.raw('ko', `articles/${SEED_SLUG}`, `paragraphs.${HEADING}`)).toBe('마지막 정상 버전');
    expect(restarted.errors).toHaveLength(1);

    saveByRename(
      locales.file(ARTICLE),
      `${JSON.stringify({ ...good, paragraphs: { ...good.paragraphs, [HEADING]: '고친 버전' } }, null, 2)}\n`,
    );
    await until(status, (s) => s.errors.length === 0);
    expect((await heading()).text).toBe('고친 버전');
    expect(logs.some((l) => l.startsWith(`[i18n] fixed: ${ARTICLE}:5`))).toBe(true);
  });

  it.each([
    [
      'the wrong shape',
      (good: string) => good.replace(new RegExp(`"${P2}": "[^"]*"`), `"${P2}": 42`),
      new RegExp(`wrong shape: "paragraphs\\.${P2}" must be a list of strings|wrong shape`),
    ],
    ['a file saved half-way', (good: string) => good.slice(0, Math.floor(good.length / 2)), /invalid JSON/],
    ['an empty file', () => '', /invalid JSON/],
  ])('survives %s the same way', async (_name, breakIt, message) => {
    const good = locales.read(ARTICLE);
    const before = (await heading()).text;
    fs.writeFileSync(locales.file(ARTICLE), breakIt(good));
    const reported = await until(status, (s) => s.errors.length > 0);
    expect(reported.value.errors[0].message).toMatch(message);
    expect((await heading()).text).toBe(before);
    saveByRename(locales.file(ARTICLE), good);
    await until(status, (s) => s.errors.length === 0);
  });

  it('reports an unknown language folder, and forgets it once removed', async () => {
    fs.mkdirSync(locales.file('fr'));
    fs.writeFileSync(locales.file('fr/common.json'), '{}\n');
    const reported = await until(status, (s) => s.errors.some((e: { file: string }) => e.file === 'fr/'));
    expect(reported.value.errors.find((e: { file: string }) => e.file === 'fr/').message).toMatch(
      /unknown language folder; supported: en, ko, zh-Hans, zh-Hant/,
    );
    fs.rmSync(locales.file('fr'), { recursive: true });
    await until(status, (s) => s.errors.length === 0);
  });

  it('ends a burst of saves on the latest content, with no request seeing a missing key', async () => {
    const data = original();
    let stop = false;
    const seen: string[] = [];
    const readers = Array.from({ length: 8 }, async () => {
      while (!stop) {
        const res = await gql(yoga, `{ article(slug: "${SEED_SLUG}", lang: "ko") { paragraphs { provenance } } }`);
        for (const p of res.data?.article.paragraphs ?? []) seen.push(p.provenance);
      }
    });
    for (let i = 1; i <= 60; i++) {
      data.paragraphs[HEADING] = `버전 ${i}`;
      const text = `${JSON.stringify(data, null, 2)}\n`;
      if (i % 2) saveByRename(locales.file(ARTICLE), text);
      else fs.writeFileSync(locales.file(ARTICLE), text);
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 15));
    }
    await until(heading, (p) => p.text === '버전 60');
    stop = true;
    await Promise.all(readers);
    expect(seen.length).toBeGreaterThan(100);
    expect(seen.filter((p) => p !== 'TRANSLATED')).toEqual([]);
  });
});

describe('restoring the shipped files', () => {
  it('serves the shipped translation again', async () => {
    saveByRename(locales.file(ARTICLE), `${JSON.stringify(seedTranslation('ko'), null, 2)}\n`);
    await until(heading, (p) => p.text === seedTranslation('ko').paragraphs[HEADING]);
    expect(catalog().errors).toEqual([]);
  });
});
