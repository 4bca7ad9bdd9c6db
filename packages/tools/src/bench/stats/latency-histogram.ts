import { build, type Histogram } from 'hdr-histogram-js';

/** Latency figures of a run, in milliseconds. */
export interface LatencySummary {
  /** Recorded values. */
  count: number;
  avgMs: number;
  maxMs: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
}

const MICROS_PER_MS = 1000;

/** An HDR histogram of latencies (microsecond resolution, three significant digits). */
export class LatencyHistogram {
  private readonly histogram: Histogram = build({ lowestDiscernibleValue: 1, highestTrackableValue: 60 * 60 * 1_000_000, numberOfSignificantValueDigits: 3, autoResize: true });

  /** Records one latency; negative values (clock skew between hosts) count as 0. */
  recordMs(latencyMs: number): void {
    this.histogram.recordValue(Math.max(0, Math.round(latencyMs * MICROS_PER_MS)));
  }

  /** Average, maximum and percentiles; zeros when nothing was recorded. */
  summary(): LatencySummary {
    const histogram = this.histogram;
    if (histogram.totalCount === 0) return { count: 0, avgMs: 0, maxMs: 0, p50Ms: 0, p99Ms: 0, p999Ms: 0 };
    const ms = (micros: number): number => Math.round(micros) / MICROS_PER_MS;
    // A percentile reads as its bucket's upper edge, which may lie above the largest value recorded.
    const percentile = (p: number): number => ms(Math.min(histogram.getValueAtPercentile(p), histogram.maxValue));
    return {
      count: histogram.totalCount,
      avgMs: ms(histogram.mean),
      maxMs: ms(histogram.maxValue),
      p50Ms: percentile(50),
      p99Ms: percentile(99),
      p999Ms: percentile(99.9),
    };
  }
}
