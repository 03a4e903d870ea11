// The HTTP server. It listens before the slow start-up work (so a busy port fails at once), answers
// /health, /ready and /metrics itself, and puts the response cache in front of Yoga at /graphql: a
// query answered before, under the same data and catalog versions, is replayed without parsing,
// validating or executing it (`X-Cache: HIT`); any other request goes to Yoga as it came. Every
// request gets an id (X-Request-Id, kept from the client when it is sane) and one log line.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { YogaServerInstance } from 'graphql-yoga';
import { type CacheNote, etagOf, matchesEtag } from './cache/http.js';
import type { ResponseCache } from './cache/response-cache.js';
import type { CachedResponse } from './cache/store.js';
import { Desk, isDeskPath } from './desk/serve.js';
import { type Logger, silentLogger } from './lib/log.js';
import type { Metrics } from './metrics.js';
import type { RequestNote } from './yoga.js';

/** Requests larger than this are not looked up (queries are small; ingests are large and not cached). */
const MAX_LOOKUP_BYTES = 64 * 1024;

/** Response headers that describe one transfer, not the response: never stored or replayed. */
const TRANSFER_HEADERS = new Set(['content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding', 'x-request-id']);

// biome-ignore lint/suspicious/noExplicitAny: Yoga's server and user context types are not needed here
type Yoga = YogaServerInstance<any, any>;

/** What one request's log line and metrics say. */
type Note = CacheNote & RequestNote & { cache?: 'HIT' | 'MISS' | 'BYPASS' };

export interface App {
  yoga: Yoga;
  cache: ResponseCache | null;
}

export interface ServerOptions {
  logger?: Logger;
  metrics?: Metrics;
  /** Null when the service can take requests, else why not (database, catalog). */
  ready?: () => Promise<string | null>;
}

/** True for a POST of a small JSON body, without credentials. */
function lookedUp(req: http.IncomingMessage): boolean {
  if (req.method !== 'POST' || req.headers.authorization) return false;
  const length = Number(req.headers['content-length']);
  if (!Number.isInteger(length) || length <= 0 || length > MAX_LOOKUP_BYTES) return false;
  return (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json');
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_LOOKUP_BYTES) {
        reject(new Error('request body longer than its Content-Length'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

/** The cached body as bytes, made once per entry object. */
const bytesOf = (entry: CachedResponse & { bytes?: Buffer }) => {
  entry.bytes ??= Buffer.from(entry.body);
  return entry.bytes;
};

function reply(res: http.ServerResponse, entry: CachedResponse, cacheState: 'HIT' | 'MISS', ifNoneMatch: string | undefined) {
  const notModified = matchesEtag(ifNoneMatch, entry.etag);
  const headers: Array<[string, string]> = [
    ...entry.headers,
    ['etag', entry.etag],
    // Clients may keep the response but must ask again each time: a write can change it at any moment.
    ['cache-control', 'no-cache'],
    ['x-cache', cacheState],
  ];
  if (notModified) {
    res.writeHead(304, headers.filter(([k]) => k !== 'content-type').flat());
    res.end();
    return true;
  }
  const body = bytesOf(entry);
  res.writeHead(200, [...headers, ['content-length', String(body.length)]].flat());
  res.end(body);
  return false;
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

const unreadable = (res: http.ServerResponse) =>
  json(res, 400, { errors: [{ message: 'The request body could not be read.', extensions: { code: 'BAD_REQUEST' } }] });

/** One GraphQL POST as the response cache sees it. */
interface Posted {
  url: string;
  body: Buffer | string;
  headers: Array<[string, string]>;
  accept?: string;
  acceptLanguage?: string;
  origin?: string;
}

/** An answer: a cache entry (replayed or just stored), or a response that may not be kept. */
type Answered = { entry: CachedResponse; state: 'HIT' | 'MISS' } | { status: number; headers: Array<[string, string]>; text: string };

/**
 * Answers a query POST from the response cache, or runs it in Yoga and stores the answer when it
 * may be kept (without a cache, it just runs it). The HTTP door (lookUp) and the desk's pages
 * (their embedded data) both come here.
 */
async function answer(app: App, posted: Posted, note: Note, req?: http.IncomingMessage): Promise<Answered> {
  const { yoga, cache } = app;
  const key =
    cache?.keyFor({
      url: posted.url,
      body: posted.body,
      accept: posted.accept,
      acceptLanguage: posted.acceptLanguage,
      origin: posted.origin,
    }) ?? null;
  if (cache && key) {
    const hit = await cache.get(key);
    if (hit) {
      cache.stats.hits++;
      note.cache = 'HIT';
      note.operation = hit.operation;
      note.languages = hit.languages;
      return { entry: hit, state: 'HIT' };
    }
    cache.stats.misses++;
  } else if (cache) {
    cache.stats.bypassed++;
  }
  if (cache) note.cache = key ? 'MISS' : 'BYPASS';
  const response = await yoga.fetch(
    `http://localhost${posted.url}`,
    { method: 'POST', headers: posted.headers, body: posted.body },
    { req, responseCache: note, note },
  );
  const text = await response.text();
  const kept: Array<[string, string]> = [];
  response.headers.forEach((value, name) => {
    if (!TRANSFER_HEADERS.has(name)) kept.push([name, value]);
  });
  if (cache && key && note.cacheable && response.status === 200 && !response.headers.has('set-cookie')) {
    const entry: CachedResponse = { headers: kept, body: text, etag: etagOf(text), operation: note.operation, languages: note.languages };
    cache.put(key, entry);
    return { entry, state: 'MISS' };
  }
  return { status: response.status, headers: kept, text };
}

async function lookUp(app: App & { cache: ResponseCache }, req: http.IncomingMessage, res: http.ServerResponse, note: Note) {
  const body = await readBody(req).catch(() => null);
  if (!body) {
    unreadable(res);
    return;
  }
  const headers: Array<[string, string]> = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string]);
  const answered = await answer(
    app,
    {
      url: req.url ?? '',
      body,
      headers,
      accept: req.headers.accept,
      acceptLanguage: req.headers['accept-language'],
      origin: req.headers.origin,
    },
    note,
    req,
  );
  if ('entry' in answered) {
    if (reply(res, answered.entry, answered.state, req.headers['if-none-match'])) app.cache.stats.notModified++;
    return;
  }
  const out = Buffer.from(answered.text);
  res.writeHead(answered.status, [...answered.headers, ['x-cache', note.cache ?? 'BYPASS'], ['content-length', String(out.length)]].flat());
  res.end(out);
}

/**
 * The desk's page data: one query of the desk's own (its text from the desk's manifest) run as
 * the browser would send it, through the response cache when there is one. The JSON text of a
 * 200 answer, or null.
 */
async function pageQuery(app: App, body: string, acceptLanguage: string | undefined): Promise<string | null> {
  const headers: Array<[string, string]> = [
    ['content-type', 'application/json'],
    ['accept', 'application/graphql-response+json'],
  ];
  if (acceptLanguage) headers.push(['accept-language', acceptLanguage]);
  const posted: Posted = { url: '/graphql', body, headers, accept: 'application/graphql-response+json', acceptLanguage };
  const answered = await answer(app, posted, { cacheable: false });
  if ('entry' in answered) return answered.entry.body;
  return answered.status === 200 ? answered.text : null;
}

/** A client's request id when it is short and plain, else a new one. */
function requestId(req: http.IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(given) ? given : randomUUID();
}

const ROUTES = new Set(['/health', '/ready', '/metrics', '/graphql', '/']);

/**
 * The HTTP server of the service. It can listen before the application exists (`attach` it when
 * start-up is done): until then /health answers, and everything else says 503, starting.
 */
export class HttpServer {
  readonly server: http.Server;
  private app: App | null = null;
  private closing = false;
  private readonly logger: Logger;
  private readonly desk = new Desk(undefined, (body, acceptLanguage) =>
    this.app ? pageQuery(this.app, body, acceptLanguage) : Promise.resolve(null),
  );

  constructor(private readonly options: ServerOptions = {}) {
    this.logger = (options.logger ?? silentLogger()).child({ component: 'http' });
    this.server = http.createServer((req, res) => this.handle(req, res));
  }

  attach(app: App): void {
    this.app = app;
  }

  /** Loads the desk's page renderer (Desk.warm). */
  warmDesk(): Promise<number | null> {
    return this.app ? this.desk.warm() : Promise.resolve(null);
  }

  /** Binds the port; a port in use or an address that cannot be bound rejects at once. */
  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        resolve((this.server.address() as { port: number }).port);
      });
    });
  }

  /**
   * Stops taking connections and resolves once every request in flight has been answered: each
   * response from now on closes its connection, and kept-alive connections are closed when idle.
   */
  close(): Promise<void> {
    this.closing = true;
    return new Promise((resolve) => {
      const idle = setInterval(() => this.server.closeIdleConnections(), 100);
      this.server.close(() => {
        clearInterval(idle);
        resolve();
      });
      this.server.closeIdleConnections();
    });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const started = process.hrtime.bigint();
    const id = requestId(req);
    res.setHeader('x-request-id', id);
    if (this.closing) res.setHeader('connection', 'close');
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const route = ROUTES.has(path) ? path : 'other';
    const note: Note = { cacheable: false };
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.options.metrics?.http.observe({ route, status: String(res.statusCode), cache: note.cache ?? 'none' }, seconds);
      if (note.cache === 'HIT' && note.languages) for (const language of note.languages) this.options.metrics?.requests.inc({ language });
      if (route === '/health' || route === '/metrics') return;
      this.logger.info(
        {
          id,
          method: req.method,
          path: path.length > 200 ? `${path.slice(0, 200)}…` : path,
          status: res.statusCode,
          ms: Math.round(seconds * 10_000) / 10,
          ...(note.operation ? { operation: note.operation } : {}),
          ...(note.languages ? { languages: note.languages } : {}),
          ...(req.headers['accept-language'] ? { acceptLanguage: String(req.headers['accept-language']).slice(0, 100) } : {}),
          ...(note.cache ? { cache: note.cache } : {}),
        },
        `${req.method} ${route === 'other' ? 'other' : path} ${res.statusCode} ${(seconds * 1000).toFixed(1)} ms`,
      );
    });
    this.route(req, res, path, note).catch((err: unknown) => {
      this.logger.error({ id, err }, 'unexpected error');
      if (!res.headersSent) json(res, 500, { errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.destroy();
    });
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse, path: string, note: Note) {
    if (path === '/health') return json(res, 200, { status: 'ok' });
    const app = this.app;
    if (path === '/ready') {
      const reason = app ? ((await this.options.ready?.()) ?? null) : 'starting';
      return json(res, reason ? 503 : 200, reason ? { status: 'unavailable', reason } : { status: 'ready' });
    }
    if (path === '/metrics') {
      if (!this.options.metrics) return json(res, 404, { error: 'metrics are off' });
      const text = await this.options.metrics.text();
      res.writeHead(200, { 'content-type': this.options.metrics.registry.contentType, 'cache-control': 'no-store' });
      return res.end(text);
    }
    // The desk (src/desk/): its pages (/, /articles/<slug>, /status) and its built assets (/assets/…).
    if (isDeskPath(path)) return this.desk.handle(req, res, path);
    if (path !== '/graphql') return json(res, 404, { error: 'not found', graphql: '/graphql' });
    if (!app)
      return json(
        res,
        503,
        { errors: [{ message: 'Starting; try again shortly.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] },
        { 'retry-after': '1' },
      );
    if (app.cache && lookedUp(req)) return lookUp(app as App & { cache: ResponseCache }, req, res, note);
    if (app.cache) note.cache = 'BYPASS';
    return app.yoga(req, res, { note });
  }
}

/** A server with the application attached at once (tests, and callers without a slow start). */
export function createHttpServer(yoga: Yoga, cache: ResponseCache | null, options: ServerOptions = {}): http.Server {
  const server = new HttpServer(options);
  server.attach({ yoga, cache });
  return server.server;
}
