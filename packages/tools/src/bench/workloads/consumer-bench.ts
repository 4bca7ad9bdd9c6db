import { readFile } from 'node:fs/promises';
import { PushConsumer, type ConsumeConcurrentlyStatus } from '@mq/client';
import { CommonErrorCode, MQError, type MessageExt } from '@mq/common';
import { measureRun, type BenchRunContext } from '../bench-session';
import type { BenchFilter, ConsumerBenchOptions } from '../options/consumer-options';
import { throughput, type BenchSummary } from '../report/bench-summary';
import { formatConsumerLine } from '../report/report-lines';
import { WindowedReport } from '../report/windowed-report';
import type { RunBudget } from '../run-budget';
import { ConsumeStats, type ConsumeSnapshot, type WindowMaxima } from '../stats/consume-stats';
import { ratePerSecond } from '../stats/snapshot-window';

function consumerLine(begin: ConsumeSnapshot, end: ConsumeSnapshot, nowMs: number, maxima: WindowMaxima): string {
  const received = end.received - begin.received;
  return formatConsumerLine(nowMs, {
    consumeTps: ratePerSecond(received, end.timeMs - begin.timeMs),
    avgB2CMs: (end.b2cTotalMs - begin.b2cTotalMs) / received,
    avgS2CMs: (end.s2cTotalMs - begin.s2cTotalMs) / received,
    maxB2CMs: maxima.b2cMs,
    maxS2CMs: maxima.s2cMs,
    consumeFailed: end.failed - begin.failed,
  });
}

function consumeProgress(begin: ConsumeSnapshot, end: ConsumeSnapshot): string {
  return `consumed ${end.received} | ${ratePerSecond(end.received - begin.received, end.timeMs - begin.timeMs)} msg/s | failed ${end.failed}`;
}

/** The filter expression, read from its file like Java's `MixAll.file2String`, trimmed. */
async function readExpression(filter: BenchFilter): Promise<string> {
  try {
    return (await readFile(filter.expressionFile, 'utf8')).trim();
  } catch (error) {
    throw new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, `cannot read the ${filter.type} expression file ${filter.expressionFile}: ${(error as Error).message}`);
  }
}

async function subscribe(consumer: PushConsumer, options: ConsumerBenchOptions): Promise<void> {
  if (!options.filter) return consumer.subscribe(options.topic, '*');
  consumer.subscribe(options.topic, await readExpression(options.filter), options.filter.type);
}

/**
 * `mq bench consumer`: a push consumer of `group` on `topic` counting deliveries and their
 * born-to-consumer and store-to-consumer latencies; a `failRate` share is answered
 * RECONSUME_LATER. With `messages` the run ends once that many deliveries arrived.
 */
export async function runConsumerBench(options: ConsumerBenchOptions, context: BenchRunContext = {}): Promise<BenchSummary> {
  const consumer = new PushConsumer({ namesrvAddr: options.namesrvAddr, group: options.group, consumeThreadMax: options.threadCount });
  await subscribe(consumer, options);
  const stats = new ConsumeStats();
  const report = new WindowedReport((nowMs) => stats.snapshot(nowMs), (begin, end, nowMs) => consumerLine(begin, end, nowMs, stats.takeWindowMaxima()), consumeProgress);
  let budget: RunBudget | undefined;
  consumer.registerMessageListener((messages: MessageExt[]): ConsumeConcurrentlyStatus => {
    const failed = Math.random() < options.failRate;
    const nowMs = Date.now();
    for (const message of messages) stats.recordDelivery(message, nowMs, failed);
    budget?.take(messages.length);
    return failed ? 'RECONSUME_LATER' : 'CONSUME_SUCCESS';
  });
  const timing = await measureRun(options, context, report, async (runBudget) => {
    budget = runBudget;
    await consumer.start();
    await runBudget.stopped;
  }).finally(() => consumer.shutdown());
  const totals = stats.snapshot(Date.now());
  const consumed = totals.received - totals.failed;
  return {
    workload: 'consumer',
    topic: options.topic,
    threadCount: options.threadCount,
    messageSize: 0,
    ...timing,
    messages: consumed,
    failed: totals.failed,
    tps: throughput(consumed, timing.elapsedMs),
    latency: stats.bornToConsumer.summary(),
    storeLatency: stats.storeToConsumer.summary(),
    counters: { received: totals.received, consumeFailed: totals.failed },
  };
}
