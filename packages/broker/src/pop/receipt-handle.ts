/** `reviveQueueId` that marks FIFO (order) pops in handles (`POP_ORDER_REVIVE_QUEUE`). */
export const POP_ORDER_REVIVE_QUEUE = 999;

/** Which topic a handle's message was popped from (the handle's `topicType` / POP retry flag). */
export const PopTopicType = {
  NORMAL: 0,
  RETRY_V1: 1,
  RETRY_V2: 2,
} as const;

/**
 * A POP receipt handle (spec store-and-broker §15.3): the check-point extra info plus the
 * commit-log offset, 9 space-separated fields:
 * `startOffset retrieveTime invisibleTime reviveQueueId topicType brokerName queueId offset commitLogOffset`.
 */
export interface ReceiptHandle {
  readonly startOffset: number;
  /** Epoch ms of the pop (or of the last visibility change). */
  readonly retrieveTime: number;
  readonly invisibleTime: number;
  readonly reviveQueueId: number;
  readonly topicType: number;
  readonly brokerName: string;
  readonly queueId: number;
  readonly offset: number;
  /** -1 when the handle had only 8 fields. */
  readonly commitLogOffset: number;
}

/** The handle's text. */
export function encodeReceiptHandle(h: ReceiptHandle): string {
  return [h.startOffset, h.retrieveTime, h.invisibleTime, h.reviveQueueId, h.topicType, h.brokerName, h.queueId, h.offset, h.commitLogOffset].join(' ');
}

const INTEGER = /^-?\d+$/;

/** Parses a handle; `undefined` for anything that is not a well-formed handle. */
export function decodeReceiptHandle(text: string): ReceiptHandle | undefined {
  const fields = text.split(' ');
  if (fields.length < 8 || fields.length > 9) return undefined;
  const numeric = [0, 1, 2, 3, 4, 6, 7, 8].filter((i) => i < fields.length).map((i) => fields[i]);
  if (!numeric.every((field) => INTEGER.test(field)) || fields[5] === '') return undefined;
  const topicType = Number(fields[4]);
  if (topicType !== PopTopicType.NORMAL && topicType !== PopTopicType.RETRY_V1 && topicType !== PopTopicType.RETRY_V2) return undefined;
  return {
    startOffset: Number(fields[0]),
    retrieveTime: Number(fields[1]),
    invisibleTime: Number(fields[2]),
    reviveQueueId: Number(fields[3]),
    topicType,
    brokerName: fields[5],
    queueId: Number(fields[6]),
    offset: Number(fields[7]),
    commitLogOffset: fields.length === 9 ? Number(fields[8]) : -1,
  };
}

/** Epoch ms at which the handle's message becomes visible again. */
export function handleExpiry(h: ReceiptHandle): number {
  return h.retrieveTime + h.invisibleTime;
}
