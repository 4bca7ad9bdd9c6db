import type { MessageQueue } from '@mq/common';
import { compareMessageQueues, type BodyInit, type ConsumerRunningInfo, type ProcessQueueInfo } from '@mq/remoting';
import type { ProcessQueue } from './process-queue';

/** Java's ConsumerRunningInfo property names. */
export const RunningInfoProperty = {
  NAMESERVER_ADDR: 'PROP_NAMESERVER_ADDR',
  THREADPOOL_CORE_SIZE: 'PROP_THREADPOOL_CORE_SIZE',
  CONSUME_ORDERLY: 'PROP_CONSUMEORDERLY',
  CONSUME_TYPE: 'PROP_CONSUME_TYPE',
  CLIENT_VERSION: 'PROP_CLIENT_VERSION',
  CONSUMER_START_TIMESTAMP: 'PROP_CONSUMER_START_TIMESTAMP',
} as const;

/** One queue's line of the running info (Java's `ProcessQueue.fillProcessQueueInfo`). */
export function processQueueInfo(pq: ProcessQueue, commitOffset: number): BodyInit<typeof ProcessQueueInfo> {
  const first = pq.firstMessage();
  return {
    commitOffset,
    cachedMsgCount: pq.messageCount,
    cachedMsgMinOffset: first?.queueOffset ?? 0,
    cachedMsgMaxOffset: pq.messageCount > 0 ? pq.highestOffsetAdded : 0,
    cachedMsgSizeInMiB: Math.floor(pq.messageBytes / (1024 * 1024)),
    droped: pq.dropped,
    locked: pq.locked,
    lastLockTimestamp: pq.lastLockTimestamp,
    lastPullTimestamp: pq.lastPullTimestamp,
    lastConsumeTimestamp: pq.lastConsumeTimestamp,
  };
}

/** The running info body, `mqTable` in Java's TreeMap order (topic, broker, queue id). */
export function runningInfoBody(
  properties: Record<string, string>,
  subscriptionSet: BodyInit<typeof ConsumerRunningInfo>['subscriptionSet'],
  queues: ReadonlyArray<readonly [MessageQueue, BodyInit<typeof ProcessQueueInfo>]>,
): BodyInit<typeof ConsumerRunningInfo> {
  const table = queues.map(([mq, info]): [{ topic: string; brokerName: string; queueId: number }, BodyInit<typeof ProcessQueueInfo>] => [
    { topic: mq.topic, brokerName: mq.brokerName, queueId: mq.queueId },
    info,
  ]);
  return { properties, subscriptionSet, mqTable: table.sort(([a], [b]) => compareMessageQueues(a, b)) };
}
