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
