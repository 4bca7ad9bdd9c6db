import { SnapshotWindow, type TimedSnapshot } from '../stats/snapshot-window';
import type { ReportSource } from './periodic-reporter';

/**
 * Java's reporting scheme for one workload: a snapshot every second into a window of ten,
 * report lines computed between the window's oldest and newest snapshots.
 */
export class WindowedReport<S extends TimedSnapshot> implements ReportSource {
  private readonly window = new SnapshotWindow<S>();

  /**
   * @param take - reads the workload's counters
   * @param line - Java's report line between two snapshots
   * @param progress - a short live status over the last second
   */
  constructor(
    private readonly take: (nowMs: number) => S,
    private readonly line: (begin: S, end: S, nowMs: number) => string,
    private readonly progress: (begin: S, end: S) => string,
  ) {}

  /** Takes the once-a-second snapshot. */
  sample(nowMs: number): void {
    this.window.add(this.take(nowMs));
  }

  /** The report line over the window; undefined until two snapshots exist. */
  reportLine(nowMs: number): string | undefined {
    const span = this.window.span();
    return span && this.line(span.begin, span.end, nowMs);
  }

  /** The live status over the last second. */
  progressLine(): string {
    const step = this.window.lastStep();
    return step ? this.progress(step.begin, step.end) : 'starting...';
  }
}
