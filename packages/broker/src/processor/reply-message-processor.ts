import {
  MessageConst,
  MessageExt,
  MQError,
  decodeProperties,
  encodeProperties,
  formatHostAddress,
  getLogger,
  hostFromSocket,
  parseHostAddress,
} from '@mq/common';
import {
  decodeSendMessageRequestHeader,
  RemotingCommand,
  ReplyMessageRequestHeader,
  RequestCode,
  ResponseCode,
  SendMessageResponseHeader,
  type RemotingChannel,
  type SendMessageRequestHeader,
} from '@mq/remoting';
import type { BrokerContext } from '../broker-context';
import { putStatusResponse } from './put-status';
import type { SendMessageProcessor } from './send-message-processor';

const log = getLogger('ReplyMessageProcessor');

/** How long the broker waits for the requester to take the reply (Java's `callClient`: 10 s). */
const PUSH_REPLY_TIMEOUT_MS = 10_000;

/** Outcome of handing a reply to its requester: undefined when delivered, else Java's remark. */
type PushFailure = string | undefined;

/**
 * SEND_REPLY_MESSAGE (324) and SEND_REPLY_MESSAGE_V2 (325), request/reply: the replier's
 * message is checked like a send, pushed to the requesting producer (found by the
 * `REPLY_TO_CLIENT` client id) as PUSH_REPLY_MESSAGE_TO_CLIENT (326, remoting §8.18), and,
 * with `storeReplyMessageEnable`, also stored. The response is SUCCESS only when the push
 * succeeded; otherwise SYSTEM_ERROR with the reason as remark.
 */
export class ReplyMessageProcessor {
  constructor(
    private readonly ctx: BrokerContext,
    private readonly send: SendMessageProcessor,
  ) {}

  /** Serves one reply. */
  async process(request: RemotingCommand, channel: RemotingChannel): Promise<RemotingCommand> {
    try {
      const header = decodeSendMessageRequestHeader(request.code, request.extFields);
      const topicConfig = this.send.checkMessage(header, channel);
      const queueId = header.queueId < 0 ? Math.floor(Math.random() * Math.max(1, topicConfig.writeQueueNums)) : header.queueId;
      const reply = this.replyMessage(header, request, channel, queueId);
      const pushFailure = await this.pushToRequester(header, reply, channel);
      const response = pushFailure === undefined
        ? this.pushedResponse(request, queueId)
        : RemotingCommand.createResponse(request, ResponseCode.SYSTEM_ERROR, pushFailure);
      if (this.ctx.config.storeReplyMessageEnable) await this.store(reply, response, queueId);
      return this.send.withRegion(response);
    } catch (error) {
      if (!(error instanceof MQError)) throw error;
      return this.send.withRegion(RemotingCommand.createResponse(request, error.code, error.remark));
    }
  }

  /** The reply as it is stored: the replier's fields as sent, no broker-added properties. */
  private replyMessage(
    header: SendMessageRequestHeader,
    request: RemotingCommand,
    channel: RemotingChannel,
    queueId: number,
  ): MessageExt {
    const reply = new MessageExt(header.topic, request.body ?? Buffer.alloc(0));
    reply.queueId = queueId;
    reply.flag = header.flag;
    reply.sysFlag = header.sysFlag;
    reply.propertiesString = header.properties ?? '';
    reply.bornTimestamp = header.bornTimestamp;
    const born = parseHostAddress(channel.remoteAddress);
    reply.bornHost = hostFromSocket(born.address, born.port);
    reply.storeHost = this.ctx.storeHost;
    reply.reconsumeTimes = header.reconsumeTimes ?? 0;
    return reply;
  }

  private async pushToRequester(header: SendMessageRequestHeader, reply: MessageExt, channel: RemotingChannel): Promise<PushFailure> {
    const requesterId = reply.getProperty(MessageConst.PROPERTY_MESSAGE_REPLY_TO_CLIENT);
    if (requesterId === undefined) {
      log.warn('REPLY_TO_CLIENT is null, can not reply message');
      return `reply message properties[${MessageConst.PROPERTY_MESSAGE_REPLY_TO_CLIENT}] is null`;
    }
    const requester = this.ctx.producerManager.findChannel(requesterId);
    if (!requester) {
      const remark = `push reply message fail, channel of <${requesterId}> not found.`;
      log.warn({ requesterId }, remark);
      return remark;
    }
    const push = RemotingCommand.createRequest(
      RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT,
      ReplyMessageRequestHeader.encode(this.pushHeader(header, channel)),
      reply.body,
    );
    try {
      const answer = await requester.invoke(push, PUSH_REPLY_TIMEOUT_MS);
      if (answer.code === ResponseCode.SUCCESS) return undefined;
      log.warn({ requesterId, code: answer.code, remark: answer.remark }, 'requester refused the reply');
    } catch (error) {
      log.warn({ requesterId, remoteAddr: requester.remoteAddress, err: error }, 'push reply message failed');
    }
    // Java's wording, missing space included.
    return `push reply message to ${requesterId}fail.`;
  }

  /** The send header fields as received, plus where and when; properties gain PUSH_REPLY_TIME. */
  private pushHeader(header: SendMessageRequestHeader, channel: RemotingChannel): ReplyMessageRequestHeader {
    const now = Date.now();
    const properties = decodeProperties(header.properties ?? '');
    properties.set(MessageConst.PROPERTY_PUSH_REPLY_TIME, String(now));
    return {
      producerGroup: header.producerGroup,
      topic: header.topic,
      defaultTopic: header.defaultTopic,
      defaultTopicQueueNums: header.defaultTopicQueueNums,
      queueId: header.queueId,
      sysFlag: header.sysFlag,
      bornTimestamp: header.bornTimestamp,
      flag: header.flag,
      properties: encodeProperties(properties),
      reconsumeTimes: header.reconsumeTimes,
      unitMode: header.unitMode ?? false,
      bornHost: channel.remoteAddress,
      storeHost: formatHostAddress(this.ctx.storeHost),
      storeTimestamp: now,
    };
  }

  /** SUCCESS; msgId "0" and offset 0 (Java's placeholders) until a store result replaces them. */
  private pushedResponse(request: RemotingCommand, queueId: number): RemotingCommand {
    const response = RemotingCommand.createResponse(request, ResponseCode.SUCCESS);
    response.extFields = SendMessageResponseHeader.encode({ msgId: '0', queueId, queueOffset: 0 });
    return response;
  }

  /** Stores the reply; a stored one's msgId and offset go into the response, a failure is only logged (as Java). */
  private async store(reply: MessageExt, response: RemotingCommand, queueId: number): Promise<void> {
    const put = await this.ctx.store.putMessage(reply);
    const status = putStatusResponse(put.putMessageStatus, this.ctx.maxMessageSize);
    if (!status.stored) {
      log.warn({ topic: reply.topic, status: put.putMessageStatus }, 'storing the reply message failed');
      return;
    }
    response.extFields = SendMessageResponseHeader.encode({
      msgId: put.appendMessageResult?.msgId ?? '',
      queueId,
      queueOffset: put.appendMessageResult?.logicsOffset ?? 0,
    });
  }
}
