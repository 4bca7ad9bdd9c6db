import Table from 'cli-table3';
import type { LatencySummary } from '../stats/latency-histogram';

/** The benchmark workloads of `mq bench`. */
export type BenchWorkload = 'producer' | 'consumer' | 'tproducer' | 'batchproducer' | 'timer';

/**
 * The outcome of a benchmark run, and the object `--json` prints. Stable fields; workload
 * specific figures live in `counters` (documented in the README).
 */
export interface BenchSummary {
  workload: BenchWorkload;
  topic: string;
  /** Concurrent senders, or the consumer's parallel consumption. */
  threadCount: number;
  /** Body bytes of the producers; 0 for the consumer. */
  messageSize: number;
  /** Epoch ms the measured run began (clients started). */
  startTimestamp: number;
  /** Measured run length, ms. */
  elapsedMs: number;
  /** Messages sent OK (producers) or delivered to the listener (consumer). */
  messages: number;
  /** Messages whose send failed, or deliveries answered RECONSUME_LATER. */
  failed: number;
  /** `messages` per second over the run. */
  tps: number;
  /** Send round trip (producers; a whole batch for batchproducer) or born-to-consumer latency (consumer). */
  latency: LatencySummary;
  /** Consumer only: stored-to-consumer latency. */
  storeLatency?: LatencySummary;
  /** Workload-specific counters, e.g. `sendFailed`, `responseFailed`, `checks`. */
  counters: Record<string, number>;
}

/** Messages per second, rounded to two decimals. */
export function throughput(messages: number, elapsedMs: number): number {
  return elapsedMs > 0 ? Math.round((messages / elapsedMs) * 100_000) / 100 : 0;
}

function latencyCell(latency: LatencySummary): string {
  return `avg ${latency.avgMs.toFixed(3)} | p50 ${latency.p50Ms.toFixed(3)} | p99 ${latency.p99Ms.toFixed(3)} | p99.9 ${latency.p999Ms.toFixed(3)} | max ${latency.maxMs.toFixed(3)}`;
}

/** The end-of-run table people read. */
export function formatSummaryTable(summary: BenchSummary): string {
  const table = new Table({ head: ['Metric', 'Value'], style: { head: [], border: [] } });
  table.push(
    ['Workload', summary.workload],
    ['Topic', summary.topic],
    ['Threads', String(summary.threadCount)],
    ['Elapsed (s)', (summary.elapsedMs / 1000).toFixed(3)],
    [summary.workload === 'consumer' ? 'Consumed' : 'Sent', String(summary.messages)],
    ['Failed', String(summary.failed)],
    ['TPS', summary.tps.toFixed(2)],
    [summary.workload === 'consumer' ? 'B2C RT (ms)' : 'RT (ms)', latencyCell(summary.latency)],
  );
  if (summary.storeLatency) table.push(['S2C RT (ms)', latencyCell(summary.storeLatency)]);
  for (const [name, value] of Object.entries(summary.counters)) table.push([name, String(value)]);
  return `${table.toString()}\n`;
}

/** The single-line JSON object `--json` prints. */
export function formatSummaryJson(summary: BenchSummary): string {
  return `${JSON.stringify(summary)}\n`;
}
