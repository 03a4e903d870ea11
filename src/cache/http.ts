// The small parts of the response cache the HTTP server needs before anything heavy is loaded.
import { createHash } from 'node:crypto';

/** What the HTTP layer passes into Yoga with a request, and Yoga's plugin fills in. */
export interface CacheNote {
  /** Set when the request ran one query operation without errors: its response may be stored. */
  cacheable: boolean;
}

/** A strong ETag for a body. */
export const etagOf = (body: string) => `"${createHash('sha1').update(body).digest('base64url')}"`;

/** True when an If-None-Match header names this ETag (or is *). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}
