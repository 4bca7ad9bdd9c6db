import { decodeReceiptHandle, type ReceiptHandle } from './receipt-handle';
import type { PoppedQueue } from './pop-types';

/**
 * The remoting forms of POP handles (store-and-broker §15.3): the `POP_CK` extra info a Java
 * client builds for each message (8 space-separated fields, no commit-log offset), and the
 * POP response's per-queue strings it builds them from.
 */

/** `ckStartOffset popTime invisibleTime reviveQid retryFlag brokerName queueId queueOffset`. */
export function encodeExtraInfo(h: ReceiptHandle): string {
  return [h.startOffset, h.retrieveTime, h.invisibleTime, h.reviveQueueId, h.topicType, h.brokerName, h.queueId, h.offset].join(' ');
}

/** Parses a `POP_CK` extra info (8 fields; a 9th, the commit-log offset, is tolerated); undefined when malformed. */
export function decodeExtraInfo(text: string): ReceiptHandle | undefined {
  return decodeReceiptHandle(text);
}

/** `startOffsetInfo`: `<retryFlag> <queueId> <startOffset>` per queue, `;`-joined. */
export function startOffsetInfo(queues: readonly PoppedQueue[]): string {
  return queues.map((q) => `${q.topicType} ${q.queueId} ${q.startOffset}`).join(';');
}

/** `msgOffsetInfo`: `<retryFlag> <queueId> <off1>,<off2>,...` per queue, `;`-joined. */
export function msgOffsetInfo(queues: readonly PoppedQueue[]): string {
  return queues.map((q) => `${q.topicType} ${q.queueId} ${q.offsets.join(',')}`).join(';');
}

/**
 * `orderCountInfo` of a FIFO pop, per queue: `<retryFlag> qo<queueId>%<offset> <count>` for
 * each offset delivered before, then the legacy `<retryFlag> <queueId> <minCount>` (0 when
 * the batch has a first delivery), as Apache's ConsumerOrderInfoManager writes them.
 */
export function orderCountInfo(queues: readonly PoppedQueue[]): string {
  const entries: string[] = [];
  for (const q of queues) {
    q.offsets.forEach((offset, i) => {
      if (q.consumedCounts[i] > 0) entries.push(`${q.topicType} qo${q.queueId}%${offset} ${q.consumedCounts[i]}`);
    });
    entries.push(`${q.topicType} ${q.queueId} ${Math.min(...q.consumedCounts)}`);
  }
  return entries.join(';');
}
