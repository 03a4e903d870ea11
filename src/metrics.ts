// /metrics, in Prometheus text format: Yoga's own (added to the same registry by its plugin in
// src/yoga.ts) and the service's: requests by served language, response cache results, catalog
// reloads, database pool usage, and the process's memory and CPU.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { CacheStats } from './cache/response-cache.js';

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export interface MetricsSources {
  cache?: () => CacheStats | null;
  pool?: () => PoolStats | null;
}

export class Metrics {
  readonly registry = new Registry();
  readonly requests: Counter<'language'>;
  readonly fallbacks: Counter<'language'>;
  readonly http: Histogram<'route' | 'status' | 'cache'>;
  readonly reloads: Counter<'result'>;

  constructor(sources: MetricsSources = {}) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'pgdesk_process_' });
    this.requests = new Counter({
      name: 'pgdesk_graphql_requests_total',
      help: 'GraphQL requests by language served (one count per language a response contains).',
      labelNames: ['language'],
      registers,
    });
    this.fallbacks = new Counter({
      name: 'pgdesk_graphql_fallbacks_total',
      help: 'Responses that contain a string served in another language than the one asked for, by the language asked for.',
      labelNames: ['language'],
      registers,
    });
    this.http = new Histogram({
      name: 'pgdesk_http_request_duration_seconds',
      help: 'HTTP requests by route, status and response cache result (HIT, MISS, BYPASS, or none).',
      labelNames: ['route', 'status', 'cache'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.reloads = new Counter({
      name: 'pgdesk_catalog_reloads_total',
      help: 'Reloads of the locale files, by result: ok, or error (a file failed its checks; its last good version is served).',
      labelNames: ['result'],
      registers,
    });
    new Counter({
      name: 'pgdesk_response_cache_total',
      help: 'Response cache lookups by result: hit, miss, bypass (data notifications down), and 304 answers.',
      labelNames: ['result'],
      registers,
      collect() {
        const stats = sources.cache?.();
        if (!stats) return;
        this.reset();
        this.inc({ result: 'hit' }, stats.hits);
        this.inc({ result: 'miss' }, stats.misses);
        this.inc({ result: 'bypass' }, stats.bypassed);
        this.inc({ result: 'not_modified' }, stats.notModified);
      },
    });
    new Gauge({
      name: 'pgdesk_db_pool_connections',
      help: 'PostgreSQL pool connections by state: total, idle, and requests waiting for one.',
      labelNames: ['state'],
      registers,
      collect() {
        const pool = sources.pool?.();
        if (!pool) return;
        this.set({ state: 'total' }, pool.total);
        this.set({ state: 'idle' }, pool.idle);
        this.set({ state: 'waiting' }, pool.waiting);
      },
    });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
