import fs from 'node:fs';

/** Kernel clock ticks per second (USER_HZ), the unit of utime/stime in /proc/<pid>/stat; 100 on Linux. */
const CLOCK_TICKS_PER_SECOND = 100;
const SAMPLE_INTERVAL_MS = 250;

/** What a server process used while a workload ran. */
export interface ProcessUsage {
  /** Peak resident set size (VmRSS) over the samples, MiB. */
  rssMaxMiB: number;
  /** CPU time (user + system) over wall time, in percent of one core. */
  cpuPercent: number;
}

/** utime + stime of a process in clock ticks (fields 14 and 15 of /proc/<pid>/stat). */
function cpuTicks(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces and parentheses; fields are counted after its closing ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function rssKiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : 0;
}

/**
 * Samples the RSS and CPU time of a set of processes (a side's broker: one Node process for
 * ours, the broker JVM, plus the proxy JVM for gRPC, for Apache) from /proc, every 250 ms
 * until stopped. The figures are sums over the processes.
 */
export class ProcessSampler {
  private readonly startTicks: number;
  private readonly startedAt = performance.now();
  private peakRssKiB = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pids: readonly number[]) {
    this.startTicks = this.totalTicks();
    this.sampleRss();
    this.timer = setInterval(() => this.sampleRss(), SAMPLE_INTERVAL_MS).unref();
  }

  private totalTicks(): number {
    return this.pids.reduce((sum, pid) => sum + cpuTicks(pid), 0);
  }

  private sampleRss(): void {
    try {
      this.peakRssKiB = Math.max(this.peakRssKiB, this.pids.reduce((sum, pid) => sum + rssKiB(pid), 0));
    } catch {
      // A process that just exited: its last sample stands; stop() reports the failure.
    }
  }

  /** Ends sampling without a result (the measured run failed). */
  cancel(): void {
    clearInterval(this.timer);
  }

  /** Ends sampling and returns the usage since construction. */
  stop(): ProcessUsage {
    this.cancel();
    this.sampleRss();
    const cpuSeconds = (this.totalTicks() - this.startTicks) / CLOCK_TICKS_PER_SECOND;
    const wallSeconds = (performance.now() - this.startedAt) / 1000;
    return { rssMaxMiB: this.peakRssKiB / 1024, cpuPercent: (100 * cpuSeconds) / wallSeconds };
  }
}

/** Runs `body` while sampling `pids`; the usage covers exactly the body's run. */
export async function sampleWhile<T>(pids: readonly number[], body: () => Promise<T>): Promise<[T, ProcessUsage]> {
  const sampler = new ProcessSampler(pids);
  let result: T;
  try {
    result = await body();
  } catch (err) {
    sampler.cancel();
    throw err;
  }
  return [result, sampler.stop()];
}

/**
 * The pid of a direct child of this process whose command line contains `marker` (a Java
 * main class, a script path). The e2e process helpers keep their child handles private, and
 * /proc is where the samples come from anyway.
 */
export function childPidByCommandLine(marker: string): number {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parentPid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parentPid !== process.pid) continue;
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) return Number(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  throw new Error(`no child process of ${process.pid} runs "${marker}"`);
}
