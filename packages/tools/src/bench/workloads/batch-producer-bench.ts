import { Producer } from '@mq/client';
import type { Message } from '@mq/common';
import { measureRun, withClient, type BenchRunContext } from '../bench-session';
import { alphanumericBody, benchMessage, benchProperties, type MessageDecoration } from '../message-factory';
import type { BatchProducerBenchOptions } from '../options/batch-producer-options';
import { compressionProducerSettings } from '../options/compression-options';
import type { BenchSummary } from '../report/bench-summary';
import { formatBatchLine } from '../report/report-lines';
import { WindowedReport } from '../report/windowed-report';
import { runSenders, timedSend } from '../send-loops';
import { ratePerSecond } from '../stats/snapshot-window';
import { SendStats, type SendSnapshot } from '../stats/send-stats';
import { sendProgress, sendSummary } from './send-report';

/** Java's producer group of the batch benchmark. */
export const BENCH_BATCH_PRODUCER_GROUP = 'benchmark_batch_producer';

function batchLine(begin: SendSnapshot, end: SendSnapshot, nowMs: number, maxRtMs: number): string {
  const elapsedMs = end.timeMs - begin.timeMs;
  const rtTotalMs = end.rtTotalMs - begin.rtTotalMs;
  return formatBatchLine(nowMs, {
    sendTps: ratePerSecond(end.requestsOk - begin.requestsOk, elapsedMs),
    sendMps: ratePerSecond(end.messagesOk - begin.messagesOk, elapsedMs),
    maxRtMs,
    avgRtMs: rtTotalMs / (end.requestsOk - begin.requestsOk),
    avgMessageRtMs: rtTotalMs / (end.messagesOk - begin.messagesOk),
    sendFailed: end.requestsFailed + end.responsesFailed,
    sendMessageFailed: end.messagesFailed,
  });
}

/**
 * `mq bench batchproducer`: concurrent senders of `batchSize`-message batches until the run's
 * bound (the last batch may be smaller). A batch counts as sent when every part was SEND_OK.
 */
export async function runBatchProducerBench(options: BatchProducerBenchOptions, context: BenchRunContext = {}): Promise<BenchSummary> {
  const producer = new Producer({ namesrvAddr: options.namesrvAddr, group: BENCH_BATCH_PRODUCER_GROUP, ...compressionProducerSettings(options.compression) });
  const stats = new SendStats();
  const report = new WindowedReport((nowMs) => stats.snapshot(nowMs), (begin, end, nowMs) => batchLine(begin, end, nowMs, stats.maxRtMs), sendProgress);
  const body = alphanumericBody(options.messageSize);
  const decoration: MessageDecoration = { keyEnable: options.keyEnable, tagCount: options.tagCount, properties: benchProperties(options.propertySize) };
  const buildBatch = (count: number): Message[] => {
    const nowMs = Date.now();
    const firstTag = stats.messagesSent;
    return Array.from({ length: count }, (_, index) => benchMessage(options.topic, body, decoration, nowMs, firstTag + index));
  };
  return withClient(producer, async () => {
    const timing = await measureRun(options, context, report, (budget) =>
      runSenders(options.threadCount, budget, options.batchSize, (count) =>
        timedSend(stats, budget, count, async () => {
          const results = await producer.sendBatch(buildBatch(count));
          return results.every((result) => result.status === 'SEND_OK');
        }),
      ),
    );
    return sendSummary({ workload: 'batchproducer', topic: options.topic, threadCount: options.threadCount, messageSize: options.messageSize }, stats, timing, {
      batchSize: options.batchSize,
      batchesSent: stats.snapshot(Date.now()).requestsOk,
    });
  });
}
