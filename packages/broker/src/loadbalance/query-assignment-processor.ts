import { getLogger, isLmqTopic, isRetryTopic, MQError, MessageQueue } from '@mq/common';
import {
  QueryAssignmentRequestBody,
  QueryAssignmentResponseBody,
  RemotingCommand,
  ResponseCode,
  SetMessageRequestModeRequestBody,
  type MessageModel,
} from '@mq/remoting';
import { success } from '../admin/admin-response';
import type { BrokerContext } from '../broker-context';
import { decodeRequestBody } from '../processor/request-body';
import type { MessageRequestModeManager, MessageRequestModeSetting } from './message-request-mode-manager';
import { allocatePop, allocatePull, allocateStrategy } from './queue-allocation';
import type { TopicSubscribeInfo } from './topic-subscribe-info';

const log = getLogger('QueryAssignmentProcessor');

/** The single queue of a light message queue topic (Java's `MixAll.LMQ_QUEUE_ID`). */
const LMQ_QUEUE_ID = 0;

/** A QUERY_ASSIGNMENT request with its required fields checked. */
interface AssignmentQuery {
  readonly topic: string;
  readonly consumerGroup: string;
  readonly clientId: string;
  readonly messageModel: MessageModel;
  readonly strategyName: string | undefined;
}

/**
 * Server-side rebalancing for consumers with `clientRebalance=false` (5.x):
 * QUERY_ASSIGNMENT (400) answers which queues a client takes and whether it pulls or pops
 * them; SET_MESSAGE_REQUEST_MODE (401) switches a topic/group between PULL and POP;
 * GET_ALL_MESSAGE_REQUEST_MODE (402) lists what was set.
 */
export class QueryAssignmentProcessor {
  constructor(
    private readonly ctx: BrokerContext,
    private readonly modes: MessageRequestModeManager,
    private readonly subscribeInfo: TopicSubscribeInfo,
  ) {}

  /**
   * The client's queues, each with the topic/group's mode. The set is absent (`{}`) when no
   * allocation could be made (unknown topic, group offline, unknown strategy), which Java
   * clients read as "keep what you have".
   */
  async queryAssignment(request: RemotingCommand): Promise<RemotingCommand> {
    const query = assignmentQuery(decodeRequestBody(QueryAssignmentRequestBody, request.body, 'QueryAssignmentRequestBody'));
    const setting = this.modes.get(query.topic, query.consumerGroup) ?? this.defaultSetting(query.topic, query.consumerGroup);
    const queues = await this.assignedQueues(query, setting);
    const messageQueueAssignments = queues && distinctQueues(queues).map((messageQueue) => ({ messageQueue, mode: setting.mode }));
    return success(request, QueryAssignmentResponseBody.encode({ messageQueueAssignments }));
  }

  /** Sets the mode of a topic for a group and persists it. */
  async setMessageRequestMode(request: RemotingCommand): Promise<RemotingCommand> {
    const body = decodeRequestBody(SetMessageRequestModeRequestBody, request.body, 'SetMessageRequestModeRequestBody');
    const topic = requireField(body.topic, 'topic');
    if (isRetryTopic(topic)) throw new MQError(ResponseCode.NO_PERMISSION, 'retry topic is not allowed to set mode');
    if (!this.ctx.topicConfigManager.selectTopicConfig(topic)) throw new MQError(ResponseCode.TOPIC_NOT_EXIST, `topic[${topic}] not exist`);
    const consumerGroup = requireField(body.consumerGroup, 'consumerGroup');
    if (!this.ctx.subscriptionGroupManager.findSubscriptionGroupConfig(consumerGroup)) {
      throw new MQError(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, 'subscription group does not exist');
    }
    this.modes.set({ topic, consumerGroup, mode: body.mode, popShareQueueNum: body.popShareQueueNum });
    await this.modes.persist();
    return success(request);
  }

  /** Every mode set on this broker (a MessageRequestModeSerializeWrapper body). */
  allMessageRequestModes(request: RemotingCommand): RemotingCommand {
    return success(request, Buffer.from(this.modes.encode(), 'utf8'));
  }

  /** Retry topics are always pulled; other topics take the broker's default mode. */
  private defaultSetting(topic: string, consumerGroup: string): MessageRequestModeSetting {
    const mode = isRetryTopic(topic) ? 'PULL' : this.ctx.config.defaultMessageRequestMode;
    const popShareQueueNum = mode === 'POP' ? this.ctx.config.defaultPopShareQueueNum : 0;
    return { topic, consumerGroup, mode, popShareQueueNum };
  }

  /** Java's doLoadBalance: undefined means "no valid answer", [] means "no queues for you". */
  private async assignedQueues(query: AssignmentQuery, setting: MessageRequestModeSetting): Promise<MessageQueue[] | undefined> {
    const { topic, consumerGroup } = query;
    if (query.messageModel === 'BROADCASTING') {
      const queues = await this.subscribeInfo.subscribeQueues(topic);
      if (!queues) log.warn({ group: consumerGroup, topic }, 'no assignment: the topic does not exist');
      return queues;
    }
    const mqAll = isLmqTopic(topic)
      ? [new MessageQueue(topic, this.ctx.config.brokerName, LMQ_QUEUE_ID)]
      : await this.subscribeInfo.subscribeQueues(topic);
    if (!mqAll) {
      if (!isRetryTopic(topic)) log.warn({ group: consumerGroup, topic }, 'no assignment: the topic does not exist');
      return undefined;
    }
    if (!this.ctx.config.serverLoadBalancerEnable) return mqAll;
    const cidAll = this.ctx.consumerManager.findGroup(consumerGroup)?.clientIds();
    if (!cidAll) {
      log.warn({ group: consumerGroup, topic }, 'no assignment: the group has no online consumer');
      return undefined;
    }
    return this.allocate(query, setting, sortedQueues(mqAll), [...cidAll].sort());
  }

  private allocate(query: AssignmentQuery, setting: MessageRequestModeSetting, mqAll: MessageQueue[], cidAll: string[]): MessageQueue[] | undefined {
    const strategy = allocateStrategy(query.strategyName);
    if (!strategy) {
      log.warn({ group: query.consumerGroup, strategy: query.strategyName }, 'no assignment: unsupported allocation strategy');
      return undefined;
    }
    try {
      return setting.mode === 'POP'
        ? allocatePop(strategy, query.clientId, mqAll, cidAll, setting.popShareQueueNum)
        : allocatePull(strategy, query.clientId, mqAll, cidAll);
    } catch (err) {
      log.error({ group: query.consumerGroup, topic: query.topic, strategy: query.strategyName, err }, 'no assignment: allocation failed');
      return undefined;
    }
  }
}

/** Checks the fields Java dereferences unconditionally (a null there is a SYSTEM_ERROR in Java too). */
function assignmentQuery(body: QueryAssignmentRequestBody): AssignmentQuery {
  return {
    topic: requireField(body.topic, 'topic'),
    consumerGroup: requireField(body.consumerGroup, 'consumerGroup'),
    clientId: body.clientId ?? '',
    messageModel: requireField(body.messageModel, 'messageModel'),
    strategyName: body.strategyName,
  };
}

function requireField<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new MQError(ResponseCode.SYSTEM_ERROR, `the request body has no ${name}`);
  return value;
}

function sortedQueues(queues: readonly MessageQueue[]): MessageQueue[] {
  return [...queues].sort((a, b) => a.compareTo(b));
}

/** Java answers a Set: queues allocated twice (POP sharing, queueId -1 per broker) appear once. */
function distinctQueues(queues: readonly MessageQueue[]): MessageQueue[] {
  return [...new Map(queues.map((mq) => [mq.key, mq])).values()];
}
