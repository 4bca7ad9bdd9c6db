import type { BenchSummary, BenchWorkload } from '../report/bench-summary';
import { throughput } from '../report/bench-summary';
import type { ProducerLineFigures } from '../report/report-lines';
import type { RunTiming } from '../bench-session';
import { ratePerSecond } from '../stats/snapshot-window';
import type { SendSnapshot, SendStats } from '../stats/send-stats';

/** Java's producer figures between two snapshots: TPS and average RT of the window, failures so far. */
export function producerFigures(begin: SendSnapshot, end: SendSnapshot, maxRtMs: number): ProducerLineFigures {
  return {
    sendTps: ratePerSecond(end.requestsOk - begin.requestsOk, end.timeMs - begin.timeMs),
    maxRtMs,
    avgRtMs: (end.rtTotalMs - begin.rtTotalMs) / (end.requestsOk - begin.requestsOk),
    sendFailed: end.requestsFailed,
    responseFailed: end.responsesFailed,
  };
}

/** The live status of a producer workload over the last second. */
export function sendProgress(begin: SendSnapshot, end: SendSnapshot): string {
  const rate = ratePerSecond(end.messagesOk - begin.messagesOk, end.timeMs - begin.timeMs);
  return `sent ${end.messagesOk} | ${rate} msg/s | failed ${end.messagesFailed}`;
}

/** What a producer workload's summary says besides its send statistics. */
export interface SendRunDescription {
  workload: BenchWorkload;
  topic: string;
  threadCount: number;
  messageSize: number;
}

/** The summary of a producer workload; `extra` adds workload-specific counters. */
export function sendSummary(description: SendRunDescription, stats: SendStats, timing: RunTiming, extra: Record<string, number> = {}): BenchSummary {
  const totals = stats.snapshot(Date.now());
  return {
    ...description,
    ...timing,
    messages: totals.messagesOk,
    failed: totals.messagesFailed,
    tps: throughput(totals.messagesOk, timing.elapsedMs),
    latency: stats.latency.summary(),
    counters: { sendFailed: totals.requestsFailed, responseFailed: totals.responsesFailed, ...extra },
  };
}
