/** Round-trip times of one run, summarised. */
export interface LatencySummary {
  avgMs: number;
  p99Ms: number;
  maxMs: number;
}

/** Average, 99th percentile (nearest rank) and maximum of `samples` (milliseconds); zeros when empty. */
export function summariseLatencies(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) return { avgMs: 0, p99Ms: 0, maxMs: 0 };
  const sorted = Float64Array.from(samples).sort();
  const sum = sorted.reduce((total, value) => total + value, 0);
  const p99Index = Math.max(0, Math.ceil(sorted.length * 0.99) - 1);
  return { avgMs: sum / sorted.length, p99Ms: sorted[p99Index]!, maxMs: sorted[sorted.length - 1]! };
}
