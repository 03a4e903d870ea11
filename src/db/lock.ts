// One process per embedded database folder. PGlite keeps the database in its own memory and writes
// it back on close, so a second process on the same folder would work on a private copy and lose its
// writes (or the first one's). The process that opens DATA_DIR holds DATA_DIR/polyglot-desk.lock,
// naming itself; the next one refuses to open the folder while that process lives. A lock left by a
// process that was killed names a process that no longer exists, and is taken over.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'polyglot-desk.lock';

export interface LockHolder {
  pid: number;
  host: string;
  /** What the holder runs, such as "src/main.ts" or "src/cli/ingest.ts". */
  command: string;
  startedAt: string;
}

/** The folder is in use by another live process; `holder` says which. */
export class DatabaseLockedError extends Error {
  override name = 'DatabaseLockedError';
  readonly code = 'DATABASE_IN_USE';
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `the embedded database in ${dataDir} is in use by process ${holder.pid} (${holder.command}, since ${holder.startedAt}); stop that process first, or use the running server's GraphQL API, or set DATABASE_URL to use PostgreSQL`,
    );
  }
}

export interface DataDirLock {
  release(): void;
}

/** Lock files this process holds: a second open of the same folder in one process is refused too. */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    const holder = JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
    return typeof holder.pid === 'number' ? holder : null;
  } catch {
    return null;
  }
}

/**
 * Creates the lock file with its whole content in one step: written to a private file, then
 * hard-linked into place, which fails if the lock exists. A reader never sees it empty or half-written.
 */
function claim(file: string, text: string): boolean {
  const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(tmp, text);
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

const sameHolder = (a: LockHolder | null, b: LockHolder | null) => !!a && !!b && a.pid === b.pid && a.startedAt === b.startedAt;

/**
 * Moves a stale lock out of the way. Of two processes that both judged it stale, the second would
 * move the first one's fresh lock: the moved file is read again, and a lock that is not the stale
 * one judged is put back.
 */
export function removeStale(file: string, stale: LockHolder | null): void {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    fs.renameSync(file, aside);
  } catch {
    return; // someone else moved it first
  }
  const moved = readHolder(aside);
  if ((stale === null && moved !== null) || (stale !== null && !sameHolder(moved, stale))) {
    try {
      fs.linkSync(aside, file);
    } catch {
      // a third process claimed it meanwhile; its lock stands
    }
  }
  fs.rmSync(aside, { force: true });
}

/** How long an unreadable lock file counts as being written by its holder rather than left broken. */
const UNREADABLE_GRACE_MS = 10_000;

/** Takes the folder's lock for this process, or throws DatabaseLockedError naming the live holder. */
export function lockDataDir(dataDir: string, command = path.relative(process.cwd(), process.argv[1] ?? 'node')): DataDirLock {
  const file = path.join(dataDir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: os.hostname(), command, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 10; attempt++) {
    if (claim(file, `${JSON.stringify(me)}\n`)) return holdLock(file);
    const holder = readHolder(file);
    // A live holder keeps it: another process, this one (a second open), or one on another host
    // (a shared folder), whose liveness cannot be checked from here.
    const mine = holder?.pid === process.pid && held.has(file);
    if (holder && (mine || holder.host !== me.host || (holder.pid !== process.pid && alive(holder.pid)))) {
      throw new DatabaseLockedError(dataDir, holder);
    }
    if (!holder && Date.now() - mtime(file) < UNREADABLE_GRACE_MS) continue;
    removeStale(file, holder);
  }
  const holder = readHolder(file);
  if (holder) throw new DatabaseLockedError(dataDir, holder);
  throw new Error(`could not lock ${dataDir}: ${LOCK_FILE} is there but unreadable; remove it if no process uses the folder`);
}

function mtime(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function holdLock(file: string): DataDirLock {
  held.add(file);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    held.delete(file);
    process.off('exit', release);
    // Only remove the lock if it is still ours.
    if (readHolder(file)?.pid === process.pid) fs.rmSync(file, { force: true });
  };
  process.on('exit', release);
  return { release };
}
