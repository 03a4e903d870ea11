// Database failures an ingest can meet under load, as coded IngestErrors with a message fit to show:
// never Prisma's own text, which names the client call, the source file and the query.
import { IngestError } from './errors.js';

/** SQLSTATEs and Prisma codes of a write that lost a race: trying again succeeds. */
const CONFLICT = new Set([
  'P2002', // unique constraint
  'P2034', // write conflict or deadlock
  '23505', // unique_violation
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  'UniqueConstraintViolation',
  'TransactionWriteConflict',
]);
/** … of a database that did not answer in time. */
const BUSY = new Set([
  'P2024', // connection pool timeout
  'P2028', // transaction API: could not start in time, or expired
  '57014', // query_canceled (statement_timeout)
  '55P03', // lock_not_available (lock_timeout)
  '53300', // too_many_connections
  'SocketTimeout',
  'TooManyConnections',
]);

/** Every code, SQLSTATE and adapter error kind found on an error, its meta and its causes. */
function codesOf(err: unknown, depth = 0, out = new Set<string>()): Set<string> {
  if (depth > 5 || err === null || typeof err !== 'object') return out;
  const e = err as Record<string, unknown>;
  for (const field of ['code', 'originalCode', 'kind']) if (typeof e[field] === 'string') out.add(e[field] as string);
  if (
    /Unable to start a transaction in the given time|expired transaction|timeout exceeded when trying to connect/i.test(String(e.message))
  ) {
    out.add('P2028');
  }
  for (const next of [e.cause, e.meta, (e.meta as Record<string, unknown> | undefined)?.driverAdapterError]) codesOf(next, depth + 1, out);
  return out;
}

/** The IngestError for a database failure that is a race or a timeout; null for anything else. */
export function ingestErrorForDatabase(err: unknown, slug: string): IngestError | null {
  if (err instanceof IngestError) return err;
  const codes = codesOf(err);
  if ([...codes].some((c) => CONFLICT.has(c))) {
    return new IngestError('CONFLICT', `another ingest wrote the article "${slug}" or one of its entities at the same moment; try again`);
  }
  if ([...codes].some((c) => BUSY.has(c))) {
    return new IngestError('BUSY', `the database did not answer in time while ingesting "${slug}" (it is busy); try again`);
  }
  return null;
}
