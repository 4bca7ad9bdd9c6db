import { randomUUID } from 'node:crypto';
import { MQError, Message, MessageConst, MessageExt, MessageSysFlag, decodeProperties, decompressBody, parseHostAddress } from '@mq/common';
import type { ReplyMessageRequestHeader } from '@mq/remoting';
import { ClientErrorCode } from '../client-error-code';

/** Suffix of the per-cluster topic replies travel on (`<cluster>_REPLY_TOPIC`). */
export const REPLY_TOPIC_POSTFIX = '_REPLY_TOPIC';

/** Marks a message as a request: a fresh CORRELATION_ID, where to reply, and its TTL. Returns the correlation id. */
export function prepareRequestMessage(message: Message, clientId: string, timeoutMs: number): string {
  const correlationId = randomUUID();
  message.putProperty(MessageConst.PROPERTY_CORRELATION_ID, correlationId);
  message.putProperty(MessageConst.PROPERTY_MESSAGE_REPLY_TO_CLIENT, clientId);
  message.putProperty(MessageConst.PROPERTY_MESSAGE_TTL, String(timeoutMs));
  return correlationId;
}

/** True when the message is a reply (`MSG_TYPE=reply`), sent with SEND_REPLY_MESSAGE_V2. */
export function isReplyMessage(message: Message): boolean {
  return message.getProperty(MessageConst.PROPERTY_MESSAGE_TYPE) === MessageConst.REPLY_MESSAGE_FLAG;
}

/**
 * Builds the reply to a request a consumer received (Java's `MessageUtil.createReplyMessage`):
 * topic `<CLUSTER>_REPLY_TOPIC`, with the request's CORRELATION_ID, REPLY_TO_CLIENT and TTL.
 * Send it with any started producer: `await producer.send(createReplyMessage(request, body))`.
 * Fails with CREATE_REPLY_MESSAGE_EXCEPTION when the request lacks the broker-set CLUSTER.
 */
export function createReplyMessage(request: Message, body: Buffer): Message {
  const cluster = request.getProperty(MessageConst.PROPERTY_CLUSTER);
  if (!cluster) {
    throw new MQError(ClientErrorCode.CREATE_REPLY_MESSAGE_EXCEPTION, 'create reply message fail, requestMessage error, property[CLUSTER] is null.');
  }
  const reply = new Message(`${cluster}${REPLY_TOPIC_POSTFIX}`, body);
  reply.putProperty(MessageConst.PROPERTY_MESSAGE_TYPE, MessageConst.REPLY_MESSAGE_FLAG);
  for (const key of [MessageConst.PROPERTY_CORRELATION_ID, MessageConst.PROPERTY_MESSAGE_REPLY_TO_CLIENT, MessageConst.PROPERTY_MESSAGE_TTL]) {
    const value = request.getProperty(key);
    if (value !== undefined) reply.putProperty(key, value);
  }
  return reply;
}

/** The reply a broker pushed with PUSH_REPLY_MESSAGE_TO_CLIENT (§8.18), body decompressed, ARRIVE_TIME set. */
export function replyFromPush(header: ReplyMessageRequestHeader, body: Buffer | undefined, arrivedAt = Date.now()): MessageExt {
  const payload = body ?? Buffer.alloc(0);
  const compressed = (header.sysFlag & MessageSysFlag.COMPRESSED_FLAG) !== 0;
  const reply = new MessageExt(header.topic, compressed ? decompressBody(payload, header.sysFlag) : payload);
  reply.queueId = header.queueId;
  reply.flag = header.flag;
  reply.sysFlag = header.sysFlag;
  reply.bornTimestamp = header.bornTimestamp;
  reply.bornHost = parseHostAddress(header.bornHost);
  reply.storeTimestamp = header.storeTimestamp;
  reply.storeHost = parseHostAddress(header.storeHost);
  reply.reconsumeTimes = header.reconsumeTimes ?? 0;
  for (const [key, value] of decodeProperties(header.properties ?? '')) reply.properties.set(key, value);
  reply.putProperty(MessageConst.PROPERTY_REPLY_MESSAGE_ARRIVE_TIME, String(arrivedAt));
  return reply;
}
