import type { MessageExt } from '@mq/common';
import type { MessageFilter } from '@mq/store';

/** Where a group's first pop of a queue starts (`ConsumeInitMode`): the queue min, or its last message. */
export const PopInitMode = {
  MIN: 0,
  MAX: 1,
} as const;

/**
 * Admission to long polling: asked before a pop waits for messages. Refusing ends the pop
 * with {@link PopBatch.pollingFull} (POLLING_FULL for remoting POP); every accepted hold is
 * released once the wait ends.
 */
export interface PopPollGate {
  tryHold(): boolean;
  release(): void;
}

/** How long, and admitted by what, a POP or NOTIFICATION waits for messages of a group on a topic. */
export interface PopWait {
  readonly group: string;
  readonly topic: string;
  /** How long to wait for messages when none is ready; 0 answers at once. */
  readonly pollTimeMs: number;
  readonly pollGate?: PopPollGate;
  readonly signal?: AbortSignal;
}

/** One POP_MESSAGE. */
export interface PopRequest extends PopWait {
  /** The queue to read; -1 or absent reads every queue, starting at a random one. */
  readonly queueId?: number;
  readonly maxMsgNums: number;
  readonly invisibleTimeMs: number;
  /** Where a group without a committed offset starts ({@link PopInitMode}); default MAX. */
  readonly initMode?: number;
  /** Consume-queue (tags code) filter. */
  readonly filter?: MessageFilter;
  /** Exact tag check after decoding (hash collisions); messages failing it are dropped as acked. */
  readonly accepts?: (message: MessageExt) => boolean;
  /** Order pop: one batch in flight per queue, redelivered in place (no retry topic). */
  readonly fifo: boolean;
  readonly attemptId?: string;
  /** Messages delivered this many times or more go to `%DLQ%<group>` instead. */
  readonly maxDeliveryAttempts?: number;
}

/** A message handed out by a pop. */
export interface PoppedMessage {
  /** The stored message; `topic` is the original topic even when read from the retry topic. */
  readonly message: MessageExt;
  /** The record as stored (a view; its topic is the retry topic for retried messages). */
  readonly record: Buffer;
  /** The topic it was read from: `PopTopicType` NORMAL or a retry form. */
  readonly topicType: number;
  readonly receiptHandle: string;
  /** 1 on first delivery. */
  readonly deliveryAttempt: number;
}

/**
 * What one pop read from one queue: the entries of a POP response's `startOffsetInfo`,
 * `msgOffsetInfo` and `orderCountInfo` (store-and-broker §15.3).
 */
export interface PoppedQueue {
  readonly topicType: number;
  readonly queueId: number;
  /** Offset the pop started reading at: the `ckStartOffset` of every handle of this queue. */
  readonly startOffset: number;
  /** Queue offsets of the messages delivered, ascending. */
  readonly offsets: readonly number[];
  /** Earlier deliveries of each offset (parallel to `offsets`): FIFO consumed counts, else 0. */
  readonly consumedCounts: readonly number[];
}

/** The result of one pop: every handle carries its `popTime`, `invisibleTime` and `reviveQueueId`. */
export interface PopBatch {
  /** Broker time of the pop. */
  readonly popTime: number;
  readonly invisibleTime: number;
  /** 999 for FIFO pops, else the revive queue this pop's handles name. */
  readonly reviveQueueId: number;
  readonly messages: readonly PoppedMessage[];
  /** The queues messages came from, in read order. */
  readonly queues: readonly PoppedQueue[];
  /** Messages left after this pop in the queues it read (`restNum`). */
  readonly restNum: number;
  /** The poll gate refused to hold the pop. */
  readonly pollingFull: boolean;
}
