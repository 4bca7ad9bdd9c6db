import os from 'node:os';
import { MQError } from '@mq/common';
import {
  GetConsumerListByGroupResponseBody,
  GetConsumerListByGroupRequestHeader,
  OffsetResponseHeader,
  QueryConsumerOffsetRequestHeader,
  RemotingCommand,
  ResponseCode,
  UpdateConsumerOffsetRequestHeader,
  type RemotingChannel,
} from '@mq/remoting';
import type { BrokerContext } from '../broker-context';

/**
 * GET_CONSUMER_LIST_BY_GROUP (38), QUERY_CONSUMER_OFFSET (14) and UPDATE_CONSUMER_OFFSET (15)
 * (remoting §8.3–§8.5, store-and-broker §10.2).
 */
export class ConsumerManageProcessor {
  constructor(private readonly ctx: BrokerContext) {}

  /** The client ids of a group's live consumers. */
  consumerList(request: RemotingCommand): RemotingCommand {
    const header = GetConsumerListByGroupRequestHeader.decode(request.extFields);
    const clientIds = this.ctx.consumerManager.findGroup(header.consumerGroup)?.clientIds() ?? [];
    if (clientIds.length === 0) {
      throw new MQError(ResponseCode.SYSTEM_ERROR, `no consumer for this group, ${header.consumerGroup}`);
    }
    const response = RemotingCommand.createResponse(request, ResponseCode.SUCCESS);
    response.body = GetConsumerListByGroupResponseBody.encode({ consumerIdList: clientIds });
    return response;
  }

  /** The committed offset; a new group on a young queue starts at 0 (§10.2 step 4). */
  async queryOffset(request: RemotingCommand): Promise<RemotingCommand> {
    const header = QueryConsumerOffsetRequestHeader.decode(request.extFields);
    const stored = this.ctx.consumerOffsetManager.queryOffset(header.consumerGroup, header.topic, header.queueId);
    const offset = stored >= 0 ? stored : await this.offsetForNewGroup(header.topic, header.queueId, header.setZeroIfNotFound);
    if (offset === undefined) {
      throw new MQError(ResponseCode.QUERY_NOT_FOUND, 'Not found, V3_0_6_SNAPSHOT maybe this group consumer boot first');
    }
    const response = RemotingCommand.createResponse(request, ResponseCode.SUCCESS);
    response.extFields = OffsetResponseHeader.encode({ offset });
    return response;
  }

  /** Stores the offset unconditionally (going backwards is allowed). */
  updateOffset(request: RemotingCommand, channel: RemotingChannel): RemotingCommand {
    const header = UpdateConsumerOffsetRequestHeader.decode(request.extFields);
    if (!this.ctx.subscriptionGroupManager.findSubscriptionGroupConfig(header.consumerGroup)) {
      throw new MQError(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, `Subscription group [${header.consumerGroup}] not exist!`);
    }
    if (!this.ctx.topicConfigManager.selectTopicConfig(header.topic)) {
      throw new MQError(ResponseCode.TOPIC_NOT_EXIST, `Topic ${header.topic} not exist!`);
    }
    if (this.ctx.consumerOffsetManager.hasOffsetReset(header.consumerGroup, header.topic, header.queueId)) {
      return RemotingCommand.createResponse(request, ResponseCode.SUCCESS);
    }
    this.ctx.consumerOffsetManager.commitOffset(
      channel.remoteAddress,
      header.consumerGroup,
      header.topic,
      header.queueId,
      header.commitOffset,
    );
    return RemotingCommand.createResponse(request, ResponseCode.SUCCESS);
  }

  /**
   * 0 when the queue still starts at 0 and its first message is "in memory" by 4.9's
   * estimate: within `accessMessageInMemoryMaxRatio`% of RAM behind the commit-log end.
   */
  private async offsetForNewGroup(topic: string, queueId: number, setZeroIfNotFound: boolean | undefined): Promise<number | undefined> {
    if (setZeroIfNotFound === false) return undefined;
    const { store } = this.ctx;
    if (store.getMinOffsetInQueue(topic, queueId) > 0) return undefined;
    const firstPhyOffset = await store.getCommitLogOffsetInQueue(topic, queueId, 0);
    const memoryBudget = (os.totalmem() * store.config.accessMessageInMemoryMaxRatio) / 100;
    return store.getMaxPhyOffset() - firstPhyOffset <= memoryBudget ? 0 : undefined;
  }
}
