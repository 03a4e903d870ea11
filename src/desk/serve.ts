// The desk in the browser, served by the same process as the API: the page shell for the desk's
// addresses (/, /articles/<slug>, /status) and the built assets under /assets/, exactly those that
// scripts/build-desk.mjs listed in dist/web/manifest.json. Nothing else is read from disk, so no
// request path can reach another file. Assets have content-hashed names: cached for a year,
// immutable, with an ETag; scripts and stylesheets are sent brotli- or gzip-compressed from the
// copies the build made. Every response carries a Content-Security-Policy naming no other origin.
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXPORT_PREFIX, sendExport } from './export.js';

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
  /** The fonts' stylesheet, applied by the script after the first render. */
  fonts: string;
  files: Record<string, AssetEntry>;
}

interface Built {
  manifest: Manifest;
  shell: Buffer;
  shellEtag: string;
  /** Scripts and stylesheets (and their compressed copies), read once: they are small. */
  memory: Map<string, Buffer>;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/;

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

export class Desk {
  private built: Built | null = null;

  constructor(private readonly dir: string = DESK_DIR) {}

  /** The build, read on first use (and again while it is missing). */
  private load(): Built | null {
    if (this.built) return this.built;
    const manifestFile = path.join(this.dir, 'manifest.json');
    if (!fs.existsSync(manifestFile)) return null;
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
    const shell = fs.readFileSync(path.join(this.dir, 'index.html'));
    const memory = new Map<string, Buffer>();
    for (const [name, entry] of Object.entries(manifest.files)) {
      if (entry.type.startsWith('font/')) continue;
      const file = path.join(this.dir, name);
      memory.set(name, fs.readFileSync(file));
      if (entry.gzip) memory.set(`${name}.gz`, fs.readFileSync(`${file}.gz`));
      if (entry.br) memory.set(`${name}.br`, fs.readFileSync(`${file}.br`));
    }
    const etag = manifest.files[manifest.script]?.etag ?? '"desk"';
    this.built = { manifest, shell, shellEtag: `"shell-${etag.replace(/"/g, '')}"`, memory };
    return this.built;
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
    if (page) {
      const status = page === 'page' ? 200 : 404;
      const headers = {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-cache',
        etag: built.shellEtag,
        ...SECURITY_HEADERS,
      };
      if (status === 200 && matches(req.headers['if-none-match'], built.shellEtag)) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      res.writeHead(status, { ...headers, 'content-length': String(built.shell.length) });
      res.end(req.method === 'HEAD' ? undefined : built.shell);
      return;
    }
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
