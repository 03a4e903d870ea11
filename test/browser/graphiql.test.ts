// GraphiQL as a browser with no network sees it: Debian's Chromium, every request that does not go
// to this server refused. The page must render from the server alone, open on the example query
// with Accept-Language: ko, and run it.
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../src/server.js';
import { createApp } from '../../src/yoga.js';
import { useTestDatabase } from '../helpers/db.js';

useTestDatabase({ seedCorpus: true });

/** The text of an editor as shown (Monaco renders spaces as no-break spaces). */
const textOf = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\u00a0/g, ' ');
let server: http.Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  server = createHttpServer(createApp({ introspection: true }), null);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('GraphiQL', () => {
  it('renders with no network, opens on the example query in Korean, and runs it', async () => {
    const page = await browser.newPage();
    const refused: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(base) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
      refused.push(url);
      return route.abort('internetdisconnected');
    });
    await page.goto(`${base}/graphql`, { waitUntil: 'load' });
    await expect.poll(() => page.locator('.graphiql-container').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => textOf(page, '.graphiql-query-editor .view-lines'), { timeout: 30_000 }).toContain('query SeedArticle');
    await page.locator('.graphiql-execute-button').first().click();
    await expect.poll(() => textOf(page, '.graphiql-response .view-lines'), { timeout: 30_000 }).toMatch(/"title": "북한/);
    expect(refused).toEqual([]);
    await page.close();
  }, 90_000);
});
