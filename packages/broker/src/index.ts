/**
 * @mq/broker — RocketMQ broker: send, pull with long polling, consumer and offset
 * management, queue locks, query by key/id, and registration with every name server.
 *
 * @packageDocumentation
 */
export { BrokerController, type BrokerControllerOptions } from './broker-controller';
export type { BrokerContext } from './broker-context';
export {
  BROKER_ROLES,
  DEFAULT_BROKER_LISTEN_PORT,
  brokerConfigSchema,
  defaultBrokerConfig,
  type BrokerConfig,
  type BrokerRole,
} from './config/broker-config';
export {
  brokerStartupConfigSchema,
  formatBrokerStartupConfig,
  loadBrokerStartupConfig,
  type BrokerConfigSources,
  type BrokerStartupConfig,
} from './config/broker-startup-config';
export { startEmbeddedBroker, type EmbeddedBroker, type EmbeddedBrokerOptions } from './embedded';
export { TopicConfigManager, type TopicChangeListener, type TopicConfigSnapshot } from './topic/topic-config-manager';
export { SubscriptionGroupManager } from './subscription/subscription-group-manager';
export { newSubscriptionGroupConfig, type SubscriptionGroupConfig } from './subscription/subscription-group-config';
export { ConsumerOffsetManager, TOPIC_GROUP_SEPARATOR } from './offset/consumer-offset-manager';
export { ConsumerManager, type ConsumerIdsChangedListener, type ConsumerRegistration } from './client/consumer-manager';
export { ConsumerGroupInfo, type ConsumerGroupMode, type VersionedSubscription } from './client/consumer-group-info';
export { ProducerManager } from './client/producer-manager';
export type { ClientChannelInfo } from './client/client-channel-info';
export { RebalanceLockManager, REBALANCE_LOCK_MAX_LIVE_TIME_MS, type LockableQueue } from './client/rebalance-lock-manager';
export { buildSubscription, matchesTagsCode, type ConsumerSubscription } from './client/consumer-subscription';
export { PullRequestHoldService, type HeldPullRequest, type PullRequestHoldOptions } from './longpolling/pull-request-hold-service';
export { BrokerRegistrar } from './registration/broker-registrar';
export { ConfigFile } from './persistence/config-file';
export { DataVersion, type DataVersionJson } from './persistence/data-version';
export { ScheduleMessageService, type ScheduleMessageServiceOptions } from './schedule/schedule-message-service';
export { DelayOffsetTable } from './schedule/delay-offset-table';
export { applyScheduleHook } from './schedule/schedule-put-hook';
export { SendMessageBackProcessor, DLQ_NUMS_PER_GROUP } from './retry/send-message-back-processor';
export { EndTransactionProcessor } from './transaction/end-transaction-processor';
export { TransactionCheckService } from './transaction/transaction-check-service';
export { TransactionOpLog, REMOVE_TAG, parseOpBody } from './transaction/transaction-op-log';
export { GrpcProxy, type GrpcProxyOptions } from './grpc/grpc-proxy';
export { PROTO_ROOT, rocketmqSchema, serviceDefinition, encodeMessage, decodeMessage } from './grpc/proto-schema';
export * as grpcTypes from './grpc/types';
export {
  PopService,
  PopInitMode,
  InvalidReceiptHandleError,
  type HandleOptions,
  type PopBatch,
  type PopPollGate,
  type PoppedQueue,
  type PopRequest,
  type PopWait,
  type PoppedMessage,
  type PopServiceDeps,
} from './pop/pop-service';
export { popProcessorTable } from './pop/pop-processor-table';
export { encodeReceiptHandle, decodeReceiptHandle, POP_ORDER_REVIVE_QUEUE, PopTopicType, type ReceiptHandle } from './pop/receipt-handle';
export { PopStateStore } from './pop/pop-state-store';
export { ReceiptHandleRenewer, type RenewSettings } from './grpc/receipt-handle-renewer';
export { PullService, type PullWriter } from './grpc/pull-service';
export { RecallService } from './grpc/recall-service';
export { recallHandleOf, timerDeleteKey } from './timer/recall-handle';
export { recallTimerMessage, type RecallRequest } from './timer/timer-recall';
export { RecallMessageProcessor } from './timer/recall-message-processor';
export { compileSql92, type Sql92Filter } from './filter/sql92-compiler';
export { Sql92ParseError } from './filter/sql92-node-builder';
export type { PropertyLookup } from './filter/sql92-evaluator';
export { ConsumerFilterManager, type ConsumerFilterData } from './filter/consumer-filter-manager';
export { matchesProperties, subscriptionMessageFilter, isTagType } from './filter/subscription-filter';
export { readRecordProperties } from './filter/record-properties';
export { TimerMessageStore } from './timer/timer-message-store';
export { applyTimerTransform, type TimerSendConfig } from './timer/timer-message-transform';
export { MessageRequestModeManager, type MessageRequestModeSetting } from './loadbalance/message-request-mode-manager';
export { QueryAssignmentProcessor } from './loadbalance/query-assignment-processor';
export { TopicSubscribeInfo, type TopicSubscribeInfoDeps } from './loadbalance/topic-subscribe-info';
export { allocatePop, allocatePull, allocateStrategy, type AllocateStrategy } from './loadbalance/queue-allocation';
export { loadBalanceProcessorTable, type LoadBalanceDeps } from './loadbalance/load-balance-processors';
