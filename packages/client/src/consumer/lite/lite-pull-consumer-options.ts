import type { ConsumeFromWhere, MessageModel } from '@mq/remoting';
import type { ClientOptions } from '../../client-options';
import type { AllocateMessageQueueStrategy } from '../../rebalance/allocate-strategy';
import type { TraceOptionKey, TraceOptions } from '../../trace/trace-options';

/** Options of a {@link LitePullConsumer} (Java's `DefaultLitePullConsumer` setters), plus the client options. */
export interface LitePullConsumerOptions extends ClientOptions, TraceOptions {
  /** Consumer group (required). */
  group: string;
  /** CLUSTERING (default): offsets on the broker, queues split within the group; BROADCASTING: local offsets. */
  messageModel?: MessageModel;
  /** Where a queue without a committed offset starts; default CONSUME_FROM_LAST_OFFSET. */
  consumeFromWhere?: ConsumeFromWhere;
  /** For CONSUME_FROM_TIMESTAMP: `yyyyMMddHHmmss`; default half an hour ago. */
  consumeTimestamp?: string;
  /** Subscribe mode: how the group's queues are split; default AllocateMessageQueueAveragely. */
  allocateMessageQueueStrategy?: AllocateMessageQueueStrategy;
  /** Messages per pull; default 10. */
  pullBatchSize?: number;
  /** Messages cached across all queues before pulling pauses; default 10 000. */
  pullThresholdForAll?: number;
  /** Messages cached per queue before its pulling pauses; default 1000. */
  pullThresholdForQueue?: number;
  /** MiB cached per queue before its pulling pauses; default 100. */
  pullThresholdSizeForQueue?: number;
  /** Commit consumed offsets from `poll` automatically; default true. */
  autoCommit?: boolean;
  /** Auto-commit period; default 5000 ms. */
  autoCommitIntervalMs?: number;
  /** Default wait of `poll()`; default 5000 ms. */
  pollTimeoutMs?: number;
  /** Broker long-poll hold time; default 20 000 ms (`brokerSuspendMaxTimeMillis`). */
  brokerSuspendMaxTimeMs?: number;
  /** RPC timeout of a held pull; default 30 000 ms (`consumerTimeoutMillisWhenSuspend`). */
  consumerTimeoutMillisWhenSuspend?: number;
  /** Wait after a failed pull; default 1000 ms (`pullTimeDelayMillsWhenException`). */
  pullTimeDelayMillsWhenException?: number;
  /** Subscribe mode: rebalance period; default 20 000 ms. */
  rebalanceIntervalMs?: number;
  /** Broadcasting offsets directory; default `~/.rocketmq_offsets`. */
  localOffsetStoreDir?: string;
}

/** {@link LitePullConsumerOptions} consumer fields with defaults applied. */
export type LitePullConsumerSettings = Required<Omit<LitePullConsumerOptions, keyof ClientOptions | TraceOptionKey | 'consumeTimestamp' | 'localOffsetStoreDir'>> & {
  consumeTimestamp?: string;
};
