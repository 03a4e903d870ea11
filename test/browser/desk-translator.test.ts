// Translator mode in the desk, in Debian's Chromium, on a private copy of the locale files with the
// live reload running: a read-only visitor sees how to enable editing and has nothing to save with;
// a wrong token is refused; a draft that breaks the checks cannot be saved and says why; a save
// through the saveTranslation mutation is served by /graphql within a second and clears its marks.

import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog, LastGoodStore } from '../../src/i18n/catalog.js';
import { useCatalog } from '../../src/i18n/current.js';
import { type LocaleWatcher, watchLocales } from '../../src/i18n/watch.js';
import { createHttpServer } from '../../src/server.js';
import { createApp } from '../../src/yoga.js';
import { launchChromium, seriousViolations } from '../helpers/browser.js';
import { useTestDatabase } from '../helpers/db.js';
import { copyLocales, deskLabel } from '../helpers/locales.js';
import { SEED_SLUG, seedKey, seedTranslation } from '../helpers/seed.js';

useTestDatabase({ seedCorpus: true });

const TOKEN = 'desk-test-token-0123456789';
/** The side-by-side editor's screenshot for the README (the reader's is written by desk.test.ts). */
const SCREENSHOTS = 'docs/screenshots';
const KO_FILE = `ko/articles/${SEED_SLUG}.json`;
const HEADING = seedKey(7);
const locales = copyLocales();
// As the server keeps them in DATA_DIR: the last good files and the zh-Hant conversions, so a reload does not rebuild OpenCC.
const lastGoodDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-desk-last-good-'));
let watcher: LocaleWatcher;
let server: http.Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  const lastGood = new LastGoodStore(lastGoodDir);
  useCatalog(Catalog.load(locales.root, { lastGood }));
  watcher = watchLocales(locales.root, { lastGood, log: () => {} });
  server = createHttpServer(createApp({ adminToken: TOKEN }), null);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  watcher?.close();
  locales.remove();
  fs.rmSync(lastGoodDir, { recursive: true, force: true });
});

/** The ko text /graphql serves for a paragraph key now (no cache, no token). */
async function served(key: string): Promise<string | undefined> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ article(slug: "${SEED_SLUG}", lang: "ko") { paragraphs { key text } } }` }),
  });
  const body = (await res.json()) as { data: { article: { paragraphs: Array<{ key: string; text: string }> } } };
  return body.data.article.paragraphs.find((p) => p.key === key)?.text;
}

async function articlePage(): Promise<Page> {
  // A context of its own (axe-core needs one it can open a page in); closed with its page.
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('close', () => void context.close().catch(() => {}));
  await page.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : route.abort('internetdisconnected')));
  await page.goto(`${base}/articles/${SEED_SLUG}?lang=ko`);
  await page.locator('.para p').first().waitFor();
  return page;
}

/** The desk's label in Korean, the language of the page these tests edit. */
const ko = (key: string, values: Record<string, string | number> = {}) => deskLabel('ko', key, values);

const para = (page: Page, key: string) => page.locator(`.para[data-key="${key}"]`);

describe('translator mode', () => {
  it('is read-only without a token: it says how to enable editing, and offers nothing to save', async () => {
    const before = locales.snapshot();
    const page = await articlePage();
    // In the page's language (Korean here), as locales/ko/desk.json has it.
    expect(await page.locator('.translator p').textContent()).toBe(ko('translator.readOnly', { variable: 'ADMIN_TOKEN' }));
    expect(ko('translator.readOnly')).not.toBe(deskLabel('en', 'translator.readOnly'));
    expect(await page.locator('button.edit').count()).toBe(0);
    expect(await page.locator('textarea').count()).toBe(0);
    // And the API itself refuses a save without the token.
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($i: SaveTranslationInput!) { saveTranslation(input: $i) { file } }',
        variables: { i: { language: 'ko', namespace: `articles/${SEED_SLUG}`, key: `paragraphs.${HEADING}`, text: '무단 수정' } },
      }),
    });
    expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(locales.snapshot()).toEqual(before);
    await page.close();
  }, 60_000);

  it('blocks a draft that fails the checks as you type, shows the server’s reasons, and refuses a wrong token', async () => {
    const before = locales.snapshot();
    const page = await articlePage();
    await page.locator('#admin-token').fill('not-the-token-at-all-000');
    await page.getByRole('button', { name: ko('translator.enable') }).click();
    await para(page, HEADING).locator('button.edit').click();
    const editor = para(page, HEADING).locator('form.editor');
    const save = editor.getByRole('button', { name: ko('editor.save') });
    // A placeholder the source does not have: blocked as typed, with the reason.
    await editor.locator('textarea').fill('관계 개선 {{count}} 조짐');
    await expect
      .poll(() => editor.locator('.checks').textContent())
      .toContain(`PLACEHOLDERS: ${ko('editor.placeholders', { expected: ko('editor.placeholdersNone'), found: '{{count}}' })}`);
    expect(await save.isDisabled()).toBe(true);
    await editor.locator('textarea').fill('「관계 개선 조짐');
    await expect.poll(() => editor.locator('.checks').textContent()).toContain('UNBALANCED');
    expect(await save.isDisabled()).toBe(true);
    await editor.locator('textarea').fill('');
    await expect.poll(() => editor.locator('.checks').textContent()).toContain('EMPTY');
    // A clean draft, but the wrong token: the server's check answers FORBIDDEN and Save stays blocked.
    await editor.locator('textarea').fill('관계 개선의 조짐');
    // The refusal reads in the page's language (locales/ko/errors.json), whatever the browser's own.
    const forbidden = JSON.parse(locales.read('ko/errors.json')).FORBIDDEN as string;
    await expect.poll(() => editor.locator('.checks').textContent(), { timeout: 10_000 }).toContain(`FORBIDDEN: ${forbidden}`);
    expect(await save.isDisabled()).toBe(true);
    expect(locales.snapshot()).toEqual(before);
    await page.close();
  }, 60_000);

  it('runs the server’s checks as you type (the glossary): the reason is shown, Save is blocked, nothing is written', async () => {
    const before = locales.snapshot();
    const page = await articlePage();
    await page.locator('#admin-token').fill(TOKEN);
    await page.getByRole('button', { name: ko('translator.enable') }).click();
    const first = seedKey(0);
    await para(page, first).locator('button.edit').click();
    const editor = para(page, first).locator('form.editor');
    // The glossary under the source: each entity the lede mentions, its Korean name, and whether the draft has it.
    const terms = editor.locator('.glossary li');
    expect(await terms.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.entity))).toEqual([
      'north-korea',
      'china',
      'kim-jong-un',
    ]);
    expect(await editor.locator('.glossary li[data-entity="kim-jong-un"] [lang="ko"]').textContent()).toBe('김정은');
    expect(await editor.locator('.glossary li.found').count()).toBe(3);
    expect(await editor.locator('.source mark.src-mention').count()).toBe(3);
    // The lede without 김정은 or 북한: the glossary check refuses it.
    await editor.locator('textarea').fill('노동자를 추가로 파견했다.');
    // As typed, the missing names are marked in the glossary and in the source text.
    await expect.poll(() => editor.locator('.glossary li.missing').count()).toBe(3);
    expect(await editor.locator('.glossary li.missing .term-state').first().textContent()).toBe(` ✗ ${ko('editor.notInDraft')}`);
    expect(await editor.locator('.source mark.missing').evaluateAll((els) => els.map((e) => e.textContent))).toEqual([
      'North Korea',
      'China',
      'Kim Jong Un',
    ]);
    await editor.locator('textarea').fill('북한이 노동자를 추가로 파견했다.');
    await expect.poll(() => editor.locator('.glossary li.missing').count()).toBe(2);
    // No click: the check runs on its own a moment after typing stops.
    await expect
      .poll(() => editor.locator('.check-error').allTextContents(), { timeout: 10_000 })
      .toContainEqual(expect.stringMatching(/^GLOSSARY: /));
    expect(await editor.getByRole('button', { name: ko('editor.save') }).isDisabled()).toBe(true);
    // Fixed, the draft passes the server's checks and Save is enabled again.
    await editor.locator('textarea').fill(seedTranslation('ko').paragraphs[first] as string);
    await expect.poll(() => editor.getByRole('button', { name: ko('editor.save') }).isEnabled(), { timeout: 10_000 }).toBe(true);
    expect(await editor.locator('.check-error').count()).toBe(0);
    expect(await editor.locator('.glossary li.missing').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(locales.snapshot()).toEqual(before);
    await page.close();
  }, 60_000);

  it('edits zh-Hant beside the English: the editor in its column, with the glossary in Traditional Chinese', async () => {
    const before = locales.snapshot();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : route.abort('internetdisconnected')));
    await page.goto(`${base}/articles/${SEED_SLUG}?lang=en&compare=zh-Hant`);
    await page.locator('table.columns').waitFor();
    await page.locator('#admin-token').fill(TOKEN);
    await page.getByRole('button', { name: deskLabel('en', 'translator.enable') }).click();
    // Only the target column is editable: English is the source.
    expect(await page.locator('.col-a button.edit').count()).toBe(0);
    const cell = page.locator(`.col-b .para[data-key="${seedKey(1)}"]`);
    await cell.locator('button.edit').click();
    const editor = cell.locator('form.editor');
    expect(await editor.locator('textarea').getAttribute('lang')).toBe('zh-Hant');
    expect(await editor.locator('textarea').inputValue()).toBe(seedTranslation('zh-Hant').paragraphs[seedKey(1)]);
    const names = await editor
      .locator('.glossary li')
      .evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.entity, e.querySelector('[lang="zh-Hant"]')?.textContent]));
    expect(Object.fromEntries(names)).toMatchObject({ dandong: '丹東', donggang: '東港', liaoning: '遼寧省' });
    expect(await editor.locator('.glossary li.missing').count()).toBe(0);
    // The server's checks answered (nothing to report): the editor as a translator sees it at rest.
    await expect.poll(() => editor.locator('.check-state').textContent(), { timeout: 10_000 }).toBe('');
    // The screenshot for the README: English and Traditional Chinese side by side, a paragraph open in the editor.
    await cell.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -120));
    await page.evaluate(() => document.fonts.ready);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}/side-by-side-en-zh-Hant.png` });
    expect(await seriousViolations(page)).toEqual([]);
    await editor.getByRole('button', { name: deskLabel('en', 'editor.cancel') }).click();
    expect(await cell.locator('form.editor').count()).toBe(0);
    expect(locales.snapshot()).toEqual(before);
    await context.close();
  }, 60_000);

  it('reviews the article’s proposed entities from the article page', async () => {
    const page = await articlePage();
    expect(await page.locator('.review').count()).toBe(0);
    await page.locator('#admin-token').fill(TOKEN);
    await page.getByRole('button', { name: ko('translator.enable') }).click();
    const proposed = page.locator('.review li');
    await expect
      .poll(() => proposed.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.entity).sort()))
      .toEqual(['provincial-seafood-management-bureau', 'sinuiju-customs-office']);
    expect(await page.locator('button.mention.proposed').count()).toBeGreaterThan(0);
    await page
      .locator('.review li[data-entity="sinuiju-customs-office"]')
      .getByRole('button', { name: ko('review.confirm') })
      .click();
    await expect
      .poll(() => page.locator('.review [role="status"]').textContent())
      .toBe(ko('review.confirmed', { name: 'Sinuiju customs office' }));
    await expect.poll(() => proposed.count()).toBe(1);
    // Renamed from the page: the English name changes, the old one stays as an alias.
    const bureau = page.locator('.review li[data-entity="provincial-seafood-management-bureau"]');
    await bureau
      .getByRole('textbox', { name: ko('review.renameLabel', { name: 'provincial seafood management bureau' }) })
      .fill('Provincial Fisheries Management Bureau');
    await bureau.getByRole('button', { name: ko('review.rename') }).click();
    await expect
      .poll(() => page.locator('.review [role="status"]').textContent())
      .toBe(ko('review.renamed', { name: 'provincial seafood management bureau', newName: 'Provincial Fisheries Management Bureau' }));
    const renamed = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ entity(key: "provincial-seafood-management-bureau") { name aliases(lang: "en") } }' }),
    });
    expect(((await renamed.json()) as { data: { entity: { name: string; aliases: string[] } } }).data.entity).toMatchObject({
      name: 'Provincial Fisheries Management Bureau',
    });
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ entity(key: "sinuiju-customs-office") { confirmed reviewedBy } }' }),
    });
    expect(((await res.json()) as { data: unknown }).data).toEqual({ entity: { confirmed: true, reviewedBy: 'admin' } });
    await page.close();
  }, 60_000);

  it('saves through the mutation: /graphql serves the edit within a second, and the page shows it', async () => {
    const page = await articlePage();
    await page.locator('#admin-token').fill(TOKEN);
    await page.getByRole('button', { name: ko('translator.enable') }).click();
    expect(await served(HEADING)).toBe(seedTranslation('ko').paragraphs[HEADING]);
    await para(page, HEADING).locator('button.edit').click();
    const editor = para(page, HEADING).locator('form.editor');
    expect(await editor.locator('textarea').inputValue()).toBe(seedTranslation('ko').paragraphs[HEADING]);
    await editor.locator('textarea').fill('관계 회복의 조짐');
    const saved = page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('SaveTranslation'));
    const clicked = Date.now();
    await editor.getByRole('button', { name: ko('editor.save') }).click();
    await saved;
    const answered = Date.now();
    let seen = 0;
    await expect
      .poll(
        async () => {
          if ((await served(HEADING)) === '관계 회복의 조짐') seen = Date.now();
          return seen;
        },
        { interval: 25, timeout: 5_000 },
      )
      .toBeGreaterThan(0);
    console.info(
      `[desk] saved in the browser: mutation answered after ${answered - clicked} ms, served by /graphql ${seen - answered} ms later`,
    );
    // The figure: once the save is done, /graphql serves it within a second (the live reload).
    expect(seen - answered).toBeLessThan(1_000);
    await expect.poll(() => para(page, HEADING).locator('h2').textContent(), { timeout: 5_000 }).toBe('관계 회복의 조짐');
    expect(await para(page, HEADING).locator('form.editor').count()).toBe(0);
    expect(await para(page, HEADING).locator('.mark-stale, .mark-fallback').count()).toBe(0);
    expect(JSON.parse(locales.read(KO_FILE)).paragraphs[HEADING]).toBe('관계 회복의 조짐');
    // The token stays for the tab: a reload keeps translator mode on.
    await page.reload();
    await page.locator('.para p').first().waitFor();
    expect(await page.locator('button.edit').count()).toBeGreaterThan(15);
    await page.close();
  }, 60_000);
});
