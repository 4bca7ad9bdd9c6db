import type { MessageExt, MessageQueue } from '@mq/common';

/** Result of a concurrent listener call (Java's `ConsumeConcurrentlyStatus`). */
export type ConsumeConcurrentlyStatus = 'CONSUME_SUCCESS' | 'RECONSUME_LATER';

/** Context of a concurrent listener call. */
export interface ConsumeConcurrentlyContext {
  readonly messageQueue: MessageQueue;
  /** Delay level of the retry; 0 lets the broker pick `3 + reconsumeTimes`; negative sends to the DLQ. */
  delayLevelWhenNextConsume: number;
  /** With CONSUME_SUCCESS, messages after this index are retried. */
  ackIndex: number;
}

/** Consumes messages in parallel; throwing or resolving RECONSUME_LATER retries them later. */
export type MessageListenerConcurrently = (
  messages: MessageExt[],
  context: ConsumeConcurrentlyContext,
) => ConsumeConcurrentlyStatus | Promise<ConsumeConcurrentlyStatus>;

/** Result of an orderly listener call (Java's `ConsumeOrderlyStatus`, auto-commit mode). */
export type ConsumeOrderlyStatus = 'SUCCESS' | 'SUSPEND_CURRENT_QUEUE_A_MOMENT';

/** Context of an orderly listener call. */
export interface ConsumeOrderlyContext {
  readonly messageQueue: MessageQueue;
  /** Wait before consuming this queue again after SUSPEND (default the consumer's setting). */
  suspendCurrentQueueTimeMillis: number;
}

/** Consumes each queue's messages one batch at a time, in order. */
export type MessageListenerOrderly = (messages: MessageExt[], context: ConsumeOrderlyContext) => ConsumeOrderlyStatus | Promise<ConsumeOrderlyStatus>;
