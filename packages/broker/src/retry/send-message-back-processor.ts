import {
  DLQ_GROUP_TOPIC_PREFIX,
  isWriteable,
  MessageConst,
  MQError,
  PermName,
  RETRY_GROUP_TOPIC_PREFIX,
  type MessageExt,
} from '@mq/common';
import { ConsumerSendMsgBackRequestHeader, RemotingCommand, ResponseCode } from '@mq/remoting';
import { PutMessageStatus } from '@mq/store';
import type { BrokerContext } from '../broker-context';
import { copyMessageTo } from '../message/inner-message';
import { applyScheduleHook } from '../schedule/schedule-put-hook';

/** Queues of a `%DLQ%` topic (Java's `DLQ_NUMS_PER_GROUP`). */
export const DLQ_NUMS_PER_GROUP = 1;
/** Request version from which the header's `maxReconsumeTimes` is honoured (V3_4_9). */
const VERSION_WITH_MAX_RECONSUME_TIMES = 121;
/** First retry level when the client leaves the choice to the broker (level 3 = 10 s). */
const FIRST_RETRY_DELAY_LEVEL = 3;
const READ_WRITE = PermName.PERM_READ | PermName.PERM_WRITE;
const FAQ_SUFFIX = '\nSee https://rocketmq.apache.org/docs/bestPractice/06FAQ for further details.';

/** Where a sent-back message goes. */
interface Destination {
  topic: string;
  queueId: number;
  /** Delay level written into `DELAY` (0 for the DLQ). */
  delayLevel: number;
}

/**
 * CONSUMER_SEND_MSG_BACK (36, store-and-broker §8.2): a consumer failed a message; store a
 * copy in `%RETRY%<group>` behind a delay level (3 + reconsumeTimes unless the client
 * asks for one), or in `%DLQ%<group>` once it used up `maxReconsumeTimes` or when the
 * client asks for it with a negative level.
 */
export class SendMessageBackProcessor {
  constructor(private readonly ctx: BrokerContext) {}

  /** Serves one send-back request. */
  async process(request: RemotingCommand): Promise<RemotingCommand> {
    const header = ConsumerSendMsgBackRequestHeader.decode(request.extFields);
    const { config, subscriptionGroupManager, topicConfigManager, store } = this.ctx;
    const groupConfig = subscriptionGroupManager.findSubscriptionGroupConfig(header.group);
    if (!groupConfig) {
      throw new MQError(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, `subscription group not exist, ${header.group}${FAQ_SUFFIX}`);
    }
    if (!isWriteable(config.brokerPermission)) {
      throw new MQError(ResponseCode.NO_PERMISSION, `the broker[${config.brokerIP1}] sending message is forbidden`);
    }
    if (groupConfig.retryQueueNums <= 0) return RemotingCommand.createResponse(request, ResponseCode.SUCCESS);
    const retryTopic = topicConfigManager.createTopicIfAbsent(`${RETRY_GROUP_TOPIC_PREFIX}${header.group}`, groupConfig.retryQueueNums, READ_WRITE);
    if (!isWriteable(retryTopic.perm)) {
      throw new MQError(ResponseCode.NO_PERMISSION, `the topic[${retryTopic.topicName}] sending message is forbidden`);
    }
    const original = await store.lookMessageByOffset(header.offset);
    if (!original) throw new MQError(ResponseCode.SYSTEM_ERROR, `look message by offset failed, ${header.offset}`);
    const maxReconsumeTimes =
      request.version >= VERSION_WITH_MAX_RECONSUME_TIMES && header.maxReconsumeTimes !== undefined
        ? header.maxReconsumeTimes
        : groupConfig.retryMaxTimes;
    const destination =
      original.reconsumeTimes >= maxReconsumeTimes || header.delayLevel < 0
        ? this.deadLetterDestination(header.group)
        : { topic: retryTopic.topicName, queueId: randomQueueId(groupConfig.retryQueueNums), delayLevel: header.delayLevel || FIRST_RETRY_DELAY_LEVEL + original.reconsumeTimes };
    const message = retryMessage(original, destination);
    applyScheduleHook(message, this.ctx.delayLevels.length);
    const put = await store.putMessage(message);
    if (put.putMessageStatus === PutMessageStatus.PUT_OK) return RemotingCommand.createResponse(request, ResponseCode.SUCCESS);
    return RemotingCommand.createResponse(request, ResponseCode.SYSTEM_ERROR, put.putMessageStatus);
  }

  private deadLetterDestination(group: string): Destination {
    const topic = this.ctx.topicConfigManager.createTopicIfAbsent(`${DLQ_GROUP_TOPIC_PREFIX}${group}`, DLQ_NUMS_PER_GROUP, READ_WRITE);
    return { topic: topic.topicName, queueId: randomQueueId(DLQ_NUMS_PER_GROUP), delayLevel: 0 };
  }
}

/**
 * The copy stored for another attempt (§8.2 step 10): the original's body, flag, sysflag,
 * born time and hosts and properties, one more reconsume, `RETRY_TOPIC` (first topic) and
 * `ORIGIN_MESSAGE_ID` (first offsetMsgId) kept from the first failure on.
 */
function retryMessage(original: MessageExt, destination: Destination): MessageExt {
  const message = copyMessageTo(original, destination.topic, destination.queueId);
  message.reconsumeTimes = original.reconsumeTimes + 1;
  if (!original.getProperty(MessageConst.PROPERTY_RETRY_TOPIC)) message.putProperty(MessageConst.PROPERTY_RETRY_TOPIC, original.topic);
  message.putProperty(MessageConst.PROPERTY_WAIT_STORE_MSG_OK, 'false');
  message.delayTimeLevel = destination.delayLevel;
  message.putProperty(MessageConst.PROPERTY_ORIGIN_MESSAGE_ID, original.getProperty(MessageConst.PROPERTY_ORIGIN_MESSAGE_ID) || original.offsetMsgId);
  return message;
}

function randomQueueId(queueNums: number): number {
  return Math.floor(Math.random() * queueNums);
}
