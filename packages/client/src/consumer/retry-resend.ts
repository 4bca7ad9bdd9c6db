import { MQError, Message, MessageConst, getRetryTopic, type MessageExt } from '@mq/common';
import { ResponseCode } from '@mq/remoting';
import type { MQClientInstance } from '../instance/mq-client-instance';
import { resolveProducerSettings } from '../producer/producer-options';
import { buildSendRequest, singlePayload } from '../producer/send-request';
import { sendStatusOf } from '../producer/send-result';
import { TopicPublishInfo } from '../producer/topic-publish-info';

/** Java's `MixAll.CLIENT_INNER_PRODUCER_GROUP`: the group of sends the client makes for itself. */
export const CLIENT_INNER_PRODUCER_GROUP = 'CLIENT_INNER_PRODUCER';
const INNER_SETTINGS = resolveProducerSettings({ group: CLIENT_INNER_PRODUCER_GROUP });
/** Java's retry delay: level 3 (10 s) plus one level per earlier retry. */
const BASE_RETRY_DELAY_LEVEL = 3;

/**
 * The copy of a failed message a consumer sends itself to `%RETRY%<group>` (§8.7): same
 * body, flag and properties, RETRY_TOPIC, ORIGIN_MESSAGE_ID, RECONSUME_TIME =
 * `reconsumeTimes`, MAX_RECONSUME_TIMES and DELAY = 3 + the message's reconsumeTimes; not
 * transactional. The broker moves it to `%DLQ%<group>` when `reconsumeTimes` reached the max.
 */
export function retryMessageOf(message: MessageExt, group: string, reconsumeTimes: number, maxReconsumeTimes: number): Message {
  const retry = new Message(getRetryTopic(group), message.body);
  retry.flag = message.flag;
  for (const [key, value] of message.properties) retry.properties.set(key, value);
  retry.putProperty(MessageConst.PROPERTY_ORIGIN_MESSAGE_ID, message.getProperty(MessageConst.PROPERTY_ORIGIN_MESSAGE_ID) || message.msgId);
  retry.putProperty(MessageConst.PROPERTY_RETRY_TOPIC, message.topic);
  retry.putProperty(MessageConst.PROPERTY_RECONSUME_TIME, String(reconsumeTimes));
  retry.putProperty(MessageConst.PROPERTY_MAX_RECONSUME_TIMES, String(maxReconsumeTimes));
  retry.removeProperty(MessageConst.PROPERTY_TRANSACTION_PREPARED);
  retry.delayTimeLevel = BASE_RETRY_DELAY_LEVEL + message.reconsumeTimes;
  return retry;
}

/** Sends a message as the client's inner producer (one attempt, to a queue of its topic's route). */
export async function sendAsInnerProducer(instance: MQClientInstance, message: Message, timeoutMs: number): Promise<void> {
  const route = await instance.updateTopicRoute(message.topic);
  const info = route ? new TopicPublishInfo(message.topic, route) : undefined;
  if (!info?.ok) throw new MQError(ResponseCode.TOPIC_NOT_EXIST, `no route to ${message.topic}`);
  const mq = info.selectOneQueue();
  const addr = instance.findBrokerAddressInPublish(mq.brokerName);
  if (!addr) throw new MQError(ResponseCode.SYSTEM_ERROR, `no master address for broker ${mq.brokerName}`);
  const request = buildSendRequest(singlePayload(message, INNER_SETTINGS), mq, INNER_SETTINGS);
  const response = await instance.api.remoting.invoke(addr, request, timeoutMs);
  if (!sendStatusOf(response.code)) throw new MQError(response.code, `broker ${addr} refused the retry message: ${response.remark ?? ''}`);
}
