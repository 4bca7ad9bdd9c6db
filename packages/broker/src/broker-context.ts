import type { HostAddress } from '@mq/common';
import type { MessageStore } from '@mq/store';
import type { RemotingChannel } from '@mq/remoting';
import type { ConsumerManager } from './client/consumer-manager';
import type { ProducerManager } from './client/producer-manager';
import type { ConsumerFilterManager } from './filter/consumer-filter-manager';
import type { RebalanceLockManager } from './client/rebalance-lock-manager';
import type { BrokerConfig } from './config/broker-config';
import type { PullRequestHoldService } from './longpolling/pull-request-hold-service';
import type { ConsumerOffsetManager } from './offset/consumer-offset-manager';
import type { SubscriptionGroupManager } from './subscription/subscription-group-manager';
import type { ConsumerSubscription } from './client/consumer-subscription';
import type { TopicConfigManager } from './topic/topic-config-manager';

/** The broker's services as the request processors see them. */
export interface BrokerContext {
  readonly config: BrokerConfig;
  /** Largest body accepted (`maxMessageSize` of the store config). */
  readonly maxMessageSize: number;
  /** `brokerIP1:listenPort` as written into STOREHOST. */
  readonly storeHost: HostAddress;
  readonly store: MessageStore;
  readonly topicConfigManager: TopicConfigManager;
  readonly subscriptionGroupManager: SubscriptionGroupManager;
  readonly consumerOffsetManager: ConsumerOffsetManager;
  readonly consumerManager: ConsumerManager<RemotingChannel, ConsumerSubscription>;
  readonly producerManager: ProducerManager<RemotingChannel>;
  readonly rebalanceLockManager: RebalanceLockManager;
  readonly pullRequestHoldService: PullRequestHoldService;
  readonly consumerFilterManager: ConsumerFilterManager;
  /** Delay of each level in ms (`messageDelayLevel`); its length is the highest level. */
  readonly delayLevels: readonly number[];
}
