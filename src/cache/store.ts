// Where cached responses live: in this process (a bounded LRU), or in Redis shared by every replica
// with a small in-process layer in front. Keys carry the data and catalog versions they were made
// under (src/cache/response-cache.ts), so nothing here is ever invalidated in place: a change makes
// older keys unreachable, the LRU drops them and Redis lets them expire.
import { Redis } from 'ioredis';

/** A response as it is replayed: status 200, these headers, this body. */
export interface CachedResponse {
  headers: Array<[string, string]>;
  body: string;
  etag: string;
  /** For the log line and metrics of a replayed request: the operation's name and the languages served. */
  operation?: string;
  languages?: string[];
}

export interface CacheStore {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<CachedResponse | undefined> | CachedResponse | undefined;
  set(key: string, value: CachedResponse): void;
  close(): Promise<void>;
}

const sizeOf = (key: string, value: CachedResponse) =>
  key.length + value.body.length + value.etag.length + value.headers.reduce((n, [k, v]) => n + k.length + v.length, 0);

/** Least recently used first out, bounded by the total size of keys and bodies (UTF-16 units). */
export class MemoryStore implements CacheStore {
  readonly kind = 'memory';
  private readonly entries = new Map<string, CachedResponse>();
  private size = 0;

  constructor(
    private readonly maxSize: number,
    /** The largest single entry kept (a huge response would evict everything else). */
    private readonly maxEntry = Math.max(1, Math.floor(maxSize / 8)),
  ) {}

  get(key: string): CachedResponse | undefined {
    const value = this.entries.get(key);
    if (value) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: CachedResponse): void {
    const size = sizeOf(key, value);
    if (size > this.maxEntry) return;
    const old = this.entries.get(key);
    if (old) {
      this.size -= sizeOf(key, old);
      this.entries.delete(key);
    }
    this.entries.set(key, value);
    this.size += size;
    for (const [k, v] of this.entries) {
      if (this.size <= this.maxSize) break;
      this.entries.delete(k);
      this.size -= sizeOf(k, v);
    }
  }

  /** How many entries and how much they hold, for metrics and tests. */
  stats() {
    return { entries: this.entries.size, size: this.size };
  }

  async close(): Promise<void> {
    this.entries.clear();
    this.size = 0;
  }
}

export interface RedisStoreOptions {
  url: string;
  /** Seconds an entry lives in Redis; keys of old versions are never read again, so this only frees memory. */
  ttlSeconds: number;
  /** The in-process layer in front of Redis. */
  memory: MemoryStore;
  /** Told once when Redis stops answering and once when it answers again. */
  onState?: (up: boolean, reason?: string) => void;
}

/**
 * Redis shared by every replica, behind a small in-process layer. Redis being down is a miss, never
 * an error: a command fails fast (no offline queue) and the response is computed as without a cache.
 */
export class RedisStore implements CacheStore {
  readonly kind = 'redis';
  private readonly redis: Redis;
  private up = true;
  private closing = false;

  constructor(private readonly options: RedisStoreOptions) {
    this.redis = new Redis(options.url, {
      lazyConnect: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 500,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(100 * 2 ** times, 5000),
      keyPrefix: 'pgdesk:rc:',
    });
    this.redis.on('ready', () => this.state(true));
    this.redis.on('error', (err: Error) => this.state(false, err.message));
    this.redis.on('close', () => this.state(false, 'connection closed'));
  }

  private state(up: boolean, reason?: string) {
    if (up === this.up || this.closing) return;
    this.up = up;
    this.options.onState?.(up, reason);
  }

  /** Resolves when Redis is connected (at start, so that a wrong REDIS_URL is reported at once). */
  ready(timeoutMs = 3000): Promise<void> {
    if (this.redis.status === 'ready') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = (err?: Error) => {
        clearTimeout(timer);
        this.redis.off('ready', onReady);
        this.redis.off('error', done);
        if (err) reject(err);
        else resolve();
      };
      const onReady = () => done();
      const timer = setTimeout(() => done(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      this.redis.once('ready', onReady);
      this.redis.once('error', done);
    });
  }

  async get(key: string): Promise<CachedResponse | undefined> {
    const local = this.options.memory.get(key);
    if (local) return local;
    let raw: string | null;
    try {
      raw = await this.redis.get(key);
    } catch {
      return undefined;
    }
    if (!raw) return undefined;
    const value = decode(raw);
    if (value) this.options.memory.set(key, value);
    return value;
  }

  set(key: string, value: CachedResponse): void {
    this.options.memory.set(key, value);
    this.redis.set(key, encode(value), 'EX', this.options.ttlSeconds).catch(() => {});
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.options.memory.close();
    this.redis.disconnect();
  }
}

/** One line of JSON for the etag, headers, operation and languages, then the body as it is. */
const encode = (value: CachedResponse) =>
  `${JSON.stringify([value.etag, value.headers, value.operation ?? null, value.languages ?? null])}\n${value.body}`;

function decode(raw: string): CachedResponse | undefined {
  const newline = raw.indexOf('\n');
  if (newline < 0) return undefined;
  try {
    const [etag, headers, operation, languages] = JSON.parse(raw.slice(0, newline)) as [
      string,
      Array<[string, string]>,
      string | null,
      string[] | null,
    ];
    if (typeof etag !== 'string' || !Array.isArray(headers)) return undefined;
    return { etag, headers, body: raw.slice(newline + 1), operation: operation ?? undefined, languages: languages ?? undefined };
  } catch {
    return undefined;
  }
}
