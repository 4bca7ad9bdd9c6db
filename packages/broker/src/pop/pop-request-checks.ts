import { isReadable, MQError, type TopicConfig } from '@mq/common';
import { ResponseCode } from '@mq/remoting';
import type { BrokerContext } from '../broker-context';

/** First check of POP_MESSAGE and PEEK_MESSAGE: the broker may be read (else NO_PERMISSION). */
export function checkBrokerReadable(ctx: BrokerContext, action: string): void {
  if (!isReadable(ctx.config.brokerPermission)) {
    throw new MQError(ResponseCode.NO_PERMISSION, `the broker[${ctx.config.brokerIP1}] ${action} message is forbidden`);
  }
}

/**
 * The later checks POP_MESSAGE and PEEK_MESSAGE share (store-and-broker §15.2), in Apache's
 * order: topic exists and is readable, queueId below `readQueueNums`, group exists and may
 * consume. Throws MQError with the code Apache answers.
 */
export function checkPopTarget(ctx: BrokerContext, topic: string, queueId: number, group: string, action: string): TopicConfig {
  const topicConfig = ctx.topicConfigManager.selectTopicConfig(topic);
  if (!topicConfig) throw new MQError(ResponseCode.TOPIC_NOT_EXIST, `topic[${topic}] not exist, apply first please!`);
  if (!isReadable(topicConfig.perm)) throw new MQError(ResponseCode.NO_PERMISSION, `the topic[${topic}] ${action} message is forbidden`);
  if (queueId >= topicConfig.readQueueNums) {
    throw new MQError(
      ResponseCode.INVALID_PARAMETER,
      `queueId[${queueId}] is illegal, topic:[${topic}] topicConfig.readQueueNums:[${topicConfig.readQueueNums}]`,
    );
  }
  const groupConfig = ctx.subscriptionGroupManager.findSubscriptionGroupConfig(group);
  if (!groupConfig) throw new MQError(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, `subscription group [${group}] does not exist`);
  if (!groupConfig.consumeEnable) throw new MQError(ResponseCode.NO_PERMISSION, `subscription group no permission, ${group}`);
  return topicConfig;
}

/**
 * The checks ACK_MESSAGE and CHANGE_MESSAGE_INVISIBLETIME share: the topic named (the retry
 * topic for retried messages) exists, the queue id is in range (else MESSAGE_ILLEGAL), and the
 * offset lies in the queue (`[min, max]` for acks, `[min, max)` for changes; else NO_MESSAGE).
 */
export function checkAckTarget(ctx: BrokerContext, topic: string, queueId: number, offset: number, maxInclusive: boolean): void {
  const topicConfig = ctx.topicConfigManager.selectTopicConfig(topic);
  if (!topicConfig) throw new MQError(ResponseCode.TOPIC_NOT_EXIST, `topic[${topic}] not exist, apply first please!`);
  if (queueId < 0 || queueId >= topicConfig.readQueueNums) {
    throw new MQError(
      ResponseCode.MESSAGE_ILLEGAL,
      `queueId[${queueId}] is illegal, topic:[${topic}] topicConfig.readQueueNums:[${topicConfig.readQueueNums}]`,
    );
  }
  const min = ctx.store.getMinOffsetInQueue(topic, queueId);
  const max = ctx.store.getMaxOffsetInQueue(topic, queueId);
  if (offset < min || offset > max || (!maxInclusive && offset === max)) {
    throw new MQError(ResponseCode.NO_MESSAGE, `offset is illegal, key:${topic}@${queueId}, commit:${offset}, store:${min}~${max}`);
  }
}
