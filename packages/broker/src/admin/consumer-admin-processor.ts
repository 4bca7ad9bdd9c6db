import { MQError } from '@mq/common';
import {
  ConsumeStats,
  ConsumerConnection,
  GetConsumeStatsRequestHeader,
  GetConsumerConnectionListRequestHeader,
  GetProducerConnectionListRequestHeader,
  ProducerConnection,
  RemotingCommand,
  ResponseCode,
  type BodyInit,
  type RemotingChannel,
} from '@mq/remoting';
import type { BrokerContext } from '../broker-context';
import type { ClientChannelInfo } from '../client/client-channel-info';
import { success } from './admin-response';
import { storeTimestampAt } from './store-time';

type OffsetTable = NonNullable<BodyInit<typeof ConsumeStats>['offsetTable']>;

/**
 * The broker's consumer and producer views for admins (remoting §10.1): GET_CONSUME_STATS (208),
 * GET_CONSUMER_CONNECTION_LIST (203), GET_PRODUCER_CONNECTION_LIST (204).
 */
export class ConsumerAdminProcessor {
  constructor(private readonly ctx: BrokerContext) {}

  /**
   * Per-queue broker and consumer offsets of a group, over the topics it has offsets for (or
   * the requested ones). An online group's topics it no longer subscribes to are skipped.
   */
  async consumeStats(request: RemotingCommand): Promise<RemotingCommand> {
    const header = GetConsumeStatsRequestHeader.decode(request.extFields);
    const group = header.consumerGroup;
    const offsetTable: OffsetTable = [];
    for (const topic of this.statsTopics(group, header.topic, header.topicList)) {
      const config = this.ctx.topicConfigManager.selectTopicConfig(topic);
      if (!config) continue;
      const online = this.ctx.consumerManager.findGroup(group);
      if (online && online.subscriptions.size > 0 && !online.subscriptions.has(topic)) continue;
      for (let queueId = 0; queueId < config.readQueueNums; queueId++) {
        offsetTable.push([{ topic, brokerName: this.ctx.config.brokerName, queueId }, await this.queueProgress(group, topic, queueId)]);
      }
    }
    return success(request, ConsumeStats.encode({ consumeTps: 0, offsetTable }));
  }

  /** The group's live connections and subscriptions; CONSUMER_NOT_ONLINE when it has none. */
  consumerConnections(request: RemotingCommand): RemotingCommand {
    const { consumerGroup } = GetConsumerConnectionListRequestHeader.decode(request.extFields);
    const group = this.ctx.consumerManager.findGroup(consumerGroup);
    if (!group || group.channels.size === 0) {
      throw new MQError(ResponseCode.CONSUMER_NOT_ONLINE, `the consumer group[${consumerGroup}] not online`);
    }
    const subscriptionTable = Object.fromEntries(
      [...group.subscriptions].map(([topic, sub]) => [
        topic,
        { topic, subString: sub.subString, expressionType: sub.expressionType, tagsSet: sub.tagsSet, codeSet: sub.codeSet, subVersion: sub.subVersion },
      ]),
    );
    const body = ConsumerConnection.encode({
      connectionSet: [...group.channels.values()].map(connectionOf),
      consumeType: group.mode.consumeType as never,
      messageModel: group.mode.messageModel as never,
      consumeFromWhere: group.mode.consumeFromWhere as never,
      subscriptionTable,
    });
    return success(request, body);
  }

  /** The producer group's live connections; SYSTEM_ERROR when it has none. */
  producerConnections(request: RemotingCommand): RemotingCommand {
    const { producerGroup } = GetProducerConnectionListRequestHeader.decode(request.extFields);
    const channels = this.ctx.producerManager.channelsOf(producerGroup);
    if (channels.length === 0) throw new MQError(ResponseCode.SYSTEM_ERROR, `the producer group[${producerGroup}] not exist`);
    return success(request, ProducerConnection.encode({ connectionSet: channels.map(connectionOf) }));
  }

  private statsTopics(group: string, topic: string | undefined, topicList: string | undefined): string[] {
    if (topic) return [topic];
    if (topicList) return topicList.split(';').filter((t) => t !== '');
    return this.ctx.consumerOffsetManager.topicsOfGroup(group);
  }

  private async queueProgress(group: string, topic: string, queueId: number) {
    const { store, consumerOffsetManager } = this.ctx;
    const consumerOffset = Math.max(0, consumerOffsetManager.queryOffset(group, topic, queueId));
    const lastTimestamp = consumerOffset > 0 ? await storeTimestampAt(store, topic, queueId, consumerOffset - 1) : 0;
    return {
      brokerOffset: store.getMaxOffsetInQueue(topic, queueId),
      consumerOffset,
      lastTimestamp,
      pullOffset: Math.max(0, consumerOffsetManager.queryPullOffset(group, topic, queueId)),
    };
  }
}

function connectionOf(info: ClientChannelInfo<RemotingChannel>) {
  return { clientAddr: info.remoteAddr, clientId: info.clientId, language: info.language, version: info.version };
}
