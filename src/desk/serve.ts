// The desk in the browser, served by the same process as the API: the page shell for the desk's
// addresses (/, /articles/<slug>, /status) and the built assets under /assets/, exactly those that
// scripts/build-desk.mjs listed in dist/web/manifest.json. Nothing else is read from disk, so no
// request path can reach another file. Assets have content-hashed names: cached for a year,
// immutable, with an ETag; scripts and stylesheets are sent brotli- or gzip-compressed from the
// copies the build made. Every response carries a Content-Security-Policy naming no other origin.
//
// A page comes with its data: for an article or the list, the server runs the desk's own query
// (its text from the manifest, as the browser would send it) and puts the answer in the page as a
// JSON data block, which the script hands to its GraphQL client before the first render. The page
// then paints as soon as its script runs, without a second round trip. The <html lang> is the
// language served. A query that fails or is slow leaves the page without data: the script asks.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { isLanguage, matchLanguage } from '../i18n/languages.js';
import { EXPORT_PREFIX, sendExport } from './export.js';
import { type DeskLabels, deskLabels } from './labels.js';

/** Where the build writes the desk: dist/web/ at the project's root (from src/desk/ and dist/desk/ alike). */
export const DESK_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'web');

/** Every resource from this server only; no inline script or style, no frames, no plugins. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "font-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

interface AssetEntry {
  type: string;
  size: number;
  etag: string;
  gzip?: number;
  br?: number;
}

interface Manifest {
  script: string;
  style: string;
  /** The fonts' stylesheets by language, linked by the script after the first render. */
  fonts: Record<string, string>;
  files: Record<string, AssetEntry>;
  /** The desk's operations, as urql sends them: the document the page's queries are run from. */
  queries?: { document: string };
  /** The server's render of a page (web/src/ssr.tsx built for Node), beside the manifest; not an asset. */
  ssr?: string;
}

/** A query a page opens with (web/src/route.ts, pageQueries). */
interface PageRequest {
  operation: string;
  variables: Record<string, string | undefined>;
}

/** What dist/web/ssr.mjs exports (web/src/ssr.tsx). */
interface Renderer {
  /** The page's queries, as the browser would ask them, and the language its address asks for. */
  pageRequests(path: string, search: string): { language?: string; queries: PageRequest[] };
  renderPage(input: { path: string; search: string; embedded: unknown; labels: unknown }): string | null;
}

/** Said to a reader without JavaScript (English when the labels have nothing). */
const NOSCRIPT = 'Without JavaScript, articles are shown read-only; translator mode and the translation status need it.';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);

/**
 * Runs one GraphQL request body (JSON) with the visitor's Accept-Language; resolves with the JSON
 * text of a 200 answer, or null.
 */
export type PageQuery = (body: string, acceptLanguage: string | undefined) => Promise<string | null>;

/** An answer put in a page: the query, with its variables exactly as the script will ask, and the result. */
interface Embedded extends PageRequest {
  data: unknown;
  extensions?: unknown;
}

/**
 * How long a page waits for its data before it goes out without (the script then asks itself, and
 * the server runs the query a second time): long enough for a cold query on a busy machine.
 */
const PAGE_DATA_WAIT_MS = 2500;
/** Pages larger than this are sent compressed when the client accepts it. */
const COMPRESS_FROM = 1024;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

interface Built {
  manifest: Manifest;
  /** The page shell, with the places for the language and the page's data. */
  shell: string;
  /** Scripts and stylesheets (and their compressed copies), read once: they are small. */
  memory: Map<string, Buffer>;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/;
/** JSON text for a <script type="application/json"> element: nothing in it can end the element. */
const scriptJson = (json: string) =>
  json
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

/** True for the paths the desk answers: its pages, the status page's exports and its assets. */
export function isDeskPath(urlPath: string): boolean {
  return (
    urlPath === '/' ||
    urlPath === '/status' ||
    urlPath.startsWith(EXPORT_PREFIX) ||
    urlPath.startsWith('/articles/') ||
    urlPath.startsWith('/assets/')
  );
}

/** The page a path names, or null (an unknown article path still gets the shell, with 404). */
function isPage(urlPath: string): 'page' | 'unknown' | null {
  if (urlPath === '/' || urlPath === '/status') return 'page';
  if (urlPath.startsWith('/articles/')) return SLUG.test(urlPath.slice('/articles/'.length)) ? 'page' : 'unknown';
  return null;
}

function plain(res: http.ServerResponse, status: number, text: string, headers: Record<string, string> = {}) {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...SECURITY_HEADERS,
    ...headers,
  });
  res.end(text);
}

/** The encoding to send: br, then gzip, when the client accepts it (q=0 refuses). */
export function pickEncoding(acceptEncoding: string | undefined, available: { br?: number; gzip?: number }): 'br' | 'gzip' | null {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (available.br && ok('br')) return 'br';
  if (available.gzip && ok('gzip')) return 'gzip';
  return null;
}

const matches = (ifNoneMatch: string | undefined, etag: string) =>
  !!ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);

/** The answers a page carries (those without errors), and the language the first one was served in. */
async function pageData(
  query: PageQuery,
  document: string,
  requests: PageRequest[],
  acceptLanguage: string | undefined,
): Promise<{ embedded: Embedded[]; language: string | null; missing: boolean }> {
  const answers = await Promise.all(
    requests.map(async (request) => {
      const body = JSON.stringify({ operationName: request.operation, query: document, variables: request.variables });
      const text = await query(body, acceptLanguage).catch(() => null);
      if (!text) return null;
      const result = JSON.parse(text) as { data?: Record<string, unknown>; errors?: unknown[]; extensions?: unknown };
      if (result.errors?.length || !result.data) return null;
      return { ...request, data: result.data, extensions: result.extensions } satisfies Embedded;
    }),
  );
  const embedded = answers.filter((a): a is NonNullable<typeof a> => a !== null);
  const first = embedded[0];
  return {
    embedded,
    language: first ? pageLanguage(first) : null,
    // An article page whose article does not exist: the page says so, with 404.
    missing: first?.operation === 'ArticlePage' && (first.data as { article?: unknown }).article === null,
  };
}

/** The language a page is in: the one its (first) title was asked in, else the one negotiated. */
function pageLanguage(answer: Embedded): string | null {
  type Titled = { localizedTitle?: { requestedLanguage?: unknown } } | null | undefined;
  const data = answer.data as { article?: Titled; articles?: { edges?: Array<{ node?: Titled }> } };
  const title = data.article?.localizedTitle ?? data.articles?.edges?.[0]?.node?.localizedTitle;
  if (typeof title?.requestedLanguage === 'string') return title.requestedLanguage;
  const negotiated = (answer.extensions as { i18n?: { negotiated?: unknown } } | undefined)?.i18n?.negotiated;
  return typeof negotiated === 'string' ? negotiated : null;
}

/** Resolves with the promise's value, or with `fallback` after `ms`. */
function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((resolve) => {
      timer = setTimeout(() => resolve(fallback), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export class Desk {
  private built: Built | null = null;
  private renderer: Promise<Renderer | null> | null = null;

  constructor(
    private readonly dir: string = DESK_DIR,
    private readonly query: PageQuery | null = null,
  ) {}

  /** The build, read on first use (and again while it is missing). */
  private load(): Built | null {
    if (this.built) return this.built;
    const manifestFile = path.join(this.dir, 'manifest.json');
    if (!fs.existsSync(manifestFile)) return null;
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
    const shell = fs.readFileSync(path.join(this.dir, 'index.html'), 'utf8');
    const memory = new Map<string, Buffer>();
    for (const [name, entry] of Object.entries(manifest.files)) {
      if (entry.type.startsWith('font/')) continue;
      const file = path.join(this.dir, name);
      memory.set(name, fs.readFileSync(file));
      if (entry.gzip) memory.set(`${name}.gz`, fs.readFileSync(`${file}.gz`));
      if (entry.br) memory.set(`${name}.br`, fs.readFileSync(`${file}.br`));
    }
    this.built = { manifest, shell, memory };
    return this.built;
  }

  /** The page renderer the build made, loaded on first use; null without one (the script renders, and asks). */
  private render(built: Built): Promise<Renderer | null> {
    this.renderer ??= built.manifest.ssr
      ? import(pathToFileURL(path.join(this.dir, built.manifest.ssr)).href).then(
          (module: Renderer) => (typeof module.renderPage === 'function' ? module : null),
          () => null,
        )
      : Promise.resolve(null);
    return this.renderer;
  }

  /**
   * The inside of #app: the page rendered from the answers it carries (it is on screen before the
   * script runs, and readable without it), else a loading line in the page's language.
   */
  private async app(built: Built, urlPath: string, search: string, embedded: Embedded[] | undefined, labels: DeskLabels) {
    if (embedded?.length) {
      const renderer = await this.render(built);
      try {
        const html = renderer?.renderPage({
          path: urlPath,
          search,
          embedded,
          labels: { language: labels.language, labels: labels.labels },
        });
        if (html) return `<div id="app" data-ssr>${html}</div>`;
      } catch {
        // a page the renderer cannot draw: the script draws it
      }
    }
    return `<div id="app"><p class="loading">${escapeHtml(labels.labels.loading ?? 'Loading the desk…')}</p></div>`;
  }

  /** A page's HTML and status: the shell with the page drawn, its answers and its labels in it. */
  private async compose(built: Built, status: number, urlPath: string, search: string, acceptLanguage: string | undefined) {
    const document = built.manifest.queries?.document;
    // The page's queries come from the client's own code (the renderer the build made), so the
    // answers are keyed exactly as the script will ask; without a renderer, the script asks.
    const renderer = status === 200 && this.query && document ? await this.render(built) : null;
    const requests = renderer?.pageRequests(urlPath, search);
    const data =
      this.query && document && requests
        ? await within(pageData(this.query, document, requests.queries, acceptLanguage), PAGE_DATA_WAIT_MS, null)
        : null;
    if (data?.missing) status = 404;
    const block = data?.embedded.length
      ? `<script type="application/json" id="desk-data">${scriptJson(JSON.stringify(data.embedded))}</script>`
      : '';
    // The desk's own text in the page's language: the one served, else (a page whose query failed or
    // was slow) the one the address asks for, else the one Accept-Language asks for.
    const asked = requests?.language;
    const language = data?.language && isLanguage(data.language) ? data.language : asked ? matchLanguage(asked) : null;
    const labels = deskLabels(language, acceptLanguage);
    const app = await this.app(built, urlPath, search, data?.embedded, labels);
    const html = Buffer.from(
      built.shell
        .replace('__LANG__', labels.language)
        // Functions, not strings: a "$&" in an article's text is text, not a replacement pattern.
        .replace('<div id="app"><!--desk-app--></div>', () => app)
        .replace('<!--desk-noscript-->', () => `<p class="noscript">${escapeHtml(labels.labels.noscript ?? NOSCRIPT)}</p>`)
        .replace('<!--desk-data-->', () => `${block}<script type="application/json" id="desk-labels">${scriptJson(labels.json)}</script>`),
    );
    return { status, html };
  }

  /**
   * Loads the page renderer after start-up, so the first visitor does not wait for it. (The first
   * article page then takes 0.09–0.12 s here, the next 0.035 s; drawing pages at start-up would
   * bring the first to 0.05 s but keep about 15 MB more in an idle server.) Resolves with how long
   * it took (ms), or null without a build.
   */
  async warm(): Promise<number | null> {
    const started = Date.now();
    const built = this.load();
    if (!built) return null;
    return (await this.render(built)) ? Date.now() - started : null;
  }

  /** A page, compressed when accepted. */
  private async page(req: http.IncomingMessage, res: http.ServerResponse, built: Built, given: number, urlPath: string) {
    const search = (req.url ?? '').includes('?') ? (req.url ?? '').slice((req.url ?? '').indexOf('?')) : '';
    const acceptLanguage = typeof req.headers['accept-language'] === 'string' ? req.headers['accept-language'] : undefined;
    const { status, html } = await this.compose(built, given, urlPath, search, acceptLanguage);
    const etag = `"page-${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`;
    const headers: Record<string, string> = {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      vary: 'Accept-Language, Accept-Encoding',
      etag,
      ...SECURITY_HEADERS,
    };
    if (status === 200 && matches(req.headers['if-none-match'], etag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const encoding = html.length >= COMPRESS_FROM ? pickEncoding(req.headers['accept-encoding'], { br: 1, gzip: 1 }) : null;
    const body =
      encoding === 'br'
        ? await brotli(html, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } })
        : encoding === 'gzip'
          ? await gzip(html)
          : html;
    if (encoding) headers['content-encoding'] = encoding;
    res.writeHead(status, { ...headers, 'content-length': String(body.length) });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  /** Answers a request for one of the desk's paths (isDeskPath). */
  async handle(req: http.IncomingMessage, res: http.ServerResponse, urlPath: string) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Method not allowed.\n', { allow: 'GET, HEAD' });
    if (urlPath.startsWith(EXPORT_PREFIX)) {
      if (!(await sendExport(res, urlPath, SECURITY_HEADERS))) plain(res, 404, 'Not found.\n');
      return;
    }
    const built = this.load();
    if (!built) return plain(res, 503, 'The desk is not built: run `npm run build` (npm install and npm start build it).\n');
    const page = isPage(urlPath);
    if (page) return this.page(req, res, built, page === 'page' ? 200 : 404, urlPath);
    // An asset: exactly a name the manifest lists, or nothing (no decoding, no joining of paths).
    const entry = Object.hasOwn(built.manifest.files, urlPath) ? built.manifest.files[urlPath] : undefined;
    if (!entry) return plain(res, 404, 'Not found.\n');
    const headers: Record<string, string> = {
      'content-type': entry.type,
      'cache-control': 'public, max-age=31536000, immutable',
      etag: entry.etag,
      ...SECURITY_HEADERS,
    };
    if (entry.gzip || entry.br) headers.vary = 'Accept-Encoding';
    if (matches(req.headers['if-none-match'], entry.etag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const encoding = pickEncoding(req.headers['accept-encoding'], entry);
    const inMemory = built.memory.get(encoding === 'br' ? `${urlPath}.br` : encoding === 'gzip' ? `${urlPath}.gz` : urlPath);
    if (encoding) headers['content-encoding'] = encoding;
    if (inMemory) {
      res.writeHead(200, { ...headers, 'content-length': String(inMemory.length) });
      res.end(req.method === 'HEAD' ? undefined : inMemory);
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': String(entry.size) });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = fs.createReadStream(path.join(this.dir, urlPath));
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }
}
