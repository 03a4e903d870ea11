// CPU time and resident memory of processes, read from /proc (Linux).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Clock ticks per second, the unit of utime and stime in /proc/<pid>/stat. */
export const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of a process (all its threads) in milliseconds, or null when it is gone. */
export function cpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name in parentheses may contain spaces: fields are counted after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** Busy CPU time of the whole machine (all cores, everything but idle and iowait) in milliseconds. */
export function machineBusyMs(): number {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return (((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) * 1000) / CLOCK_TICKS;
}

/** VmRSS of a process in MiB, or null when it is gone. */
export function rssMb(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
}

/** CPU of a changing set of processes: the sum of what each used between two readings. */
export class CpuOfProcesses {
  private readonly start = new Map<number, number>();

  constructor(pids: Iterable<number>) {
    for (const pid of pids) {
      const ms = cpuMs(pid);
      if (ms !== null) this.start.set(pid, ms);
    }
  }

  /**
   * Milliseconds used since construction by the processes read then and by `pids` (those started
   * since count in full; one that exited in between is lost).
   */
  usedBy(pids: Iterable<number>): number {
    let total = 0;
    for (const pid of new Set([...this.start.keys(), ...pids])) {
      const now = cpuMs(pid);
      if (now !== null) total += now - (this.start.get(pid) ?? 0);
    }
    return total;
  }
}

/** Samples a process's RSS every `everyMs` until stopped, keeping the peak. */
export function sampleRss(pid: number, everyMs = 100): { stop(): number } {
  let peak = rssMb(pid) ?? 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(pid) ?? 0);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssMb(pid) ?? 0);
    },
  };
}
