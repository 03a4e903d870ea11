// Load with autocannon (in this process): N connections, POST JSON, every answer checked cheaply.
import autocannon from 'autocannon';
import { looksOk, type RequestSpec } from './queries.js';

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  /** Answers that were not 2xx with data and without errors. */
  bad: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** x-cache response headers seen. */
  cacheHit: number;
  cacheMiss: number;
  /** One bad answer, for the error message. */
  sample?: string;
}

export async function load(baseUrl: string, spec: RequestSpec, connections: number, seconds: number): Promise<LoadResult> {
  let bad = 0;
  let cacheHit = 0;
  let cacheMiss = 0;
  let sample: string | undefined;
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: spec.path,
        headers: spec.headers,
        body: spec.body,
        onResponse: (status, body, _context, headers) => {
          if (!looksOk(status, body)) {
            bad++;
            sample ??= `HTTP ${status}: ${body.slice(0, 300)}`;
          }
          const cache = headerValue(headers, 'x-cache');
          if (cache === 'HIT') cacheHit++;
          else if (cache === 'MISS') cacheMiss++;
        },
      },
    ],
  });
  const requests = result.requests.total;
  return {
    requests,
    seconds: result.duration,
    rps: requests / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bad,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    cacheHit,
    cacheMiss,
    sample,
  };
}

function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return String(value).toUpperCase();
  }
  return undefined;
}
