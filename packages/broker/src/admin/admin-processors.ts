import { RequestCode, type RequestProcessor } from '@mq/remoting';
import type { BrokerContext } from '../broker-context';
import { success } from './admin-response';
import { BrokerConfigAdminProcessor, type BrokerConfigChangeListener } from './broker-config-admin-processor';
import { BrokerRuntimeInfoProcessor } from './broker-runtime-info';
import { ClientForwardingProcessor } from './client-forwarding-processor';
import { ConsumerAdminProcessor } from './consumer-admin-processor';
import type { PutStatsSampler } from './put-stats-sampler';
import { ResetOffsetProcessor } from './reset-offset-processor';
import { SubscriptionGroupAdminProcessor } from './subscription-group-admin-processor';
import { TopicAdminProcessor } from './topic-admin-processor';

/** What the admin processors need beyond the broker context. */
export interface AdminProcessorDeps {
  readonly putStats: PutStatsSampler;
  /** Called after UPDATE_BROKER_CONFIG changed keys. */
  readonly onConfigChanged: BrokerConfigChangeListener;
}

/**
 * The broker's admin request codes (remoting §10.1) with their processors, for the
 * controller's dispatch table. None requires a prior HEART_BEAT.
 */
export function adminProcessorTable(ctx: BrokerContext, deps: AdminProcessorDeps): [number, RequestProcessor][] {
  const topics = new TopicAdminProcessor(ctx);
  const groups = new SubscriptionGroupAdminProcessor(ctx);
  const config = new BrokerConfigAdminProcessor(ctx, deps.onConfigChanged);
  const runtime = new BrokerRuntimeInfoProcessor(ctx, deps.putStats);
  const consumers = new ConsumerAdminProcessor(ctx);
  const reset = new ResetOffsetProcessor(ctx);
  const forwarding = new ClientForwardingProcessor(ctx);
  return [
    [RequestCode.UPDATE_AND_CREATE_TOPIC, (r) => topics.createTopic(r)],
    [RequestCode.DELETE_TOPIC_IN_BROKER, (r) => topics.deleteTopic(r)],
    [RequestCode.GET_ALL_TOPIC_CONFIG, (r) => topics.allTopicConfig(r)],
    [RequestCode.GET_TOPIC_CONFIG, (r) => topics.topicConfig(r)],
    [RequestCode.GET_TOPIC_STATS_INFO, (r) => topics.topicStats(r)],
    [RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, (r) => topics.consumedByWho(r)],
    [RequestCode.QUERY_TOPICS_BY_CONSUMER, (r) => topics.topicsByConsumer(r)],
    [RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, (r) => groups.updateGroup(r)],
    [RequestCode.DELETE_SUBSCRIPTIONGROUP, (r) => groups.deleteGroup(r)],
    [RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, (r) => groups.allGroups(r)],
    [RequestCode.GET_BROKER_CONFIG, (r) => config.brokerConfig(r)],
    [RequestCode.UPDATE_BROKER_CONFIG, (r) => config.updateBrokerConfig(r)],
    [RequestCode.GET_BROKER_RUNTIME_INFO, (r) => runtime.runtimeInfo(r)],
    [RequestCode.GET_CONSUME_STATS, (r) => consumers.consumeStats(r)],
    [RequestCode.GET_CONSUMER_CONNECTION_LIST, (r) => consumers.consumerConnections(r)],
    [RequestCode.GET_PRODUCER_CONNECTION_LIST, (r) => consumers.producerConnections(r)],
    [RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, (r) => reset.resetOffset(r)],
    [RequestCode.GET_CONSUMER_RUNNING_INFO, (r) => forwarding.consumerRunningInfo(r)],
    [RequestCode.CONSUME_MESSAGE_DIRECTLY, (r) => forwarding.consumeMessageDirectly(r)],
    // The store drops consume-queue files past the commit log's minimum on its own clean passes.
    [RequestCode.CLEAN_EXPIRED_CONSUMEQUEUE, (r) => success(r)],
  ];
}
