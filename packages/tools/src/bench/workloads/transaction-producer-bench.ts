import { randomFillSync } from 'node:crypto';
import { Message } from '@mq/common';
import { TransactionProducer } from '@mq/client';
import { measureRun, withClient, type BenchRunContext } from '../bench-session';
import { pause } from '../run-budget';
import type { TransactionProducerBenchOptions } from '../options/transaction-producer-options';
import type { BenchSummary } from '../report/bench-summary';
import { formatTransactionLine } from '../report/report-lines';
import { WindowedReport } from '../report/windowed-report';
import { runSenders, timedSend } from '../send-loops';
import { ratePerSecond } from '../stats/snapshot-window';
import { SendStats, type SendSnapshot } from '../stats/send-stats';
import { BenchTransactionListener, writeTransactionHeader, type CheckCounts } from './transaction-check-listener';
import { sendProgress, sendSummary } from './send-report';

/** Java's producer group of the transaction benchmark. */
export const BENCH_TRANSACTION_PRODUCER_GROUP = 'benchmark_transaction_producer';

type TransactionSnapshot = SendSnapshot & CheckCounts;

function transactionLine(begin: TransactionSnapshot, end: TransactionSnapshot, nowMs: number, maxRtMs: number): string {
  const sent = end.requestsOk - begin.requestsOk;
  return formatTransactionLine(nowMs, {
    sendTps: ratePerSecond(sent, end.timeMs - begin.timeMs),
    maxRtMs,
    avgRtMs: (end.rtTotalMs - begin.rtTotalMs) / sent,
    sendFailed: end.requestsFailed + end.responsesFailed - begin.requestsFailed - begin.responsesFailed,
    checks: end.checks - begin.checks,
    unexpectedChecks: end.unexpectedChecks - begin.unexpectedChecks,
    duplicatedChecks: end.duplicatedChecks - begin.duplicatedChecks,
  });
}

/**
 * `mq bench tproducer`: concurrent senders of transactional messages whose local transaction
 * and check-back outcomes are drawn from the configured rates and carried in the body.
 */
export async function runTransactionProducerBench(options: TransactionProducerBenchOptions, context: BenchRunContext = {}): Promise<BenchSummary> {
  const listener = new BenchTransactionListener(options.batchId);
  const producer = new TransactionProducer<null>({
    namesrvAddr: options.namesrvAddr,
    group: BENCH_TRANSACTION_PRODUCER_GROUP,
    defaultTopicQueueNums: 1000,
    transactionListener: listener,
  });
  const stats = new SendStats();
  const report = new WindowedReport<TransactionSnapshot>(
    (nowMs) => ({ ...stats.snapshot(nowMs), ...listener.counts }),
    (begin, end, nowMs) => transactionLine(begin, end, nowMs, stats.takeWindowMaxRtMs()),
    sendProgress,
  );
  const startTimeMs = Date.now();
  let sequence = 0;
  const transactionalMessage = (): Message => {
    const body = randomFillSync(Buffer.allocUnsafe(options.messageSize));
    writeTransactionHeader(body, options.batchId, startTimeMs, sequence++, options);
    return new Message(options.topic, body);
  };
  return withClient(producer, async () => {
    const timing = await measureRun(options, context, report, (budget) =>
      runSenders(options.threadCount, budget, 1, async () => {
        await timedSend(stats, budget, 1, async () => (await producer.sendMessageInTransaction(transactionalMessage(), null)).status === 'SEND_OK');
        await pause(options.sendIntervalMs, budget.signal);
      }),
    );
    return sendSummary({ workload: 'tproducer', topic: options.topic, threadCount: options.threadCount, messageSize: options.messageSize }, stats, timing, { ...listener.counts });
  });
}
