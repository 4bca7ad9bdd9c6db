/**
 * @mq/client — RocketMQ client SDK for Node.js: producers, push and lite pull consumers,
 * transactions and admin. Speaks the native remoting protocol, so it works against this
 * project's broker and Apache RocketMQ's.
 *
 * @packageDocumentation
 */
export * from './rebalance';
export { ClientErrorCode } from './client-error-code';
export { buildClientId, parseNamesrvAddr, type ClientOptions } from './client-options';
export { MQClientInstance } from './instance/mq-client-instance';
export { Producer, type SendOptions } from './producer/producer';
export { DEFAULT_PRODUCER_GROUP, type ProducerOptions } from './producer/producer-options';
export type { SendResult, SendStatus } from './producer/send-result';
export { selectMessageQueueByHash, selectMessageQueueByRandom, type MessageQueueSelector } from './producer/queue-selector';
export { splitBatch, batchEntrySize } from './producer/batch-splitter';
export { LatencyFaultTolerance, notAvailableDuration } from './producer/latency-fault-tolerance';
export { TopicPublishInfo } from './producer/topic-publish-info';
export { validateMessage } from './producer/message-validator';
export { TransactionProducer, type TransactionProducerOptions } from './producer/transaction-producer';
export type { LocalTransactionState, TransactionListener, TransactionSendResult } from './producer/transaction-listener';
export { REPLY_TOPIC_POSTFIX, createReplyMessage } from './producer/request-reply';
export { PushConsumer } from './consumer/push-consumer';
export type { PushConsumerOptions } from './consumer/push-consumer-options';
export type {
  ConsumeConcurrentlyContext,
  ConsumeConcurrentlyStatus,
  ConsumeOrderlyContext,
  ConsumeOrderlyStatus,
  MessageListenerConcurrently,
  MessageListenerOrderly,
} from './consumer/consume-listener';
export { buildSubscription, matchesSubscription, type ExpressionType, type Subscription } from './consumer/subscription';
export { ProcessQueue } from './consumer/process-queue';
export { OFFSET_NOT_FOUND, OFFSET_UNREADABLE, type OffsetStore, type ReadOffsetType } from './consumer/offset-store';
export { RemoteBrokerOffsetStore } from './consumer/remote-broker-offset-store';
export { LocalFileOffsetStore, defaultLocalOffsetStoreDir } from './consumer/local-file-offset-store';
export { pullMessage, type PullResult, type PullStatus } from './consumer/pull-api';
export { LitePullConsumer } from './consumer/lite/lite-pull-consumer';
export type { LitePullConsumerOptions } from './consumer/lite/lite-pull-consumer-options';
export { Admin } from './admin/admin';
export type { ConsumerProgress, CreateTopicOptions, QueueProgress, QueueStats } from './admin/admin-types';
export { BrokerStatsData, BrokerStatsName } from './admin/broker-maintenance';
export type { WritePermChange } from './admin/namesrv-maintenance';
export type { TraceOptions } from './trace/trace-options';
export {
  ConsumeReturnType,
  DEFAULT_TRACE_REGION_ID,
  TraceMessageType,
  createTraceBean,
  type TraceBean,
  type TraceContext,
  type TraceTransactionState,
  type TraceType,
} from './trace/trace-context';
export { TRACE_CONTENT_SEPARATOR, TRACE_FIELD_SEPARATOR, decodeTraceData, encodeTraceContext, type TraceTransferData } from './trace/trace-data-codec';
export { AsyncTraceDispatcher, MAX_TRACE_BATCH, MAX_TRACE_MESSAGE_SIZE, type TraceDispatcherSettings, type TraceSender } from './trace/async-trace-dispatcher';
export { TRACE_GROUP_NAME_PREFIX, TRACE_INSTANCE_NAME, traceProducerOptions, type TraceDispatcherType } from './trace/trace-dispatcher-factory';
export { traceViewsOf, type TraceView } from './trace/trace-view';
