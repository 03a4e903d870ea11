// The variables of the cache and of operations: their defaults, and each bad value refused in one
// line naming the variable (start-up prints it as "configuration error: …" and exits 1).
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('configuration of the cache and operations', () => {
  it('has safe defaults: cache on in this process, introspection off only in production, no other origin', () => {
    expect(loadConfig({})).toMatchObject({
      responseCache: true,
      redisUrl: undefined,
      responseCacheMb: 64,
      responseCacheTtlSeconds: 3600,
      dbQueryTimeoutMs: 20_000,
      dbStartAttempts: 6,
      introspection: true,
      corsOrigins: [],
    });
    expect(loadConfig({ NODE_ENV: 'production' }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', INTROSPECTION: 'on' }).introspection).toBe(true);
    expect(loadConfig({ RESPONSE_CACHE: 'off', REDIS_URL: 'redis://cache.internal:6379' })).toMatchObject({
      responseCache: false,
      redisUrl: 'redis://cache.internal:6379',
    });
    expect(loadConfig({ CORS_ORIGINS: 'https://desk.example, http://localhost:5173' }).corsOrigins).toEqual([
      'https://desk.example',
      'http://localhost:5173',
    ]);
  });

  it.each([
    [{ RESPONSE_CACHE: 'maybe' }, /^RESPONSE_CACHE must be on or off, got "maybe"$/],
    [{ INTROSPECTION: 'yes please' }, /^INTROSPECTION must be on or off/],
    [{ REDIS_URL: 'http://cache:6379' }, /^REDIS_URL must start with redis:\/\/ or rediss:\/\//],
    [{ REDIS_URL: 'redis://a b' }, /^REDIS_URL must start with redis:\/\//],
    [{ CORS_ORIGINS: 'https://desk.example/path' }, /^CORS_ORIGINS must list origins .* got "https:\/\/desk\.example\/path"$/],
    [{ CORS_ORIGINS: 'desk.example' }, /^CORS_ORIGINS must list origins/],
    [{ RESPONSE_CACHE_MB: '0' }, /^RESPONSE_CACHE_MB must be between 1 and 65536, got 0$/],
    [{ RESPONSE_CACHE_TTL_SECONDS: 'forever' }, /^RESPONSE_CACHE_TTL_SECONDS must be a whole number/],
    [{ DB_QUERY_TIMEOUT_MS: '-5' }, /^DB_QUERY_TIMEOUT_MS must be a whole number/],
    [{ DB_START_ATTEMPTS: '1000' }, /^DB_START_ATTEMPTS must be between 1 and 100, got 1000$/],
  ])('refuses %o in one line', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
