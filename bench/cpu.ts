/**
 * CPU time of a process from `/proc/<pid>/stat` (Linux): user + system, in seconds. Divided by the
 * requests a run served, it gives CPU µs per request — a figure a busy, shared machine disturbs far less
 * than requests per second, since time spent waiting for a core is not counted.
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of `/proc` times: 100 on every Linux this bench meets (`getconf CLK_TCK`). */
const TICKS_PER_SECOND = 100;

/**
 * User + system seconds from the text of `/proc/<pid>/stat`. The command name (field 2) may hold spaces
 * and parentheses, so fields are counted from its closing parenthesis.
 * @example cpuSecondsOf('42 (node) S 1 42 42 0 -1 4194304 0 0 0 0 250 50 0 0') // 3
 */
export function cpuSecondsOf(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name: state is field 3, utime field 14, stime field 15 (proc(5)).
  const utime = Number(fields[14 - 3]);
  const stime = Number(fields[15 - 3]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`unreadable /proc stat: ${stat.slice(0, 80)}`);
  return (utime + stime) / TICKS_PER_SECOND;
}

/** The process's CPU seconds so far, or `undefined` where there is no `/proc` (not Linux). */
export function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    return cpuSecondsOf(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}
