/** A counter snapshot taken at `timeMs`. */
export interface TimedSnapshot {
  timeMs: number;
}

/** Java's benchmark window: the last `capacity` once-a-second snapshots (10 by default). */
export class SnapshotWindow<S extends TimedSnapshot> {
  private readonly snapshots: S[] = [];

  constructor(private readonly capacity = 10) {}

  add(snapshot: S): void {
    this.snapshots.push(snapshot);
    if (this.snapshots.length > this.capacity) this.snapshots.shift();
  }

  /** The oldest and newest snapshots; undefined until two were taken. */
  span(): { begin: S; end: S } | undefined {
    if (this.snapshots.length < 2) return undefined;
    return { begin: this.snapshots[0]!, end: this.snapshots[this.snapshots.length - 1]! };
  }

  /** The two newest snapshots: the last second. */
  lastStep(): { begin: S; end: S } | undefined {
    if (this.snapshots.length < 2) return undefined;
    return { begin: this.snapshots[this.snapshots.length - 2]!, end: this.snapshots[this.snapshots.length - 1]! };
  }
}

/** Events per second between two snapshots, truncated like Java's `(long)` cast; 0 over no time. */
export function ratePerSecond(delta: number, elapsedMs: number): number {
  return elapsedMs > 0 ? Math.trunc((delta / elapsedMs) * 1000) : 0;
}

