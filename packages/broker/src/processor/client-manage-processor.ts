import { getRetryTopic, PermName } from '@mq/common';
import {
  HeartbeatData,
  RemotingCommand,
  ResponseCode,
  UnregisterClientRequestHeader,
  type ConsumerData,
  type RemotingChannel,
  type SubscriptionData,
} from '@mq/remoting';
import type { BrokerContext } from '../broker-context';
import type { ClientChannelInfo } from '../client/client-channel-info';
import type { ConsumerSubscription } from '../client/consumer-subscription';
import { isTagType } from '../filter/subscription-filter';
import { decodeRequestBody } from './request-body';

/**
 * HEART_BEAT (34) and UNREGISTER_CLIENT (35): keeps the producer and consumer tables in
 * step with the clients (remoting §8.1, §8.2).
 */
export class ClientManageProcessor {
  constructor(private readonly ctx: BrokerContext) {}

  /** Registers every producer and consumer group of a heartbeat. */
  heartbeat(request: RemotingCommand, channel: RemotingChannel): RemotingCommand {
    const data = decodeRequestBody(HeartbeatData, request.body, 'HeartbeatData');
    const info: ClientChannelInfo<RemotingChannel> = {
      channel,
      clientId: data.clientID ?? '',
      language: request.language,
      version: request.version,
      remoteAddr: channel.remoteAddress,
      lastUpdateTimestamp: Date.now(),
    };
    for (const consumer of data.consumerDataSet) this.registerConsumer(consumer, info);
    for (const producer of data.producerDataSet) this.ctx.producerManager.registerProducer(producer.groupName ?? '', info);
    const response = RemotingCommand.createResponse(request, ResponseCode.SUCCESS);
    response.extFields = { IS_SUPPORT_HEART_BEAT_V2: 'false', IS_SUB_CHANGE: 'false' };
    return response;
  }

  /** Removes the connection from the groups named in the header. */
  unregisterClient(request: RemotingCommand, channel: RemotingChannel): RemotingCommand {
    const header = UnregisterClientRequestHeader.decode(request.extFields);
    if (header.producerGroup) this.ctx.producerManager.unregisterProducer(header.producerGroup, channel);
    if (header.consumerGroup) {
      const group = this.ctx.subscriptionGroupManager.selectSubscriptionGroupConfig(header.consumerGroup);
      this.ctx.consumerManager.unregisterConsumer(header.consumerGroup, channel, group?.notifyConsumerIdsChangedEnable ?? true);
    }
    return RemotingCommand.createResponse(request, ResponseCode.SUCCESS);
  }

  private registerConsumer(consumer: ConsumerData, info: ClientChannelInfo<RemotingChannel>): void {
    const groupName = consumer.groupName ?? '';
    const group = this.ctx.subscriptionGroupManager.findSubscriptionGroupConfig(groupName);
    if (!group) return;
    if (group.retryQueueNums > 0) {
      this.ctx.topicConfigManager.createTopicIfAbsent(
        getRetryTopic(groupName),
        group.retryQueueNums,
        PermName.PERM_READ | PermName.PERM_WRITE,
      );
    }
    this.ctx.consumerManager.registerConsumer({
      group: groupName,
      info,
      mode: {
        consumeType: consumer.consumeType ?? 'CONSUME_PASSIVELY',
        messageModel: consumer.messageModel ?? 'CLUSTERING',
        consumeFromWhere: consumer.consumeFromWhere ?? 'CONSUME_FROM_LAST_OFFSET',
      },
      subscriptions: consumer.subscriptionDataSet.map(toConsumerSubscription),
      notifyEnabled: group.notifyConsumerIdsChangedEnable,
    });
    for (const data of consumer.subscriptionDataSet) {
      if (isTagType(data.expressionType)) continue;
      this.ctx.consumerFilterManager.register(data.topic ?? '', groupName, data.subString ?? '', data.subVersion);
    }
  }
}

function toConsumerSubscription(data: SubscriptionData): ConsumerSubscription {
  return {
    topic: data.topic ?? '',
    subString: data.subString ?? '*',
    expressionType: data.expressionType,
    tagsSet: data.tagsSet,
    codeSet: data.codeSet,
    subVersion: data.subVersion,
  };
}
