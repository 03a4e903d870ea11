// npm run bench (part 3): the desk's first load in a browser, as a first-time visitor sees it.
// polyglot-desk runs as `npm start` runs it (node dist/main.js with its flags, on the embedded
// database, seeded), and Debian's Chromium opens each page in a new browser context (nothing cached).
// The content is the first paragraph of an article, the first title of the list, as a
// MutationObserver in the page sees it (performance.now(), from the start of the navigation).
//
// A load ends when the content is in the document and painted (the largest contentful paint).
// Side by side in each round, interleaved: every page as served (rendered by the server, with its
// data for the script), the same page without the server's render (the script draws it from the
// data), and without the data either (the script asks /graphql, as the desk first did). Rounds run
// on a quiet machine and again with the other core kept busy by a spinning process. Medians of
// rounds; the budget is 1 s.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../test/helpers/browser.js';
import { Server, targetDefs } from './peer/targets.js';

const ROUNDS = Number(process.env.DESK_BENCH_ROUNDS ?? 5);
const BUDGET_MS = 1000;
const SLUG = 'nk-workers-china-seafood-plants';
const PAGES = [
  { id: 'article ko', path: `/articles/${SLUG}?lang=ko`, ready: '.para p' },
  { id: 'article zh-Hans', path: `/articles/${SLUG}?lang=zh-Hans`, ready: '.para p' },
  { id: 'article zh-Hant', path: `/articles/${SLUG}?lang=zh-Hant`, ready: '.para p' },
  { id: 'side by side en|zh-Hant', path: `/articles/${SLUG}?lang=en&compare=zh-Hant`, ready: '.para p' },
  { id: 'list (Accept-Language ko)', path: '/', ready: 'table.articles a.title' },
] as const;
const VARIANTS = ['as served', 'data, no render', 'neither'] as const;
type Variant = (typeof VARIANTS)[number];

const DATA_BLOCK = /<script type="application\/json" id="desk-data">.*?<\/script>/s;
/** The server's render of the page: the #app element up to the data blocks after it. */
const RENDERED = /<div id="app" data-ssr>[\s\S]*?<\/div>\n(?=<script type="application\/json")/;
const LOADING = '<div id="app"><p class="loading">…</p></div>\n';

/** The page as a variant gets it: as served, without the server's render, or without its data too. */
const variantOf = (html: string, variant: Variant) =>
  variant === 'as served'
    ? html
    : variant === 'data, no render'
      ? html.replace(RENDERED, LOADING)
      : html.replace(RENDERED, LOADING).replace(DATA_BLOCK, '');

/** One first visit: a new context, the page's content time in the page's clock, and whether it asked /graphql. */
async function firstLoad(browser: Browser, base: string, page: (typeof PAGES)[number], variant: Variant) {
  const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1280, height: 900 } });
  try {
    const tab = await context.newPage();
    let graphql = 0;
    tab.on('request', (request) => {
      if (request.url().endsWith('/graphql')) graphql++;
    });
    // Both variants pass through the same interception, so they pay the same for it.
    await tab.route(`${base}${page.path}`, async (route) => {
      const response = await route.fetch();
      const html = await response.text();
      if (variant !== 'as served' && !RENDERED.test(html)) throw new Error('the page was not rendered by the server');
      await route.fulfill({ response, body: variantOf(html, variant) });
    });
    await tab.addInitScript((selector: string) => {
      const w = window as unknown as { contentAt?: number; paintedAt?: number };
      new MutationObserver((_, observer) => {
        if (document.querySelector(selector)) {
          w.contentAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { subtree: true, childList: true });
      // The largest contentful paint: when the page's main content is on screen.
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.paintedAt = entry.startTime;
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    }, page.ready);
    await tab.goto(`${base}${page.path}`, { waitUntil: 'commit' });
    await tab.waitForSelector(page.ready, { state: 'attached', timeout: 30_000 });
    // Content in the document, and painted: the last largest-contentful-paint once the page settles.
    await tab.waitForLoadState('load');
    await tab.waitForTimeout(150);
    const { ms, painted } = await tab.evaluate(() => {
      const w = window as unknown as { contentAt?: number; paintedAt?: number };
      return { ms: w.contentAt ?? Number.NaN, painted: w.paintedAt ?? Number.NaN };
    });
    return { ms: Math.max(ms, painted), inDocument: ms, graphql };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** A process that keeps one core busy until it is killed. */
const spinner = (): ChildProcess => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });

async function main() {
  if (!fs.existsSync('dist/main.js') || !fs.existsSync('dist/web/manifest.json'))
    throw new Error('run `npm run build` first (dist/main.js and dist/web/ are what npm start serves)');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-'));
  const def = targetDefs(scratch).find((d) => d.id === 'desk-cache');
  if (!def) throw new Error('no desk target');
  console.log(`desk first load: ${ROUNDS} rounds, ${PAGES.length} pages × ${VARIANTS.length} variants, quiet and with one core busy`);
  // The embedded database, as npm start uses it (no DATABASE_URL): migrated and seeded on first start.
  const server = await Server.start(def, '', scratch, 300_000);
  let busy: ChildProcess | null = null;
  const browser = await launchChromium();
  try {
    const results: Array<{
      condition: string;
      page: string;
      variant: Variant;
      round: number;
      ms: number;
      inDocument: number;
      graphql: number;
    }> = [];
    // The first context of a freshly launched browser pays for the browser's own start: once, apart.
    const coldBrowser = await firstLoad(browser, server.url, PAGES[0], 'as served');
    for (const condition of ['quiet', 'one core busy'] as const) {
      if (condition === 'one core busy') busy = spinner();
      for (let round = 0; round < ROUNDS; round++) {
        for (const page of PAGES) {
          // Rotate which variant goes first, so none always follows another.
          const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length] as Variant);
          for (const variant of order) {
            const { ms, inDocument, graphql } = await firstLoad(browser, server.url, page, variant);
            results.push({ condition, page: page.id, variant, round, ms, inDocument, graphql });
          }
        }
      }
      busy?.kill('SIGKILL');
      busy = null;
    }
    console.log(`\n  first context after the browser's launch (article ko, as served): ${coldBrowser.ms.toFixed(0)} ms\n`);
    const rows: Array<Record<string, string | number>> = [];
    for (const condition of ['quiet', 'one core busy']) {
      console.log(
        `  ${condition}: median ms until the content is in the document and painted (max of rounds); the same page without the server's render, and without its data either`,
      );
      for (const page of PAGES) {
        const of = (variant: Variant) => results.filter((r) => r.condition === condition && r.page === page.id && r.variant === variant);
        const served = of('as served');
        const [m, noRender, neither] = VARIANTS.map((v) => median(of(v).map((r) => r.ms)));
        const max = Math.max(...served.map((r) => r.ms));
        const asked = served.reduce((n, r) => n + r.graphql, 0);
        console.log(
          `    ${page.id.padEnd(26)} ${m?.toFixed(0).padStart(5)} ms (max ${max.toFixed(0)}), in the document at ${median(served.map((r) => r.inDocument)).toFixed(0)}  vs ${noRender?.toFixed(0)} ms without the render (${((m ?? 0) / (noRender ?? 1)).toFixed(2)}×), ${neither?.toFixed(0)} ms without data either (${((m ?? 0) / (neither ?? 1)).toFixed(2)}×)  ${(m ?? 0) < BUDGET_MS ? 'within' : 'OVER'} the 1 s budget; /graphql requests: ${asked}`,
        );
        rows.push({
          condition,
          page: page.id,
          asServed: Math.round(m ?? 0),
          asServedMax: Math.round(max),
          noRender: Math.round(noRender ?? 0),
          neither: Math.round(neither ?? 0),
        });
      }
    }
    const date = new Date()
      .toISOString()
      .replace(/:/g, '-')
      .replace(/\.\d+Z$/, 'Z');
    const file = path.join('bench', 'results', `desk-${date}.json`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      `${JSON.stringify({ rounds: ROUNDS, coldBrowserMs: Math.round(coldBrowser.ms), chromium: browser.version(), rows, samples: results }, null, 1)}\n`,
    );
    console.log(`\n  results written to ${file}`);
  } finally {
    busy?.kill('SIGKILL');
    await browser.close();
    await server.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
