import {
  MessageConst,
  MessageSysFlag,
  compressBody,
  encodeProperties,
  encodeBatchBody,
  isRetryTopic,
  Message,
  type MessageQueue,
} from '@mq/common';
import { RemotingCommand, RequestCode, SendMessageRequestHeaderV2, type SendMessageRequestHeader } from '@mq/remoting';
import type { ResolvedProducerSettings } from './producer-options';
import { isReplyMessage } from './request-reply';

/** What a send puts on the wire besides the queue. */
export interface SendPayload {
  /** Properties travel in the header; batches carry them per message in the body. */
  message: Message;
  body: Buffer;
  sysFlag: number;
  batch: boolean;
  /** The messages of a batch payload. */
  batchMessages?: readonly Message[];
}

/** A single message's payload: compressed when large enough, flagged when transactional. */
export function singlePayload(message: Message, settings: ResolvedProducerSettings): SendPayload {
  let body = message.body;
  let sysFlag = 0;
  if (body.length >= settings.compressMsgBodyOverHowmuch) {
    const compressed = compressBody(body, settings.compressLevel);
    body = compressed.body;
    sysFlag |= compressed.sysFlagBits;
  }
  if (message.transactionPrepared) sysFlag |= MessageSysFlag.TRANSACTION_PREPARED_TYPE;
  return { message, body, sysFlag, batch: false };
}

/** A batch payload: the messages encoded into one body; the header carries the topic and the first message's WAIT. */
export function batchPayload(topic: string, messages: readonly Message[]): SendPayload {
  const head = new Message(topic);
  head.waitStoreMsgOK = messages[0]?.waitStoreMsgOK ?? true;
  return { message: head, body: encodeBatchBody(messages), sysFlag: 0, batch: true, batchMessages: messages };
}

/** The SEND_MESSAGE_V2 / SEND_BATCH_MESSAGE request for a payload to a queue. */
export function buildSendRequest(payload: SendPayload, mq: MessageQueue, settings: ResolvedProducerSettings, requestCode?: number): RemotingCommand {
  const { message } = payload;
  const properties = new Map(message.properties);
  const header: SendMessageRequestHeader = {
    producerGroup: settings.group,
    topic: message.topic,
    defaultTopic: settings.createTopicKey,
    defaultTopicQueueNums: settings.defaultTopicQueueNums,
    queueId: mq.queueId,
    sysFlag: payload.sysFlag,
    bornTimestamp: Date.now(),
    flag: message.flag,
    reconsumeTimes: 0,
    unitMode: false,
    batch: payload.batch,
    bname: mq.brokerName,
  };
  if (isRetryTopic(message.topic)) moveRetryPropertiesToHeader(properties, header);
  header.properties = encodeProperties(properties);
  return RemotingCommand.createRequest(requestCode ?? sendRequestCodeOf(payload), SendMessageRequestHeaderV2.encode(header), payload.body);
}

/** SEND_BATCH_MESSAGE for batches, SEND_REPLY_MESSAGE_V2 for replies (`MSG_TYPE=reply`), else SEND_MESSAGE_V2. */
function sendRequestCodeOf(payload: SendPayload): number {
  if (payload.batch) return RequestCode.SEND_BATCH_MESSAGE;
  return isReplyMessage(payload.message) ? RequestCode.SEND_REPLY_MESSAGE_V2 : RequestCode.SEND_MESSAGE_V2;
}

/** §8.3: a send to a %RETRY% topic carries RECONSUME_TIME / MAX_RECONSUME_TIMES in the header. */
function moveRetryPropertiesToHeader(properties: Map<string, string>, header: SendMessageRequestHeader): void {
  const reconsumeTimes = properties.get(MessageConst.PROPERTY_RECONSUME_TIME);
  if (reconsumeTimes !== undefined) {
    header.reconsumeTimes = Number.parseInt(reconsumeTimes, 10) || 0;
    properties.delete(MessageConst.PROPERTY_RECONSUME_TIME);
  }
  const maxReconsumeTimes = properties.get(MessageConst.PROPERTY_MAX_RECONSUME_TIMES);
  if (maxReconsumeTimes !== undefined) {
    header.maxReconsumeTimes = Number.parseInt(maxReconsumeTimes, 10) || 0;
    properties.delete(MessageConst.PROPERTY_MAX_RECONSUME_TIMES);
  }
}
