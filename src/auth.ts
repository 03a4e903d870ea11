// Who a request is, for the write API: the bearer token compared with ADMIN_TOKEN in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';

/** What a request's Authorization header says: no token, a wrong one, or the admin's. */
export type Caller = 'anonymous' | 'wrong-token' | 'admin';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Reads `Authorization: Bearer <token>`. Both sides are hashed first, so the comparison takes the
 * same time whatever the token's length or content.
 */
export function callerOf(authorization: string | null, adminToken: string | undefined): Caller {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!m?.[1]) return 'anonymous';
  if (!adminToken) return 'wrong-token';
  return timingSafeEqual(digest(m[1]), digest(adminToken)) ? 'admin' : 'wrong-token';
}
