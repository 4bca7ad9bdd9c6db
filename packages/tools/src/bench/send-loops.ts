import { performance } from 'node:perf_hooks';
import { getLogger } from '@mq/common';
import { pause, type RunBudget } from './run-budget';
import { classifySendFailure, type SendStats } from './stats/send-stats';

const log = getLogger('Bench');

/** Java's benchmarks sleep this long after a failed send, so a broken cluster is not hammered. */
export const FAILURE_BACKOFF_MS = 3000;

/**
 * Runs `concurrency` sender loops (Java's sender threads) until the budget is spent; each
 * call of `send` gets the number of messages reserved for it (up to `perSend`).
 */
export async function runSenders(concurrency: number, budget: RunBudget, perSend: number, send: (count: number) => Promise<void>): Promise<void> {
  const loop = async (): Promise<void> => {
    for (let count = budget.take(perSend); count > 0; count = budget.take(perSend)) await send(count);
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
}

/**
 * Times one send call of `count` messages into `stats`. `call` resolves true when the broker
 * stored the messages; false or a rejection counts as a failure, after which the sender
 * backs off like Java's (cut short when the run ends).
 */
export async function timedSend(stats: SendStats, budget: RunBudget, count: number, call: () => Promise<boolean>): Promise<void> {
  const begin = performance.now();
  try {
    if (await call()) {
      stats.recordSuccess(performance.now() - begin, count);
      return;
    }
    stats.recordFailure('response', count);
  } catch (error) {
    stats.recordFailure(classifySendFailure(error), count);
    log.warn({ err: (error as Error).message }, '[BENCHMARK_PRODUCER] Send Exception');
  }
  await pause(FAILURE_BACKOFF_MS, budget.signal);
}
