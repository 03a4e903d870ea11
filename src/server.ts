// The HTTP server: Yoga behind the response cache. A query answered before, under the same data
// and catalog versions, is replayed from the cache without parsing, validating or executing it
// (`X-Cache: HIT`); any other request goes to Yoga as it came. With the cache off, every request
// goes straight to Yoga.
import http from 'node:http';
import type { YogaServerInstance } from 'graphql-yoga';
import { type CacheNote, etagOf, matchesEtag, type ResponseCache } from './cache/response-cache.js';
import type { CachedResponse } from './cache/store.js';

/** Requests larger than this are not looked up (queries are small; ingests are large and not cached). */
const MAX_LOOKUP_BYTES = 64 * 1024;

/** Response headers that describe one transfer, not the response: never stored or replayed. */
const TRANSFER_HEADERS = new Set(['content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

// biome-ignore lint/suspicious/noExplicitAny: Yoga's server and user context types are not needed here
type Yoga = YogaServerInstance<any, any>;

/** True for a POST of a small JSON body to the GraphQL endpoint, without credentials. */
function lookedUp(req: http.IncomingMessage, endpoint: string): boolean {
  if (req.method !== 'POST' || req.headers.authorization) return false;
  const url = req.url ?? '';
  const q = url.indexOf('?');
  if ((q < 0 ? url : url.slice(0, q)) !== endpoint) return false;
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

function unreadable(res: http.ServerResponse) {
  res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ errors: [{ message: 'The request body could not be read.', extensions: { code: 'BAD_REQUEST' } }] }));
}

async function lookUp(yoga: Yoga, cache: ResponseCache, req: http.IncomingMessage, res: http.ServerResponse) {
  const body = await readBody(req).catch(() => null);
  if (!body) {
    unreadable(res);
    return;
  }
  const key = cache.keyFor({
    url: req.url ?? '',
    body,
    accept: req.headers.accept,
    acceptLanguage: req.headers['accept-language'],
    origin: req.headers.origin,
  });
  const ifNoneMatch = req.headers['if-none-match'];
  if (key) {
    const hit = await cache.get(key);
    if (hit) {
      cache.stats.hits++;
      if (reply(res, hit, 'HIT', ifNoneMatch)) cache.stats.notModified++;
      return;
    }
    cache.stats.misses++;
  } else {
    cache.stats.bypassed++;
  }

  const note: CacheNote = { cacheable: false };
  const headers: Array<[string, string]> = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string]);
  const response = await yoga.fetch(`http://localhost${req.url}`, { method: 'POST', headers, body }, { req, responseCache: note });
  const text = await response.text();
  const kept: Array<[string, string]> = [];
  response.headers.forEach((value, name) => {
    if (!TRANSFER_HEADERS.has(name)) kept.push([name, value]);
  });
  if (key && note.cacheable && response.status === 200 && !response.headers.has('set-cookie')) {
    const entry: CachedResponse = { headers: kept, body: text, etag: etagOf(text) };
    cache.put(key, entry);
    if (reply(res, entry, 'MISS', ifNoneMatch)) cache.stats.notModified++;
    return;
  }
  const out = Buffer.from(text);
  res.writeHead(response.status, [...kept, ['x-cache', key ? 'MISS' : 'BYPASS'], ['content-length', String(out.length)]].flat());
  res.end(out);
}

/** The request handler: the cache in front of Yoga when there is one. */
export function handler(yoga: Yoga, cache: ResponseCache | null): http.RequestListener {
  if (!cache) return yoga;
  const endpoint = yoga.graphqlEndpoint;
  return (req, res) => {
    if (!lookedUp(req, endpoint)) {
      yoga(req, res);
      return;
    }
    lookUp(yoga, cache, req, res).catch(() => {
      // Yoga answers its own errors; reaching here means the connection itself failed.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
    });
  };
}

export const createHttpServer = (yoga: Yoga, cache: ResponseCache | null) => http.createServer(handler(yoga, cache));
