// Which errors mean "the database is not answering" (as opposed to a bad query or bad data): the
// request may succeed if tried again shortly, so it is a 503, not a 500.

/** Node's socket errors for a server that is down, unreachable or went away. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** PostgreSQL SQLSTATEs of an unavailable server: class 08 (connection), 57P01–57P03 (shut down, cannot connect now). */
const UNAVAILABLE_STATE = /^(08\d{3}|57P0[123])$/;

/** Prisma's driver-adapter error kinds for the same. */
const PRISMA_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'TransactionStartTimeout',
]);

const MESSAGES =
  /(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout|connect ECONNREFUSED)/i;

/** True when an error, or an error it wraps, says the database did not answer. */
export function isUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; kind?: unknown; originalCode?: unknown; meta?: unknown };
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || UNAVAILABLE_STATE.test(e.code))) return true;
  if (typeof e.originalCode === 'string' && UNAVAILABLE_STATE.test(e.originalCode)) return true;
  if (typeof e.kind === 'string' && PRISMA_KINDS.has(e.kind)) return true;
  if (e.code === 'P1001' || e.code === 'P1017' || e.code === 'P2024') return true;
  if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  const meta = e.meta as { driverAdapterError?: unknown } | undefined;
  return isUnavailable(e.cause, depth + 1) || isUnavailable(meta?.driverAdapterError, depth + 1);
}
