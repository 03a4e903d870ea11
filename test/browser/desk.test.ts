// The desk (web/, served by src/desk/) as a reader sees it in Debian's Chromium with no network:
// every request that does not go to this server is refused. The seed article in ko, zh-Hans and
// zh-Hant with its entities highlighted, the side-by-side view aligned paragraph by paragraph, the
// language negotiated from the browser's Accept-Language, the status page, no serious or critical
// axe-core violation; and, over plain HTTP, the shell, the asset headers and refused traversal.
// The reader's screenshot in docs/screenshots/ is written here (the side-by-side editor's by desk-translator.test.ts).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, DESK_DIR, Desk } from '../../src/desk/serve.js';
import { Catalog } from '../../src/i18n/catalog.js';
import { catalog, useCatalog } from '../../src/i18n/current.js';
import { ingestText } from '../../src/ingest/index.js';
import { createHttpServer } from '../../src/server.js';
import { warmUp } from '../../src/warm-up.js';
import { createApp } from '../../src/yoga.js';
import { launchChromium, seriousViolations } from '../helpers/browser.js';
import { useTestDatabase } from '../helpers/db.js';
import { copyLocales, deskLabel } from '../helpers/locales.js';
import { SEED_FILE, SEED_SLUG, seedKey, seedTranslation } from '../helpers/seed.js';

const t = useTestDatabase({ seedCorpus: true });

const SCREENSHOTS = 'docs/screenshots';
let server: http.Server;
let base: string;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  // The desk is built by npm install and npm start; build it here too when web/ changed since.
  execFileSync(process.execPath, ['scripts/build-desk.mjs'], { stdio: 'inherit' });
  const yoga = createApp({ introspection: true });
  server = createHttpServer(yoga, null);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // As npm start does before its first visitor: the article's paths compiled once.
  await warmUp(yoga);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** A page in a fresh browser context (its own Accept-Language), with every other origin refused. */
async function open(locale = 'en-US'): Promise<{ page: Page; refused: string[] }> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  const refused: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || url.startsWith('data:')) return route.continue();
    refused.push(url);
    return route.abort('internetdisconnected');
  });
  return { page, refused };
}

/** A raw GET of a path exactly as written (fetch would normalize "..", "%2e" and the like). */
function rawGet(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The answers a page carries (its #desk-data block). */
// biome-ignore lint/suspicious/noExplicitAny: the answers are checked field by field
function pageData(html: string): Array<{ operation: string; variables: Record<string, string>; data: any }> {
  const block = /<script type="application\/json" id="desk-data">(.*?)<\/script>/s.exec(html)?.[1];
  return block ? JSON.parse(block) : [];
}

const paragraphsOf = (page: Page, column = '') => page.locator(`${column} .para:not(.title-row) > :is(p, h2)`);

describe('desk over HTTP', () => {
  it('serves the shell at the page paths with a CSP naming no other origin, and nothing from outside', async () => {
    for (const path of ['/', `/articles/${SEED_SLUG}?lang=ko`, '/status']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      // Outside the page's data (an article's text may hold an address), nothing names another origin.
      const html = (await res.text()).replace(/<script type="application\/json" id="desk-data">.*?<\/script>/s, '');
      expect(html).not.toMatch(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]/i);
      expect(html).toMatch(/<script type="module" src="\/assets\/main-[A-Z0-9]+\.js">/);
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
    const shell = await fetch(`${base}/`);
    expect((await fetch(`${base}/`, { headers: { 'if-none-match': shell.headers.get('etag') ?? '' } })).status).toBe(304);
    expect((await fetch(`${base}/articles/Not_A_Slug`)).status).toBe(404);
    expect(
      (
        await fetch(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"query":"{__typename}"}',
        })
      ).status,
    ).toBe(200);
  });

  it('serves hashed assets immutable, precompressed, with an ETag, and all of them within budget', async () => {
    const html = await (await fetch(`${base}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? '';
    const style = /href="(\/assets\/main-[^"]+\.css)"/.exec(html)?.[1] ?? '';
    // The fonts' stylesheets (one per language) are not linked: the script links them after the first render.
    expect(html).not.toMatch(/<link[^>]+fonts-/);
    const fonts = JSON.parse(/<script type="application\/json" id="desk-fonts">(.*?)<\/script>/.exec(html)?.[1] ?? '{}') as Record<
      string,
      { href: string; families: string[] }
    >;
    expect(Object.keys(fonts)).toEqual(['ko', 'zh-Hans', 'zh-Hant']);
    expect(fonts.ko?.families).toContain('Noto Sans CJK KR');
    expect([script, style].every(Boolean)).toBe(true);
    let compressed = 0;
    for (const [asset, type] of [
      [script, 'text/javascript; charset=utf-8'],
      [style, 'text/css; charset=utf-8'],
      ...Object.values(fonts).map((sheet) => [sheet.href, 'text/css; charset=utf-8'] as const),
    ] as const) {
      const br = await rawGet(asset, { 'accept-encoding': 'gzip, deflate, br' });
      expect([br.status, br.headers['content-type'], br.headers['content-encoding']]).toEqual([200, type, 'br']);
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(br.headers.vary).toBe('Accept-Encoding');
      const gz = await rawGet(asset, { 'accept-encoding': 'gzip' });
      expect(gz.headers['content-encoding']).toBe('gzip');
      const identity = await rawGet(asset);
      expect(identity.headers['content-encoding']).toBeUndefined();
      expect(zlib.gunzipSync(gz.body).equals(identity.body)).toBe(true);
      expect(zlib.brotliDecompressSync(br.body).equals(identity.body)).toBe(true);
      const again = await rawGet(asset, { 'if-none-match': String(br.headers.etag) });
      expect(again.status).toBe(304);
      compressed += gz.body.length;
    }
    console.info(`[desk] script + stylesheets: ${(compressed / 1024).toFixed(1)} KB gzip`);
    expect(compressed).toBeLessThan(300 * 1024);
    const manifest = JSON.parse(fs.readFileSync('dist/web/manifest.json', 'utf8')) as { files: Record<string, { type: string }> };
    const font = Object.keys(manifest.files).find((f) => f.endsWith('.woff2')) ?? '';
    const woff2 = await rawGet(font);
    expect([woff2.status, woff2.headers['content-type'], woff2.headers['cache-control']]).toEqual([
      200,
      'font/woff2',
      'public, max-age=31536000, immutable',
    ]);
  });

  it("carries the page's data: the article in the language asked, its <html lang>, compressed, 404 for no such article", async () => {
    const ko = await rawGet(`/articles/${SEED_SLUG}?lang=ko`, { 'accept-encoding': 'br' });
    expect([ko.status, ko.headers['content-encoding'], ko.headers.vary]).toEqual([200, 'br', 'Accept-Language, Accept-Encoding']);
    const koHtml = zlib.brotliDecompressSync(ko.body).toString();
    expect(koHtml).toContain('<html lang="ko">');
    const [answer, ...rest] = pageData(koHtml);
    expect(rest).toEqual([]);
    expect(answer).toMatchObject({ operation: 'ArticlePage', variables: { slug: SEED_SLUG, lang: 'ko' } });
    expect(answer?.data.article.localizedTitle.text).toBe(seedTranslation('ko').title);
    expect(answer?.data.article.paragraphs).toHaveLength(15);
    // urql's shape: __typename where the client adds it, so its cache knows what a save changes.
    expect(answer?.data.article.__typename).toBe('Article');
    // The same page asked again with its ETag: not modified.
    expect((await rawGet(`/articles/${SEED_SLUG}?lang=ko`, { 'if-none-match': String(ko.headers.etag) })).status).toBe(304);

    // Side by side: both languages' answers. The list: the language negotiated from Accept-Language.
    const both = pageData(await (await fetch(`${base}/articles/${SEED_SLUG}?lang=en&compare=zh-Hant`)).text());
    expect(both.map((a) => a.variables.lang)).toEqual(['en', 'zh-Hant']);
    const list = await (await fetch(`${base}/`, { headers: { 'accept-language': 'zh-TW,zh;q=0.9' } })).text();
    expect(list).toContain('<html lang="zh-Hant">');
    expect(pageData(list)[0]).toMatchObject({ operation: 'ArticleList', variables: {} });

    // No such article: 404, and the page says so at once (its data says there is none).
    const missing = await fetch(`${base}/articles/no-such-article?lang=ko`);
    expect(missing.status).toBe(404);
    expect(pageData(await missing.text())[0]?.data.article).toBeNull();
  });

  it("never lets a hostile language or an article's text out of the data block", async () => {
    // A language the service does not serve: the query fails, the page goes without data (the script asks and shows why).
    for (const lang of ['tlh', '../../etc/passwd', '<script>', 'x'.repeat(300)]) {
      const res = await fetch(`${base}/articles/${SEED_SLUG}?lang=${encodeURIComponent(lang)}`);
      expect(res.status, lang).toBe(200);
      const html = await res.text();
      expect(html, lang).toContain('<html lang="');
      expect(html, lang).not.toContain('<script>');
      expect(
        pageData(html).every((a) => a.variables.lang === undefined),
        lang,
      ).toBe(true);
    }
    // An article whose text would end a script element, open a comment or break a line in JavaScript.
    // "$&" and "$'" too: replacement patterns, were the page put together with string replacements.
    const title = "Hostile </script><script>window.pwned=1</script> <!-- title \u2028 $& $' end";
    const ingested = await ingestText(t.db.prisma, `${title}\nA body with </SCRIPT> in it and <!-- a comment.\n`);
    try {
      const html = await (await fetch(`${base}/articles/${ingested.slug}`)).text();
      // The module script and three data blocks (the page's data, the desk's labels, the fonts).
      expect(html.match(/<script/gi)).toHaveLength(4);
      expect(html.match(/<\/script/gi)).toHaveLength(4);
      expect(html).not.toContain('<!-- title');
      expect(ingested.title).toContain('</script><script>');
      expect(pageData(html)[0]?.data.article.localizedTitle.text).toBe(ingested.title);
    } finally {
      await t.db.prisma.article.delete({ where: { slug: ingested.slug } });
    }
  });

  it("keeps a translator's label inside its data block, whatever it says", async () => {
    const shipped = catalog();
    const copy = copyLocales();
    try {
      const file = copy.file('ko/desk.json');
      const labels = JSON.parse(fs.readFileSync(file, 'utf8'));
      labels.nav.articles = '기사 </script><script>window.pwned=1</script> <!--';
      fs.writeFileSync(file, `${JSON.stringify(labels, null, 2)}\n`);
      useCatalog(Catalog.load(copy.root));
      const html = await (await fetch(`${base}/articles/${SEED_SLUG}?lang=ko`)).text();
      expect(html.match(/<script/gi)).toHaveLength(4);
      const block = /<script type="application\/json" id="desk-labels">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}';
      expect(JSON.parse(block)).toMatchObject({ language: 'ko', labels: { 'nav.articles': labels.nav.articles } });
    } finally {
      useCatalog(shipped);
      copy.remove();
    }
  });

  it('sends a page without data when its query fails: a loading line in the language asked, and the script asks', async () => {
    for (const failing of [async () => null, async () => Promise.reject(new Error('the database is down'))]) {
      const desk = new Desk(DESK_DIR, failing);
      const alone = http.createServer((req, res) => void desk.handle(req, res, (req.url ?? '/').split('?')[0] ?? '/'));
      await new Promise<void>((resolve) => alone.listen(0, '127.0.0.1', resolve));
      try {
        const res = await fetch(`http://127.0.0.1:${(alone.address() as AddressInfo).port}/articles/${SEED_SLUG}?lang=ko`, {
          headers: { 'accept-language': 'en-US' },
        });
        expect(res.status).toBe(200);
        const html = await res.text();
        expect(pageData(html)).toEqual([]);
        expect(html).not.toContain('data-ssr');
        // The page still speaks the language its address asks for, not the browser's.
        expect(html).toContain('<html lang="ko">');
        expect(html).toContain(`<p class="loading">${deskLabel('ko', 'loading')}</p>`);
      } finally {
        await new Promise((resolve) => alone.close(resolve));
      }
    }
  });

  it('refuses path traversal and anything the build did not list', async () => {
    for (const path of [
      '/assets/../package.json',
      '/assets/%2e%2e/package.json',
      '/assets/..%2fpackage.json',
      '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      '/assets/..\\..\\package.json',
      '/assets/fonts/../../manifest.json',
      '/assets/',
      '/assets/fonts',
      '/assets/main.js',
      '/assets/../../../../etc/passwd',
    ]) {
      const res = await rawGet(path);
      expect(res.status, path).toBe(404);
      expect(res.body.toString()).toBe('Not found.\n');
    }
    expect((await rawGet('/articles/../package.json')).status).toBe(404);
    for (const path of [
      '/status/export/en/xliff',
      '/status/export/ko/docx',
      '/status/export/ko/xliff/x',
      '/status/export/../../package.json',
    ]) {
      expect((await rawGet(path)).status, path).toBe(404);
    }
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(405);
  });
});

describe('desk exports', () => {
  it('answers the status page’s export links with what npm run i18n:export writes', async () => {
    const xliff = await fetch(`${base}/status/export/ko/xliff`);
    expect([xliff.status, xliff.headers.get('content-type')]).toEqual([200, 'application/xliff+xml; charset=utf-8']);
    expect(xliff.headers.get('content-disposition')).toBe('attachment; filename="polyglot-desk-ko.xlf"');
    const text = await xliff.text();
    expect(text).toContain('<xliff');
    expect(text).toContain(seedTranslation('ko').title);
    const po = await fetch(`${base}/status/export/zh-Hant/po`);
    expect(po.headers.get('content-type')).toBe('text/x-gettext-translation; charset=utf-8');
    expect(await po.text()).toContain(`msgstr "${seedTranslation('zh-Hant').title}"`);
  });
});

describe('desk in the browser', () => {
  it('reads the seed in ko, zh-Hans and zh-Hant: each paragraph with its lang, entities highlighted by kind with their other names', async () => {
    const refused: string[] = [];
    for (const lang of ['ko', 'zh-Hans', 'zh-Hant'] as const) {
      // A first visit: a new browser context, nothing cached in the browser.
      const opened = await open();
      const page = opened.page;
      const started = Date.now();
      await page.goto(`${base}/articles/${SEED_SLUG}?lang=${lang}`, { waitUntil: 'commit' });
      // In the page's own clock: from the start of the navigation to the first paragraph in the document.
      const shown = (await (
        await page.waitForFunction(() => (document.querySelector('.para p') ? performance.now() : 0))
      ).jsonValue()) as number;
      const firstLoad = Date.now() - started;
      const timing = await page.evaluate(() => {
        const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
        const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
        const end = (suffix: string) =>
          resources.filter((r) => r.name.endsWith(suffix)).map((r) => `${Math.round(r.startTime)}-${Math.round(r.responseEnd)}`);
        const painted = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
        return {
          html: Math.round(nav?.responseEnd ?? 0),
          painted: Math.round(painted),
          js: end('.js'),
          css: end('.css'),
          graphql: end('/graphql'),
        };
      });
      console.info(
        `[desk] first load of the article in ${lang}: first paragraph seen at ${Math.round(shown)} ms after navigation start (${firstLoad} ms as the test waited); page by ${timing.html} ms, first paint ${timing.painted} ms, script ${timing.js}, stylesheet ${timing.css}, GraphQL ${timing.graphql} ms`,
      );
      // The page came with its data: the first paint asked /graphql nothing.
      expect(timing.graphql).toEqual([]);
      await expect.poll(() => page.locator('h1[data-provenance]').first().textContent()).toBe(seedTranslation(lang).title);
      const paragraphs = paragraphsOf(page);
      expect(await paragraphs.count()).toBe(15);
      const langs = await paragraphs.evaluateAll((els) => els.map((e) => e.getAttribute('lang')));
      expect(new Set(langs)).toEqual(new Set([lang]));
      // The desk's own text is in the page's language too, never English beside a Korean or Chinese article.
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await page.locator('nav a[href="/"]').textContent()).toBe(catalog().raw(lang, 'desk', 'nav.articles'));
      expect(await page.locator('nav a[href="/"]').textContent()).not.toBe(deskLabel('en', 'nav.articles'));
      // The seed is fully translated: nothing falls back; zh-Hant is the translators' own Taiwan text.
      expect(await page.locator('.para .mark-fallback').count()).toBe(0);
      const kinds = await page.locator('.para button.mention').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.kind));
      expect(kinds.length).toBeGreaterThan(20);
      expect(new Set(kinds)).toEqual(new Set(['PERSON', 'PLACE', 'ORGANIZATION', 'DATE', 'QUANTITY']));
      // Kim Jong Un, focused: his name in the other three languages, each with its lang.
      const kim = page.locator('button.mention[data-entity="kim-jong-un"]').first();
      await kim.focus();
      const tip = page.locator(`#${await kim.getAttribute('aria-describedby')}`);
      await expect.poll(() => tip.isVisible()).toBe(true);
      const names = await tip.locator('[lang]').evaluateAll((els) => els.map((e) => [e.getAttribute('lang'), e.textContent]));
      expect(names.map(([code]) => code)).toEqual(['en', 'ko', 'zh-Hans', 'zh-Hant'].filter((c) => c !== lang));
      expect(Object.fromEntries(names)).toMatchObject({ en: 'Kim Jong Un' });
      if (lang === 'ko') {
        // The screenshot for the README: the reader in Korean, Kim Jong Un's names in the other languages shown.
        fs.mkdirSync(SCREENSHOTS, { recursive: true });
        await page.evaluate(() => document.fonts.ready);
        await page.screenshot({ path: `${SCREENSHOTS}/reader-ko.png` });
      }
      await kim.blur();
      await expect.poll(() => tip.isVisible()).toBe(false);
      if (lang === 'ko') expect(await seriousViolations(page)).toEqual([]);
      refused.push(...opened.refused);
      await page.context().close();
    }
    expect(refused).toEqual([]);
  }, 90_000);

  it('a first visit to the Korean article transfers under 300 KB, fonts included; none where Noto CJK is installed', async () => {
    const visit = async (installedFonts: boolean) => {
      const { page } = await open();
      if (!installedFonts) {
        // As for a reader without Noto CJK: every face measures like the generic one (so the script
        // links the fonts' stylesheets), and the stylesheets have no local() sources.
        await page.addInitScript(() => {
          CanvasRenderingContext2D.prototype.measureText = (text: string) => ({ width: text.length * 10 }) as TextMetrics;
        });
        await page.route(/\/assets\/fonts-.*\.css$/, async (route) => {
          try {
            const response = await route.fetch();
            await route.fulfill({ response, body: (await response.text()).replace(/local\("[^"]*"\),/g, '') });
          } catch {
            // the visit is over (its context closed while the idle stylesheets were on their way)
          }
        });
      }
      await page.goto(`${base}/articles/${SEED_SLUG}?lang=ko`);
      await paragraphsOf(page).first().waitFor();
      await page.evaluate(() => document.fonts.ready);
      const sizes = await page.evaluate(() =>
        [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((e) => {
          const r = e as PerformanceResourceTiming;
          return { name: r.name, bytes: r.encodedBodySize };
        }),
      );
      await page.context().close();
      const sum = (list: typeof sizes) => list.reduce((n, r) => n + r.bytes, 0);
      const fonts = sizes.filter((r) => r.name.endsWith('.woff2'));
      return {
        total: sum(sizes),
        fonts: sum(fonts),
        pieces: fonts.length,
        sheets: sizes.filter((r) => /\/assets\/fonts-.*\.css$/.test(r.name)).length,
      };
    };
    const installed = await visit(true);
    const measured = await visit(false);
    // The fonts' stylesheets as the server sends them (brotli; the route above hands them on uncompressed): all three.
    const manifest = JSON.parse(fs.readFileSync('dist/web/manifest.json', 'utf8')) as {
      fonts: Record<string, string>;
      files: Record<string, { br: number }>;
    };
    const sheets = Object.values(manifest.fonts).reduce((n, sheet) => n + (manifest.files[sheet]?.br ?? 0), 0);
    const without = { ...measured, total: installed.total + sheets + measured.fonts };
    console.info(
      `[desk] first visit to the ko article: ${(installed.total / 1024).toFixed(0)} KB (page, script, stylesheet) where Noto CJK is installed; without it ${(without.total / 1024).toFixed(0)} KB: also the fonts' stylesheets, ${(sheets / 1024).toFixed(0)} KB, and ${without.pieces} font pieces, ${(without.fonts / 1024).toFixed(0)} KB, fetched after the first paint`,
    );
    // Where the fonts are installed the script links none of the fonts' stylesheets, and no piece is fetched.
    expect([installed.sheets, installed.fonts]).toEqual([0, 0]);
    expect(installed.total).toBeLessThan(300 * 1024);
    expect(without.pieces).toBeGreaterThan(0);
    // Everything counted, fonts included, for a reader who has none of them.
    expect(without.total).toBeLessThan(300 * 1024);
  }, 60_000);

  it('is drawn by the server: readable without JavaScript, in the language asked, entities highlighted', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-US' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${base}/articles/${SEED_SLUG}?lang=zh-Hant`);
    expect(await page.locator('#app').getAttribute('data-ssr')).toBe('');
    expect(await page.locator('h1[data-provenance]').textContent()).toBe(seedTranslation('zh-Hant').title);
    const paragraphs = paragraphsOf(page);
    expect(await paragraphs.count()).toBe(15);
    expect(new Set(await paragraphs.evaluateAll((els) => els.map((e) => e.getAttribute('lang'))))).toEqual(new Set(['zh-Hant']));
    expect(await page.locator('.para button.mention[data-kind="PLACE"]').count()).toBeGreaterThan(10);
    expect(await page.locator('nav a[href="/"]').textContent()).toBe(catalog().raw('zh-Hant', 'desk', 'nav.articles'));
    // The language picker is a form: it works without the script too.
    await page.locator('#lang').selectOption('ko');
    await page.locator('form.pickers button[type="submit"]').click();
    await page.waitForURL(`${base}/articles/${SEED_SLUG}?lang=ko&compare=`);
    expect(await page.locator('h1[data-provenance]').textContent()).toBe(seedTranslation('ko').title);
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    // The list, and what needs the script says so in the page's language.
    await page.goto(`${base}/`);
    expect(await page.locator('table.articles a.title').count()).toBeGreaterThan(0);
    await page.goto(`${base}/status`);
    expect(await page.locator('noscript').count()).toBe(1);
    await context.close();
  }, 60_000);

  it('follows Accept-Language when the address names no language', async () => {
    const { page } = await open('zh-TW');
    await page.goto(`${base}/articles/${SEED_SLUG}`);
    await paragraphsOf(page).first().waitFor();
    expect(await paragraphsOf(page).first().getAttribute('lang')).toBe('zh-Hant');
    expect(await page.locator('#lang').inputValue()).toBe('zh-Hant');
    // The desk's own text in Traditional Chinese too: converted from zh-Hans, or Taiwan wording where translators wrote it.
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hant');
    expect(await page.locator('nav a[href="/status"]').textContent()).toBe(catalog().raw('zh-Hant', 'desk', 'nav.status'));
    expect(await page.locator('.legend summary').textContent()).toBe(catalog().raw('zh-Hant', 'desk', 'legend.title'));
    await page.goto(`${base}/`);
    await page.locator('table.articles a.title').first().waitFor();
    expect(await page.locator('table.articles a.title').first().textContent()).toBe(seedTranslation('zh-Hant').title);
    expect(await page.locator('#lang').inputValue()).toBe('zh-Hant');
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  it('aligns en and zh-Hant side by side, all 15 paragraphs and the headings, row by row', async () => {
    const { page, refused } = await open();
    // Chosen with the keyboard from the English article: the form's address is the side-by-side view's deep link.
    await page.goto(`${base}/articles/${SEED_SLUG}?lang=en`);
    await page.locator('#compare').selectOption('zh-Hant');
    await page.getByRole('button', { name: 'Show' }).press('Enter');
    await page.waitForURL(`${base}/articles/${SEED_SLUG}?lang=en&compare=zh-Hant`);
    await page.locator('table.columns').waitFor();
    const rows = page.locator('table.columns tbody tr');
    expect(await rows.count()).toBe(15);
    const tops = await rows.evaluateAll((trs) =>
      trs.map((tr) => {
        const [a, b] = [tr.querySelector('.col-a :is(p, h2)'), tr.querySelector('.col-b :is(p, h2)')];
        return {
          a: a?.getBoundingClientRect().top,
          b: b?.getBoundingClientRect().top,
          langs: [a?.getAttribute('lang'), b?.getAttribute('lang')],
          tags: [a?.tagName, b?.tagName],
        };
      }),
    );
    for (const row of tops) {
      expect(row.langs).toEqual(['en', 'zh-Hant']);
      expect(row.tags[0]).toBe(row.tags[1]);
      expect(Math.abs((row.a ?? 0) - (row.b ?? -100))).toBeLessThanOrEqual(1);
    }
    expect(tops.some((row) => row.tags[0] === 'H2')).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    expect(refused).toEqual([]);
  }, 60_000);

  it('shows the translation status per language', async () => {
    const { page, refused } = await open();
    await page.goto(`${base}/status`);
    await page.locator('section.status-language').first().waitFor();
    expect(await page.locator('section.status-language').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.language))).toEqual(
      ['ko', 'zh-Hans', 'zh-Hant'],
    );
    const links = await page.locator('[data-language="zh-Hant"] .exports a').evaluateAll((els) => els.map((e) => e.getAttribute('href')));
    expect(links).toEqual(['/status/export/zh-Hant/xliff', '/status/export/zh-Hant/xliff12', '/status/export/zh-Hant/po']);
    for (const figure of ['missing', 'stale', 'errors']) {
      expect(await page.locator(`[data-language="ko"] [data-figure="${figure}"]`).textContent()).toMatch(/^\d+$/);
    }
    expect(await seriousViolations(page)).toEqual([]);
    expect(refused).toEqual([]);
  }, 60_000);
  it('marks a stale translation and an untranslated paragraph (FALLBACK, in English, lang="en"), with a legend', async () => {
    const seed = fs.readFileSync(SEED_FILE, 'utf8');
    const edited = seed
      .replace('Signs of warming relations', 'Signs of warmer relations')
      .replace(/\n$/, '\nA paragraph added after the translation.\n');
    await ingestText(t.db.prisma, edited);
    try {
      const { page } = await open();
      await page.goto(`${base}/articles/${SEED_SLUG}?lang=ko`);
      await paragraphsOf(page).first().waitFor();
      const heading = page.locator(`.para[data-key="${seedKey(7)}"]`);
      expect(await heading.locator('.mark-stale').textContent()).toBe('STALE');
      expect(await heading.locator('h2').getAttribute('lang')).toBe('ko');
      const added = page.locator('.para.prov-fallback');
      expect(await added.count()).toBe(1);
      expect(await added.locator('.mark-fallback').textContent()).toBe('FALLBACK · en');
      expect(await added.locator('p').getAttribute('lang')).toBe('en');
      expect(await added.locator('p').textContent()).toBe('A paragraph added after the translation.');
      await page.locator('.legend summary').click();
      expect(await page.locator('.legend').textContent()).toContain(deskLabel('ko', 'legend.fallback'));
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await ingestText(t.db.prisma, seed);
    }
  }, 60_000);
});
