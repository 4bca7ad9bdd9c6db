/**
 * CPU time of a process from /proc (Linux): on a shared machine a server's CPU per message is
 * a steadier figure than its rate, which moves with whatever else runs.
 */
import * as fs from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** User + system CPU milliseconds `pid` has used so far; NaN where /proc is unavailable. */
export function processCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

/**
 * Runs `work` and answers its result with the CPU milliseconds each of `pids` used from
 * `skipMs` after the start until `work` settled: a benchmark skips its warm-up, whose JIT
 * compilation and connection set-up would otherwise be charged to the measured operations.
 */
export async function withProcessCpu<T>(pids: readonly number[], skipMs: number, work: () => Promise<T>): Promise<{ result: T; cpuMs: number[] }> {
  const sample = (): number[] => pids.map(processCpuMs);
  let before = skipMs > 0 ? undefined : sample();
  const timer = skipMs > 0 ? setTimeout(() => (before = sample()), skipMs) : undefined;
  try {
    const result = await work();
    const after = sample();
    return { result, cpuMs: after.map((ms, i) => ms - (before?.[i] ?? ms)) };
  } finally {
    clearTimeout(timer);
  }
}
