import { decodeStoredRecords, MessageConst, type MessageExt } from '@mq/common';
import {
  AckMessageRequestHeader,
  ChangeInvisibleTimeRequestHeader,
  ChangeInvisibleTimeResponseHeader,
  PopMessageRequestHeader,
  PopMessageResponseHeader,
  RemotingCommand,
  RequestCode,
  ResponseCode,
  SendMessageRequestHeader,
  type RemotingClient,
} from '@mq/remoting';

/** What one POP_MESSAGE answered, with each message's POP_CK resolved as the Java client does. */
export interface PopReply {
  code: number;
  header: PopMessageResponseHeader;
  messages: MessageExt[];
}

/** Options of one pop. */
export interface PopOptions {
  queueId?: number;
  maxMsgNums?: number;
  invisibleTime?: number;
  pollTime?: number;
  bornTime?: number;
  order?: boolean;
  expType?: string;
  exp?: string;
  attemptId?: string;
}

/**
 * The remoting POP calls of a Java 5.x `DefaultMQPushConsumer` (MQClientAPIImpl /
 * DefaultMQPushConsumerImpl), reimplemented for tests: extra info built from startOffsetInfo /
 * msgOffsetInfo / orderCountInfo, the retry topic put back for acks (ExtraInfoUtil.getRealTopic).
 */
export class JavaPopClient {
  constructor(
    private readonly client: RemotingClient,
    private readonly brokerAddr: string,
    readonly brokerName: string,
    readonly group: string,
    readonly topic: string,
  ) {}

  async send(body: string, tags = 'TagA', properties = ''): Promise<void> {
    const extFields = SendMessageRequestHeader.encode({
      producerGroup: 'PG',
      topic: this.topic,
      defaultTopic: 'TBW102',
      defaultTopicQueueNums: 4,
      queueId: 0,
      sysFlag: 0,
      bornTimestamp: Date.now(),
      flag: 0,
      properties: `TAGS\u0001${tags}\u0002${properties}`,
    });
    const sent = await this.client.invoke(this.brokerAddr, RemotingCommand.createRequest(RequestCode.SEND_MESSAGE, extFields, Buffer.from(body)), 5000);
    if (sent.code !== ResponseCode.SUCCESS) throw new Error(`send failed: ${sent.code} ${sent.remark}`);
  }

  popRequest(options: PopOptions = {}): RemotingCommand {
    return RemotingCommand.createRequest(
      RequestCode.POP_MESSAGE,
      PopMessageRequestHeader.encode({
        consumerGroup: this.group,
        topic: this.topic,
        queueId: options.queueId ?? -1,
        maxMsgNums: options.maxMsgNums ?? 32,
        invisibleTime: options.invisibleTime ?? 60_000,
        pollTime: options.pollTime ?? 0,
        bornTime: options.bornTime ?? Date.now(),
        initMode: 0,
        expType: options.expType ?? 'TAG',
        exp: options.exp ?? '*',
        order: options.order ?? false,
        attemptId: options.attemptId,
      }),
    );
  }

  async pop(options: PopOptions = {}): Promise<PopReply> {
    const response = await this.client.invoke(this.brokerAddr, this.popRequest(options), 30_000);
    return this.toReply(response, options.order ?? false);
  }

  toReply(response: RemotingCommand, order: boolean): PopReply {
    if (![ResponseCode.SUCCESS, ResponseCode.POLLING_FULL, ResponseCode.POLLING_TIMEOUT].includes(response.code as never)) {
      return { code: response.code, header: PopMessageResponseHeader.decode({}), messages: [] };
    }
    const header = PopMessageResponseHeader.decode(response.extFields);
    if (response.code !== ResponseCode.SUCCESS) return { code: response.code, header, messages: [] };
    const messages = decodeStoredRecords(response.body!);
    const startOffsets = parseInfo(header.startOffsetInfo, Number);
    const msgOffsets = parseInfo(header.msgOffsetInfo, (text) => text.split(',').map(Number));
    const orderCounts = parseInfo(header.orderCountInfo, Number);
    const sorted = sortedOffsets(messages);
    for (const message of messages) {
      if (message.getProperty(MessageConst.PROPERTY_POP_CK) === undefined) {
        const key = `${retryFlagOf(message.topic)}@${message.queueId}`;
        const offset = msgOffsets.get(key)![sorted.get(key)!.indexOf(message.queueOffset)];
        const extraInfo = [startOffsets.get(key), header.popTime, header.invisibleTime, header.reviveQid, retryFlagOf(message.topic), this.brokerName, message.queueId, offset];
        message.putProperty(MessageConst.PROPERTY_POP_CK, extraInfo.join(' '));
        const count = order ? (orderCounts.get(`${retryFlagOf(message.topic)}@qo${message.queueId}%${message.queueOffset}`) ?? orderCounts.get(key)) : undefined;
        if (count !== undefined && count > 0) message.reconsumeTimes = count;
      }
      if (message.getProperty(MessageConst.PROPERTY_FIRST_POP_TIME) === undefined) message.putProperty(MessageConst.PROPERTY_FIRST_POP_TIME, String(header.popTime));
      message.topic = this.topic;
    }
    return { code: response.code, header, messages };
  }

  /** ACK_MESSAGE as DefaultMQPushConsumerImpl.ackAsync sends it. */
  ack(message: MessageExt): Promise<RemotingCommand> {
    return this.client.invoke(this.brokerAddr, RemotingCommand.createRequest(RequestCode.ACK_MESSAGE, AckMessageRequestHeader.encode(this.ackFields(extraInfoOf(message)))), 5000);
  }

  /** CHANGE_MESSAGE_INVISIBLETIME; on SUCCESS the message's POP_CK becomes the new extra info, as AckResult.extraInfo. */
  async changeInvisibleTime(message: MessageExt, invisibleTime: number): Promise<number> {
    const extraInfo = extraInfoOf(message);
    const fields = this.ackFields(extraInfo);
    const request = RemotingCommand.createRequest(RequestCode.CHANGE_MESSAGE_INVISIBLETIME, ChangeInvisibleTimeRequestHeader.encode({ ...fields, invisibleTime }));
    const response = await this.client.invoke(this.brokerAddr, request, 5000);
    if (response.code === ResponseCode.SUCCESS) {
      const header = ChangeInvisibleTimeResponseHeader.decode(response.extFields);
      const next = [fields.offset, header.popTime, header.invisibleTime, header.reviveQid, retryFlagOf(fields.topic), this.brokerName, fields.queueId, fields.offset];
      message.putProperty(MessageConst.PROPERTY_POP_CK, next.join(' '));
    }
    return response.code;
  }

  private ackFields(extraInfo: string[]): AckMessageRequestHeader {
    const retry = extraInfo[4];
    const topic = retry === '1' ? `%RETRY%${this.group}_${this.topic}` : retry === '2' ? `%RETRY%${this.group}+${this.topic}` : this.topic;
    return { consumerGroup: this.group, topic, queueId: Number(extraInfo[6]), offset: Number(extraInfo[7]), extraInfo: extraInfo.join(' '), bname: extraInfo[5] };
  }
}

export function extraInfoOf(message: MessageExt): string[] {
  return message.getProperty(MessageConst.PROPERTY_POP_CK)!.split(' ');
}

/** ExtraInfoUtil.getRetry(topic). */
function retryFlagOf(topic: string): string {
  if (topic.startsWith('%RETRY%') && topic.includes('+')) return '2';
  return topic.startsWith('%RETRY%') ? '1' : '0';
}

function parseInfo<T>(text: string | undefined, value: (text: string) => T): Map<string, T> {
  const map = new Map<string, T>();
  if (!text) return map;
  for (const entry of text.split(';')) {
    const [flag, key, rest] = entry.split(' ');
    map.set(`${flag}@${key}`, value(rest));
  }
  return map;
}

/** MQClientAPIImpl.buildQueueOffsetSortedMap: the retry flag comes from POP_CK when the broker set it. */
function sortedOffsets(messages: readonly MessageExt[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  for (const message of messages) {
    const popCk = message.getProperty(MessageConst.PROPERTY_POP_CK);
    const key = `${popCk ? popCk.split(' ')[4] : retryFlagOf(message.topic)}@${message.queueId}`;
    if (!map.has(key)) map.set(key, []);
    map.get(key)!.push(message.queueOffset);
  }
  return map;
}
