import type { BenchOutput } from './bench-output';

/** What a reporter asks of a workload's report. */
export interface ReportSource {
  sample(nowMs: number): void;
  reportLine(nowMs: number): string | undefined;
  progressLine(): string;
}

const SAMPLE_INTERVAL_MS = 1000;

/** Drives a report: samples every second (refreshing the progress line), prints a line every report interval. */
export class PeriodicReporter {
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly report: ReportSource,
    private readonly output: BenchOutput,
    private readonly reportIntervalMs: number,
  ) {}

  start(): void {
    this.timers.push(setInterval(() => this.sample(), SAMPLE_INTERVAL_MS));
    this.timers.push(setInterval(() => this.printLine(), this.reportIntervalMs));
  }

  /** Stops the timers and clears the progress line. Idempotent. */
  stop(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    this.output.progress?.('');
  }

  private sample(): void {
    this.report.sample(Date.now());
    this.output.progress?.(this.report.progressLine());
  }

  private printLine(): void {
    const line = this.report.reportLine(Date.now());
    if (line !== undefined) this.output.out(`${line}\n`);
  }
}
