import {
  buildPopRetryTopic,
  CommonErrorCode,
  MQError,
  checkTopic,
  createTopicConfig,
  formatHostAddress,
  getLogger,
  isSystemTopic,
  isTopicFilterType,
  isValidPerm,
  TopicFilterType,
  type TopicConfig,
} from '@mq/common';
import {
  CreateTopicRequestHeader,
  DeleteTopicRequestHeader,
  GetTopicConfigRequestHeader,
  GetTopicStatsInfoRequestHeader,
  GroupList,
  QueryTopicConsumeByWhoRequestHeader,
  QueryTopicsByConsumerRequestHeader,
  RemotingCommand,
  ResponseCode,
  TopicConfigAndQueueMapping,
  TopicConfigSerializeWrapper,
  TopicList,
  TopicStatsTable,
  type BodyInit,
} from '@mq/remoting';
import type { BrokerContext } from '../broker-context';
import { topicConfigToJson } from '../topic/topic-config';
import { alterTopicAttributes } from './topic-attributes';
import { success } from './admin-response';
import { storeTimestampAt } from './store-time';

const log = getLogger('TopicAdminProcessor');

type TopicOffsetTable = NonNullable<BodyInit<typeof TopicStatsTable>['offsetTable']>;

/**
 * The broker's topic admin codes (remoting §10.1): UPDATE_AND_CREATE_TOPIC (17),
 * DELETE_TOPIC_IN_BROKER (215), GET_ALL_TOPIC_CONFIG (21), GET_TOPIC_CONFIG (351),
 * GET_TOPIC_STATS_INFO (202), QUERY_TOPIC_CONSUME_BY_WHO (300), QUERY_TOPICS_BY_CONSUMER (343).
 */
export class TopicAdminProcessor {
  constructor(private readonly ctx: BrokerContext) {}

  /**
   * Creates or updates a topic; the topic manager's listeners then register it with every
   * name server. An identical config is accepted without change.
   */
  createTopic(request: RemotingCommand): RemotingCommand {
    const header = CreateTopicRequestHeader.decode(request.extFields);
    const topic = header.topic;
    checkTopic(topic);
    this.refuseSystemTopic(topic);
    if (header.readQueueNums <= 0 || header.writeQueueNums <= 0) {
      throw new MQError(CommonErrorCode.INVALID_PARAMETER, `readQueueNums ${header.readQueueNums} and writeQueueNums ${header.writeQueueNums} must be positive`);
    }
    if (!isValidPerm(header.perm)) throw new MQError(CommonErrorCode.INVALID_PARAMETER, `perm ${header.perm} is not a topic permission (0-7)`);
    const existing = this.ctx.topicConfigManager.selectTopicConfig(topic);
    const config = createTopicConfig(topic, {
      readQueueNums: header.readQueueNums,
      writeQueueNums: header.writeQueueNums,
      perm: header.perm,
      topicFilterType: isTopicFilterType(header.topicFilterType) ? header.topicFilterType : TopicFilterType.SINGLE_TAG,
      topicSysFlag: header.topicSysFlag ?? 0,
      order: header.order,
      attributes: alterTopicAttributes(existing?.attributes ?? {}, header.attributes, existing === undefined),
    });
    if (existing && sameTopicConfig(existing, config)) return success(request);
    this.ctx.topicConfigManager.updateTopicConfig(config);
    log.info({ topic, remoteAddr: request.extFields?.['remoteAddr'], config }, 'topic created or updated by admin');
    return success(request);
  }

  /**
   * Drops the topic, with `clearRetryTopicWhenDeleteTopic` also the POP retry topics of the groups
   * consuming it: their configs, every group's offsets on them and their consume queues.
   */
  async deleteTopic(request: RemotingCommand): Promise<RemotingCommand> {
    const { topic } = DeleteTopicRequestHeader.decode(request.extFields);
    if (topic.trim() === '') throw new MQError(CommonErrorCode.INVALID_PARAMETER, 'The specified topic is blank.');
    this.refuseSystemTopic(topic);
    const topics = [topic, ...(this.ctx.config.clearRetryTopicWhenDeleteTopic ? this.popRetryTopicsOf(topic) : [])];
    for (const doomed of topics) {
      this.ctx.topicConfigManager.deleteTopicConfig(doomed);
      this.ctx.consumerOffsetManager.removeTopic(doomed);
    }
    await this.ctx.store.deleteTopics(topics);
    log.info({ topics, remoteAddr: request.extFields?.['remoteAddr'] }, 'topic deleted by admin');
    return success(request);
  }

  /** The existing POP retry topics (V1 and V2 names) of the groups with offsets on `topic`. */
  private popRetryTopicsOf(topic: string): string[] {
    return this.ctx.consumerOffsetManager
      .groupsOfTopic(topic)
      .flatMap((group) => [buildPopRetryTopic(topic, group, true), buildPopRetryTopic(topic, group)])
      .filter((retryTopic) => this.ctx.topicConfigManager.selectTopicConfig(retryTopic) !== undefined);
  }

  /** The whole topic table with its data version (paging headers are ignored: everything fits). */
  allTopicConfig(request: RemotingCommand): RemotingCommand {
    const snapshot = this.ctx.topicConfigManager.snapshot();
    return success(
      request,
      TopicConfigSerializeWrapper.encode({
        dataVersion: snapshot.dataVersion,
        topicConfigTable: snapshot.topicConfigTable,
        mappingDataVersion: { counter: 0, stateVersion: 0, timestamp: snapshot.dataVersion.timestamp },
        topicQueueMappingDetailMap: {},
        topicQueueMappingInfoMap: {},
      }),
    );
  }

  /** One topic's config (no static-topic mapping: this broker has none). */
  topicConfig(request: RemotingCommand): RemotingCommand {
    const { topic } = GetTopicConfigRequestHeader.decode(request.extFields);
    const config = this.requireTopic(topic, `No topic in this broker. topic: ${topic}`);
    return success(request, TopicConfigAndQueueMapping.encode(topicConfigToJson(config)));
  }

  /** Min/max offsets and last store time of queues 0..max(read, write)−1. */
  async topicStats(request: RemotingCommand): Promise<RemotingCommand> {
    const { topic } = GetTopicStatsInfoRequestHeader.decode(request.extFields);
    const config = this.requireTopic(topic, `topic[${topic}] not exist`);
    const offsetTable: TopicOffsetTable = [];
    const queues = Math.max(config.readQueueNums, config.writeQueueNums);
    for (let queueId = 0; queueId < queues; queueId++) {
      const mq = { topic, brokerName: this.ctx.config.brokerName, queueId };
      const minOffset = Math.max(0, this.ctx.store.getMinOffsetInQueue(topic, queueId));
      const maxOffset = Math.max(0, this.ctx.store.getMaxOffsetInQueue(topic, queueId));
      const lastUpdateTimestamp = maxOffset > 0 ? await storeTimestampAt(this.ctx.store, topic, queueId, maxOffset - 1) : 0;
      offsetTable.push([mq, { minOffset, maxOffset, lastUpdateTimestamp }]);
    }
    return success(request, TopicStatsTable.encode({ offsetTable, topicPutTps: 0 }));
  }

  /** Online groups subscribed to the topic, plus groups with offsets on it. */
  consumedByWho(request: RemotingCommand): RemotingCommand {
    const { topic } = QueryTopicConsumeByWhoRequestHeader.decode(request.extFields);
    const groups = new Set(this.ctx.consumerOffsetManager.groupsOfTopic(topic));
    for (const group of this.ctx.consumerManager.groupNames()) {
      if (this.ctx.consumerManager.findSubscription(group, topic)) groups.add(group);
    }
    return success(request, GroupList.encode({ groupList: [...groups] }));
  }

  /** Topics the group has offsets for on this broker. */
  topicsByConsumer(request: RemotingCommand): RemotingCommand {
    const { group } = QueryTopicsByConsumerRequestHeader.decode(request.extFields);
    const topicList = this.ctx.consumerOffsetManager.topicsOfGroup(group);
    return success(request, TopicList.encode({ topicList, brokerAddr: formatHostAddress(this.ctx.storeHost) }));
  }

  private refuseSystemTopic(topic: string): void {
    const registered = new Set([this.ctx.config.brokerClusterName, this.ctx.config.brokerName]);
    if (isSystemTopic(topic, registered)) {
      throw new MQError(CommonErrorCode.INVALID_PARAMETER, `The topic[${topic}] is conflict with system topic.`);
    }
  }

  private requireTopic(topic: string, remark: string): TopicConfig {
    const config = this.ctx.topicConfigManager.selectTopicConfig(topic);
    if (!config) throw new MQError(ResponseCode.TOPIC_NOT_EXIST, remark);
    return config;
  }
}

function sameTopicConfig(a: TopicConfig, b: TopicConfig): boolean {
  return JSON.stringify(topicConfigToJson(a)) === JSON.stringify(topicConfigToJson(b));
}
