// The response cache as configured: off, in this process, or in Redis shared by every replica.
import { ConfigError } from '../config.js';
import { type Database, redactUrl } from '../db/client.js';
import type { Catalog } from '../i18n/catalog.js';
import { ResponseCache } from './response-cache.js';
import { MemoryStore, RedisStore } from './store.js';
import { DataVersion } from './versions.js';

export interface ResponseCacheConfig {
  responseCache: boolean;
  redisUrl: string | undefined;
  responseCacheMb: number;
  responseCacheTtlSeconds: number;
}

/** Null when RESPONSE_CACHE=off. Fails when REDIS_URL is set and Redis does not answer. */
export async function openResponseCache(
  db: Database,
  config: ResponseCacheConfig,
  catalog: () => Catalog,
  log: (line: string) => void = () => {},
): Promise<ResponseCache | null> {
  if (!config.responseCache) return null;
  // Entries are counted in UTF-16 units: 2 bytes each.
  const memory = new MemoryStore((config.responseCacheMb * 1024 * 1024) / 2);
  let store: MemoryStore | RedisStore = memory;
  if (config.redisUrl) {
    const redis = new RedisStore({
      url: config.redisUrl,
      ttlSeconds: config.responseCacheTtlSeconds,
      memory: new MemoryStore(Math.min(config.responseCacheMb, 16) * 512 * 1024),
      onState: (up, reason) =>
        log(up ? '[cache] Redis answers again' : `[cache] Redis does not answer (${reason ?? 'no reason given'}): responses are computed`),
    });
    try {
      await redis.ready();
    } catch (err) {
      await redis.close();
      throw new ConfigError(`REDIS_URL: Redis at ${redactUrl(config.redisUrl)} does not answer (${(err as Error).message})`);
    }
    store = redis;
  }
  const dataVersion = await DataVersion.start(db, log);
  return new ResponseCache(store, dataVersion, catalog);
}

export { ResponseCache } from './response-cache.js';
