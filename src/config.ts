import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Environment read once, with clear errors. */
export interface Config {
  /** PostgreSQL URL; when unset the embedded PGlite database is used. */
  databaseUrl: string | undefined;
  /** Folder of the embedded database. */
  dataDir: string;
  port: number;
  /** Address to listen on: loopback unless told otherwise (HOST=0.0.0.0 in a container). */
  host: string;
  /** Largest text file the ingester accepts, in bytes. */
  ingestMaxBytes: number;
  /** How long to wait for a pooled PostgreSQL connection before failing. */
  dbConnectTimeoutMs: number;
  /** Server-side limit on any one SQL statement. */
  dbStatementTimeoutMs: number;
  dbPoolMax: number;
  /** Folder of the locale files translators edit. */
  localesDir: string;
  /** Bearer token that enables the write API (mutations); unset, mutations are refused. */
  adminToken: string | undefined;
  /** The response cache (RESPONSE_CACHE=on|off, on by default). */
  responseCache: boolean;
  /** Redis URL: when set, the response cache lives in Redis, shared by every replica. */
  redisUrl: string | undefined;
  /** Size of the in-process response cache (or the layer in front of Redis), in MB. */
  responseCacheMb: number;
  /** How long an entry lives in Redis, in seconds. */
  responseCacheTtlSeconds: number;
  /** Client-side limit on any one SQL statement: it fires even when the server cannot (frozen, unreachable). */
  dbQueryTimeoutMs: number;
  /** How many times start-up tries an unreachable database, waiting 0.5 s, 1 s, 2 s, 4 s, 5 s… between tries. */
  dbStartAttempts: number;
  /** Introspection, field suggestions and GraphiQL: on in development, off in production unless INTROSPECTION=on. */
  introspection: boolean;
  /** Origins whose pages may read responses (CORS_ORIGINS, comma-separated, or *); none by default. */
  corsOrigins: string[];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A reason not to start other than the configuration itself (a busy port, a missing database), said in one line. */
export class StartError extends Error {
  override name = 'StartError';
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

/** An IPv4 or IPv6 address or a host name, without a port or a scheme. */
function listenHost(env: NodeJS.ProcessEnv): string {
  const raw = env.HOST?.trim();
  if (!raw) return '127.0.0.1';
  if (!/^[A-Za-z0-9.:-]{1,253}$/.test(raw) || raw.includes('://')) {
    throw new ConfigError(`HOST must be an address such as 127.0.0.1, 0.0.0.0 or ::, got "${raw.slice(0, 60)}"`);
  }
  return raw;
}

/** At least 16 characters of printable ASCII: a token short enough to guess is refused at start. */
function adminToken(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.ADMIN_TOKEN?.trim();
  if (!raw) return undefined;
  if (raw.length < 16 || !/^[\x21-\x7e]+$/.test(raw)) {
    throw new ConfigError('ADMIN_TOKEN must be at least 16 printable ASCII characters without spaces (for example: openssl rand -hex 32)');
  }
  return raw;
}

function onOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['on', 'true', '1', 'yes'].includes(raw)) return true;
  if (['off', 'false', '0', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be on or off, got "${env[name]?.slice(0, 40)}"`);
}

function corsOrigins(env: NodeJS.ProcessEnv): string[] {
  const raw = env.CORS_ORIGINS?.trim();
  if (!raw) return [];
  const origins = raw
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (origin !== '*' && !/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(origin)) {
      throw new ConfigError(
        `CORS_ORIGINS must list origins such as https://desk.example.com (scheme, host, port; no path), or *; got "${origin.slice(0, 60)}"`,
      );
    }
  }
  return origins;
}

function redisUrl(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.REDIS_URL?.trim();
  if (!raw) return undefined;
  if (!/^rediss?:\/\/[^\s]+$/.test(raw))
    throw new ConfigError('REDIS_URL must start with redis:// or rediss://, such as redis://127.0.0.1:6379');
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgresql:// or postgres://');
  }
  return {
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR?.trim() || '.data'),
    port: integer(env, 'PORT', 4000, 0, 65535),
    host: listenHost(env),
    ingestMaxBytes: integer(env, 'INGEST_MAX_BYTES', 1024 * 1024, 1, 1024 * 1024 * 1024),
    dbConnectTimeoutMs: integer(env, 'DB_CONNECT_TIMEOUT_MS', 5000, 1, 600_000),
    dbStatementTimeoutMs: integer(env, 'DB_STATEMENT_TIMEOUT_MS', 15_000, 1, 3_600_000),
    dbPoolMax: integer(env, 'DB_POOL_MAX', 10, 1, 1000),
    adminToken: adminToken(env),
    responseCache: onOff(env, 'RESPONSE_CACHE', true),
    redisUrl: redisUrl(env),
    responseCacheMb: integer(env, 'RESPONSE_CACHE_MB', 64, 1, 65_536),
    responseCacheTtlSeconds: integer(env, 'RESPONSE_CACHE_TTL_SECONDS', 3600, 1, 30 * 86_400),
    dbQueryTimeoutMs: integer(env, 'DB_QUERY_TIMEOUT_MS', 20_000, 1, 3_600_000),
    dbStartAttempts: integer(env, 'DB_START_ATTEMPTS', 6, 1, 100),
    introspection: onOff(env, 'INTROSPECTION', env.NODE_ENV !== 'production'),
    corsOrigins: corsOrigins(env),
    localesDir: path.resolve(env.LOCALES_DIR?.trim() || path.join(path.dirname(fileURLToPath(import.meta.url)), '../locales')),
  };
}
