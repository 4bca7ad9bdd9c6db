import {
  checkTopic,
  createUniqueMessageId,
  DLQ_GROUP_TOPIC_PREFIX,
  forbiddenSendRemark,
  isNotAllowedSendTopic,
  perm2String,
  RETRY_GROUP_TOPIC_PREFIX,
  TopicFilterType,
  type TopicConfig,
  decodeBatchBody,
  decodeProperties,
  hostFromSocket,
  isWriteable,
  MessageConst,
  MessageExt,
  MessageSysFlag,
  MQError,
  parseHostAddress,
  type Message,
} from '@mq/common';
import {
  decodeSendMessageRequestHeader,
  RemotingCommand,
  ResponseCode,
  SendMessageResponseHeader,
  type RemotingChannel,
  type SendMessageRequestHeader,
} from '@mq/remoting';
import type { BrokerContext } from '../broker-context';
import { PutMessageStatus, type PutMessageResult } from '@mq/store';
import { putStatusResponse } from './put-status';
import { applyTimerTransform } from '../timer/timer-message-transform';
import { recallHandleOf } from '../timer/recall-handle';
import { applyScheduleHook } from '../schedule/schedule-put-hook';
import { isHalfMessageRequest, toHalfMessage } from '../transaction/half-message';

const FAQ_SUFFIX = '\nSee https://rocketmq.apache.org/docs/bestPractice/06FAQ for further details.';
const DEFAULT_MAX_RECONSUME_TIMES = 16;
/** Request version from which the header's maxReconsumeTimes is honoured (V3_4_9). */
const VERSION_WITH_MAX_RECONSUME_TIMES = 121;

/**
 * SEND_MESSAGE (10), SEND_MESSAGE_V2 (310) and SEND_BATCH_MESSAGE (320): validates the
 * request in RocketMQ's order (store-and-broker §2.1), builds the inner message(s) and stores
 * them. Every response carries `MSG_REGION` and `TRACE_ON`.
 */
export class SendMessageProcessor {
  constructor(private readonly ctx: BrokerContext) {}

  /** Serves one send request. */
  async process(request: RemotingCommand, channel: RemotingChannel): Promise<RemotingCommand> {
    try {
      const header = decodeSendMessageRequestHeader(request.code, request.extFields);
      const topicConfig = this.checkMessage(header, channel);
      const queueId = header.queueId < 0 ? randomQueueId(topicConfig.writeQueueNums) : header.queueId;
      const result = header.batch
        ? await this.putBatch(header, request, channel, topicConfig, queueId)
        : await this.putSingle(header, request, channel, topicConfig, queueId);
      return this.withRegion(this.answer(request, result));
    } catch (error) {
      if (!(error instanceof MQError)) throw error;
      return this.withRegion(RemotingCommand.createResponse(request, error.code, error.remark));
    }
  }

  /** Checks 1–5 of §2.1; returns the (possibly auto-created) topic. Replies are checked the same way. */
  checkMessage(header: SendMessageRequestHeader, channel: RemotingChannel): TopicConfig {
    const { config, topicConfigManager } = this.ctx;
    if (Date.now() < config.startAcceptSendRequestTimeStamp) {
      throw new MQError(ResponseCode.SYSTEM_ERROR, `broker unable to service, until ${config.startAcceptSendRequestTimeStamp}`);
    }
    const existing = topicConfigManager.selectTopicConfig(header.topic);
    if (!isWriteable(config.brokerPermission) && existing?.order) {
      throw new MQError(ResponseCode.NO_PERMISSION, `the broker[${config.brokerIP1}] sending message is forbidden`);
    }
    checkTopic(header.topic);
    if (isNotAllowedSendTopic(header.topic)) {
      throw new MQError(ResponseCode.NO_PERMISSION, forbiddenSendRemark(header.topic));
    }
    const topicConfig =
      existing ??
      topicConfigManager.createTopicInSendMessageMethod(
        header.topic,
        header.defaultTopic,
        channel.remoteAddress,
        header.defaultTopicQueueNums,
        0,
      ) ??
      (header.topic.startsWith(RETRY_GROUP_TOPIC_PREFIX) ? topicConfigManager.createTopicIfAbsent(header.topic, 1, 6) : undefined);
    if (!topicConfig) {
      throw new MQError(ResponseCode.TOPIC_NOT_EXIST, `topic[${header.topic}] not exist, apply first please!${FAQ_SUFFIX}`);
    }
    const maxQueueId = Math.max(topicConfig.writeQueueNums, topicConfig.readQueueNums);
    if (header.queueId >= maxQueueId) {
      throw new MQError(
        ResponseCode.INVALID_PARAMETER,
        `request queueId[${header.queueId}] is illegal, ${describeTopic(topicConfig)} Producer: ${channel.remoteAddress}`,
      );
    }
    return topicConfig;
  }

  private async putSingle(
    header: SendMessageRequestHeader,
    request: RemotingCommand,
    channel: RemotingChannel,
    topicConfig: TopicConfig,
    queueId: number,
  ): Promise<StoredSend> {
    const message = this.innerMessage(header, channel, topicConfig, queueId);
    message.body = request.body ?? Buffer.alloc(0);
    message.flag = header.flag;
    message.propertiesString = header.properties ?? '';
    this.routeRetry(header, message, request.version);
    if (!message.getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX)) {
      message.putProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX, createUniqueMessageId());
    }
    message.putProperty(MessageConst.PROPERTY_CLUSTER, this.ctx.config.brokerClusterName);
    message.putProperty(MessageConst.PROPERTY_MSG_REGION, this.ctx.config.regionId);
    message.putProperty(MessageConst.PROPERTY_TRACE_SWITCH, String(this.ctx.config.traceOn));
    this.checkTransaction(message);
    this.checkBodySize(message.body.length);
    const answeredQueueId = message.queueId;
    if (isHalfMessageRequest(message)) toHalfMessage(message);
    applyTimerTransform(message, this.ctx.config);
    applyScheduleHook(message, this.ctx.delayLevels.length);
    const put = await this.ctx.store.putMessage(message);
    return {
      put,
      queueId: answeredQueueId,
      transactionId: message.getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX),
      recallHandle: recallHandleOf(message, this.ctx.config.brokerName),
    };
  }

  private async putBatch(
    header: SendMessageRequestHeader,
    request: RemotingCommand,
    channel: RemotingChannel,
    topicConfig: TopicConfig,
    queueId: number,
  ): Promise<StoredSend> {
    if (header.topic.length > 127) {
      throw new MQError(ResponseCode.MESSAGE_ILLEGAL, `message topic length too long ${header.topic.length}`);
    }
    if (header.topic.startsWith(RETRY_GROUP_TOPIC_PREFIX)) {
      throw new MQError(ResponseCode.MESSAGE_ILLEGAL, 'batch request does not support retry group ' + header.topic);
    }
    const body = request.body ?? Buffer.alloc(0);
    this.checkBodySize(body.length);
    const batchProperties = decodeProperties(header.properties ?? '');
    batchProperties.set(MessageConst.PROPERTY_CLUSTER, this.ctx.config.brokerClusterName);
    batchProperties.set(MessageConst.PROPERTY_MSG_REGION, this.ctx.config.regionId);
    batchProperties.set(MessageConst.PROPERTY_TRACE_SWITCH, String(this.ctx.config.traceOn));
    const messages = decodeBatchBody(body, header.topic).map((inner) =>
      this.batchMember(header, channel, topicConfig, queueId, inner, batchProperties),
    );
    if (messages.length === 0) throw new MQError(ResponseCode.MESSAGE_ILLEGAL, 'the batch body holds no message');
    return { put: await this.ctx.store.putMessages(messages), queueId };
  }

  private batchMember(
    header: SendMessageRequestHeader,
    channel: RemotingChannel,
    topicConfig: TopicConfig,
    queueId: number,
    inner: Message,
    batchProperties: ReadonlyMap<string, string>,
  ): MessageExt {
    const message = this.innerMessage(header, channel, topicConfig, queueId);
    message.body = inner.body;
    message.flag = inner.flag;
    message.putProperties(inner.properties);
    message.putProperties(batchProperties);
    if (message.getProperty(MessageConst.PROPERTY_DELAY_TIME_LEVEL) || (message.sysFlag & MessageSysFlag.TRANSACTION_TYPE_MASK) !== 0) {
      throw new MQError(ResponseCode.MESSAGE_ILLEGAL, 'batch message does not support delay or transaction');
    }
    if (!message.getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX)) {
      message.putProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX, createUniqueMessageId());
    }
    return message;
  }

  /** The fields every stored message of this request shares. */
  private innerMessage(
    header: SendMessageRequestHeader,
    channel: RemotingChannel,
    topicConfig: TopicConfig,
    queueId: number,
  ): MessageExt {
    const message = new MessageExt(header.topic);
    message.queueId = queueId;
    message.sysFlag = header.sysFlag | (topicConfig.topicFilterType === TopicFilterType.MULTI_TAG ? MessageSysFlag.MULTI_TAGS_FLAG : 0);
    message.bornTimestamp = header.bornTimestamp;
    const born = parseHostAddress(channel.remoteAddress);
    message.bornHost = hostFromSocket(born.address, born.port);
    message.storeHost = this.ctx.storeHost;
    message.reconsumeTimes = header.reconsumeTimes ?? 0;
    return message;
  }

  /**
   * Sends to `%RETRY%<group>` (§8.3): the group must exist, and a message that used up its
   * reconsume attempts, or any from an orderly group (one holding queue locks here), goes to
   * `%DLQ%<group>` instead, with `DELAY=-1`.
   */
  private routeRetry(header: SendMessageRequestHeader, message: MessageExt, requestVersion: number): void {
    if (!header.topic.startsWith(RETRY_GROUP_TOPIC_PREFIX)) return;
    const group = header.topic.slice(RETRY_GROUP_TOPIC_PREFIX.length);
    const groupConfig = this.ctx.subscriptionGroupManager.findSubscriptionGroupConfig(group);
    if (!groupConfig) {
      throw new MQError(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, `subscription group not exist, ${group}${FAQ_SUFFIX}`);
    }
    const reconsumeTimes = Number(message.getProperty(MessageConst.PROPERTY_RECONSUME_TIME) ?? header.reconsumeTimes ?? 0);
    message.removeProperty(MessageConst.PROPERTY_RECONSUME_TIME);
    message.reconsumeTimes = reconsumeTimes;
    const maxReconsumeTimes =
      requestVersion >= VERSION_WITH_MAX_RECONSUME_TIMES && header.maxReconsumeTimes !== undefined
        ? header.maxReconsumeTimes
        : (groupConfig.retryMaxTimes ?? DEFAULT_MAX_RECONSUME_TIMES);
    const orderlyGroup = !this.ctx.rebalanceLockManager.isLockAllExpired(group);
    if (reconsumeTimes <= maxReconsumeTimes && !orderlyGroup) return;
    const dlqTopic = `${DLQ_GROUP_TOPIC_PREFIX}${group}`;
    this.ctx.topicConfigManager.createTopicIfAbsent(dlqTopic, 1, 6);
    message.topic = dlqTopic;
    message.queueId = 0;
    message.delayTimeLevel = -1;
  }

  private checkTransaction(message: MessageExt): void {
    const prepared = message.getProperty(MessageConst.PROPERTY_TRANSACTION_PREPARED) === 'true';
    if (prepared && this.ctx.config.rejectTransactionMessage) {
      throw new MQError(ResponseCode.NO_PERMISSION, `the broker[${this.ctx.config.brokerIP1}] sending transaction message is forbidden`);
    }
  }

  private checkBodySize(length: number): void {
    if (length <= this.ctx.maxMessageSize) return;
    throw new MQError(ResponseCode.MESSAGE_ILLEGAL, putStatusResponse(PutMessageStatus.MESSAGE_ILLEGAL, this.ctx.maxMessageSize).remark ?? '');
  }

  private answer(request: RemotingCommand, { put, queueId, transactionId, recallHandle }: StoredSend): RemotingCommand {
    const status = putStatusResponse(put.putMessageStatus, this.ctx.maxMessageSize);
    const response = RemotingCommand.createResponse(request, status.code, status.remark);
    if (status.stored) {
      response.extFields = SendMessageResponseHeader.encode({
        msgId: put.appendMessageResult?.msgId ?? '',
        queueId,
        queueOffset: put.appendMessageResult?.logicsOffset ?? 0,
        transactionId,
        recallHandle,
      });
    }
    return response;
  }

  /** Adds `MSG_REGION` and `TRACE_ON`, which every send and reply response carries. */
  withRegion(response: RemotingCommand): RemotingCommand {
    response.extFields = {
      ...response.extFields,
      [MessageConst.PROPERTY_MSG_REGION]: this.ctx.config.regionId,
      [MessageConst.PROPERTY_TRACE_SWITCH]: String(this.ctx.config.traceOn),
    };
    return response;
  }
}

/** What a send stored, and what its response reports. */
interface StoredSend {
  put: PutMessageResult;
  /** The queue id the response reports. */
  queueId: number;
  transactionId?: string;
  /** Only for a single timer message to a non-retry topic, as the reference's `attachRecallHandle`. */
  recallHandle?: string;
}

function randomQueueId(writeQueueNums: number): number {
  return Math.floor(Math.random() * Math.max(1, writeQueueNums));
}

/** Java's `TopicConfig.toString()`, used in the queueId remark. */
function describeTopic(t: TopicConfig): string {
  return (
    `TopicConfig [topicName=${t.topicName}, readQueueNums=${t.readQueueNums}, writeQueueNums=${t.writeQueueNums}, ` +
    `perm=${perm2String(t.perm)}, topicFilterType=${t.topicFilterType}, topicSysFlag=${t.topicSysFlag}, order=${t.order}, attributes=${JSON.stringify(t.attributes)}]`
  );
}

