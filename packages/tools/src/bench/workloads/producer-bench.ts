import { Producer } from '@mq/client';
import { measureRun, withClient, type BenchRunContext } from '../bench-session';
import { alphanumericBody, benchMessage, benchProperties, type MessageDecoration } from '../message-factory';
import { compressionProducerSettings } from '../options/compression-options';
import { ASYNC_SEND_WINDOW, type ProducerBenchOptions } from '../options/producer-options';
import type { BenchSummary } from '../report/bench-summary';
import { formatProducerLine } from '../report/report-lines';
import { WindowedReport } from '../report/windowed-report';
import { runSenders, timedSend } from '../send-loops';
import { SendStats } from '../stats/send-stats';
import { producerFigures, sendProgress, sendSummary } from './send-report';

/** Java's producer group of the benchmark. */
export const BENCH_PRODUCER_GROUP = 'benchmark_producer';

/**
 * `mq bench producer`: `threadCount` concurrent senders (or, with `asyncEnable`, up to 10000
 * sends in flight) of `messageSize`-byte messages until the run's bound. Resolves with the summary.
 */
export async function runProducerBench(options: ProducerBenchOptions, context: BenchRunContext = {}): Promise<BenchSummary> {
  const producer = new Producer({ namesrvAddr: options.namesrvAddr, group: BENCH_PRODUCER_GROUP, ...compressionProducerSettings(options.compression) });
  const stats = new SendStats();
  const report = new WindowedReport(
    (nowMs) => stats.snapshot(nowMs),
    (begin, end, nowMs) => formatProducerLine(nowMs, producerFigures(begin, end, stats.maxRtMs)),
    sendProgress,
  );
  const body = alphanumericBody(options.messageSize);
  const decoration: MessageDecoration = { keyEnable: options.keyEnable, tagCount: options.tagCount, properties: benchProperties(options.propertySize) };
  const concurrency = options.asyncEnable ? ASYNC_SEND_WINDOW : options.threadCount;
  return withClient(producer, async () => {
    const timing = await measureRun(options, context, report, (budget) =>
      runSenders(concurrency, budget, 1, () =>
        timedSend(stats, budget, 1, async () => {
          const nowMs = Date.now();
          const message = benchMessage(options.topic, body, decoration, nowMs, nowMs);
          if (options.delayEnable) message.delayTimeLevel = options.delayLevel;
          await producer.send(message);
          return true;
        }),
      ),
    );
    return sendSummary({ workload: 'producer', topic: options.topic, threadCount: options.threadCount, messageSize: options.messageSize }, stats, timing);
  });
}
