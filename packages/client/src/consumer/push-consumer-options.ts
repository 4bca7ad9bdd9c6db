import type { ConsumeFromWhere, MessageModel } from '@mq/remoting';
import type { ClientOptions } from '../client-options';
import type { AllocateMessageQueueStrategy } from '../rebalance/allocate-strategy';
import type { TraceOptionKey, TraceOptions } from '../trace/trace-options';

/** Push consumer settings; defaults are Java's `DefaultMQPushConsumer`'s. */
export interface PushConsumerOptions extends ClientOptions, TraceOptions {
  /** Consumer group (required). */
  group: string;
  /** Default CLUSTERING. */
  messageModel?: MessageModel;
  /** Where a group without a stored offset starts; default CONSUME_FROM_LAST_OFFSET. */
  consumeFromWhere?: ConsumeFromWhere;
  /** For CONSUME_FROM_TIMESTAMP, `yyyyMMddHHmmss`; default 30 minutes before creation. */
  consumeTimestamp?: string;
  /** Default AllocateMessageQueueAveragely. */
  allocateMessageQueueStrategy?: AllocateMessageQueueStrategy;
  /** Messages consumed in parallel (Java's consumeThreadMax); default 20. */
  consumeThreadMax?: number;
  /** Messages per listener call; default 1. */
  consumeMessageBatchMaxSize?: number;
  /** Messages per pull; default 32. */
  pullBatchSize?: number;
  /** Cached messages per queue before pulling pauses; default 1000. */
  pullThresholdForQueue?: number;
  /** Cached MiB per queue before pulling pauses; default 100. */
  pullThresholdSizeForQueue?: number;
  /** Concurrent mode: largest offset span cached per queue; default 2000. */
  consumeConcurrentlyMaxSpan?: number;
  /** Pause between pulls of a queue; default 0. */
  pullIntervalMs?: number;
  /** Broker long-poll hold time; default 15 000 ms. */
  brokerSuspendMaxTimeMs?: number;
  /** Concurrent: retries before the DLQ; default -1 = 16 (orderly: unlimited). */
  maxReconsumeTimes?: number;
  /** Concurrent: a message consumed longer than this is sent back; default 15 minutes. */
  consumeTimeoutMinutes?: number;
  /** Orderly: wait after SUSPEND_CURRENT_QUEUE_A_MOMENT; default 1000 ms. */
  suspendCurrentQueueTimeMillis?: number;
  /** Rebalance period; default 20 000 ms (`rocketmq.client.rebalance.waitInterval`). */
  rebalanceIntervalMs?: number;
  /** Orderly: queue lock renewal period; default 20 000 ms. */
  lockIntervalMs?: number;
  /** Broadcasting offsets directory; default `~/.rocketmq_offsets`. */
  localOffsetStoreDir?: string;
}

/** {@link PushConsumerOptions} consumer fields with defaults applied. */
export type PushConsumerSettings = Required<Omit<PushConsumerOptions, keyof ClientOptions | TraceOptionKey | 'consumeTimestamp' | 'localOffsetStoreDir'>> & {
  consumeTimestamp?: string;
};
