// One process per embedded database folder. PGlite keeps the database in its own memory and writes
// it back on close, so a second process on the same folder would work on a private copy and lose its
// writes (or the first one's). The process that opens DATA_DIR holds DATA_DIR/polyglot-desk.lock,
// naming itself; the next one refuses to open the folder while that process lives. A lock left by a
// process that was killed names a process that no longer exists, and is taken over.
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

/** Takes the folder's lock for this process, or throws DatabaseLockedError naming the live holder. */
export function lockDataDir(dataDir: string, command = path.relative(process.cwd(), process.argv[1] ?? 'node')): DataDirLock {
  const file = path.join(dataDir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: os.hostname(), command, startedAt: new Date().toISOString() };
  const text = `${JSON.stringify(me)}\n`;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      fs.writeFileSync(file, text, { flag: 'wx' });
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
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readHolder(file);
    // A live holder keeps it: another process, this one (a second open), or one on another host
    // (a shared folder), whose liveness cannot be checked from here.
    const mine = holder?.pid === process.pid && held.has(file);
    if (holder && (mine || holder.host !== me.host || (holder.pid !== process.pid && alive(holder.pid)))) {
      throw new DatabaseLockedError(dataDir, holder);
    }
    // Stale (its process is gone) or unreadable: move it aside. Of two processes racing here, one
    // rename wins and the other finds the file gone and tries again from the top.
    try {
      fs.renameSync(file, `${file}.stale-${process.pid}`);
      fs.rmSync(`${file}.stale-${process.pid}`, { force: true });
    } catch {
      // someone else moved it first
    }
  }
  const holder = readHolder(file);
  if (holder) throw new DatabaseLockedError(dataDir, holder);
  throw new Error(`could not lock ${dataDir}`);
}
